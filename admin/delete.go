package admin

import (
	"fmt"
	"net/http"
	"net/url"

	"github.com/bulletinfeed/bulletinfeed"
)

type deletePage struct {
	Pub       *Publication
	Key       string
	DeleteURL string
	IssuesURL string
}

// deleteForm asks to confirm the deletion of an issue: a link alone
// must never delete.
func (h *Handler) deleteForm(w http.ResponseWriter, r *http.Request, c *call) error {
	key := r.PathValue("key")
	h.render(w, r, http.StatusOK, "delete", c, &deletePage{Pub: c.pub, Key: key,
		DeleteURL: routeDelete.path(h.base, c.pub.ID, key), IssuesURL: routeIssues.path(h.base, c.pub.ID)})
	return nil
}

// delete removes an issue, published or scheduled, through the store's
// DeleteIssue as issues delete does: its pages then answer 410 Gone.
func (h *Handler) delete(w http.ResponseWriter, r *http.Request, c *call) error {
	key := r.PathValue("key")
	n, err := c.st.DeleteIssue(r.Context(), c.pub.ID, key)
	if err != nil {
		return err
	}
	h.changed()
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditDelete, Publication: c.pub.ID, Issue: key, Detail: fmt.Sprintf("%d articles", n)})
	h.redirect(w, r, routeIssues.path(h.base, c.pub.ID)+"?done=deleted&key="+url.QueryEscape(key))
	return nil
}
