package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Server serves a site over HTTP and refreshes it when the store's
// version changes. What readers poll is answered from memory: a map
// lookup and a write of prepared bytes. Every other page is rendered from
// the store on request and kept in a bounded cache; its entity tag comes
// from a cheap read of the store, so a conditional request is answered
// without rendering it.
type Server struct {
	store   Store
	cfg     Config
	log     *slog.Logger
	metrics *metrics
	promh   http.Handler
	cache   *pageCache
	// base is the path of the base URL, stripped from requests that
	// carry it.
	base       basePath
	errorPages map[int]*resource

	site      atomic.Pointer[Site]
	refreshMu sync.Mutex  // one render at a time
	releasing atomic.Bool // a collection after a render runs (release.go)
	media     mediaLive
	// fault is the store's last failure, nil while its last check
	// succeeded; /healthz reports it.
	fault atomic.Pointer[storeFault]
	// nextRelease is when the next embargoed issue is released (Unix
	// nanoseconds, 0: none known). No response may be cached past it.
	nextRelease atomic.Int64
	// ttlHeader is the Cache-Control of what may change (max-age of the
	// TTL): the responses whose max-age a release shortens. capped is
	// the shortened header of the current second, made once for all the
	// requests of that second.
	ttlHeader string
	capped    atomic.Pointer[cappedHeader]

	http *http.Server
	ln   net.Listener
	done chan struct{} // closed when Serve returns
}

// Timeouts of the HTTP server, so a slow or idle client cannot hold a
// connection.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 120 * time.Second
)

// NewServer returns a server of the publications of cfg in st, rendered
// as Render does. It serves 503 until the first successful Refresh.
func NewServer(st Store, cfg Config) *Server {
	cfg = cfg.withDefaults()
	base := basePathOf(cfg.BaseURL)
	s := &Server{store: st, cfg: cfg, log: cfg.Log, cache: newPageCache(cfg.CacheBytes), base: base, errorPages: newErrorPages(base.escaped + "/")}
	if cfg.TTL > 0 {
		s.ttlHeader = cacheControl(cfg.TTL)[0]
	}
	s.metrics = newMetrics(s.cache)
	s.promh = promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})
	return s
}

// Refresh renders again what changed if the store's version differs from
// the one being served, and swaps the new site in: what did not change
// keeps its bytes and its entity tag. On failure the site being served,
// if any, stays.
func (s *Server) Refresh(ctx context.Context) error {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	v, err := s.store.Version(ctx)
	if err != nil {
		s.metrics.renderErrors.Inc()
		err = fmt.Errorf("check store version: %w", err)
		s.setFault(err)
		return err
	}
	cur := s.site.Load()
	if cur != nil && cur.Version == v {
		s.setFault(nil)
		return nil
	}
	if err := checkConfig(s.cfg); err != nil {
		return err
	}
	site, err := refresh(ctx, s.store, s.cfg, cur)
	if err != nil {
		s.metrics.renderErrors.Inc()
		s.setFault(err)
		return err
	}
	s.setFault(nil)
	for _, res := range site.resources {
		if res.metrics == nil {
			res.metrics = s.metrics.resource(res)
		}
	}
	for _, res := range site.gone {
		if res.metrics == nil {
			res.metrics = s.metrics.resource(res)
		}
	}
	if site.notFound.metrics == nil {
		site.notFound.metrics = s.metrics.route(routeOther)
	}
	s.releaseRender(cur == nil)
	s.site.Store(site)
	s.metrics.renderSeconds.Observe(site.Duration.Seconds())
	s.metrics.version.Set(float64(site.Version))
	s.metrics.renderFailedPaths.Set(float64(len(site.failed)))
	s.metrics.rendered.Add(float64(len(site.rendered)))
	s.log.Info("rendered site", "version", site.Version, "rendered", len(site.rendered), "resources", len(site.resources), "failed", len(site.failed), "duration", site.Duration)
	s.compareArchives(ctx, site, cur)
	return nil
}

// storeFault is a failure to read the store and when failures began.
type storeFault struct {
	err   error
	since time.Time
}

