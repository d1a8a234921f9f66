package websub

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Config is how the hub behaves. Zero values take the defaults.
type Config struct {
	// Hubs are outside hubs pinged (hub.mode=publish) for each changed
	// feed.
	Hubs []string
	// AllowPrivateCallbacks lets callbacks reach loopback, private,
	// link-local and multicast addresses: for tests and closed networks.
	AllowPrivateCallbacks bool
	// LeaseMin and LeaseMax bound the lease a subscriber asks for;
	// LeaseDefault is granted when it asks for none (default 10 days,
	// within 1 hour and 30 days).
	LeaseMin, LeaseMax, LeaseDefault time.Duration
	// MaxSubscriptions caps the active subscriptions in all, MaxPerTopic
	// those to one feed (defaults 10,000 and 1,000), checked when a
	// request comes and again when its verified subscription is stored.
	MaxSubscriptions, MaxPerTopic int
	// RatePerCallback and RateGlobal cap subscription requests per
	// minute, by callback host (however spelled: its name in lower case
	// without a final dot, or its address) and in all (defaults 60 and
	// 600); a request above either is answered 429. Each verification
	// is a request to the callback, so the first keeps the hub from
	// being used to hammer one host.
	RatePerCallback, RateGlobal int
	// RatePerClient caps the subscription requests per minute from one
	// client address (default 60), valid or not. It is charged first;
	// the two rates above are charged only by a request whose topic and
	// callback are valid, so that a stream of refused requests cannot
	// use up the allowance of the hub's real subscribers.
	RatePerClient int
	// RetryFor is how long a failed delivery is retried, with back-off
	// from RetryMin doubling up to RetryMax (defaults 24 hours, 1 second
	// and 1 hour).
	RetryFor, RetryMin, RetryMax time.Duration
	// Timeout bounds each request the hub makes (default 10 seconds).
	Timeout time.Duration
	// Poll is how often the hub looks for deliveries that another
	// replica enqueued or that are due again (default 1 second); those
	// it enqueues itself it makes at once.
	Poll time.Duration
	// Concurrency bounds the requests made at once (default 32), and
	// PerHost those to one callback host (default 4): a host that hangs
	// holds at most PerHost of them, and one whose deliveries failed
	// three times in a row is left alone for a growing while.
	Concurrency int
	PerHost     int
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Log receives the hub's events (default: discarded).
	Log *slog.Logger
}

// Defaults.
const (
	DefaultLease            = 10 * 24 * time.Hour
	DefaultLeaseMin         = time.Hour
	DefaultLeaseMax         = 30 * 24 * time.Hour
	DefaultMaxSubscriptions = 10000
	DefaultMaxPerTopic      = 1000
	DefaultRatePerCallback  = 60
	DefaultRateGlobal       = 600
	DefaultRatePerClient    = 60
	defaultRetryFor         = 24 * time.Hour
	defaultRetryMin         = time.Second
	defaultRetryMax         = time.Hour
	defaultTimeout          = 10 * time.Second
	defaultPoll             = time.Second
	defaultConcurrency      = 32
	defaultPerHost          = 4
	// claimBatch is how many deliveries one claim takes.
	claimBatch = 128
	// maxSecret is the longest hub.secret accepted, in bytes: the spec
	// says under 200.
	maxSecret = 199
	// maxCallback bounds a callback URL, which the store keys.
	maxCallback = 2000
	// pendingIntents bounds the verifications waiting to be made.
	pendingIntents = 1024
)

func (c Config) withDefaults() Config {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	defInt := func(n *int, v int) {
		if *n <= 0 {
			*n = v
		}
	}
	def(&c.LeaseDefault, DefaultLease)
	def(&c.LeaseMin, DefaultLeaseMin)
	def(&c.LeaseMax, DefaultLeaseMax)
	def(&c.RetryFor, defaultRetryFor)
	def(&c.RetryMin, defaultRetryMin)
	def(&c.RetryMax, defaultRetryMax)
	def(&c.Timeout, defaultTimeout)
	def(&c.Poll, defaultPoll)
	defInt(&c.MaxSubscriptions, DefaultMaxSubscriptions)
	defInt(&c.MaxPerTopic, DefaultMaxPerTopic)
	defInt(&c.RatePerCallback, DefaultRatePerCallback)
	defInt(&c.RateGlobal, DefaultRateGlobal)
	defInt(&c.RatePerClient, DefaultRatePerClient)
	defInt(&c.Concurrency, defaultConcurrency)
	defInt(&c.PerHost, defaultPerHost)
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	return c
}

// CheckConfig reports what of cfg cannot work: leases out of order,
// outside hubs that are not absolute http(s) URLs.
func CheckConfig(cfg Config) error {
	cfg = cfg.withDefaults()
	if cfg.LeaseMin > cfg.LeaseMax || cfg.LeaseDefault < cfg.LeaseMin || cfg.LeaseDefault > cfg.LeaseMax {
		return fmt.Errorf("want lease_min ≤ lease_default ≤ lease_max, got %v, %v, %v", cfg.LeaseMin, cfg.LeaseDefault, cfg.LeaseMax)
	}
	for _, h := range cfg.Hubs {
		if u, err := url.Parse(h); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("hub %q: want an absolute http or https URL", h)
		}
	}
	return nil
}

