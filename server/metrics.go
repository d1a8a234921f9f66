package server

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// newRegistry returns the process's registry, holding the collectors of
// feed's handler h and the Go runtime's and the process's, and its
// handler. It is the server's own, not the default registry, so that two
// servers in one process (tests) do not collide.
func newRegistry(h *feed.Handler) (*prometheus.Registry, http.Handler) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	reg.MustRegister(h.Collectors()...)
	return reg, promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
}

// Registerer is where the process's metrics are registered, for others
// served beside the site's on /metrics (the worker's sources, the hub).
func (s *Server) Registerer() prometheus.Registerer { return s.reg }

// serveMetrics serves the metrics on the site's address. They show
// versions, memory and traffic: only for the operator's networks, and not
// at all there when they have an address of their own.
func (s *Server) serveMetrics(w http.ResponseWriter, r *http.Request) {
	if s.cfg.MetricsAddr != "" || !s.private(r) {
		s.feed.ServeError(w, r, bulletinfeed.Errorf(bulletinfeed.NotFound, "no page at %s", r.URL.Path))
		return
	}
	s.counters[routeMetrics].Count(http.StatusOK, 0)
	s.promh.ServeHTTP(w, r)
}

// MetricsHandler serves the metrics at /metrics and nothing else, for the
// address of their own (Config.MetricsAddr) that Open binds.
func (s *Server) MetricsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		feed.SetSecurityHeaders(w.Header())
		if r.URL.Path != routeMetrics {
			http.NotFound(w, r)
			return
		}
		s.counters[routeMetrics].Count(http.StatusOK, 0)
		s.promh.ServeHTTP(w, r)
	})
}
