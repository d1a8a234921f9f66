package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// pgDSN returns a DSN of a fresh schema, or skips the test without
// BULLETINFEED_TEST_POSTGRES.
func pgDSN(t *testing.T) string {
	t.Helper()
	pg := os.Getenv("BULLETINFEED_TEST_POSTGRES")
	if pg == "" {
		t.Skip("BULLETINFEED_TEST_POSTGRES is not set")
	}
	return pgSchema(t, pg)
}

// drain empties ch of a value waiting there.
func drain(ch <-chan struct{}) {
	select {
	case <-ch:
	default:
	}
}

// fired waits up to d for a value on ch.
func fired(ch <-chan struct{}, d time.Duration) bool {
	select {
	case _, ok := <-ch:
		return ok
	case <-time.After(d):
		return false
	}
}

// TestChangesSQLite: SQLite offers no channel, and no error: the poll of
// Version is enough there.
func TestChangesSQLite(t *testing.T) {
	db := mustOpen(t, filepath.Join(t.TempDir(), "bulletinfeed.db"), nil)
	ch, err := db.Changes(context.Background())
	if ch != nil || err != nil {
		t.Fatalf("Changes on SQLite = %v, %v; want nil, nil", ch, err)
	}
}

// TestChangesPostgres: an ingest through one handle wakes the listener of
// another handle on the same database within a second, and the
// notification carries the new version. Other tests notify the same
// database-wide channel, so a wake-up may come early; the payload check
// looks for the exact version.
func TestChangesPostgres(t *testing.T) {
	dsn := pgDSN(t)
	writer := mustOpen(t, dsn, newClock())
	reader := mustOpen(t, dsn, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := reader.Changes(ctx)
	if err != nil || ch == nil {
		t.Fatalf("Changes = %v, %v; want a channel", ch, err)
	}
	if reader.ListenPID() == 0 {
		t.Fatal("Changes returned before listening")
	}

	// A raw listener, to see the payload.
	raw, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close(context.Background())
	if _, err := raw.Exec(ctx, "LISTEN bulletinfeed_version"); err != nil {
		t.Fatal(err)
	}

	drain(ch)
	start := time.Now()
	mustIngest(t, writer, issue("2023-04", day("2023-04-20"), article("综合", "社区议事会召开", para("a"))))
	if !fired(ch, time.Second) {
		t.Fatal("no change reported within 1s of an ingest by another handle")
	}
	t.Logf("change reported %v after the ingest began", time.Since(start).Round(time.Millisecond))
	want := mustVersion(t, writer)
	if got := mustVersion(t, reader); got != want {
		t.Errorf("reader's version %d after the change, want %d", got, want)
	}
	wctx, wcancel := context.WithTimeout(ctx, time.Second)
	defer wcancel()
	for {
		n, err := raw.WaitForNotification(wctx)
		if err != nil {
			t.Fatalf("no notification with payload %d: %v", want, err)
		}
		if n.Payload == strconv.FormatInt(want, 10) {
			break
		}
	}

	cancel()
	select {
	case _, ok := <-ch:
		for ok {
			_, ok = <-ch
		}
	case <-time.After(2 * time.Second):
		t.Fatal("the channel was not closed once the context was done")
	}
}

// TestChangesReconnect: a listening connection killed on the server is
// made again, reported once (writes may have gone unseen meanwhile), and
// listens as before.
func TestChangesReconnect(t *testing.T) {
	dsn := pgDSN(t)
	writer := mustOpen(t, dsn, newClock())
	reader := mustOpen(t, dsn, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ch, err := reader.Changes(ctx)
	if err != nil || ch == nil {
		t.Fatalf("Changes = %v, %v; want a channel", ch, err)
	}
	old := reader.ListenPID()
	if err := writer.Exec(ctx, `SELECT pg_terminate_backend(?)`, int64(old)); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		pid := reader.ListenPID()
		if pid != 0 && pid != old {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("listener not re-established within 5s (pid %d, was %d)", pid, old)
		}
		time.Sleep(10 * time.Millisecond)
	}
	// The reconnection reported itself before its id was published.
	select {
	case <-ch:
	default:
		t.Error("no change reported on reconnecting")
	}
	mustIngest(t, writer, issue("2023-04", day("2023-04-20"), article("综合", "社区议事会召开", para("a"))))
	if !fired(ch, time.Second) {
		t.Fatal("no change reported within 1s of an ingest after reconnecting")
	}
}
