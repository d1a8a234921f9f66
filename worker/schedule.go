package worker

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/robfig/cron/v3"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
)

// scheduleParser reads five fields, or six with seconds first, the
// descriptors (@hourly, @every 10m) and a CRON_TZ= or TZ= prefix.
var scheduleParser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// ParseSchedule parses a schedule spec. cron v3.0.1 panics on some specs
// (a bare "CRON_TZ=Asia/Shanghai" indexes past its fields); that is a
// mistake in the spec, reported as one.
func ParseSchedule(spec string) (sched cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("%q is not a cron spec", spec)
		}
	}()
	if strings.TrimSpace(spec) == "" {
		return nil, errors.New("empty schedule")
	}
	if err := checkEvery(spec); err != nil {
		return nil, err
	}
	if sched, err = scheduleParser.Parse(spec); err != nil {
		return nil, err
	}
	// A valid spec may name no date that exists ("0 0 30 2 *", the 30th
	// of February): cron would accept it and never run a pass.
	if sched.Next(time.Now()).IsZero() {
		return nil, fmt.Errorf("%q never fires: no date matches it", spec)
	}
	return sched, nil
}

// checkEvery refuses "@every D" with D under a second: cron makes 0s, -1s
// and 500ms all mean every second, which asks every source once a second
// when the operator meant something else.
func checkEvery(spec string) error {
	f := strings.Fields(spec)
	if len(f) > 0 && (strings.HasPrefix(f[0], "CRON_TZ=") || strings.HasPrefix(f[0], "TZ=")) {
		f = f[1:]
	}
	if len(f) != 2 || f[0] != "@every" {
		return nil
	}
	d, err := time.ParseDuration(f[1])
	if err != nil {
		return fmt.Errorf("@every %s: %v", f[1], err)
	}
	if d < time.Second {
		return fmt.Errorf("@every %s: want an interval of at least 1s", f[1])
	}
	return nil
}

// Scheduled is one source as the scheduler runs it.
type Scheduled struct {
	// Publication and ID name the source; together they key what the
	// store remembers of it and the lock that lets one process at a time
	// run it.
	Publication string
	ID          string
	// Kind is the source's kind (url, feed, page, inbox), for logs and
	// metrics.
	Kind string
	// Name is how the public /healthz names the source ("feed source 2"):
	// never its URL. Empty means its kind.
	Name string
	// Pass looks at the source once and publishes what is new.
	Pass func(ctx context.Context) (PassResult, error)
}

// SourceStates is what the scheduler keeps in the store; *store.DB
// satisfies it.
type SourceStates interface {
	SourceState(ctx context.Context, pubID, sourceID string) (bulletinfeed.SourceState, error)
	SaveSourceState(ctx context.Context, pubID, sourceID string, st bulletinfeed.SourceState) error
	// TryExclusive runs fn unless another holder of name (in this or
	// another process sharing the store) runs it, and reports whether
	// it ran.
	TryExclusive(ctx context.Context, name string, fn func(ctx context.Context) error) (bool, error)
}

// Defaults of a Scheduler.
const (
	// DefaultPassTimeout bounds one pass of one source: a stuck upstream
	// must not hold its lock for ever.
	DefaultPassTimeout = 10 * time.Minute
	// backoffBase and backoffMax space the passes of a failing source:
	// after n failures in a row the next pass waits for the first tick
	// after backoffBase·2^(n-1), at most backoffMax, so that a broken
	// upstream is not asked every minute all night.
	backoffBase = time.Minute
	backoffMax  = time.Hour
)

// Scheduler runs sources on a cron schedule. Each source is its own cron
// entry: a slow source never delays another, and a source still running
// at its next tick is skipped rather than run twice. A pass runs under a
// lock in the store, so among replicas sharing it one runs each tick; what
// the store remembers of the last pass makes up, at start, a pass missed
// while no process ran.
type Scheduler struct {
	Schedule    cron.Schedule
	States      SourceStates
	Sources     []Scheduled
	Log         *slog.Logger
	Metrics     *Metrics // may be nil
	PassTimeout time.Duration
	// Now is the clock; nil means time.Now.
	Now func() time.Time

	cron    *cron.Cron
	cancel  context.CancelFunc
	catchUp sync.WaitGroup

	mu      sync.Mutex
	running map[string]*sync.Mutex
	failing map[string]failure // sources whose last pass failed
	// held are the sources another process held at each tick since
	// the time given: run by a replica, or held by a crashed process.
	held map[string]heldSource
}