// Hub is a WebSub hub. It serves subscription requests (ServeHTTP), takes
// the feed server's reports of changed feeds (Notify) and, while Run
// runs, verifies, announces and delivers.
type Hub struct {
	cfg   Config
	store Store
	feeds Feeds
	log   *slog.Logger
	// client calls callbacks; pinger calls the outside hubs.
	client, pinger *http.Client
	metrics        *metrics
	limits         *limiter // per callback host, and in all
	clients        *limiter // per client address

	// intents are the verifications to make, handed from ServeHTTP to
	// Run.
	intents chan *intent
	// changes gathers the feeds reported changed until the announcer
	// takes them; changed signals that it has some.
	changesMu sync.Mutex
	changes   map[string]bool
	changed   chan struct{}
	// wake tells the deliverer that deliveries were enqueued here.
	wake chan struct{}
	// writes bounds the verified intents stored at once (see
	// maxVerifyWrites).
	writes chan struct{}
	// claim is this process's claim token prefix.
	claim string
}

// New returns a hub of the feeds of fs that keeps its state in st.
func New(st Store, fs Feeds, cfg Config) (*Hub, error) {
	if err := CheckConfig(cfg); err != nil {
		return nil, err
	}
	cfg = cfg.withDefaults()
	b := make([]byte, 8)
	rand.Read(b)
	h := &Hub{
		cfg: cfg, store: st, feeds: fs, log: cfg.Log,
		client:  newClient(cfg, true),
		pinger:  newClient(cfg, false),
		metrics: newMetrics(),
		limits:  newLimiter(cfg.RatePerCallback, cfg.RateGlobal, cfg.Now),
		clients: newLimiter(cfg.RatePerClient, 0, cfg.Now),
		intents: make(chan *intent, pendingIntents),
		changes: map[string]bool{},
		changed: make(chan struct{}, 1),
		wake:    make(chan struct{}, 1),
		writes:  make(chan struct{}, maxVerifyWrites),
		claim:   hex.EncodeToString(b),
	}
	return h, nil
}

// Notify tells the hub that the feeds at urls changed bytes. It does not
// block: the announcer takes the feeds when it gets to them, several
// reports at once, and reads each as served then.
func (h *Hub) Notify(urls []string) {
	h.changesMu.Lock()
	for _, u := range urls {
		h.changes[u] = true
	}
	h.changesMu.Unlock()
	signal(h.changed)
}

// signal sends on a channel of capacity one without blocking: a signal
// already waiting covers this one.
func signal(c chan struct{}) {
	select {
	case c <- struct{}{}:
	default:
	}
}

// Run verifies intents, announces changed feeds, delivers and expires
// subscriptions until ctx is done, then waits for the requests in flight.
// When it starts it compares every subscribed feed with what was last
// announced of it, which delivers changes made while no hub ran.
func (h *Hub) Run(ctx context.Context) {
	var wg sync.WaitGroup
	wg.Go(func() { h.reportSubscribed(ctx) })
	wg.Go(func() { h.announceLoop(ctx) })
	wg.Go(func() { h.deliverLoop(ctx) })
	wg.Go(func() { h.expireLoop(ctx) })
	for {
		select {
		case <-ctx.Done():
			wg.Wait()
			// Keep-alive connections to callbacks and hubs would
			// otherwise outlive the hub.
			h.client.CloseIdleConnections()
			h.pinger.CloseIdleConnections()
			return
		case in := <-h.intents:
			wg.Go(func() { h.verify(ctx, in) })
		}
	}
}

// maxVerifyWrites is how many verified intents are stored at once. The
// verifications themselves run side by side, each waiting on its
// callback; their writes wait here, in turn, rather than all at once in
// the database: SQLite takes one writer at a time, and three hundred
// subscribers verified together on a busy machine kept each other past
// its lock timeout, and were dropped ("must ask again").
const maxVerifyWrites = 4

// expireEvery is how often expired subscriptions are removed and the
// active ones counted.
const expireEvery = time.Minute

// expireLoop drops subscriptions whose lease ended, which the store
// leaves out of deliveries meanwhile, and keeps the gauge of active ones.
func (h *Hub) expireLoop(ctx context.Context) {
	t := time.NewTicker(expireEvery)
	defer t.Stop()
	for {
		h.expire(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

func (h *Hub) expire(ctx context.Context) {
	now := h.cfg.Now()
	n, err := h.store.ExpireSubscriptions(ctx, now)
	if err != nil {
		if ctx.Err() == nil {
			h.log.Warn("websub: cannot expire subscriptions", "err", err)
		}
		return
	}
	if n > 0 {
		h.log.Info("websub: subscriptions expired", "count", n)
		h.metrics.expired.Add(float64(n))
	}
	h.countActive(ctx)
}

// countActive sets the gauge of active subscriptions from the store.
func (h *Hub) countActive(ctx context.Context) {
	c, err := h.store.SubscriptionCounts(ctx, "", "", h.cfg.Now())
	if err == nil {
		h.metrics.subscriptions.WithLabelValues(stateActive).Set(float64(c.Total))
	}
}
