package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// TryExclusive runs fn only when no other holder of name, in this process
// or in another one sharing the database (a replica, a run-once beside a
// server), is running; it reports whether fn ran and fn's error. When the
// name is held it returns false and no error at once, without waiting:
// the other holder is doing the work.
//
// On PostgreSQL the name is a transaction-level advisory lock, per
// schema, held by a connection of its own while fn runs; a process that
// dies loses its connection and so the lock. On SQLite it is a lease row
// that lasts leaseTTL and is renewed while fn runs; a lease a dead
// process left is taken over once it expires. Should the lock or the
// lease be lost while fn runs (its connection killed, the lease taken
// over after a long stall), fn's context is cancelled with cause
// ErrExclusiveLost, and TryExclusive returns true with an error that
// wraps ErrExclusiveLost.
//
// fn writes through the store as usual, not through the lock.
func (db *DB) TryExclusive(ctx context.Context, name string, fn func(ctx context.Context) error) (ran bool, err error) {
	if db.pgDSN != "" {
		return db.tryAdvisory(ctx, name, fn)
	}
	return db.tryLease(ctx, name, fn)
}

// ErrExclusiveLost is the cause of the cancellation of the context of a
// function run by TryExclusive when another holder may have started
// meanwhile.
var ErrExclusiveLost = errors.New("exclusive lock lost")

// advisoryCheck is how often the connection that holds an advisory lock
// is checked while its holder runs: often enough to stop a pass soon
// after a replica may have started its own, cheap enough to not matter.
const advisoryCheck = 30 * time.Second

// tryAdvisory is TryExclusive on PostgreSQL. The key is derived from the
// schema as well as the name: advisory locks are database-wide, and two
// stores in schemas of one database are two stores.
func (db *DB) tryAdvisory(ctx context.Context, name string, fn func(ctx context.Context) error) (bool, error) {
	conn, err := db.db.Conn(ctx)
	if err != nil {
		return false, db.errorf(err, "exclusive %q: connect", name)
	}
	defer conn.Close()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return false, db.errorf(err, "exclusive %q: begin", name)
	}
	// Rolled back, not committed: the transaction writes nothing, and
	// either way ends the lock. Deferred, like the connection's return
	// to the pool, so that a panic in fn ends the lock too.
	defer tx.Rollback()
	var got bool
	if err := tx.QueryRowContext(ctx, `SELECT pg_try_advisory_xact_lock(hashtextextended(current_schema() || ':' || $1, 0))`,
		name).Scan(&got); err != nil {
		return false, db.errorf(err, "exclusive %q: lock", name)
	}
	if !got {
		return false, nil
	}
	// The lock lives as long as the transaction's session: a failed
	// statement on it means the backend is gone, and the lock with it.
	alive := func(ctx context.Context) error {
		_, err := tx.ExecContext(ctx, `SELECT 1`)
		return err
	}
	err = db.holding(ctx, name, advisoryCheck, fn, alive)
	// Checked once more at the end, so that a loss during a short fn is
	// reported too; not after ctx is done, which ends the transaction
	// (and the lock) itself.
	if ctx.Err() == nil && !errors.Is(err, ErrExclusiveLost) {
		if aerr := alive(ctx); aerr != nil {
			err = errors.Join(err, lostError(name, aerr))
		}
	}
	return true, err
}

// holding runs fn while the exclusivity of name is held, calling check
// every interval: when it fails, fn's context is cancelled and the loss
// is returned with fn's error.
func (db *DB) holding(ctx context.Context, name string, every time.Duration, fn func(ctx context.Context) error, check func(ctx context.Context) error) error {
	fctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	lost := make(chan error, 1)
	done := make(chan struct{})
	go func() {
		defer close(lost)
		tick := time.NewTicker(every)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if err := check(ctx); err != nil {
				if ctx.Err() != nil {
					return
				}
				db.log.Error("exclusive lock lost while its holder runs", "name", name, "err", err)
				lost <- err
				cancel(ErrExclusiveLost)
				return
			}
		}
	}()
	// The checks are stopped by a defer as well, so that a panic in fn
	// stops them too: left running, they would renew a SQLite lease for
	// the life of the process. Waiting for the goroutine means no check
	// runs once the caller releases.
	stopped := false
	stop := func() error {
		if stopped {
			return nil
		}
		stopped = true
		close(done)
		return <-lost
	}
	defer stop()
	err := fn(fctx)
	if lerr := stop(); lerr != nil {
		return errors.Join(err, lostError(name, lerr))
	}
	return err
}

func lostError(name string, err error) error {
	return fmt.Errorf("exclusive %q: %w: %w", name, ErrExclusiveLost, err)
}