// heldSource is a source this process found held by another at every
// tick since a time.
type heldSource struct {
	src   Scheduled
	since time.Time
}

// failure is a source whose last pass failed, for /healthz.
type failure struct {
	src   Scheduled
	since time.Time // the first failure in a row
	st    bulletinfeed.SourceState
}

// Start schedules every source and, in the background, runs at once each
// one whose last successful pass is older than its last due tick (or
// that never ran). Passes get a context derived from ctx and cancelled by
// Stop.
func (s *Scheduler) Start(ctx context.Context) {
	ctx, s.cancel = context.WithCancel(ctx)
	logger := cronLogger{s.log()}
	// SkipIfStillRunning first, then Recover: cron's default chain
	// recovers no panic, and one panic would end the process.
	s.cron = cron.New(cron.WithLogger(logger), cron.WithChain(cron.SkipIfStillRunning(logger), cron.Recover(logger)))
	for _, src := range s.Sources {
		s.cron.Schedule(s.Schedule, cron.FuncJob(func() { s.run(ctx, src) }))
	}
	s.cron.Start()
	// The catch-up passes run outside cron's entries; the same Recover
	// keeps a panic in one from ending the process.
	recovered := cron.NewChain(cron.Recover(logger))
	for _, src := range s.Sources {
		job := recovered.Then(cron.FuncJob(func() { s.run(ctx, src) }))
		s.catchUp.Go(job.Run)
	}
}

// Stop cancels running passes and waits for them to end. cron's own Stop
// only stops scheduling; the context is what stops a pass.
func (s *Scheduler) Stop() {
	if s.cron == nil {
		return
	}
	s.cancel()
	<-s.cron.Stop().Done()
	s.catchUp.Wait()
}

// RunOnce runs one pass of src now, under the store's lock, whatever its
// schedule: for run-once. It reports false when another process was
// running the source.
func (s *Scheduler) RunOnce(ctx context.Context, src Scheduled) (PassResult, bool, error) {
	var res PassResult
	var passErr error
	ran, err := s.States.TryExclusive(ctx, lockName(src), func(ctx context.Context) error {
		st, err := s.States.SourceState(ctx, src.Publication, src.ID)
		if err != nil {
			return err
		}
		if s.now().Before(st.NotBefore) {
			// An upstream asked not to be asked before then, or the
			// source failed lately: run-once is polite too.
			passErr = bulletinfeed.Errorf(bulletinfeed.Unavailable, "source %s failed lately (%s); not asked again before %s",
				src.ID, st.LastError, st.NotBefore.UTC().Format(time.RFC3339))
			return nil
		}
		res, passErr = s.pass(ctx, src, st)
		return nil
	})
	if err != nil {
		return res, ran, err
	}
	return res, ran, passErr
}

// run runs one pass of src if it is due (see due).
func (s *Scheduler) run(ctx context.Context, src Scheduled) {
	if ctx.Err() != nil {
		return
	}
	busy := s.lock(src)
	if !busy.TryLock() {
		s.log().Debug("source still running; tick skipped", "publication", src.Publication, "source", src.ID)
		return
	}
	defer busy.Unlock()
	ran, err := s.States.TryExclusive(ctx, lockName(src), func(ctx context.Context) error {
		st, err := s.States.SourceState(ctx, src.Publication, src.ID)
		if err != nil {
			return err
		}
		// What another replica's pass left is this one's news too.
		s.record(src, st)
		if !s.due(st) {
			return nil
		}
		s.pass(ctx, src, st)
		return nil
	})
	switch {
	case err != nil && ctx.Err() == nil:
		s.log().Warn("source not run: the store failed", "publication", src.Publication, "source", src.ID, "err", err)
	case !ran && ctx.Err() == nil:
		s.log().Debug("source run by another process", "publication", src.Publication, "source", src.ID)
		if since, long := s.noteHeld(src); long {
			s.log().Warn("source not run for over two schedule intervals: another process holds it", "publication", src.Publication,
				"source", src.ID, "since", since.UTC().Format(time.RFC3339))
		}
	case ran:
		s.mu.Lock()
		delete(s.held, lockName(src))
		s.mu.Unlock()
	}
}

