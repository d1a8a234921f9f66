package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/internal/cork"
)

// Config is what the server needs besides the site it serves. Values are
// plain; the command fills them from its own configuration.
type Config struct {
	// Addr is the site's address, such as ":8080".
	Addr string
	// BaseURL is the absolute URL the site is served from. When it has
	// a path ("https://example.org/bulletin"), requests are answered with
	// or without it, so that the server works behind a proxy that strips
	// the prefix and one that does not.
	BaseURL string
	// MetricsAddr, when set, serves /metrics on that address of its own
	// (for a scraper on an internal network) and not on the site's.
	MetricsAddr string
	// PrivateNetworks may read /metrics and the fault details on /healthz
	// (default DefaultPrivateNetworks); others get 404 and a bare status.
	PrivateNetworks []netip.Prefix
	// HealthNotes, when set, adds lines to /healthz that do not make it
	// fail (a source that cannot be fetched: feeds are still served).
	// private says whether the client may read details (see
	// PrivateNetworks).
	HealthNotes func(private bool) []string
	// HealthFaults, when set, adds lines to /healthz that make it answer
	// 503: work that should be running and is not.
	HealthFaults func(private bool) []string
	// Hub, when set, answers every request to /websub: a WebSub hub's
	// endpoint, whose URL (HubURL) the feeds should name.
	Hub http.Handler
	// Admin, when set, makes the editors' console for the URL it is
	// served at: every request for /admin and below of the site, with the
	// base URL's path removed from it, or those of AdminAddr.
	Admin func(baseURL string) http.Handler
	// AdminAddr, when set, serves the console on that address of its own,
	// at /admin/ and nothing else, and not on the site's: for an operator
	// who keeps it off the public address. Its URL has the scheme of
	// BaseURL and the address bound, no path.
	AdminAddr string
	// AccessLog logs every request the site's listener answers, at info
	// level through Log (default off).
	AccessLog bool
	// Log receives the server's events (default: discarded).
	Log *slog.Logger
}

// The server's own routes: the paths it answers before the site's. Each
// first segment is one that feed reserves (feed.RouteSegments), so that no
// publication is served under it.
const (
	routeHealthz = "/healthz"
	routeMetrics = "/metrics"
	// routeWebSub is the WebSub hub's endpoint, served by Config.Hub.
	routeWebSub = "/websub"
	// routeAdmin is the editors' console and everything under it, served
	// by Config.Admin.
	routeAdmin = "/admin"
)

// routes are the server's own routes, each counted in the requests
// metric under its path.
var routes = []string{routeHealthz, routeMetrics, routeWebSub, routeAdmin}

// Timeouts of the site's listener, so a slow or idle client cannot hold a
// connection.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 10 * time.Second
	writeTimeout      = 30 * time.Second
	idleTimeout       = 120 * time.Second
)

// Timeouts of the console's own listener: an upload of the largest issue
// over a slow line, and the parse of a PDF, take longer than a page.
const (
	consoleReadTimeout  = 2 * time.Minute
	consoleWriteTimeout = 2 * time.Minute
	consoleIdleTimeout  = 2 * time.Minute
)

// Server is the process's HTTP side: it routes every request to the site's
// handler, the WebSub hub, the console, /healthz or /metrics, owns the
// process's Prometheus registry and the listeners. Open binds and serves;
// Close shuts down.
type Server struct {
	cfg Config
	// feed answers every path that is not the server's own.
	feed *feed.Handler
	log  *slog.Logger
	// base is the path of the base URL, unescaped as requests carry it,
	// without a trailing slash: "" at a server's root; baseEscaped is the
	// same as links carry it.
	base, baseEscaped string
	// admin is the console under /admin of the site; nil without one or
	// when it has an address of its own.
	admin http.Handler

	reg      *prometheus.Registry
	promh    http.Handler
	counters map[string]*feed.RouteCounter

	siteL    listener // the site's address
	metricsL listener // /metrics on MetricsAddr
	consoleL listener // the console on AdminAddr
}

// listener is one bound address and the HTTP server on it.
type listener struct {
	http *http.Server
	ln   net.Listener
	done chan struct{} // closed when Serve returns
}

// New returns a server of the site that h answers for, with a registry
// holding h's metrics and the process's (Go runtime, process). It listens
// on nothing until Open.
func New(h *feed.Handler, cfg Config) *Server {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.PrivateNetworks == nil {
		cfg.PrivateNetworks = DefaultPrivateNetworks
	}
	s := &Server{cfg: cfg, feed: h, log: cfg.Log, counters: map[string]*feed.RouteCounter{}}
	s.base, s.baseEscaped = basePath(cfg.BaseURL)
	for _, rt := range routes {
		s.counters[rt] = h.Counter(rt)
	}
	s.reg, s.promh = newRegistry(h)
	if cfg.Admin != nil && cfg.AdminAddr == "" {
		s.admin = cfg.Admin(cfg.BaseURL)
	}
	return s
}

// basePath returns the path of a base URL, unescaped and escaped, without
// a trailing slash.
func basePath(baseURL string) (path, escaped string) {
	u, err := url.Parse(baseURL)
	if err != nil {
		return "", ""
	}
	return strings.TrimRight(u.Path, "/"), strings.TrimRight(u.EscapedPath(), "/")
}

// strip returns a request path without the base path, for a reverse proxy
// that passes the prefix on; a path without it is returned as it is, for
// one that removes it.
func (s *Server) strip(path string) string {
	if s.base == "" || !strings.HasPrefix(path, s.base) {
		return path
	}
	switch rest := path[len(s.base):]; {
	case rest == "":
		return "/"
	case rest[0] == '/':
		return rest
	}
	return path
}

