package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/store"
)

// holdExclusive starts db.TryExclusive(name) with a function that waits
// until release is closed; it returns once that function runs, and the
// channel gives TryExclusive's result.
func holdExclusive(t *testing.T, db *store.DB, name string, release <-chan struct{}) <-chan error {
	t.Helper()
	started := make(chan struct{})
	done := make(chan error, 1)
	go func() {
		ran, err := db.TryExclusive(context.Background(), name, func(ctx context.Context) error {
			close(started)
			<-release
			return nil
		})
		if !ran && err == nil {
			err = errors.New("the holder did not run")
		}
		done <- err
	}()
	select {
	case <-started:
	case err := <-done:
		t.Fatalf("holder did not start: %v", err)
	case <-time.After(5 * time.Second):
		t.Fatal("holder did not start within 5s")
	}
	return done
}

// mustTry runs TryExclusive(name) with a function that only notes it ran,
// and checks that it ran exactly when want.
func mustTry(t *testing.T, db *store.DB, name string, want bool) {
	t.Helper()
	called := false
	ran, err := db.TryExclusive(context.Background(), name, func(ctx context.Context) error {
		called = true
		return nil
	})
	if err != nil || ran != want || called != want {
		t.Fatalf("TryExclusive(%q) = %v, %v (fn called: %v); want %v, nil", name, ran, err, called, want)
	}
}

// TestTryExclusive: while one handle runs a function under a name,
// another handle on the same database does not run its own and returns at
// once; a different name is free; once the first returns, the second
// runs; fn's error is returned.
func TestTryExclusive(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		a := mustOpen(t, dsn, nil)
		b := mustOpen(t, dsn, nil)
		release := make(chan struct{})
		done := holdExclusive(t, a, "pass", release)

		start := time.Now()
		mustTry(t, b, "pass", false)
		if d := time.Since(start); d > 2*time.Second {
			t.Errorf("TryExclusive took %v while the name was held; want an answer at once", d)
		}
		mustTry(t, a, "pass", false) // the same handle again is another holder
		mustTry(t, b, "other pass", true)

		close(release)
		if err := <-done; err != nil {
			t.Fatalf("holder: %v", err)
		}
		mustTry(t, b, "pass", true)
		mustTry(t, a, "pass", true)

		// fn's error comes back, and the name is free after it.
		boom := errors.New("boom")
		ran, err := a.TryExclusive(context.Background(), "pass", func(ctx context.Context) error { return boom })
		if !ran || !errors.Is(err, boom) {
			t.Errorf("TryExclusive with a failing fn = %v, %v; want true, boom", ran, err)
		}
		mustTry(t, b, "pass", true)
	})
}

// TestTryExclusivePostgresSchemas: the same name in another schema of the
// same database is another lock, as it is another store.
func TestTryExclusivePostgresSchemas(t *testing.T) {
	a := mustOpen(t, pgDSN(t), nil)
	other := mustOpen(t, pgDSN(t), nil)
	release := make(chan struct{})
	done := holdExclusive(t, a, "pass", release)
	mustTry(t, other, "pass", true)
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
}

// TestTryExclusivePostgresTerminated: the lock goes with the backend that
// holds it, as when its process dies: another handle runs at once, and the
// holder, when it returns, learns it lost the lock.
func TestTryExclusivePostgresTerminated(t *testing.T) {
	dsn := pgDSN(t)
	a := mustOpen(t, dsn, nil)
	b := mustOpen(t, dsn, nil)
	release := make(chan struct{})
	done := holdExclusive(t, a, "pass", release)
	mustTry(t, b, "pass", false)

	raw, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	// The backend that holds the advisory lock of this schema's "pass":
	// pg_locks splits the 64-bit key into two 32-bit halves.
	var pid int64
	err = raw.QueryRow(`SELECT l.pid FROM pg_locks l,
			(SELECT hashtextextended(current_schema() || ':' || 'pass', 0) AS k) x
		WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1
			AND l.classid::bigint = (x.k >> 32) & 4294967295 AND l.objid::bigint = x.k & 4294967295`).Scan(&pid)
	if err != nil {
		t.Fatalf("find the holder's backend: %v", err)
	}
	if _, err := raw.Exec(`SELECT pg_terminate_backend($1)`, pid); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		ran, err := b.TryExclusive(context.Background(), "pass", func(ctx context.Context) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		if ran {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the lock was still held 5s after its backend was terminated")
		}
		time.Sleep(20 * time.Millisecond)
	}
	close(release)
	if err := <-done; !errors.Is(err, store.ErrExclusiveLost) {
		t.Errorf("holder whose backend was terminated returned %v; want ErrExclusiveLost", err)
	}
}