// setFault records the outcome of a store read: err, or nil for success.
// The time of the first failure of a run is kept.
func (s *Server) setFault(err error) {
	if err == nil {
		if s.fault.Swap(nil) != nil {
			s.log.Info("store readable again")
		}
		s.metrics.storeHealthy.Set(1)
		return
	}
	f := &storeFault{err: err, since: time.Now()}
	if old := s.fault.Load(); old != nil {
		f.since = old.since
	}
	s.fault.Store(f)
	s.metrics.storeHealthy.Set(0)
}

// Site returns the site being served, or nil before the first render.
func (s *Server) Site() *Site { return s.site.Load() }

// ServeHTTP answers GET and HEAD from the site. A path under the base
// URL's path is served as the same path without it, so the server works
// behind a proxy that strips the prefix and one that does not.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Admin != nil {
		if p := s.base.strip(r.URL.Path); p == routeAdmin.pattern || strings.HasPrefix(p, routeAdmin.pattern+"/") {
			// The console sets its own headers: it posts forms, which
			// the public pages' policy forbids.
			s.serveAdmin(w, r, p)
			return
		}
	}
	setSecurityHeaders(w.Header())
	if s.cfg.Hub != nil && s.base.strip(r.URL.Path) == routeWebSub.pattern {
		// The hub takes POSTs and answers for itself.
		s.cfg.Hub.ServeHTTP(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.writeError(w, r, routeOther, errMethod, s.site.Load())
		return
	}
	site := s.site.Load()
	path := s.base.strip(r.URL.Path)
	if r.URL.RawQuery != "" && strings.HasSuffix(path, routeOPML.pattern) {
		p, err := opmlQuery(path, r.URL.Query())
		if err != nil {
			s.writeError(w, r, routeOther, err, site)
			return
		}
		path = p
	}
	if site != nil {
		if res := site.resources[path]; res != nil {
			s.serveResource(w, r, res)
			return
		}
		if err := site.failed[path]; err != nil {
			s.writeError(w, r, routeOther, err, site)
			return
		}
	}
	if s.serveMedia(w, r, path, site) {
		return
	}
	switch path {
	case routeHealthz.pattern:
		s.serveHealth(w, r, site)
		return
	case routeMetricsPath.pattern:
		// Metrics show versions, memory and traffic: only for the
		// operator's networks, and not at all here when they have an
		// address of their own.
		if s.cfg.MetricsElsewhere || !s.private(r) {
			s.writeError(w, r, routeOther, bulletinfeed.Errorf(bulletinfeed.NotFound, "no page at %s", r.URL.Path), site)
			return
		}
		s.metrics.route(routeMetricsPath.label).ok.Inc()
		s.promh.ServeHTTP(w, r)
		return
	}
	if site == nil {
		s.writeError(w, r, routeOther, errUnavailable, nil)
		return
	}
	if to, label, ok := site.redirectOf(path); ok {
		http.Redirect(w, r, s.base.escaped+escape(to), http.StatusMovedPermanently)
		s.metrics.count(label, http.StatusMovedPermanently, 0)
		return
	}
	// A page rendered on request and cached while the store has not
	// changed since: served as a feed is, with no more work.
	if res := s.cache.current(path, site.Version); res != nil {
		s.serveResource(w, r, res)
		return
	}
	if c := site.coldPage(path); c != nil {
		s.serveCold(w, r, site, c)
		return
	}
	// A static build is reached at /sections/x/ after a web server's
	// redirect; send such links back to the canonical form, and /{id}
	// on to the index at /{id}/.
	p := path
	switch {
	case len(p) > 1 && p[len(p)-1] == '/' && site.has(p[:len(p)-1]):
		s.redirect(w, r, p[:len(p)-1])
	case p != "" && p[len(p)-1] != '/' && site.resources[p+"/"] != nil:
		s.redirect(w, r, p+"/")
	default:
		s.writeError(w, r, routeOther, bulletinfeed.Errorf(bulletinfeed.NotFound, "no page at %s", r.URL.Path), site)
	}
}

// has reports whether path may be a page of the site: one in memory or
// one of a route rendered on request.
func (site *Site) has(path string) bool {
	return site.resources[path] != nil || site.coldPage(path) != nil
}

