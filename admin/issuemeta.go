package admin

import (
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// meta changes an issue's key and date. The change is kept as the
// issue's correction, under the key the parser gives its files, so that
// every later file of the issue is stored under the new key and date;
// the stored issue is renamed (its articles keep their ids and
// addresses, the old key's page answers 410) and revised with the date.
func (h *Handler) meta(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	key := r.PathValue("key")
	iss, err := c.st.Issue(ctx, c.pub.ID, key)
	if err != nil {
		return err
	}
	newKey := strings.TrimSpace(r.PostFormValue("key"))
	if err := bulletinfeed.CheckKey(newKey); err != nil {
		return err
	}
	day := iss.Date.In(c.loc).Format(time.DateOnly)
	newDay := strings.TrimSpace(r.PostFormValue("date"))
	date, err := time.ParseInLocation(time.DateOnly, newDay, c.loc)
	if err != nil {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "a date is written 2024-09-20, not %q", newDay)
	}
	if err := bulletinfeed.CheckDate(date); err != nil {
		return err
	}
	back := routeIssue.path(h.base, c.pub.ID, key)
	if newKey == key && newDay == day {
		h.redirect(w, r, back)
		return nil
	}
	ic, err := c.st.IssueCorrectionOf(ctx, c.pub.ID, key)
	if err != nil {
		return err
	}
	if ic == nil {
		ic = &bulletinfeed.IssueCorrection{Publication: c.pub.ID, Issue: key}
	}
	var what []string
	if newKey != key {
		// The rename first: it refuses a key another issue has, which
		// the correction must then not send later files to.
		if err := c.st.RenameIssue(ctx, c.pub.ID, key, newKey); err != nil {
			return err
		}
		ic.Key = newKey
		if newKey == ic.Issue {
			ic.Key = "" // back as parsed
		}
		what = append(what, fmt.Sprintf("key %q → %q", key, newKey))
	}
	if newDay != day {
		ic.Date = date
		what = append(what, fmt.Sprintf("date %s → %s", day, newDay))
	}
	ic.By, ic.At = c.user.Name, h.cfg.Now()
	if err := c.st.PutIssueCorrection(ctx, ic); err != nil {
		return err
	}
	if newDay != day {
		iss.Key, iss.Date = newKey, date
		// Force: the same bytes and articles under another date are
		// otherwise unchanged to the store.
		if _, err := c.st.IngestWith(ctx, c.pub.ID, iss, store.IngestOptions{Revise: true, Force: true}); err != nil {
			return err
		}
	}
	h.changed()
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditCorrect, Publication: c.pub.ID, Issue: newKey, Detail: strings.Join(what, "; ")})
	h.redirect(w, r, routeIssue.path(h.base, c.pub.ID, newKey)+"?done=corrected")
	return nil
}