// ServeHTTP routes a request: the console, the hub, /healthz and
// /metrics are the server's; every other path is the site's, answered by
// its handler. A path under the base URL's path is served as the same
// path without it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	path := s.strip(r.URL.Path)
	if s.admin != nil && (path == routeAdmin || strings.HasPrefix(path, routeAdmin+"/")) {
		// The console sets its own headers: it posts forms, which the
		// public pages' policy forbids.
		s.serveAdmin(w, r, path)
		return
	}
	get := r.Method == http.MethodGet || r.Method == http.MethodHead
	switch {
	case path == routeWebSub && s.cfg.Hub != nil:
		// The hub takes POSTs and answers for itself.
		feed.SetSecurityHeaders(w.Header())
		s.cfg.Hub.ServeHTTP(w, r)
	case path == routeHealthz && get:
		feed.SetSecurityHeaders(w.Header())
		s.serveHealth(w, r)
	case path == routeMetrics && get:
		feed.SetSecurityHeaders(w.Header())
		s.serveMetrics(w, r)
	default:
		s.feed.ServePath(w, r, path)
	}
}

// serveAdmin hands a request for the console to it, with the base URL's
// path removed, as the console's routes expect.
func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request, path string) {
	if path == routeAdmin {
		http.Redirect(w, r, s.baseEscaped+routeAdmin+"/", http.StatusMovedPermanently)
		return
	}
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath = path, ""
	s.admin.ServeHTTP(w, r2)
}

// consoleOnly serves the console at /admin/ and nothing else, on its own
// address.
func consoleOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/" || p == routeAdmin:
			http.Redirect(w, r, routeAdmin+"/", http.StatusFound)
		case strings.HasPrefix(p, routeAdmin+"/"):
			h.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}

// HubURL returns the URL of the hub endpoint that Config.Hub serves on a
// site at baseURL.
func HubURL(baseURL string) string {
	return strings.TrimRight(baseURL, "/") + routeWebSub
}

// Open binds the site's address, so that a taken port fails before
// anything else starts, then MetricsAddr and AdminAddr when set, and
// serves each in the background until Close.
func (s *Server) Open() error {
	ln, err := net.Listen("tcp", s.cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", s.cfg.Addr, err)
	}
	var h http.Handler = s
	if s.cfg.AccessLog {
		h = accessLog(s, s.log)
	}
	// Corked: a feed's header and body leave in one write (see
	// internal/cork).
	s.siteL.serve(cork.Listener(ln), &http.Server{
		Handler:           h,
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      writeTimeout,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    64 << 10,
		ConnContext:       cork.ConnContext,
		ErrorLog:          slog.NewLogLogger(s.log.Handler(), slog.LevelWarn),
	}, s.log, "http server stopped")
	if s.cfg.MetricsAddr != "" {
		ln, err := net.Listen("tcp", s.cfg.MetricsAddr)
		if err != nil {
			return fmt.Errorf("listen for metrics on %s: %w", s.cfg.MetricsAddr, err)
		}
		s.metricsL.serve(ln, &http.Server{Handler: s.MetricsHandler(), ReadHeaderTimeout: readHeaderTimeout}, s.log, "metrics server stopped")
		s.log.Info("serving metrics", "addr", ln.Addr().String())
	}
	if s.cfg.AdminAddr != "" && s.cfg.Admin != nil {
		ln, err := net.Listen("tcp", s.cfg.AdminAddr)
		if err != nil {
			return fmt.Errorf("listen for the console on %s: %w", s.cfg.AdminAddr, err)
		}
		// Its links and cookie have no path of the base URL, which is
		// the public site's; its cookie is Secure when the site is
		// https, for a proxy that serves both.
		base := ""
		if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Scheme != "" {
			base = u.Scheme + "://" + ln.Addr().String() + "/"
		}
		s.consoleL.serve(ln, &http.Server{Handler: consoleOnly(s.cfg.Admin(base)), ReadHeaderTimeout: readHeaderTimeout,
			ReadTimeout: consoleReadTimeout, WriteTimeout: consoleWriteTimeout, IdleTimeout: consoleIdleTimeout}, s.log, "console server stopped")
		s.log.Info("serving the editors' console", "addr", ln.Addr().String())
	}
	return nil
}

// serve serves srv on ln in the background.
func (l *listener) serve(ln net.Listener, srv *http.Server, log *slog.Logger, stopped string) {
	l.ln, l.http, l.done = ln, srv, make(chan struct{})
	go func() {
		defer close(l.done)
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error(stopped, "err", err)
		}
	}()
}

// close stops accepting connections and waits, until ctx is done, for the
// requests in flight.
func (l *listener) close(ctx context.Context) error {
	if l.http == nil {
		return nil
	}
	err := l.http.Shutdown(ctx)
	if err != nil {
		l.http.Close()
	}
	<-l.done
	return err
}

// Addr returns the address the site is served on, useful with port 0;
// nil before Open.
func (s *Server) Addr() net.Addr {
	if s.siteL.ln == nil {
		return nil
	}
	return s.siteL.ln.Addr()
}

// AdminAddr returns the address the console is served on when it has one
// of its own (Config.AdminAddr), else "".
func (s *Server) AdminAddr() string {
	if s.consoleL.ln == nil {
		return ""
	}
	return s.consoleL.ln.Addr().String()
}

// URL returns http://host:port of the site's listener, for tests and
// logs.
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

// Close stops accepting connections on every address and waits, until
// ctx is done, for the requests in flight.
func (s *Server) Close(ctx context.Context) error {
	return errors.Join(s.metricsL.close(ctx), s.consoleL.close(ctx), s.siteL.close(ctx))
}
