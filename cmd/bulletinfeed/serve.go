package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

func init() {
	register("serve", "serve the feeds and pages over HTTP, rendering again when the store changes", runServe)
}

// shutdownTimeout bounds how long requests in flight may take to finish
// after SIGINT or SIGTERM.
const shutdownTimeout = 10 * time.Second

func runServe(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env.Getenv)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "serve", "serve [--addr ADDR] [--db DSN] [--base-url URL] [--feed-items N] [--schedule SPEC] [--metrics-addr ADDR] [--metrics-networks CIDRS]")
	cfg.bindStore(fs)
	cfg.bindPublication(fs)
	cfg.bindServe(fs)
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("serve: unexpected argument %q", fs.Arg(0))
	}
	tuneGC()
	m := &serveMain{cfg: cfg, log: env.Log}
	if err := m.Open(ctx); err != nil {
		m.Close()
		return err
	}
	env.Log.Info("serving", "addr", m.srv.Addr().String(), "base_url", cfg.BaseURL, "schedule", cfg.Schedule)
	<-ctx.Done()
	env.Log.Info("shutting down")
	return m.Close()
}

// servingGCPercent replaces the default GOGC of 100 while serving. The live
// heap is the rendered site, a few megabytes that change once per ingest;
// everything a request allocates (net/http's request and header maps) is
// garbage at once. At 100 the collector runs every few megabytes of that
// garbage, hundreds of times a minute under load, for nothing; at 400 it
// runs a quarter as often for a heap at most five times the site.
const servingGCPercent = 400

// tuneGC sets servingGCPercent unless GOGC was set to something else.
func tuneGC() {
	if old := debug.SetGCPercent(servingGCPercent); old != 100 {
		debug.SetGCPercent(old)
	}
}

// serveMain is what serve runs: the store, the HTTP server and the watch
// that keeps the site current. Open acquires them in order; Close releases
// them in reverse, whatever Open got to.
type serveMain struct {
	cfg Config
	log *slog.Logger

	slot        *storeSlot
	srv         *feed.Server
	metricsHTTP *http.Server
	stopWatch   context.CancelFunc
	watchDone   chan struct{}
}

// feedConfig returns the rendering settings of cfg; ttl is the schedule's
// period.
func feedConfig(cfg Config, ttl time.Duration, log *slog.Logger) feed.Config {
	return feed.Config{
		PublicationID:    cfg.Publication,
		BaseURL:          cfg.BaseURL,
		FeedItems:        cfg.FeedItems,
		TTL:              ttl,
		Log:              log,
		PrivateNetworks:  cfg.MetricsNetworks,
		MetricsElsewhere: cfg.MetricsAddr != "",
	}
}

// Open checks the schedule, opens the store, binds the listener (so a
// taken port fails before anything is rendered), renders once and starts
// the watch. A store that cannot be reached (PostgreSQL down) is no
// reason to exit: the server answers 503 with Retry-After and the watch
// opens the store when it can. A store that is wrong (a bad
// path, no permission) fails at once. A first render that fails is logged:
// the server answers 503 until a later check succeeds.
func (m *serveMain) Open(ctx context.Context) error {
	if m.cfg.FeedItems <= 0 {
		return usageErrorf("serve: --feed-items must be positive, got %d", m.cfg.FeedItems)
	}
	ttl, err := scheduleInterval(m.cfg.Schedule)
	if err != nil {
		return err
	}
	m.slot = &storeSlot{}
	open := func(ctx context.Context) (*store.DB, error) {
		db, _, err := openStore(ctx, m.cfg, m.log)
		return db, err
	}
	db, err := open(ctx)
	switch {
	case err == nil:
		m.slot.set(db)
	case retryable(err):
		m.log.Warn("store unavailable; serving 503 until it can be opened", "err", err)
		m.slot.fail(err)
	default:
		return err
	}
	m.srv = feed.NewServer(m.slot, feedConfig(m.cfg, ttl, m.log))
	if err := m.srv.Open(m.cfg.Addr); err != nil {
		return err
	}
	if m.cfg.MetricsAddr != "" {
		if err := m.openMetrics(); err != nil {
			return err
		}
	}
	if db != nil {
		if err := m.srv.Refresh(ctx); err != nil {
			m.log.Error("first render failed; serving 503 until the store can be read", "err", err)
		}
	}
	watch := &storeWatch{slot: m.slot, open: open, target: m.srv, log: m.log, every: checkEvery, max: checkBackoffMax}
	wctx, cancel := context.WithCancel(ctx)
	m.stopWatch, m.watchDone = cancel, make(chan struct{})
	go func() {
		defer close(m.watchDone)
		watch.run(wctx)
	}()
	return nil
}

// openMetrics serves /metrics on an address of its own, for a scraper on
// an internal network.
func (m *serveMain) openMetrics() error {
	ln, err := net.Listen("tcp", m.cfg.MetricsAddr)
	if err != nil {
		return fmt.Errorf("listen for metrics on %s: %w", m.cfg.MetricsAddr, err)
	}
	m.metricsHTTP = &http.Server{Handler: m.srv.MetricsHandler(), ReadHeaderTimeout: 5 * time.Second}
	go func() {
		if err := m.metricsHTTP.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.log.Error("metrics server stopped", "err", err)
		}
	}()
	m.log.Info("serving metrics", "addr", ln.Addr().String())
	return nil
}

// Close stops the watch (waiting for a running check), shuts
// the HTTP servers down gracefully and closes the store.
func (m *serveMain) Close() error {
	var errs []error
	if m.stopWatch != nil {
		m.stopWatch()
		<-m.watchDone
	}
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if m.metricsHTTP != nil {
		errs = append(errs, m.metricsHTTP.Shutdown(ctx))
	}
	if m.srv != nil {
		errs = append(errs, m.srv.Close(ctx))
	}
	if m.slot != nil {
		if db := m.slot.opened(); db != nil {
			errs = append(errs, db.Close())
		}
	}
	return errors.Join(errs...)
}
