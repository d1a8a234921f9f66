package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// leaseTTL is how long a lease of TryExclusive lasts on SQLite unless
// renewed; it is renewed every third of it (10 s). After a crash on
// another host the next pass half a minute later finds it expired; a
// crashed holder on this host is seen dead at once (deadHolder). It was
// ten minutes once, and a server restarted after kill -9 published
// nothing for five.
const leaseTTL = 30 * time.Second

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
		took, err := db.takeFromDead(ctx, name, holder, now)
		if err != nil || !took {
			return false, err
		}
	}
	claims.add(holder)
	defer claims.remove(holder)
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

// takeFromDead takes the lease name over from a holder that is dead:
// a process of this host that no longer runs (or whose PID is this
// process's, with a claim this process never made: a container restarted
// with the same PID). One statement, conditioned on the dead holder, so
// that two processes taking it over cannot both succeed.
func (db *DB) takeFromDead(ctx context.Context, name, holder string, now time.Time) (bool, error) {
	var old string
	err := db.db.QueryRowContext(ctx, `SELECT holder FROM leases WHERE name = ?`, name).Scan(&old)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil // released meanwhile: the next pass takes it
	}
	if err != nil {
		return false, db.errorf(err, "exclusive %q: read lease", name)
	}
	if !deadHolder(old) {
		return false, nil
	}
	res, err := db.db.ExecContext(ctx, `UPDATE leases SET holder = ?, expires_at = ? WHERE name = ? AND holder = ?`,
		holder, micros(now.Add(db.leaseTTL)), name, old)
	if err != nil {
		return false, db.errorf(err, "exclusive %q: take lease", name)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, db.errorf(err, "exclusive %q: take lease", name)
	}
	if n == 1 {
		db.log.Warn("took over the lease of a process that is gone", "name", name, "holder", old)
	}
	return n == 1, nil
}

// deadHolder reports whether the holder of a lease (host:pid:random) is a
// process of this host that is gone. A holder of another host is never
// judged: its lease expires.
func deadHolder(holder string) bool {
	host, rest, ok := strings.Cut(holder, ":")
	if !ok {
		return false
	}
	pidText, _, ok := strings.Cut(rest, ":")
	if !ok {
		return false
	}
	pid, err := strconv.Atoi(pidText)
	if err != nil || pid <= 0 {
		return false
	}
	if me, _ := os.Hostname(); host != me {
		return false
	}
	if pid == os.Getpid() {
		return !claims.has(holder)
	}
	return !processAlive(pid)
}

// claims are the leases this process holds now.
var claims = claimSet{m: map[string]bool{}}

type claimSet struct {
	mu sync.Mutex
	m  map[string]bool
}

func (c *claimSet) add(h string)    { c.mu.Lock(); c.m[h] = true; c.mu.Unlock() }
func (c *claimSet) remove(h string) { c.mu.Lock(); delete(c.m, h); c.mu.Unlock() }
func (c *claimSet) has(h string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[h]
}
