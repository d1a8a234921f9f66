package feed

import (
	"bytes"
	"errors"
	"net/http"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// errUnavailable is returned when the store cannot be read and nothing has
// been rendered yet: a feed reader should come back later rather than
// receive an error inside a feed.
var errUnavailable = errors.New("store unavailable")

// kindStatus is the one table from error kinds to HTTP statuses; any kind
// not listed, and any error without a kind, is a 500.
var kindStatus = map[bulletinfeed.Kind]int{
	bulletinfeed.Invalid:     http.StatusBadRequest,
	bulletinfeed.NotFound:    http.StatusNotFound,
	bulletinfeed.Conflict:    http.StatusConflict,
	bulletinfeed.Unavailable: http.StatusServiceUnavailable,
	bulletinfeed.Gone:        http.StatusGone,
}

// statusOf returns the HTTP status of an error.
func statusOf(err error) int {
	switch {
	case errors.Is(err, errUnavailable):
		return http.StatusServiceUnavailable
	case errors.Is(err, errMethod):
		return http.StatusMethodNotAllowed
	}
	if st, ok := kindStatus[bulletinfeed.KindOf(err)]; ok {
		return st
	}
	return http.StatusInternalServerError
}

// errorMessages are shown on error pages; internal details never are.
var errorMessages = map[int]string{
	http.StatusBadRequest:          "Bad request.",
	http.StatusNotFound:            "Not found.",
	http.StatusMethodNotAllowed:    "Method not allowed: use GET or HEAD.",
	http.StatusConflict:            "Conflict.",
	http.StatusGone:                "Gone: this was published and has been removed.",
	http.StatusInternalServerError: "Internal error.",
	http.StatusServiceUnavailable:  "The feeds are not available yet. Try again shortly.",
}

func notFoundMessage(lang string) string {
	if len(lang) >= 2 && lang[:2] == "zh" {
		return "未找到该页面。Not found."
	}
	return errorMessages[http.StatusNotFound]
}

// newErrorPages returns the error responses used before a publication is
// known, in a neutral language, linking to homeHref, the site's root.
func newErrorPages(homeHref string) map[int]*resource {
	m := map[int]*resource{}
	for status, msg := range errorMessages {
		m[status] = plainErrorPage(homeHref, status, msg)
	}
	return m
}

func plainErrorPage(homeHref string, status int, message string) *resource {
	var b bytes.Buffer
	if err := writePlainErrorPage(&b, homeHref, status, message); err != nil {
		panic(err) // the template and its data are ours
	}
	return newResource(status, routeOther, typeHTML, b.Bytes(), time.Time{}, hdrNoCache)
}

// writeError answers a request with the status of err and a small HTML
// page. Internal errors are logged, not shown; the message of an invalid
// request is, since it tells the client what to change.
func (s *Handler) writeError(w http.ResponseWriter, r *http.Request, route string, err error, site *Site) {
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.log.Error("request failed", "path", r.URL.Path, "err", err)
	}
	res := s.errorPages[status]
	var e *bulletinfeed.Error
	switch {
	case status == http.StatusNotFound && site != nil:
		res = site.notFound
	case status == http.StatusBadRequest && errors.As(err, &e) && e.Message != "":
		res = plainErrorPage(s.base.escaped+"/", status, e.Message)
	}
	h := w.Header()
	switch status {
	case http.StatusServiceUnavailable:
		h["Retry-After"] = hdrRetry
	case http.StatusMethodNotAllowed:
		h["Allow"] = hdrAllow
	}
	h["Content-Type"] = res.contentType
	h["Content-Length"] = res.length
	h["Cache-Control"] = hdrNoCache
	w.WriteHeader(status)
	n := 0
	if r.Method != http.MethodHead {
		n, _ = w.Write(res.body)
	}
	s.metrics.count(route, status, n)
}

// errMethod is the error of a request method other than GET and HEAD.
var errMethod = errors.New("method not allowed")