// noteHeld records that src was held by another process at this tick and
// reports since when, and whether that is longer than two intervals of
// the schedule: a replica that runs it would have let this process see
// its passes (and run it) by then, so the holder is stuck or dead.
func (s *Scheduler) noteHeld(src Scheduled) (time.Time, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held == nil {
		s.held = map[string]heldSource{}
	}
	now := s.now()
	h, ok := s.held[lockName(src)]
	if !ok {
		h = heldSource{src: src, since: now}
		s.held[lockName(src)] = h
	}
	return h.since, now.Sub(h.since) > 2*s.interval(now)
}

// interval is the time between two ticks of the schedule after now.
func (s *Scheduler) interval(now time.Time) time.Duration {
	if s.Schedule == nil {
		return time.Hour
	}
	first := s.Schedule.Next(now)
	return s.Schedule.Next(first).Sub(first)
}

// Faults are the lines /healthz shows as faults: sources another process
// has held for over two schedule intervals. Without detail they name a
// source by its kind and place, never its URL.
func (s *Scheduler) Faults(detail bool) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	var lines []string
	for _, h := range s.held {
		if now.Sub(h.since) <= 2*s.interval(now) {
			continue
		}
		name := h.src.Name
		if name == "" || detail {
			name = bulletinfeed.Redact(h.src.ID)
		}
		lines = append(lines, fmt.Sprintf("source %s of %s: not run since %s: another process holds it", name, h.src.Publication, h.since.UTC().Format(time.RFC3339)))
	}
	slices.Sort(lines)
	return lines
}

// due reports whether a pass is wanted now: not while the source backs
// off after failures (in any process), nor when a pass began since the
// last tick that is due (another replica ran it). The same rule makes up,
// at start, a tick missed while no process ran: the last pass (and so the
// last success, never later) is older than a tick, or there never was
// one.
func (s *Scheduler) due(st bulletinfeed.SourceState) bool {
	now := s.now()
	if now.Before(st.NotBefore) {
		return false
	}
	return st.LastAttempt.IsZero() || !s.Schedule.Next(st.LastAttempt).After(now)
}

// pass runs src once and records the outcome in the store, the metrics
// and the log. A panic in the source is a failed pass, not a dead
// scheduler.
func (s *Scheduler) pass(ctx context.Context, src Scheduled, st bulletinfeed.SourceState) (res PassResult, err error) {
	start := s.now()
	timeout := s.PassTimeout
	if timeout <= 0 {
		timeout = DefaultPassTimeout
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	func() {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic in source: %v", r)
				s.log().Error("source panicked", "publication", src.Publication, "source", src.ID, "panic", r, "stack", string(debug.Stack()))
			}
		}()
		res, err = src.Pass(pctx)
	}()
	if ctx.Err() != nil && err != nil {
		return res, err // stopped: neither a success nor a failure of the source
	}
	st.LastAttempt = start
	if err == nil {
		st.LastSuccess, st.Failures, st.LastError, st.NotBefore = start, 0, "", time.Time{}
	} else {
		st.Failures++
		st.LastError = oneLine(err.Error())
		st.NotBefore = s.retryAt(start, st.Failures, err)
	}
	s.record(src, st)
	s.Metrics.pass(src, res, err, s.now().Sub(start), st)
	// Recorded even when the pass was cancelled meanwhile, so that the
	// next start knows this pass happened.
	sctx, scancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer scancel()
	if serr := s.States.SaveSourceState(sctx, src.Publication, src.ID, st); serr != nil {
		s.log().Warn("could not record the pass of a source", "publication", src.Publication, "source", src.ID, "err", serr)
	}
	attrs := []any{"publication", src.Publication, "source", src.ID, "published", res.Published, "failed", res.Failed, "duration", s.now().Sub(start).Round(time.Millisecond)}
	switch {
	case err != nil:
		s.log().Warn("source pass failed; retried at a later tick", append(attrs, "failures", st.Failures, "err", err)...)
	case res.Published > 0 || res.Failed > 0:
		s.log().Info("source pass", attrs...)
	default:
		s.log().Debug("source pass", attrs...)
	}
	return res, err
}

