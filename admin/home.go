package admin

import (
	"net/http"
)

type homePage struct {
	Publications []pubLink
}

type pubLink struct {
	ID, Title, URL string
}

// home lists the publications the user may edit.
func (h *Handler) home(w http.ResponseWriter, r *http.Request, c *call) error {
	var p homePage
	for _, pub := range h.cfg.Publications {
		if c.user.MayEdit(pub.ID) {
			p.Publications = append(p.Publications, pubLink{ID: pub.ID, Title: pub.Title, URL: routeIssues.path(h.base, pub.ID)})
		}
	}
	h.render(w, r, http.StatusOK, "home", c, &p)
	return nil
}
