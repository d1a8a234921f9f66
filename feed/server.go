package feed

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Server serves a rendered site over HTTP and renders it again when the
// store's version changes. Requests are answered from memory: a map lookup
// and a write of prepared bytes.
type Server struct {
	store   Store
	cfg     Config
	log     *slog.Logger
	metrics *metrics
	promh   http.Handler

	site      atomic.Pointer[Site]
	refreshMu sync.Mutex // one render at a time

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

// NewServer returns a server of the publication cfg.PublicationID in st.
// It serves 503 until the first successful Refresh.
func NewServer(st Store, cfg Config) *Server {
	cfg = cfg.withDefaults()
	s := &Server{store: st, cfg: cfg, log: cfg.Log, metrics: newMetrics()}
	s.promh = promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{})
	return s
}

// Refresh renders the site again if the store's version differs from the
// one being served. On failure the site being served, if any, stays.
func (s *Server) Refresh(ctx context.Context) error {
	s.refreshMu.Lock()
	defer s.refreshMu.Unlock()
	v, err := s.store.Version(ctx)
	if err != nil {
		s.metrics.renderErrors.Inc()
		return fmt.Errorf("check store version: %w", err)
	}
	if cur := s.site.Load(); cur != nil && cur.Version == v {
		return nil
	}
	site, err := Render(ctx, s.store, s.cfg)
	if err != nil {
		s.metrics.renderErrors.Inc()
		return err
	}
	for _, res := range site.resources {
		res.metrics = s.metrics.route(res.route)
	}
	site.notFound.metrics = s.metrics.route(routeOther)
	s.site.Store(site)
	s.metrics.renderSeconds.Observe(site.Duration.Seconds())
	s.metrics.version.Set(float64(site.Version))
	s.metrics.renderFailedPaths.Set(float64(len(site.failed)))
	s.log.Info("rendered site", "version", site.Version, "resources", len(site.resources), "failed", len(site.failed), "duration", site.Duration)
	return nil
}

// Site returns the site being served, or nil before the first render.
func (s *Server) Site() *Site { return s.site.Load() }

// ServeHTTP answers GET and HEAD from the rendered site.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		s.writeError(w, r, routeOther, errMethod, s.site.Load())
		return
	}
	site := s.site.Load()
	if site != nil {
		if res := site.resources[r.URL.Path]; res != nil {
			serveResource(w, r, res)
			return
		}
	}
	if site != nil {
		if err := site.failed[r.URL.Path]; err != nil {
			s.writeError(w, r, routeOther, err, site)
			return
		}
	}
	switch r.URL.Path {
	case routeHealthz:
		s.serveHealth(w, r, site)
	case routeMetricsPath:
		s.metrics.route(routeMetricsPath).ok.Inc()
		s.promh.ServeHTTP(w, r)
	default:
		if site == nil {
			s.writeError(w, r, routeOther, errUnavailable, nil)
			return
		}
		// A static build is reached at /sections/x/ after a web server's
		// redirect; send such links back to the canonical form.
		if p := r.URL.Path; len(p) > 1 && p[len(p)-1] == '/' && site.resources[p[:len(p)-1]] != nil {
			http.Redirect(w, r, href(p[:len(p)-1]), http.StatusMovedPermanently)
			s.metrics.count(routeOther, http.StatusMovedPermanently, 0)
			return
		}
		s.writeError(w, r, routeOther, bulletinfeed.Errorf(bulletinfeed.NotFound, "no page at %s", r.URL.Path), site)
	}
}

// serveResource writes a prepared response, or 304 when the client's copy
// is current. This is the hot path: headers are assigned from prepared
// slices and nothing is formatted.
func serveResource(w http.ResponseWriter, r *http.Request, res *resource) {
	h := w.Header()
	gz := res.gz != nil && acceptsGzip(r.Header["Accept-Encoding"])
	if gz {
		h["Etag"] = res.etagGz
	} else {
		h["Etag"] = res.etag
	}
	if res.lastModified != nil {
		h["Last-Modified"] = res.lastModified
	}
	h["Cache-Control"] = res.cacheControl
	h["Vary"] = hdrVary
	if notModified(r.Header, res) {
		w.WriteHeader(http.StatusNotModified)
		res.metrics.notModified.Inc()
		return
	}
	h["Content-Type"] = res.contentType
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
	n, _ := w.Write(body)
	res.metrics.bytes.Add(float64(n))
}

var hdrTextPlain = []string{typeText}

// serveHealth answers 200 once a site is rendered, else 503.
func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request, site *Site) {
	if site == nil {
		s.writeError(w, r, routeHealthz, errUnavailable, nil)
		return
	}
	h := w.Header()
	h["Content-Type"] = hdrTextPlain
	h["Cache-Control"] = hdrNoCache
	w.WriteHeader(http.StatusOK)
	n := 0
	if r.Method != http.MethodHead {
		n, _ = w.Write([]byte("ok\n"))
	}
	s.metrics.count(routeHealthz, http.StatusOK, n)
}

// Open binds addr, so that a taken port fails before anything else
// starts, and serves in the background until Close.
func (s *Server) Open(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", addr, err)
	}
	s.ln = ln
	s.http = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}
	s.done = make(chan struct{})
	go func() {
		defer close(s.done)
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
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
