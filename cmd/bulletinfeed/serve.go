package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/server"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

func init() {
	register("serve", "serve the feeds and pages over HTTP, rendering again when the store changes", runServe)
}

// storeAnswerTimeout is how long serve waits for the database to answer
// when it opens the store: past it the store counts as down, serve
// listens and answers 503, and the watch tries again. Creating or
// migrating a store is not bounded by it.
const storeAnswerTimeout = 30 * time.Second

// shutdownTimeout bounds how long requests in flight may take to finish
// after SIGINT or SIGTERM.
const shutdownTimeout = 10 * time.Second

func runServe(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "serve", "serve [--config FILE] [--addr ADDR] [--db DSN] [--base-url URL] [--feed-items N] [--schedule SPEC] [--metrics-addr ADDR] [--metrics-networks CIDRS] [--admin-addr ADDR] [--migrate]")
	cfg.BindStore(fs)
	cfg.BindPublication(fs)
	cfg.BindServe(fs)
	cfg.BindLog(fs)
	migrate := fs.Bool("migrate", false, "bring an existing store's schema up to date before serving, as \"bulletinfeed migrate\" does (for a container after an upgrade); it never creates a store")
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("serve: unexpected argument %q", fs.Arg(0))
	}
	defer server.TuneGC(env.Getenv, cfg.CacheSize)()
	m := &serveMain{cfg: cfg, log: env.Log, migrate: *migrate}
	if err := m.Open(ctx); err != nil {
		m.Close()
		return err
	}
	env.Log.Info("serving", "addr", m.srv.Addr().String(), "base_url", m.cfg.BaseURL, "schedule", cfg.Schedule)
	<-ctx.Done()
	env.Log.Info("shutting down")
	return m.Close()
}

// servingSQLiteCache is SQLite's page cache per connection while serving,
// in KiB: SQLite's default, not the store's 32 MB, which at 100,000
// articles held some 25 MB more resident after the first render for no
// gain in its time (the file's pages stay in the OS's cache). serve reads
// the newest articles at a render and single pages at a miss.
const servingSQLiteCache = 2048

// serveMain is what serve runs: the store, the HTTP server and the watch
// that keeps the site current. Open acquires them in order; Close releases
// them in reverse, whatever Open got to.
type serveMain struct {
	cfg config.Config
	log *slog.Logger
	// migrate brings an existing store's schema up to date before
	// serving, when asked with --migrate.
	migrate bool
	// storeAnswer bounds how long opening the store may wait for the
	// database to answer (storeAnswerTimeout when zero; tests shorten it).
	storeAnswer time.Duration

	// db is the store, of store.Later while it could not be opened.
	db *store.DB
	// feed renders the site and answers for its resources; srv serves
	// it, the hub, the console, /healthz and /metrics.
	feed      *feed.Handler
	srv       *server.Server
	stopWatch context.CancelFunc
	watchDone chan struct{}
	inboxes   *worker.Inboxes
	hub       *serveHub // nil without one (websub.go)
	// sched runs the url, feed and page sources on the schedule; it
	// exists from the start so that /healthz can ask it.
	sched *worker.Scheduler
}

// feedConfig returns the rendering settings of cfg for the publications
// pubs; ttl is the schedule's period.
func feedConfig(cfg config.Config, pubs []config.Publication, ttl time.Duration, log *slog.Logger) feed.Config {
	ids := make([]string, len(pubs))
	icons := map[string]feed.Icon{}
	for i, p := range pubs {
		ids[i] = p.ID
		if len(p.Icon.Body) > 0 {
			icons[p.ID] = p.Icon
		}
	}
	return feed.Config{
		Publications:   ids,
		Icons:          icons,
		CacheBytes:     cfg.CacheSize,
		ReleaseMemory:  true,
		ArticleJSONLD:  true,
		MaxItemContent: int(cfg.MaxItemContent),
		BaseURL:        cfg.BaseURL,
		FeedItems:      cfg.FeedItems,
		TTL:            ttl,
		Log:            log,
	}
}

