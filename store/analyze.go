package store

import (
	"context"
	"sync"
	"sync/atomic"
)

// defaultAnalyzeMin is the least number of article rows written since the
// last Analyze that makes an ingest run it: below it, the planner's
// picture of a large table is still true enough.
const defaultAnalyzeMin = 1000

// analyzeShare is the other bound: a tenth of the articles, so that a
// store of 100,000 is analyzed every 10,000 rows written rather than at
// each 1,000.
const analyzeShare = 10

// analyzer counts the rows of articles this process wrote since its last
// Analyze.
type analyzer struct {
	min     int64
	written atomic.Int64
	runs    atomic.Int64
	// mu keeps two ingests that cross the threshold at once from both
	// analyzing.
	mu sync.Mutex
}

// Analyze refreshes the statistics the query planner chooses indexes by:
// VACUUM (ANALYZE) of the tables that grow on PostgreSQL, PRAGMA optimize
// on SQLite. Without them, PostgreSQL plans queries on a store filled
// since they were last gathered as if its tables were small, and may scan
// a table where an index would read a few rows; and without the vacuum's
// visibility map it reads every row of a table for counts that an index
// holds. An ingest or a deletion
// runs it by itself when it brings the rows of articles this process
// wrote since the last run above 1,000 or a tenth of the articles stored,
// whichever is more.
func (db *DB) Analyze(ctx context.Context) error {
	written := db.analyze.written.Load()
	if _, err := db.db.ExecContext(ctx, db.d.analyze); err != nil {
		return db.errorf(err, "analyze")
	}
	db.analyze.written.Add(-written)
	db.analyze.runs.Add(1)
	return nil
}

// wrote counts n rows of articles written by a committed transaction and
// runs Analyze once they are enough. A failure is logged, not returned:
// the write it follows succeeded.
func (db *DB) wrote(ctx context.Context, n int) {
	written := db.analyze.written.Add(int64(n))
	if written <= db.analyze.min {
		return
	}
	a := &db.analyze
	if !a.mu.TryLock() {
		return
	}
	defer a.mu.Unlock()
	var given int64
	if err := db.db.QueryRowContext(ctx, `SELECT COALESCE(SUM(last_ord), 0) FROM ordinals WHERE name = 'articles'`).Scan(&given); err != nil {
		db.log.Warn("analyze: count articles", "err", err)
		return
	}
	// The ordinals given count the articles stored, and those deleted
	// since: near enough for a threshold, and read from a handful of rows.
	if written = a.written.Load(); written <= max(a.min, given/analyzeShare) {
		return
	}
	if err := db.Analyze(ctx); err != nil {
		db.log.Warn("refresh planner statistics", "err", err)
		return
	}
	db.log.Info("refreshed planner statistics", "backend", db.d.name, "articles_written", written)
}
