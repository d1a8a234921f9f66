package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"sync/atomic"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// DB is an open store. It is safe for concurrent use, and several
// processes may open the same database at once.
type DB struct {
	db *sql.DB
	// gate connects db's pool; shut until Take for a store of Later.
	gate *gate
	d    *dialect
	log  *slog.Logger

	// Now returns the current time; tests replace it to get stable times.
	Now func() time.Time

	// file is the SQLite file and fileInfo what it was when opened, so
	// that Version notices the file being deleted or replaced under a
	// running server; both are empty on PostgreSQL.
	file     string
	fileInfo os.FileInfo

	// pgDSN is the PostgreSQL connection string, for the dedicated
	// connection that Changes listens on; empty on SQLite.
	pgDSN string

	// listenPID is the backend process id of the latest connection
	// Changes listens on (0 while none is up), for tests.
	listenPID atomic.Uint32

	// leaseTTL is how long a lease of TryExclusive lasts on SQLite:
	// leaseTTL but for tests.
	leaseTTL time.Duration

	// names caches the names of sections for the articles read.
	names sectionNames

	// analyze counts the writes that call for new planner statistics.
	analyze analyzer

	// stmts are the reads prepared once (stmts.go).
	stmts stmtCache

	// articleHook, when set, runs before each article of an ingest is
	// written; an error from it aborts the ingest. Tests use it to fail a
	// transaction halfway.
	articleHook func(i int) error
}

// checkFile reports an error when the SQLite file opened is no longer at
// its path: deleted, or replaced by another file (a restore, a careless
// copy). The open handle would go on reading the old file while ingests by
// other processes go into the new one, unseen.
func (db *DB) checkFile() error {
	// The gate first: Take sets the file before it opens the gate.
	if !db.IsOpen() || db.fileInfo == nil {
		return nil
	}
	fi, err := os.Stat(db.file)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return bulletinfeed.Errorf(bulletinfeed.Internal, "store file %s was deleted while open; restart to open it again", db.file)
	case err != nil:
		return fmt.Errorf("check store file %s: %w", db.file, err)
	case !os.SameFile(fi, db.fileInfo):
		return bulletinfeed.Errorf(bulletinfeed.Internal, "store file %s was replaced by another file while open; restart to use the new one", db.file)
	}
	return nil
}

// Close releases the database.
func (db *DB) Close() error {
	db.stmts.close()
	return db.db.Close()
}

// Version returns a counter that grows with every write that changes what
// a reader would see. A server polls it to learn, cheaply, that another
// process ingested something. On SQLite it first checks that the file is
// still the one opened.
func (db *DB) Version(ctx context.Context) (int64, error) {
	if err := db.checkFile(); err != nil {
		return 0, err
	}
	var v int64
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT value FROM counters WHERE name = 'version'`)).Scan(&v)
	if err != nil {
		return 0, db.errorf(err, "read store version")
	}
	return v, nil
}

// bumpVersion increments the version inside the writing transaction, so
// the new value is visible exactly when the change it announces is. On
// PostgreSQL the same statement notifies the listeners of Changes, and
// the notification is delivered at commit, never for a rollback.
func (db *DB) bumpVersion(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, db.d.bumpVersion)
	if err != nil {
		return db.errorf(err, "bump store version")
	}
	return nil
}

// now returns the injected clock's time in UTC, truncated to the
// microsecond the columns hold, so what Ingest returns equals what a later
// read returns.
func (db *DB) now() time.Time {
	return db.Now().UTC().Truncate(time.Microsecond)
}

// querier is what both *sql.DB and *sql.Tx offer, so one read function
// serves inside and outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// errorf adds context to an error from the driver. The dialect first gives
// it a kind (not found, conflict); a kinded error keeps its kind and takes
// the context into its user-safe message.
func (db *DB) errorf(err error, format string, args ...any) error {
	if se := (*shutError)(nil); errors.As(err, &se) {
		return se.why
	}
	err = db.d.formatError(err)
	msg := fmt.Sprintf(format, args...)
	if k := bulletinfeed.KindOf(err); k != bulletinfeed.Internal {
		return &bulletinfeed.Error{Kind: k, Message: msg, Err: err}
	}
	return fmt.Errorf("%s: %w", msg, err)
}

// readTx starts a read-only transaction that sees one snapshot, for reads
// that take more than one query.
func (db *DB) readTx(ctx context.Context) (*sql.Tx, error) {
	tx, err := db.db.BeginTx(ctx, db.d.readTxOptions)
	if err != nil {
		return nil, db.errorf(err, "begin read")
	}
	return tx, nil
}

// writeTx starts a transaction that writes the publication pubID. It
// holds the publication's write lock from the start, so two ingests of the
// same publication never interleave and never deadlock on an upgrade.
func (db *DB) writeTx(ctx context.Context, pubID string) (*sql.Tx, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.errorf(err, "begin write")
	}
	if db.d.lockPublication != "" {
		if _, err := tx.ExecContext(ctx, db.d.rebind(db.d.lockPublication), pubID); err != nil {
			tx.Rollback()
			return nil, db.errorf(err, "lock publication %q", pubID)
		}
	}
	return tx, nil
}

// micros and fromMicros convert times to the BIGINT microseconds since the
// Unix epoch in which both backends store them: one representation that
// sorts correctly and needs no driver-specific time handling.
func micros(t time.Time) int64 { return t.UnixMicro() }

func fromMicros(v int64) time.Time { return time.UnixMicro(v).UTC() }

// nilIfEmpty makes an empty list nil, so that an article reads back
// exactly as it was stored whichever way its lists were empty.
func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// nonNil makes a nil list encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
