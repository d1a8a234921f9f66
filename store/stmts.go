package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache holds the statements of the reads made over and over (an
// article and its issue at each miss of a server's page cache, the
// articles of a feed at each render), prepared once and kept: each
// connection prepares one the first time it runs it, instead of parsing
// its SQL at every query, which was a sixth of an article page's miss on
// SQLite. The queries are constants of this package, so the cache stays
// small.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// query runs query, written with ? placeholders, as a prepared statement,
// within q when q is a transaction.
func (db *DB) query(ctx context.Context, q querier, query string, args ...any) (*sql.Rows, error) {
	st, err := db.stmts.get(ctx, db.db, db.d.rebind(query))
	if err != nil {
		return nil, err
	}
	if tx, ok := q.(*sql.Tx); ok {
		return tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return st.QueryContext(ctx, args...)
}

func (c *stmtCache) get(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.m[query]; st != nil {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	c.m[query] = st
	return st, nil
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.m {
		st.Close()
	}
	c.m = nil
}
