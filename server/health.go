package server

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

var (
	hdrTextPlain = []string{"text/plain; charset=utf-8"}
	hdrNoCache   = []string{"no-cache"}
	// hdrRetry is the Retry-After of a failing /healthz, that of the
	// site's 503 pages.
	hdrRetry = []string{"30"}
)

// serveHealth answers 200 "ok" while a site is served and the store's last
// check succeeded; otherwise 503 with a line per fault. Feeds go on being
// served from memory meanwhile: the status is for the operator and the
// orchestrator, which should know that new issues cannot appear. The
// store's error is shown to private networks only, since it may name hosts
// and users; others read that the store is unavailable and since when.
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	health := s.feed.Health()
	private := s.private(r)
	var faults []string
	if !health.Rendered {
		faults = append(faults, "no site rendered yet")
	}
	if health.StoreErr != nil {
		msg := "store: unavailable since " + health.StoreSince.UTC().Format(time.RFC3339)
		if private {
			msg += ": " + strings.ReplaceAll(bulletinfeed.Redact(health.StoreErr.Error()), "\n", " ")
		}
		faults = append(faults, msg)
	}
	if s.cfg.HealthFaults != nil {
		faults = append(faults, s.cfg.HealthFaults(private)...)
	}
	status := http.StatusOK
	body := "ok\n"
	if len(faults) > 0 {
		status = http.StatusServiceUnavailable
		body = strings.Join(faults, "\n") + "\n"
		w.Header()["Retry-After"] = hdrRetry
	} else if n := health.FailedPaths; n > 0 {
		body += fmt.Sprintf("render: %d paths failed and answer 500\n", n)
	}
	if status == http.StatusOK && s.cfg.HealthNotes != nil {
		for _, line := range s.cfg.HealthNotes(private) {
			body += line + "\n"
		}
	}
	h := w.Header()
	h["Content-Type"] = hdrTextPlain
	h["Cache-Control"] = hdrNoCache
	w.WriteHeader(status)
	n := 0
	if r.Method != http.MethodHead {
		n, _ = io.WriteString(w, body)
	}
	s.counters[routeHealthz].Count(status, n)
}