// redirectOf returns where a redirecting route sends path (a feed of
// the same publication) and the route's label.
func (site *Site) redirectOf(path string) (to, label string, ok bool) {
	s, rest := site.publicationOf(path)
	if s == nil {
		return "", "", false
	}
	rt, _, ok := matchRoute(rest)
	if !ok || rt.redirect == nil {
		return "", "", false
	}
	return rt.redirect.path(s.prefix, AllSlug), rt.labelFor(s.prefix), true
}

// redirect sends a client permanently to the site's path p.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, p string) {
	http.Redirect(w, r, s.base.escaped+escape(p), http.StatusMovedPermanently)
	s.metrics.count(routeOther, http.StatusMovedPermanently, 0)
}

// serveResource writes a prepared response, or 304 when the client's copy
// is current. This is the hot path: headers are assigned from prepared
// slices and nothing is formatted.
func (s *Server) serveResource(w http.ResponseWriter, r *http.Request, res *resource) {
	gz := res.gz != nil && acceptsGzip(r.Header["Accept-Encoding"])
	if s.answerNotModified(w, r, res, gz) {
		return
	}
	h := w.Header()
	h["Content-Type"] = res.contentType
	if res.link != nil {
		h["Link"] = res.link
	}
	body := res.body
	if gz {
		h["Content-Encoding"] = hdrGzip
		h["Content-Length"] = res.lengthGz
		body = res.gz
	} else {
		h["Content-Length"] = res.length
	}
	w.WriteHeader(res.status)
	res.metrics.ok.Inc()
	if r.Method == http.MethodHead {
		return
	}
	if !gz && body == nil {
		body = res.plain() // a cached page keeps only its gzip bytes
	}
	n := writeBody(w, r, body)
	res.metrics.bytes.Add(float64(n))
}

// answerNotModified sets the validators and caching headers of res and,
// when the client's copy is current, answers 304 and reports true.
func (s *Server) answerNotModified(w http.ResponseWriter, r *http.Request, res *resource, gz bool) bool {
	h := w.Header()
	// Validators belong to a 200: a server ignores preconditions when its
	// answer would not be a success (RFC 9110 13.2.1), as for a 410.
	ok := res.status == http.StatusOK
	switch {
	case !ok:
	case gz:
		h["Etag"] = res.etagGz
	default:
		h["Etag"] = res.etag
	}
	if res.lastModified != nil {
		h["Last-Modified"] = res.lastModified
	}
	h["Cache-Control"] = s.cacheControlOf(res)
	h["Vary"] = hdrVary
	if ok && notModified(r.Header, res) {
		w.WriteHeader(http.StatusNotModified)
		res.metrics.notModified.Inc()
		return true
	}
	return false
}

var hdrTextPlain = []string{typeText}

// SetNextRelease tells the server when the next embargoed issue will be
// released (zero: none is scheduled). Until then no response says it may
// be cached past that time, so that readers see the issue when it
// appears, not a max-age later. What never changes is not affected.
func (s *Server) SetNextRelease(t time.Time) {
	if t.IsZero() {
		s.nextRelease.Store(0)
		return
	}
	s.nextRelease.Store(t.UnixNano())
}

// cappedHeader is a shortened Cache-Control, made at second sec for the
// release at next (Unix nanoseconds).
type cappedHeader struct {
	sec, next int64
	header    []string
}

// cacheControlOf returns the Cache-Control of res, its max-age shortened
// to the time left before the next release when that is sooner. Only
// what is cached for the TTL is shortened: complete archive pages and
// what is never cached keep their headers.
func (s *Server) cacheControlOf(res *resource) []string {
	next := s.nextRelease.Load()
	if next == 0 || s.ttlHeader == "" || len(res.cacheControl) == 0 || res.cacheControl[0] != s.ttlHeader {
		return res.cacheControl
	}
	now := time.Now()
	left := time.Unix(0, next).Sub(now)
	if left >= s.cfg.TTL {
		return res.cacheControl
	}
	sec := now.Unix()
	if c := s.capped.Load(); c != nil && c.sec == sec && c.next == next {
		return c.header
	}
	// A second at least: max-age=0 would make every reader revalidate
	// each request in the last moment, and a release a second late is
	// still within the two seconds allowed.
	c := &cappedHeader{sec: sec, next: next, header: cacheControl(max(left.Truncate(time.Second), time.Second))}
	s.capped.Store(c)
	return c.header
}