// serverConfig returns the HTTP settings of cfg.
func serverConfig(cfg config.Config, log *slog.Logger) server.Config {
	return server.Config{
		Addr:            cfg.Addr,
		BaseURL:         cfg.BaseURL,
		MetricsAddr:     cfg.MetricsAddr,
		AdminAddr:       cfg.AdminAddr,
		PrivateNetworks: cfg.MetricsNetworks,
		AccessLog:       cfg.AccessLog,
		Log:             log,
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
	ttl, err := config.ScheduleInterval(m.cfg.Schedule)
	if err != nil {
		return err
	}
	if m.cfg.BaseURL == "" {
		if err := m.deriveBaseURL(); err != nil {
			return err
		}
	}
	pubs, _, err := m.cfg.Resolve()
	if err != nil {
		return err
	}
	if err := m.seed(ctx, pubs); err != nil {
		return err
	}
	// Serving creates only the store its configuration file names (an
	// inbox-only publication has nothing to ingest first): a mistyped
	// --db must fail, not serve an empty site in place of the real one.
	scfg := m.cfg
	scfg.DB = store.WithCacheSize(m.cfg.DB, servingSQLiteCache)
	open := func(ctx context.Context) (*store.DB, error) {
		db, err := m.openAnswered(ctx, scfg)
		if bulletinfeed.KindOf(err) == bulletinfeed.NotFound && m.cfg.DBFromFile {
			db, err = createStore(ctx, scfg, m.log)
		}
		if bulletinfeed.KindOf(err) == bulletinfeed.Invalid && m.migrate {
			// An upgrade brought a newer schema and the operator asked
			// for it to be applied (a container that must not loop on
			// restarts until someone runs migrate).
			db, err = store.Open(ctx, scfg.DB, m.log)
		}
		if err != nil {
			return nil, err
		}
		if _, err := syncServed(ctx, db, pubs, m.cfg, m.log); err != nil {
			db.Close()
			return nil, err
		}
		return db, nil
	}
	m.db, err = open(ctx)
	switch {
	case err == nil:
	case retryable(err):
		m.log.Warn("store unavailable; serving 503 until it can be opened", "err", err)
		why := err
		if m.db, err = store.Later(scfg.DB, m.log); err != nil {
			return err
		}
		m.db.Fail(why)
	default:
		return err
	}
	m.sched = &worker.Scheduler{States: m.db, Log: m.log}
	fc := feedConfig(m.cfg, pubs, ttl, m.log)
	sc := serverConfig(m.cfg, m.log)
	sc.Admin = func(baseURL string) http.Handler { return m.console(pubs, baseURL) }
	sc.HealthNotes = m.sched.Health
	sc.HealthFaults = m.sched.Faults
	if err := m.openHub(&fc, &sc); err != nil {
		return err
	}
	m.feed = feed.NewHandler(m.db, fc)
	m.srv = server.New(m.feed, sc)
	if err := m.startHub(ctx); err != nil {
		return err
	}
	if err := m.srv.Open(); err != nil {
		return err
	}
	// A first refresh also when the store could not be opened: it
	// records the store's fault, so /healthz says why from the first
	// request rather than after the watch's first check.
	if err := m.feed.Refresh(ctx); err != nil && m.db.IsOpen() {
		m.log.Error("first render failed; serving 503 until the store can be read", "err", err)
	}
	watch := &worker.StoreWatch{Store: m.db, Open: open, Target: m.feed, Log: m.log}
	wctx, cancel := context.WithCancel(ctx)
	m.stopWatch, m.watchDone = cancel, make(chan struct{})
	go func() {
		defer close(m.watchDone)
		watch.Run(wctx)
	}()
	refresh := worker.NewRefreshNow(m.feed, m.log)
	ins := inboxes(m.cfg, pubs, m.db, refresh, m.log)
	m.sched.Metrics = worker.NewMetrics(m.srv.Registerer())
	for _, in := range ins {
		src := worker.Scheduled{Publication: in.Publication, ID: "inbox:" + in.Dir, Kind: "inbox"}
		in.Observe = func(start time.Time, res worker.PassResult, err error) { m.sched.Observe(src, start, res, err) }
		m.log.Info("watching inbox", "publication", in.Publication, "inbox", in.Dir)
	}
	remote, err := remoteSources(m.cfg, pubs, m.db, refresh, m.log)
	if err != nil {
		return err
	}
	if len(ins) > 0 || len(remote) > 0 {
		m.inboxes = worker.StartInboxes(ctx, ins, refresh)
	}
	if len(remote) > 0 {
		// config.ScheduleInterval has parsed the spec already.
		m.sched.Schedule, _ = worker.ParseSchedule(m.cfg.Schedule)
		m.sched.Sources = remote
		for _, src := range remote {
			m.log.Info("scheduled source", "publication", src.Publication, "source", src.ID, "schedule", m.cfg.Schedule)
		}
		m.sched.Start(ctx)
	}
	return nil
}

// deriveBaseURL sets the base URL from the listening address, with a
// warning: feed GUIDs and links are built from it, and behind a proxy or a
// domain name it is wrong. A port of 0 is chosen here, so that the URL
// names the port actually served.
func (m *serveMain) deriveBaseURL() error {
	if _, port, err := net.SplitHostPort(m.cfg.Addr); err == nil && port == "0" {
		ln, err := net.Listen("tcp", m.cfg.Addr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", m.cfg.Addr, err)
		}
		m.cfg.Addr = ln.Addr().String()
		ln.Close()
	}
	derived, err := config.BaseURLFromAddr(m.cfg.Addr)
	if err != nil {
		return usageErrorf("serve: no base URL is configured and %v", err)
	}
	m.cfg.BaseURL = derived
	m.log.Warn("no base URL configured; using the listening address. Feed GUIDs and links are built from it: set base_url (or --base-url) to the public address before readers subscribe",
		"base_url", derived)
	return nil
}

// seed ingests the seed files of the configuration, creating the store
// if need be: the one case where serve may create it, since the file asks
// for it by name. Unchanged files change nothing, so this is cheap on
// every start. A seed file that fails is logged and the rest go on; a
// store that cannot be reached is left to the watch.
func (m *serveMain) seed(ctx context.Context, pubs []config.Publication) error {
	if !slices.ContainsFunc(pubs, func(p config.Publication) bool { return len(p.Seed) > 0 }) {
		return nil
	}
	db, err := m.openAnswered(ctx, m.cfg)
	if bulletinfeed.KindOf(err) == bulletinfeed.NotFound && m.cfg.DBFromFile {
		// The configuration file names both the store and the files to
		// seed it with: that asks for the store. A --db typed by hand
		// (or BULLETINFEED_DB) must name one that exists.
		db, err = createStore(ctx, m.cfg, m.log)
	}
	if retryable(err) {
		m.log.Warn("store unavailable; seed files not ingested", "err", err)
		return nil
	}
	if err != nil {
		return err
	}
	defer db.Close()
	stored, err := syncPublications(ctx, db, pubs)
	if err != nil {
		return err
	}
	for i, p := range pubs {
		loc, err := time.LoadLocation(stored[i].TimeZone)
		if err != nil {
			return err // ensurePublication has checked it
		}
		opts := m.cfg.SourceOptions(p.ID, stored[i].Banners, loc)
		for _, f := range p.Seed {
			res, err := worker.Publish(ctx, db, nil, worker.Job{Publication: p.ID, Path: f, Parse: opts, Log: m.log})
			if err != nil {
				m.log.Error("seed file failed", "publication", p.ID, "file", f, "err", err)
				continue
			}
			warnMissingBanners(m.log, f, res.MissingBanners)
			m.log.Info("seed file ingested", "publication", p.ID, "file", f, "issue", res.Issue.Key, "status", string(res.Status))
		}
	}
	return nil
}

// Close stops the sources and the watch (waiting for a running pass and
// check), shuts the HTTP servers down gracefully and closes the store.
func (m *serveMain) Close() error {
	var errs []error
	if m.sched != nil {
		m.sched.Stop()
	}
	if m.inboxes != nil {
		m.inboxes.Stop()
	}
	if m.stopWatch != nil {
		m.stopWatch()
		<-m.watchDone
	}
	ctx, cancel := context.WithTimeout(context.Background(), shutdownTimeout)
	defer cancel()
	if m.srv != nil {
		errs = append(errs, m.srv.Close(ctx))
	}
	// The hub stops after the server: a subscription request answered
	// 202 while shutting down is still verified.
	m.stopHub()
	if m.db != nil {
		errs = append(errs, m.db.Close())
	}
	return errors.Join(errs...)
}

// openAnswered opens the existing store of cfg, waiting at most
// storeAnswer for the database to answer: one that takes the connection
// and never answers must not hold serve before it listens, and counts as
// down (kind Unavailable).
func (m *serveMain) openAnswered(ctx context.Context, cfg config.Config) (*store.DB, error) {
	answer := m.storeAnswer
	if answer <= 0 {
		answer = storeAnswerTimeout
	}
	octx, cancel := context.WithTimeout(ctx, answer)
	defer cancel()
	db, err := openExisting(octx, cfg, m.log)
	if err != nil && errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
		err = bulletinfeed.Errorf(bulletinfeed.Unavailable, "open store: the database took the connection but did not answer within %s", answer)
	}
	return db, err
}
