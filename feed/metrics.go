package feed

import (
	"net/http"
	"strconv"

	"github.com/prometheus/client_golang/prometheus"
)

// knownRoutes are every label of the handler: each publication route at
// the root and under /{pub}, the shared ones, and routeOther. The routes
// the server answers beside it have theirs through Handler.Counter.
var knownRoutes = func() []string {
	var rs []string
	for _, r := range pubRoutes {
		rs = append(rs, r.label, r.pubLabel)
	}
	for _, r := range sharedRoutes {
		rs = append(rs, r.label)
	}
	return append(rs, routeOther)
}()

// goneRoutes are the labels of pages that may answer 410 Gone, and
// routeOther, the fallback.
var goneRoutes = []string{routeIssue.label, routeIssue.pubLabel, routeArticle.label, routeArticle.pubLabel, routeOther}

// metrics are the handler's Prometheus collectors. It registers them
// nowhere: the server that mounts it puts them in the process's registry
// (Handler.Collectors), so that two handlers in one process (tests) do not
// collide.
type metrics struct {
	// all is every collector, for Handler.Collectors.
	all           []prometheus.Collector
	requests      *prometheus.CounterVec
	bytes         *prometheus.CounterVec
	renderSeconds prometheus.Histogram
	renderErrors  prometheus.Counter
	// renderFailedPaths is the number of paths of the served site whose
	// render failed (answered 500).
	renderFailedPaths prometheus.Gauge
	// storeHealthy is 1 while the last store check succeeded.
	storeHealthy prometheus.Gauge
	version      prometheus.Gauge
	// rendered counts the resources in memory refreshes rendered;
	// pageRenders times the pages rendered on request.
	rendered    prometheus.Counter
	pageRenders prometheus.Histogram
	// routes holds the counters of each label for 200, and gone those
	// of the labels that may answer 410.
	routes, gone map[string]*routeMetrics
}

// routeMetrics are a route's counters for the statuses of the hot path,
// resolved once so that counting a request is an atomic add rather than a
// label lookup. ok counts the status of the prepared response: 200, or
// 410 for a gone page.
type routeMetrics struct {
	ok, notModified prometheus.Counter
	bytes           prometheus.Counter
}

func newMetrics(cache *pageCache) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_http_requests_total",
			Help: "HTTP requests answered, by route pattern and status.",
		}, []string{"route", "status"}),
		bytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_http_response_bytes_total",
			Help: "Response body bytes written, by route pattern (compressed size when gzipped).",
		}, []string{"route"}),
		renderSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "bulletinfeed_render_seconds",
			Help:    "Time of a refresh after a store change, which renders what changed.",
			Buckets: prometheus.ExponentialBuckets(0.005, 2, 12),
		}),
		renderErrors: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "bulletinfeed_refresh_errors_total",
			Help: "Refreshes that failed to read the store or to render.",
		}),
		renderFailedPaths: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "bulletinfeed_render_failed_paths",
			Help: "Paths of the served site whose render failed; they answer 500.",
		}),
		storeHealthy: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "bulletinfeed_store_healthy",
			Help: "1 while the last check of the store succeeded, else 0.",
		}),
		version: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "bulletinfeed_store_version",
			Help: "Store version of the site being served.",
		}),
		rendered: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "bulletinfeed_refresh_rendered_total",
			Help: "Resources held in memory that refreshes rendered.",
		}),
		pageRenders: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "bulletinfeed_page_render_seconds",
			Help:    "Time to read and render a page rendered on request, at a miss of the page cache.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 12),
		}),
		routes: map[string]*routeMetrics{},
		gone:   map[string]*routeMetrics{},
	}
	m.all = append([]prometheus.Collector{m.requests, m.bytes, m.renderSeconds, m.renderErrors, m.renderFailedPaths, m.storeHealthy, m.version,
		m.rendered, m.pageRenders}, cacheCollectors(cache)...)
	for _, r := range knownRoutes {
		m.routes[r] = m.newRoute(r)
	}
	for _, r := range goneRoutes {
		m.gone[r] = &routeMetrics{
			ok:          m.requests.WithLabelValues(r, "410"),
			notModified: m.requests.WithLabelValues(r, "304"),
			bytes:       m.bytes.WithLabelValues(r),
		}
	}
	return m
}

// newRoute returns the counters of a route label, its series made at
// once so that they show from the start.
func (m *metrics) newRoute(label string) *routeMetrics {
	return &routeMetrics{
		ok:          m.requests.WithLabelValues(label, "200"),
		notModified: m.requests.WithLabelValues(label, "304"),
		bytes:       m.bytes.WithLabelValues(label),
	}
}

// resource returns the counters of a prepared response.
func (m *metrics) resource(res *resource) *routeMetrics {
	if res.status == http.StatusGone {
		if rm, ok := m.gone[res.route]; ok {
			return rm
		}
		return m.gone[routeOther]
	}
	return m.route(res.route)
}

// route returns the counters of a route label.
func (m *metrics) route(name string) *routeMetrics {
	if rm, ok := m.routes[name]; ok {
		return rm
	}
	return m.routes[routeOther]
}

// count records a response off the hot path.
func (m *metrics) count(route string, status, n int) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	if n > 0 {
		m.route(route).bytes.Add(float64(n))
	}
}

// cacheCollectors expose the page cache's counters.
func cacheCollectors(c *pageCache) []prometheus.Collector {
	counter := func(name, help string, v func(cacheStats) float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return v(c.stats()) })
	}
	gauge := func(name, help string, v func(cacheStats) float64) prometheus.Collector {
		return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 { return v(c.stats()) })
	}
	return []prometheus.Collector{
		counter("bulletinfeed_page_cache_hits_total", "Pages rendered on request served from the page cache.", func(s cacheStats) float64 { return float64(s.hits) }),
		counter("bulletinfeed_page_cache_misses_total", "Pages rendered on request that the page cache lacked or held in an older version.", func(s cacheStats) float64 { return float64(s.misses) }),
		counter("bulletinfeed_page_cache_evictions_total", "Pages dropped from the page cache to stay within its size.", func(s cacheStats) float64 { return float64(s.evictions) }),
		gauge("bulletinfeed_page_cache_bytes", "Bytes of the pages in the page cache, plain and gzip.", func(s cacheStats) float64 { return float64(s.bytes) }),
		gauge("bulletinfeed_page_cache_entries", "Pages in the page cache.", func(s cacheStats) float64 { return float64(s.entries) }),
	}
}

// Collectors returns the handler's Prometheus collectors (requests and
// bytes by route, refreshes, the store's health and version, the page
// cache), for the registry of the server that mounts it.
func (s *Handler) Collectors() []prometheus.Collector { return s.metrics.all }

// RouteCounter counts the answers of a route that the server mounting
// the handler answers itself (/healthz, /metrics), in the handler's
// request metrics, so that one metric counts every answer of the process.
type RouteCounter struct {
	m     *metrics
	label string
	rm    *routeMetrics
}

// Counter returns the counter of a route the handler does not serve,
// labelled label (its pattern); its series show from the call on.
func (s *Handler) Counter(label string) *RouteCounter {
	return &RouteCounter{m: s.metrics, label: label, rm: s.metrics.newRoute(label)}
}

// Count records an answer of the route: its status and body bytes.
func (c *RouteCounter) Count(status, bytes int) {
	if status == http.StatusOK {
		c.rm.ok.Inc()
	} else {
		c.m.requests.WithLabelValues(c.label, strconv.Itoa(status)).Inc()
	}
	if bytes > 0 {
		c.rm.bytes.Add(float64(bytes))
	}
}
