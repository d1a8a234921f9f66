package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
)

func TestParseSchedule(t *testing.T) {
	good := []string{"*/5 * * * *", "30 */5 * * * *", "@hourly", "@every 10m", "CRON_TZ=Asia/Shanghai 0 8 * * 1-5", "TZ=Europe/London 0 6 * * *"}
	for _, spec := range good {
		if _, err := ParseSchedule(spec); err != nil {
			t.Errorf("%q: %v", spec, err)
		}
	}
	// A bare CRON_TZ panics inside cron v3.0.1's parser.
	bad := []string{"CRON_TZ=Asia/Shanghai", "TZ=", "", "61 * * * *", "* * *", "@fortnightly", "CRON_TZ=Nowhere/City 0 8 * * *",
		// Valid to cron, but never run, or run every second.
		"0 0 30 2 *", "0 0 31 4 *", "@every 0s", "@every -1s", "@every 500ms", "TZ=UTC @every 0s", "@every soon"}
	for _, spec := range bad {
		if _, err := ParseSchedule(spec); err == nil {
			t.Errorf("%q parsed", spec)
		}
	}
	sched, err := ParseSchedule("CRON_TZ=Asia/Shanghai 0 8 * * *")
	if err != nil {
		t.Fatal(err)
	}
	if next := sched.Next(time.Date(2026, 12, 1, 0, 30, 0, 0, time.UTC)); !next.Equal(time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("08:00 in Shanghai after 00:30 UTC is %s", next.UTC())
	}
}

// every is a schedule of fixed steps shorter than cron's own second.
type every time.Duration

func (e every) Next(t time.Time) time.Time { return t.Add(time.Duration(e)) }

// memStates keeps source states in memory and lets one holder at a time
// hold a name, as the store does across processes.
type memStates struct {
	mu      sync.Mutex
	states  map[string]bulletinfeed.SourceState
	held    map[string]bool
	refuse  bool // another process holds every lock
	panicOn string
}

func newMemStates() *memStates {
	return &memStates{states: map[string]bulletinfeed.SourceState{}, held: map[string]bool{}}
}

func (m *memStates) SourceState(_ context.Context, pub, id string) (bulletinfeed.SourceState, error) {
	if id == m.panicOn {
		panic("store bug")
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.states[pub+"/"+id], nil
}

func (m *memStates) SaveSourceState(_ context.Context, pub, id string, st bulletinfeed.SourceState) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.states[pub+"/"+id] = st
	return nil
}

func (m *memStates) get(pub, id string) bulletinfeed.SourceState {
	st, _ := m.SourceState(context.Background(), pub, id)
	return st
}

func (m *memStates) TryExclusive(ctx context.Context, name string, fn func(context.Context) error) (bool, error) {
	m.mu.Lock()
	if m.refuse || m.held[name] {
		m.mu.Unlock()
		return false, nil
	}
	m.held[name] = true
	m.mu.Unlock()
	defer func() {
		m.mu.Lock()
		delete(m.held, name)
		m.mu.Unlock()
	}()
	return true, fn(ctx)
}