// serveHealth answers 200 "ok" while a site is served and the store's last
// check succeeded; otherwise 503 with a line per fault. Feeds go on being
// served from memory meanwhile: the status is for the operator and the
// orchestrator, which should know that new issues cannot appear. The
// store's error is shown to private networks only, since it may name hosts
// and users; others read that the store is unavailable and since when.
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request, site *Site) {
	var faults []string
	if site == nil {
		faults = append(faults, "no site rendered yet")
	}
	if f := s.fault.Load(); f != nil {
		msg := "store: unavailable since " + f.since.UTC().Format(time.RFC3339)
		if s.private(r) {
			msg += ": " + strings.ReplaceAll(bulletinfeed.Redact(f.err.Error()), "\n", " ")
		}
		faults = append(faults, msg)
	}
	if s.cfg.HealthFaults != nil {
		faults = append(faults, s.cfg.HealthFaults(s.private(r))...)
	}
	status := http.StatusOK
	body := "ok\n"
	if len(faults) > 0 {
		status = http.StatusServiceUnavailable
		body = strings.Join(faults, "\n") + "\n"
		w.Header()["Retry-After"] = hdrRetry
	} else if n := len(site.failed); n > 0 {
		body += fmt.Sprintf("render: %d paths failed and answer 500\n", n)
	}
	if status == http.StatusOK && s.cfg.HealthNotes != nil {
		for _, line := range s.cfg.HealthNotes(s.private(r)) {
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
	s.metrics.count(routeHealthz.label, status, n)
}

// MetricsHandler serves the Prometheus metrics, for a listener of their
// own (Config.MetricsElsewhere).
func (s *Server) MetricsHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setSecurityHeaders(w.Header())
		if r.URL.Path != routeMetricsPath.pattern {
			http.NotFound(w, r)
			return
		}
		s.metrics.route(routeMetricsPath.label).ok.Inc()
		s.promh.ServeHTTP(w, r)
	})
}

// Open binds addr, so that a taken port fails before anything else
// starts, and serves in the background until Close.
func (s *Server) Open(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	s.ln = newCorkListener(ln)
	var h http.Handler = s
	if s.cfg.AccessLog {
		h = accessLog(s, s.log)
	}
	s.http = &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ConnContext:       corkContext,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		if err := s.http.Serve(s.ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("http server stopped", "err", err)
		}
	}()
	return nil
}

// Addr returns the address being listened on, useful with port 0.
func (s *Server) Addr() net.Addr {
	if s.ln == nil {
		return nil
	}
	return s.ln.Addr()
}

// URL returns http://host:port of the listener, for tests and logs.
func (s *Server) URL() string {
	a := s.Addr()
	if a == nil {
		return ""
	}
	host := a.String()
	if strings.HasPrefix(host, "[::]:") || strings.HasPrefix(host, "0.0.0.0:") {
		host = "127.0.0.1" + host[strings.LastIndexByte(host, ':'):]
	}
	return "http://" + host
}

// Close stops accepting connections and waits, until ctx is done, for the
// requests in flight.
func (s *Server) Close(ctx context.Context) error {
	if s.http == nil {
		return nil
	}
	err := s.http.Shutdown(ctx)
	if err != nil {
		s.http.Close()
	}
	<-s.done
	return err
}

// Registerer is where the server's metrics are registered, for others
// served beside them on /metrics (the worker's sources).
func (s *Server) Registerer() prometheus.Registerer { return s.metrics.reg }

// serveAdmin hands a request for the console to Config.Admin, with the
// base URL's path removed, as the console's routes expect.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request, path string) {
	if path == routeAdmin.pattern {
		http.Redirect(w, r, s.base.escaped+routeAdmin.pattern+"/", http.StatusMovedPermanently)
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath = path, ""
	s.cfg.Admin.ServeHTTP(w, r2)
}
