package feed

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/internal/cork"
)

// Handler serves a site's resources over HTTP and refreshes it when the
// store's version changes. What readers poll is answered from memory: a map
// lookup and a write of prepared bytes. Every other page is rendered from
// the store on request and kept in a bounded cache; its entity tag comes
// from a cheap read of the store, so a conditional request is answered
// without rendering it.
type Handler struct {
	store   Store
	cfg     Config
	log     *slog.Logger
	metrics *metrics
	cache   *pageCache
	// base is the path of the base URL, which links and redirects carry.
	base       basePath
	errorPages map[int]*resource

	site      atomic.Pointer[Site]
	refreshMu sync.Mutex  // one render at a time
	releasing atomic.Bool // a collection after a render runs (release.go)
	media     mediaLive
	// fault is the store's last failure, nil while its last check
	// succeeded; Health reports it.
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
	// onChanged is told the feeds each refresh changed (OnFeedsChanged).
	onChanged func(FeedsChanged)
}

// NewHandler returns a handler of the publications of cfg in st, rendered
// as Render does. It serves 503 until the first successful Refresh.
func NewHandler(st Store, cfg Config) *Handler {
	cfg = cfg.withDefaults()
	base := basePathOf(cfg.BaseURL)
	s := &Handler{store: st, cfg: cfg, log: cfg.Log, cache: newPageCache(cfg.CacheBytes), base: base, errorPages: newErrorPages(base.escaped + "/")}
	if cfg.TTL > 0 {
		s.ttlHeader = cacheControl(cfg.TTL)[0]
	}
	s.metrics = newMetrics(s.cache)
	return s
}

// Refresh renders again what changed if the store's version differs from
// the one being served, and swaps the new site in: what did not change
// keeps its bytes and its entity tag. On failure the site being served,
// if any, stays.
func (s *Handler) Refresh(ctx context.Context) error {
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
func (s *Handler) setFault(err error) {
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
func (s *Handler) Site() *Site { return s.site.Load() }

// ServeHTTP answers GET and HEAD from the site, at the path of the
// request.
func (s *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.ServePath(w, r, r.URL.Path)
}

// ServePath answers r with the resource at path, the request's path
// without the base URL's (which the server mounting the handler strips).
func (s *Handler) ServePath(w http.ResponseWriter, r *http.Request, path string) {
	SetSecurityHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.writeError(w, r, routeOther, errMethod, s.site.Load())
		return
	}
	site := s.site.Load()
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
func (s *Handler) redirect(w http.ResponseWriter, r *http.Request, p string) {
	http.Redirect(w, r, s.base.escaped+escape(p), http.StatusMovedPermanently)
	s.metrics.count(routeOther, http.StatusMovedPermanently, 0)
}

// serveResource writes a prepared response, or 304 when the client's copy
// is current. This is the hot path: headers are assigned from prepared
// slices and nothing is formatted.
func (s *Handler) serveResource(w http.ResponseWriter, r *http.Request, res *resource) {
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
	n := cork.WriteBody(w, r, body)
	res.metrics.bytes.Add(float64(n))
}

// answerNotModified sets the validators and caching headers of res and,
// when the client's copy is current, answers 304 and reports true.
func (s *Handler) answerNotModified(w http.ResponseWriter, r *http.Request, res *resource, gz bool) bool {
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

// SetNextRelease tells the handler when the next embargoed issue will be
// released (zero: none is scheduled). Until then no response says it may
// be cached past that time, so that readers see the issue when it
// appears, not a max-age later. What never changes is not affected.
func (s *Handler) SetNextRelease(t time.Time) {
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
func (s *Handler) cacheControlOf(res *resource) []string {
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

// Health is the state of a handler, as /healthz reports it.
type Health struct {
	// Rendered is false until the first successful refresh: until then
	// every page answers 503.
	Rendered bool
	// StoreErr is the store's last failure, nil while its last check
	// succeeded; StoreSince is when the failures began.
	StoreErr   error
	StoreSince time.Time
	// FailedPaths is the number of paths of the site served whose render
	// failed: they answer 500.
	FailedPaths int
}

// Health returns the handler's state: whether a site is served, the
// store's fault if any. Feeds go on being served from memory during a
// fault: it is for the operator and the orchestrator, which should know
// that new issues cannot appear.
func (s *Handler) Health() Health {
	var h Health
	if site := s.site.Load(); site != nil {
		h.Rendered, h.FailedPaths = true, len(site.failed)
	}
	if f := s.fault.Load(); f != nil {
		h.StoreErr, h.StoreSince = f.err, f.since
	}
	return h
}

// ServeError answers r with the site's error page for err (404 for a
// NotFound), as the handler answers its own failures: for a path the
// server owns and refuses.
func (s *Handler) ServeError(w http.ResponseWriter, r *http.Request, err error) {
	SetSecurityHeaders(w.Header())
	s.writeError(w, r, routeOther, err, s.site.Load())
}

// OnFeedsChanged makes f be called after each refresh that changed the
// bytes of feeds; see FeedsChanged. It runs on the refreshing goroutine,
// so it should hand the work on and return. Call it before the first
// Refresh.
func (s *Handler) OnFeedsChanged(f func(FeedsChanged)) {
	s.onChanged = f
	s.cfg.reportChanges = f != nil
}
