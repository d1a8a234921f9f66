package store

import (
	"context"
	"database/sql"
)

// The channels that ordinals are given in, as named in the ordinals
// table: every article of a publication, the articles of one section, the
// issues.
const (
	articlesChannel = "articles"
	issuesChannel   = "issues"
)

func sectionChannel(slug string) string { return "section:" + slug }

// ordinals hands out the ordinals of one writing transaction. It reads
// the publication's counters once, counts in memory and writes back those
// it moved: the transaction holds the publication's write lock, so no
// other writer gives ordinals of this publication meanwhile.
type ordinals struct {
	pubID string
	last  map[string]int64
	moved map[string]bool
}

func (db *DB) loadOrdinals(ctx context.Context, tx *sql.Tx, pubID string) (*ordinals, error) {
	o := &ordinals{pubID: pubID, last: make(map[string]int64), moved: make(map[string]bool)}
	rows, err := tx.QueryContext(ctx, db.d.rebind(`SELECT name, last_ord FROM ordinals WHERE publication_id = ?`), pubID)
	if err != nil {
		return nil, db.errorf(err, "read ordinals of %q", pubID)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var last int64
		if err := rows.Scan(&name, &last); err != nil {
			return nil, db.errorf(err, "read ordinals of %q", pubID)
		}
		o.last[name] = last
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "read ordinals of %q", pubID)
	}
	return o, nil
}

// next gives the next ordinal of channel.
func (o *ordinals) next(channel string) int64 {
	o.last[channel]++
	o.moved[channel] = true
	return o.last[channel]
}

// saveOrdinals writes back the counters of o that moved.
func (db *DB) saveOrdinals(ctx context.Context, tx *sql.Tx, o *ordinals) error {
	for name := range o.moved {
		if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO ordinals (publication_id, name, last_ord) VALUES (?, ?, ?)
			ON CONFLICT (publication_id, name) DO UPDATE SET last_ord = excluded.last_ord`),
			o.pubID, name, o.last[name]); err != nil {
			return db.errorf(err, "save ordinal %s of %q", name, o.pubID)
		}
	}
	clear(o.moved)
	return nil
}