// retryAt returns when a source that failed n times in a row may run
// again.
func (s *Scheduler) retryAt(start time.Time, n int, err error) time.Time {
	wait := backoffMax
	if n < 8 {
		wait = min(backoffBase<<(n-1), backoffMax)
	}
	at := start.Add(wait)
	var ra *fetch.RetryAfterError
	if errors.As(err, &ra) && ra.RetryAfter.After(at) {
		at = ra.RetryAfter
	}
	return at
}

// Observe records a pass of a source that the scheduler does not run
// (an inbox, which is watched), for the metrics and Health: the outcome
// is kept in memory only.
func (s *Scheduler) Observe(src Scheduled, start time.Time, res PassResult, err error) {
	s.mu.Lock()
	st := s.failing[lockName(src)].st
	s.mu.Unlock()
	st.LastAttempt = start
	if err == nil {
		st.LastSuccess, st.Failures, st.LastError = start, 0, ""
	} else {
		st.Failures++
		st.LastError = oneLine(err.Error())
	}
	s.record(src, st)
	s.Metrics.pass(src, res, err, time.Since(start), st)
}

// record keeps the state of src, as a pass here or elsewhere left it,
// for Health.
func (s *Scheduler) record(src Scheduled, st bulletinfeed.SourceState) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failing == nil {
		s.failing = map[string]failure{}
	}
	name := lockName(src)
	if st.Failures == 0 {
		delete(s.failing, name)
		return
	}
	f, ok := s.failing[name]
	if !ok {
		f = failure{src: src, since: st.LastAttempt}
	}
	f.st = st
	s.failing[name] = f
}

// Health returns a line per source whose last pass in this process
// failed, sorted, with the reason when detail is true (the reason may
// name hosts of an internal network).
func (s *Scheduler) Health(detail bool) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var lines []string
	for _, f := range s.failing {
		// Anyone may read the lines without detail: they name the
		// source by its kind and place, never by its URL, which may
		// name an intranet host or carry a token. Private readers get
		// the URL and the error, both redacted.
		name := f.src.Name
		if name == "" {
			name = f.src.Kind + " source"
		}
		if detail {
			name = bulletinfeed.Redact(f.src.ID)
		}
		line := fmt.Sprintf("source %s of %s: failing since %s (%d %s)", name, f.src.Publication,
			f.since.UTC().Format(time.RFC3339), f.st.Failures, plural(f.st.Failures, "pass", "passes"))
		if detail {
			line += ": " + bulletinfeed.Redact(f.st.LastError)
		}
		lines = append(lines, line)
	}
	slices.Sort(lines)
	return lines
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// lock returns the mutex that keeps two passes of src in this process
// apart (a tick and the catch-up at start).
func (s *Scheduler) lock(src Scheduled) *sync.Mutex {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.running == nil {
		s.running = map[string]*sync.Mutex{}
	}
	m := s.running[lockName(src)]
	if m == nil {
		m = &sync.Mutex{}
		s.running[lockName(src)] = m
	}
	return m
}

// lockName names a source's lock in the store.
func lockName(src Scheduled) string { return "source:" + src.Publication + ":" + src.ID }

func (s *Scheduler) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

func (s *Scheduler) log() *slog.Logger {
	if s.Log != nil {
		return s.Log
	}
	return slog.Default()
}

// oneLine returns s on one line, for the store and /healthz.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// cronLogger adapts slog to cron's logger: cron's routine messages (each
// wake-up) are debug lines; its errors (a recovered panic) are errors.
type cronLogger struct{ log *slog.Logger }

func (l cronLogger) Info(msg string, kv ...any) { l.log.Debug("cron: "+msg, kv...) }
func (l cronLogger) Error(err error, msg string, kv ...any) {
	l.log.Error("cron: "+msg, append(kv, "err", err)...)
}
