package store

import (
	"context"
	"time"
)

// SetArticleHook sets a function run before each article an ingest
// writes; its error aborts the ingest.
func (db *DB) SetArticleHook(f func(i int) error) { db.articleHook = f }

// OpenAtVersion opens dsn as Open does but applies the migrations up to
// version only, to make a store as an older bulletinfeed left it.
func OpenAtVersion(ctx context.Context, dsn string, version int64) (*DB, error) {
	return open(ctx, dsn, nil, version)
}

// NewestVersion is the schema version this build needs.
func NewestVersion() int64 {
	v, err := newestVersion()
	if err != nil {
		panic(err)
	}
	return v
}

// SchemaVersion reads the version the store's schema is at.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v)
	return v, err
}

// Exec runs a statement (with ? placeholders) on the store's database.
func (db *DB) Exec(ctx context.Context, query string, args ...any) error {
	_, err := db.db.ExecContext(ctx, db.d.rebind(query), args...)
	return err
}

// SetAnalyzeMin sets the least number of articles written that makes an
// ingest run Analyze.
func (db *DB) SetAnalyzeMin(n int64) { db.analyze.min = n }

// Analyzes counts the runs of Analyze by this handle.
func (db *DB) Analyzes() int64 { return db.analyze.runs.Load() }

// ListenPID is the backend process id of the connection Changes listens
// on, or 0 while it is down. It is set after the value that a reconnection
// sends, so a test that sees a new id may drain the channel.
func (db *DB) ListenPID() uint32 { return db.listenPID.Load() }

// SetLeaseTTL sets how long a lease of TryExclusive lasts on SQLite.
func (db *DB) SetLeaseTTL(d time.Duration) { db.leaseTTL = d }