// counting returns a source that counts its passes and signals each.
func counting(id string, n *atomic.Int64, ran chan<- string) Scheduled {
	return Scheduled{Publication: "p", ID: id, Kind: "url", Pass: func(context.Context) (PassResult, error) {
		n.Add(1)
		select {
		case ran <- id:
		default:
		}
		return PassResult{}, nil
	}}
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestSchedulerSurvivesPanics: a source that panics is a failed pass and
// the store's failure with it; a panic outside the source (here in the
// store) is caught by cron's Recover. Either way the other sources keep
// their ticks.
func TestSchedulerSurvivesPanics(t *testing.T) {
	states := newMemStates()
	states.panicOn = "storebug"
	var good atomic.Int64
	ran := make(chan string, 1)
	var panicked atomic.Int64
	s := &Scheduler{
		Schedule: every(20 * time.Millisecond),
		States:   states,
		Log:      slog.New(slog.DiscardHandler),
		Sources: []Scheduled{
			{Publication: "p", ID: "bad", Kind: "feed", Pass: func(context.Context) (PassResult, error) {
				panicked.Add(1)
				panic("upstream sent nonsense")
			}},
			{Publication: "p", ID: "storebug", Kind: "feed", Pass: func(context.Context) (PassResult, error) { return PassResult{}, nil }},
			counting("good", &good, ran),
		},
	}
	s.Start(context.Background())
	defer s.Stop()
	waitFor(t, "the bad source to panic", func() bool { return panicked.Load() > 0 })
	after := good.Load()
	waitFor(t, "five more passes of the good source", func() bool { return good.Load() >= after+5 })
	st := states.get("p", "bad")
	if st.Failures != 1 || !strings.Contains(st.LastError, "panic in source: upstream sent nonsense") || !st.LastSuccess.IsZero() {
		t.Errorf("state of the panicking source: %+v", st)
	}
	if h := s.Health(true); len(h) != 1 || !strings.HasPrefix(h[0], "source bad of p: failing since ") || !strings.HasSuffix(h[0], "(1 pass): panic in source: upstream sent nonsense") {
		t.Errorf("health: %q", h)
	}
	if h := s.Health(false); len(h) != 1 || strings.Contains(h[0], "nonsense") {
		t.Errorf("health without detail: %q", h)
	}
	// A failing source backs off: one failure, not one per tick.
	if n := panicked.Load(); n != 1 {
		t.Errorf("the failing source ran %d times within its back-off", n)
	}
}

// TestSchedulerMakesUpMissedRun: a daily source whose last success is two
// days old runs at start; one that succeeded after the last tick waits.
func TestSchedulerMakesUpMissedRun(t *testing.T) {
	daily, err := ParseSchedule("0 3 * * *")
	if err != nil {
		t.Fatal(err)
	}
	states := newMemStates()
	now := time.Now()
	states.states["p/stale"] = bulletinfeed.SourceState{LastSuccess: now.Add(-48 * time.Hour), LastAttempt: now.Add(-48 * time.Hour)}
	states.states["p/fresh"] = bulletinfeed.SourceState{LastSuccess: now.Add(-time.Minute), LastAttempt: now.Add(-time.Minute)}
	var stale, fresh, never atomic.Int64
	ran := make(chan string, 3)
	s := &Scheduler{Schedule: daily, States: states, Log: slog.New(slog.DiscardHandler),
		Sources: []Scheduled{counting("stale", &stale, ran), counting("fresh", &fresh, ran), counting("never", &never, ran)}}
	s.Start(context.Background())
	s.catchUp.Wait() // the catch-up passes are done; the first tick is hours away
	s.Stop()
	if stale.Load() != 1 || never.Load() != 1 || fresh.Load() != 0 {
		t.Errorf("at start: stale ran %d, never-run ran %d, fresh ran %d; want 1, 1, 0", stale.Load(), never.Load(), fresh.Load())
	}
	if st := states.get("p", "stale"); now.Sub(st.LastSuccess) > time.Minute || st.Failures != 0 {
		t.Errorf("the made-up pass was not recorded: %+v", st)
	}
}

// TestSchedulerDue: a pass is due, at a tick or at start, unless one
// began since the last tick that is due (another replica ran it).
func TestSchedulerDue(t *testing.T) {
	hourly, _ := ParseSchedule("@hourly")
	now := time.Date(2026, 12, 6, 10, 0, 1, 0, time.UTC)
	s := &Scheduler{Schedule: hourly, Now: func() time.Time { return now }}
	cases := []struct {
		name string
		st   bulletinfeed.SourceState
		due  bool
	}{
		{"never ran", bulletinfeed.SourceState{}, true},
		{"ran last hour", bulletinfeed.SourceState{LastAttempt: now.Add(-time.Hour), LastSuccess: now.Add(-time.Hour)}, true},
		{"down for two days", bulletinfeed.SourceState{LastAttempt: now.Add(-48 * time.Hour), LastSuccess: now.Add(-48 * time.Hour)}, true},
		{"another replica ran this tick", bulletinfeed.SourceState{LastAttempt: now.Add(-500 * time.Millisecond), LastSuccess: now.Add(-500 * time.Millisecond)}, false},
		{"failed this tick", bulletinfeed.SourceState{LastAttempt: now.Add(-time.Second), LastSuccess: now.Add(-3 * time.Hour), Failures: 1}, false},
	}
	for _, tc := range cases {
		if got := s.due(tc.st); got != tc.due {
			t.Errorf("%s: due %v, want %v", tc.name, got, tc.due)
		}
	}
}

// TestSchedulerStopCancelsPass: Stop cancels a running pass and waits
// for it; the pass is not recorded as a failure of the source.
func TestSchedulerStopCancelsPass(t *testing.T) {
	states := newMemStates()
	started := make(chan struct{})
	var cancelled atomic.Bool
	s := &Scheduler{Schedule: every(time.Hour), States: states, Log: slog.New(slog.DiscardHandler),
		Sources: []Scheduled{{Publication: "p", ID: "slow", Kind: "url", Pass: func(ctx context.Context) (PassResult, error) {
			close(started)
			<-ctx.Done()
			cancelled.Store(true)
			return PassResult{}, ctx.Err()
		}}}}
	s.Start(context.Background())
	<-started
	s.Stop()
	if !cancelled.Load() {
		t.Fatal("Stop returned before the pass saw its context cancelled")
	}
	if st := states.get("p", "slow"); st.Failures != 0 {
		t.Errorf("a pass stopped by shutdown counted as a failure: %+v", st)
	}
}

// TestSchedulerLockHeldElsewhere: while another process holds a source's
// lock, this one does not run it.
func TestSchedulerLockHeldElsewhere(t *testing.T) {
	states := newMemStates()
	states.refuse = true
	var n atomic.Int64
	s := &Scheduler{Schedule: every(time.Hour), States: states, Log: slog.New(slog.DiscardHandler),
		Sources: []Scheduled{counting("x", &n, nil)}}
	s.run(context.Background(), s.Sources[0])
	if n.Load() != 0 {
		t.Error("ran a source whose lock another process holds")
	}
	if _, ran, err := s.RunOnce(context.Background(), s.Sources[0]); ran || err != nil || n.Load() != 0 {
		t.Errorf("RunOnce with the lock held elsewhere: ran %v err %v passes %d", ran, err, n.Load())
	}
}

// TestSchedulerBackoff: failures space the passes out, doubling; an
// upstream's Retry-After beyond that is honoured.
func TestSchedulerBackoff(t *testing.T) {
	start := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	s := &Scheduler{}
	for n, want := range map[int]time.Duration{1: time.Minute, 2: 2 * time.Minute, 4: 8 * time.Minute, 7: time.Hour, 40: time.Hour} {
		if got := s.retryAt(start, n, errors.New("x")).Sub(start); got != want {
			t.Errorf("after %d failures wait %s, want %s", n, got, want)
		}
	}
	later := start.Add(3 * time.Hour)
	if got := s.retryAt(start, 1, fmt.Errorf("feed: %w", &fetch.RetryAfterError{URL: "https://example.org/f.xml", Status: "503 Service Unavailable", RetryAfter: later})); !got.Equal(later) {
		t.Errorf("Retry-After of 3h gave %s", got.Sub(start))
	}
}

// TestSchedulerBackoffShared: a source that failed with a Retry-After of
// an hour is not asked again within it by another replica, by a
// restarted process's catch-up or by run-once, since the back-off is kept
// in the store; after it, it is.
func TestSchedulerBackoffShared(t *testing.T) {
	states := newMemStates()
	now := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	var asked atomic.Int64
	src := Scheduled{Publication: "p", ID: "url:https://example.org/x.txt", Kind: "url", Pass: func(context.Context) (PassResult, error) {
		asked.Add(1)
		return PassResult{}, fmt.Errorf("source: %w", &fetch.RetryAfterError{URL: "https://example.org/x.txt", Status: "503 Service Unavailable", RetryAfter: now.Add(time.Hour)})
	}}
	every5, _ := ParseSchedule("*/5 * * * *")
	a := &Scheduler{Schedule: every5, States: states, Now: clock, Log: slog.New(slog.DiscardHandler)}
	a.run(context.Background(), src)
	if asked.Load() != 1 {
		t.Fatalf("first tick asked %d times", asked.Load())
	}
	if st := states.get("p", src.ID); !st.NotBefore.Equal(now.Add(time.Hour)) {
		t.Errorf("NotBefore %s, want the Retry-After", st.NotBefore)
	}
	now = now.Add(5 * time.Minute)
	b := &Scheduler{Schedule: every5, States: states, Now: clock, Log: slog.New(slog.DiscardHandler)}
	b.run(context.Background(), src) // another replica's tick
	b.run(context.Background(), src) // a restarted process's catch-up
	if _, _, err := b.RunOnce(context.Background(), src); err == nil || !strings.Contains(err.Error(), "not asked again before") {
		t.Errorf("run-once within the back-off: %v", err)
	}
	if asked.Load() != 1 {
		t.Errorf("asked %d times within the upstream's Retry-After", asked.Load())
	}
	if h := b.Health(true); len(h) != 1 || !strings.Contains(h[0], "503") {
		t.Errorf("the other replica's health: %q", h)
	}
	now = now.Add(time.Hour)
	b.run(context.Background(), src)
	if asked.Load() != 2 {
		t.Errorf("after the Retry-After: asked %d times", asked.Load())
	}
}
