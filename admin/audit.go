package admin

import (
	"net/http"
	"strconv"

	"github.com/bulletinfeed/bulletinfeed/store"
)

// auditPerPage is the length of a page of the audit log.
const auditPerPage = 100

type auditPage struct {
	Entries []auditRow
	Prev    string
	Next    string
}

type auditRow struct {
	At, User, Action, Publication, Issue, Detail string
}

// audit shows the audit log, newest first: all of it to an admin, to an
// editor the entries of its publications and its own.
func (h *Handler) audit(w http.ResponseWriter, r *http.Request, c *call) error {
	page, _ := strconv.Atoi(r.URL.Query().Get("page"))
	page = max(page, 1)
	q := store.AuditQuery{Offset: (page - 1) * auditPerPage, Limit: auditPerPage + 1}
	if !c.user.Admin {
		q.Publications, q.User = append([]string{}, c.user.Publications...), c.user.Name
	}
	entries, err := c.st.Audit(r.Context(), q)
	if err != nil {
		return err
	}
	var p auditPage
	// One more than a page was asked for, to know whether there is a next.
	if len(entries) > auditPerPage {
		entries = entries[:auditPerPage]
		p.Next = routeAudit.path(h.base) + "?page=" + strconv.Itoa(page+1)
	}
	if page > 1 {
		p.Prev = routeAudit.path(h.base) + "?page=" + strconv.Itoa(page-1)
	}
	for _, e := range entries {
		p.Entries = append(p.Entries, auditRow{At: e.At.UTC().Format("2006-01-02 15:04:05 UTC"), User: e.User, Action: e.Action,
			Publication: e.Publication, Issue: e.Issue, Detail: e.Detail})
	}
	h.render(w, r, http.StatusOK, "audit", c, &p)
	return nil
}
