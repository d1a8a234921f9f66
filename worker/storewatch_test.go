package worker_test

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/internal/testpg"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// refreshFunc adapts a function to the watch's refresher.
type refreshFunc func(ctx context.Context) error

func (f refreshFunc) Refresh(ctx context.Context) error { return f(ctx) }

// TestStoreWatch: the watch opens a store that was down at start once it
// can be reached, backs off while refreshes fail (never faster than the
// delays allow), comes back to its pace after a success, and stops with
// its context.
func TestStoreWatch(t *testing.T) {
	down := bulletinfeed.Errorf(bulletinfeed.Unavailable, "database unavailable")
	var mu sync.Mutex
	var opens, refreshes []time.Time
	// The store is made before the watch starts: the 600 ms below time
	// the watch, not the creation of a schema that grows with each
	// migration (hundreds of milliseconds under -race on a busy machine).
	dsn := t.TempDir() + "/bulletinfeed.db"
	made, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	made.Close()
	slot := mustLater(t, dsn)
	w := &worker.StoreWatch{
		Store: slot,
		Open: func(ctx context.Context) (*store.DB, error) {
			mu.Lock()
			defer mu.Unlock()
			opens = append(opens, time.Now())
			if len(opens) < 3 {
				return nil, down
			}
			return store.Open(ctx, dsn, nil)
		},
		Target: refreshFunc(func(ctx context.Context) error {
			mu.Lock()
			defer mu.Unlock()
			if !slot.IsOpen() {
				return nil // the failed open is recorded, not a refresh
			}
			refreshes = append(refreshes, time.Now())
			if len(refreshes) <= 2 {
				return errors.New("database is locked")
			}
			return nil
		}),
		Log:   slog.New(slog.DiscardHandler),
		Every: 20 * time.Millisecond,
		Max:   80 * time.Millisecond,
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	time.Sleep(600 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("the watch did not stop with its context")
	}
	mu.Lock()
	defer mu.Unlock()
	if !slot.IsOpen() {
		t.Fatal("the store was never opened")
	}
	if len(opens) != 3 {
		t.Errorf("%d opens, want 3: two failures, then one success", len(opens))
	}
	// Back-off: the gaps after failures grow (20, 40 ms, plus jitter).
	if gap := opens[2].Sub(opens[1]); gap < 40*time.Millisecond {
		t.Errorf("second retry after %v, want at least 40ms", gap)
	}
	if len(refreshes) < 5 {
		t.Fatalf("%d refreshes in 600ms, want the watch to go on after the failures", len(refreshes))
	}
	// After the success the pace is back to every, not the backed-off max.
	last := refreshes[len(refreshes)-1].Sub(refreshes[len(refreshes)-2])
	if last > 60*time.Millisecond {
		t.Errorf("gap between healthy refreshes %v, want about 20ms", last)
	}
}

// TestStoreWatchChanges: a change the store reports triggers a refresh at
// once, long before the next poll; a closed channel leaves the poll.
func TestStoreWatchChanges(t *testing.T) {
	dsn := t.TempDir() + "/bulletinfeed.db"
	slot := mustLater(t, dsn)
	changes := make(chan struct{}, 1)
	refreshed := make(chan time.Time, 16)
	w := &worker.StoreWatch{
		Store: slot,
		Open: func(ctx context.Context) (*store.DB, error) {
			return store.Open(ctx, dsn, nil)
		},
		Target: refreshFunc(func(ctx context.Context) error {
			refreshed <- time.Now()
			return nil
		}),
		Log:   slog.New(slog.DiscardHandler),
		Every: time.Hour,
		Max:   time.Hour,
		Changes: func(context.Context, *store.DB) (<-chan struct{}, error) {
			return changes, nil
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	defer func() {
		cancel()
		<-done
	}()
	select {
	case <-refreshed: // the first check
	case <-time.After(2 * time.Second):
		t.Fatal("no first check")
	}
	for i := range 3 {
		sent := time.Now()
		changes <- struct{}{}
		select {
		case at := <-refreshed:
			if d := at.Sub(sent); d > 500*time.Millisecond {
				t.Errorf("change %d: refreshed after %v", i, d)
			}
		case <-time.After(2 * time.Second):
			t.Fatalf("change %d: no refresh within 2s, the next poll being an hour away", i)
		}
	}
	close(changes)
	select {
	case <-refreshed:
	case <-time.After(2 * time.Second):
		t.Fatal("no refresh once the channel closed")
	}
	select {
	case <-refreshed:
		t.Fatal("the watch spins on a closed channel")
	case <-time.After(200 * time.Millisecond):
	}
}

// TestStoreWatchPostgres: on PostgreSQL an ingest through another handle
// is refreshed within a second, with the poll an hour away.
func TestStoreWatchPostgres(t *testing.T) {
	pg := os.Getenv("BULLETINFEED_TEST_POSTGRES")
	if pg == "" {
		t.Skip("BULLETINFEED_TEST_POSTGRES is not set")
	}
	dsn := testpg.Schema(t, pg)
	writer, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer writer.Close()
	if err := writer.PutPublication(context.Background(), &bulletinfeed.Publication{ID: "hexi", Title: "河西通讯", Lang: "zh-CN", TimeZone: "Asia/Shanghai"}); err != nil {
		t.Fatal(err)
	}
	slot := mustLater(t, dsn)
	refreshed := make(chan int64, 16)
	listening := make(chan struct{})
	w := &worker.StoreWatch{
		Store: slot,
		Open:  func(ctx context.Context) (*store.DB, error) { return store.OpenExisting(ctx, dsn, nil) },
		Target: refreshFunc(func(ctx context.Context) error {
			v, err := slot.Version(ctx)
			refreshed <- v
			return err
		}),
		Log:   slog.New(slog.DiscardHandler),
		Every: time.Hour,
		Max:   time.Hour,
		Changes: func(ctx context.Context, db *store.DB) (<-chan struct{}, error) {
			defer close(listening)
			return db.Changes(ctx)
		},
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		w.Run(ctx)
	}()
	defer func() {
		cancel()
		<-done
	}()
	var before int64
	select {
	case before = <-refreshed:
	case <-time.After(5 * time.Second):
		t.Fatal("no first check")
	}
	// Changes is asked right after the first check, and listens before
	// it returns.
	select {
	case <-listening:
	case <-time.After(5 * time.Second):
		t.Fatal("the watch did not ask for changes")
	}
	iss := &bulletinfeed.Issue{Key: "2023-04", Date: time.Date(2023, 4, 20, 0, 0, 0, 0, time.UTC), SourceName: "2023-04.txt",
		Articles: []*bulletinfeed.Article{{Section: "综合", Headings: []string{"社区议事会召开"}, Title: "社区议事会召开",
			Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "居民代表议定停车场改造方案。"}}}}}
	start := time.Now()
	if _, err := writer.Ingest(ctx, "hexi", iss); err != nil {
		t.Fatal(err)
	}
	deadline := time.After(time.Second)
	for {
		select {
		case v := <-refreshed:
			if v > before {
				t.Logf("refreshed at version %d, %v after the ingest began", v, time.Since(start).Round(time.Millisecond))
				return
			}
		case <-deadline:
			t.Fatal("the ingest by another handle was not refreshed within 1s")
		}
	}
}

// releaseRecorder is a server that records the next release it is told
// and whose refresh can fail.
type releaseRecorder struct {
	fail      bool
	next      []time.Time
	refreshed int
}

func (r *releaseRecorder) Refresh(context.Context) error {
	r.refreshed++
	if r.fail {
		return errors.New("render failed")
	}
	return nil
}
func (r *releaseRecorder) SetNextRelease(t time.Time) { r.next = append(r.next, t) }

// TestWatchReleaseOrder: the server learns the next release time only
// after a refresh succeeded, so that the cap on max-age is not lifted
// while the pages in memory predate a release.
func TestWatchReleaseOrder(t *testing.T) {
	db, err := store.Open(context.Background(), t.TempDir()+"/bulletinfeed.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	target := &releaseRecorder{fail: true}
	w := &worker.StoreWatch{Store: db, Target: target, Log: slog.New(slog.DiscardHandler)}
	if err := w.Check(context.Background()); err == nil || len(target.next) != 0 {
		t.Fatalf("failed refresh: err %v, told %v", err, target.next)
	}
	target.fail = false
	if err := w.Check(context.Background()); err != nil || len(target.next) != 1 || !target.next[0].IsZero() {
		t.Fatalf("refresh: err %v, told %v", err, target.next)
	}
	// A store that fails the release's query is still refreshed, which
	// records its fault for /healthz.
	db.Close()
	before := target.refreshed
	if err := w.Check(context.Background()); err == nil || target.refreshed != before+1 || len(target.next) != 1 {
		t.Errorf("store gone: err %v, refreshed %d times, told %v", err, target.refreshed-before, target.next)
	}
}

// mustLater returns a store of store.Later on dsn, closed when the test
// ends.
func mustLater(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Later(dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
