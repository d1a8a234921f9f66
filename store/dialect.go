package store

import (
	"database/sql"
	"strconv"
	"strings"
)

// dialect is what differs between the backends. Queries are written once,
// with ? placeholders, in SQL both understand.
type dialect struct {
	name string
	// numbered placeholders ($1, $2, …) instead of ?.
	numbered bool
	// formatError gives a driver error its kind: no rows is not found, a
	// unique violation is a conflict. Other errors are returned as they are.
	formatError func(error) error
	// lockPublication, when not empty, is run first in every writing
	// transaction with the publication id, to serialise writers.
	lockPublication string
	// lockMigrations, when not empty, is run first in the migrating
	// transaction, so two processes starting at once migrate one by one.
	lockMigrations string
	// readTxOptions start a transaction that reads one snapshot.
	readTxOptions *sql.TxOptions
	// analyze refreshes the query planner's statistics.
	analyze string
	// hasMigrations reports whether the schema_migrations table exists,
	// which tells a store from an empty database.
	hasMigrations string
	// bumpVersion increments the store's version counter; on PostgreSQL
	// it also notifies changesChannel with the new version.
	bumpVersion string
	// skipLocked ends the subquery that picks the deliveries a claim
	// takes: on PostgreSQL, rows another replica's claim is locking are
	// passed over rather than waited for. SQLite has one writer at a
	// time and needs nothing.
	skipLocked string
}

// bumpVersionSQL is the plain increment of the version counter.
const bumpVersionSQL = `UPDATE counters SET value = value + 1 WHERE name = 'version'`

// rebind turns the ? placeholders of q into the dialect's own. The queries
// of this package hold no ? inside string literals.
func (d *dialect) rebind(q string) string {
	if !d.numbered {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 8)
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