// TestTryExclusiveLeaseExpired: on SQLite a lease left by a process of
// another host blocks others until it expires, and is then taken over.
func TestTryExclusiveLeaseExpired(t *testing.T) {
	c := newClock()
	db := mustOpen(t, filepath.Join(t.TempDir(), "bulletinfeed.db"), c)
	ctx := context.Background()
	if err := db.Exec(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES ('pass', 'dead-host:4242:x', ?)`,
		c.Now().Add(10*time.Minute).UnixMicro()); err != nil {
		t.Fatal(err)
	}
	mustTry(t, db, "pass", false)
	c.Advance(10*time.Minute - time.Second)
	mustTry(t, db, "pass", false)
	c.Advance(time.Second)
	mustTry(t, db, "pass", true)
	// Released when done: free again without waiting for an expiry.
	mustTry(t, db, "pass", true)
}

// TestTryExclusiveLeaseRenewed: on SQLite a lease is renewed while its
// holder runs, so a holder that runs longer than the lease lasts keeps
// it.
func TestTryExclusiveLeaseRenewed(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "bulletinfeed.db")
	a := mustOpen(t, dsn, nil)
	b := mustOpen(t, dsn, nil)
	const ttl = 300 * time.Millisecond
	a.SetLeaseTTL(ttl)
	release := make(chan struct{})
	done := holdExclusive(t, a, "pass", release)
	time.Sleep(3 * ttl)
	mustTry(t, b, "pass", false)
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mustTry(t, b, "pass", true)
}

// TestTryExclusivePanic: a panic in fn reaches the caller of TryExclusive,
// and the name is free at once after it, for another handle as for the
// same one: on SQLite the lease is deleted and no longer renewed, on
// PostgreSQL the lock's transaction ends.
func TestTryExclusivePanic(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		a := mustOpen(t, dsn, nil)
		b := mustOpen(t, dsn, nil)
		// Short, so that a renewal left running would be seen to keep
		// the lease past its expiry.
		const ttl = 150 * time.Millisecond
		a.SetLeaseTTL(ttl)
		b.SetLeaseTTL(ttl)
		const boom = "boom in fn"
		func() {
			defer func() {
				if r := recover(); r != boom {
					t.Errorf("recovered %v from TryExclusive with a panicking fn; want %q", r, boom)
				}
			}()
			a.TryExclusive(context.Background(), "pass", func(ctx context.Context) error { panic(boom) })
		}()
		mustTry(t, b, "pass", true)
		time.Sleep(2 * ttl)
		mustTry(t, b, "pass", true)
		mustTry(t, a, "pass", true)
	})
}

// TestTryExclusiveDeadHolderOfThisHost: a lease whose holder was a process
// of this host that is gone (kill -9 of serve during a pass) is taken over
// at once, not after it expires; so is one that names this process's PID
// with a claim it never made (a container restarted with the same PID).
// A live holder keeps it.
func TestTryExclusiveDeadHolderOfThisHost(t *testing.T) {
	host, err := os.Hostname()
	if err != nil {
		t.Skip(err)
	}
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Skip(err)
	}
	for _, tc := range []struct {
		name, holder string
		taken        bool
	}{
		{"a process that is gone", fmt.Sprintf("%s:%d:aa", host, gone.Process.Pid), true},
		{"this PID, another claim", fmt.Sprintf("%s:%d:bb", host, os.Getpid()), true},
		{"a live process", fmt.Sprintf("%s:%d:cc", host, os.Getppid()), false},
		{"another host", fmt.Sprintf("elsewhere-%s:%d:dd", host, gone.Process.Pid), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := newClock()
			db := mustOpen(t, filepath.Join(t.TempDir(), "bulletinfeed.db"), c)
			if err := db.Exec(context.Background(), `INSERT INTO leases (name, holder, expires_at) VALUES ('pass', ?, ?)`,
				tc.holder, c.Now().Add(time.Minute).UnixMicro()); err != nil {
				t.Fatal(err)
			}
			mustTry(t, db, "pass", tc.taken)
		})
	}
}
