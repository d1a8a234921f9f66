package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// leaseTTL is how long a lease of TryExclusive lasts on SQLite unless
// renewed; it is renewed every third of it. Long enough that a process
// stalled by a slow disk or a busy writer for a few minutes keeps its
// lease; short enough that after a crash the next cron pass (hourly at the
// most frequent) finds the lease expired and runs.
const leaseTTL = 10 * time.Minute

// tryLease is TryExclusive on SQLite, where there are no advisory locks
// and a lock held by a connection would block every other writer: a row
// in leases names the holder and when its claim ends.
func (db *DB) tryLease(ctx context.Context, name string, fn func(ctx context.Context) error) (ran bool, err error) {
	holder, err := leaseHolder()
	if err != nil {
		return false, fmt.Errorf("exclusive %q: %w", name, err)
	}
	now := db.now()
	// One statement, so that taking a free or expired lease and finding
	// it held cannot interleave with another process doing the same.
	res, err := db.db.ExecContext(ctx, `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE leases.expires_at <= ?`,
		name, holder, micros(now.Add(db.leaseTTL)), micros(now))
	if err != nil {
		return false, db.errorf(err, "exclusive %q: take lease", name)
	}
	if n, err := res.RowsAffected(); err != nil {
		return false, db.errorf(err, "exclusive %q: take lease", name)
	} else if n == 0 {
		return false, nil
	}
	renew := func(ctx context.Context) error {
		return db.leaseUpdate(ctx, `UPDATE leases SET expires_at = ? WHERE name = ? AND holder = ?`,
			micros(db.now().Add(db.leaseTTL)), name, holder)
	}
	// Released even when ctx is done, or the lease would block the next
	// pass for a whole TTL; deferred, so that a panic in fn, on its way
	// to the caller, releases it too.
	defer func() {
		if rerr := db.leaseUpdate(context.WithoutCancel(ctx), `DELETE FROM leases WHERE name = ? AND holder = ?`,
			name, holder); rerr != nil && err == nil {
			err = lostError(name, rerr)
		}
	}()
	return true, db.holding(ctx, name, db.leaseTTL/3, fn, renew)
}

// leaseUpdate runs a statement on this holder's lease row, which fails
// when the row is no longer this holder's.
func (db *DB) leaseUpdate(ctx context.Context, query string, args ...any) error {
	res, err := db.db.ExecContext(ctx, query, args...)
	if err != nil {
		return db.errorf(err, "lease")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return db.errorf(err, "lease")
	}
	if n == 0 {
		return bulletinfeed.Errorf(bulletinfeed.Conflict, "lease taken over by another holder")
	}
	return nil
}

// leaseHolder names one claim of a lease: the host and process, for
// whoever looks at the table, and a random part, so that two claims by
// one process are told apart.
func leaseHolder() (string, error) {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), hex.EncodeToString(b)), nil
}
