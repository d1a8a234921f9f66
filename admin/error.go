package admin

import (
	"errors"
	"net/http"

	"github.com/bulletinfeed/bulletinfeed"
)

// kindStatus is the console's one table from error kinds to HTTP
// statuses; any other kind, and an error without one, is a 500.
var kindStatus = map[bulletinfeed.Kind]int{
	bulletinfeed.Invalid:     http.StatusBadRequest,
	bulletinfeed.NotFound:    http.StatusNotFound,
	bulletinfeed.Conflict:    http.StatusConflict,
	bulletinfeed.Forbidden:   http.StatusForbidden,
	bulletinfeed.Unavailable: http.StatusServiceUnavailable,
}

// statusOf returns the HTTP status of an error.
func statusOf(err error) int {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return http.StatusRequestEntityTooLarge
	}
	if st, ok := kindStatus[bulletinfeed.KindOf(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// errForbidden is what an editor gets for another publication's pages.
var errForbidden = bulletinfeed.Errorf(bulletinfeed.Forbidden, "this publication is not yours to see or change")

// writeError answers with the error page of err: its message when it
// has a kind (the message is then safe to show), else only the status,
// with the details in the log.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	st := statusOf(err)
	msg := ""
	if st == http.StatusInternalServerError {
		h.log.Error("console request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	} else {
		msg = err.Error()
		var e *bulletinfeed.Error
		if errors.As(err, &e) && e.Message != "" {
			// The cause (a driver's or net/http's words) stays in the
			// log; the message is what was meant for the user.
			msg = e.Message
		}
	}
	h.render(w, r, st, "error", nil, &errorPage{Status: st, StatusText: http.StatusText(st), Message: msg})
}

type errorPage struct {
	Status     int
	StatusText string
	Message    string
}
