package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/bulletinfeed/bulletinfeed"
)

// PutIssueCorrection keeps c, replacing the correction of the same
// parsed key.
func (db *DB) PutIssueCorrection(ctx context.Context, c *bulletinfeed.IssueCorrection) error {
	var date int64
	if !c.Date.IsZero() {
		date = micros(c.Date)
	}
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`INSERT INTO issue_corrections
		(publication_id, issue_key, new_key, has_date, new_date, made_by, made_at) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (publication_id, issue_key) DO UPDATE SET new_key = excluded.new_key, has_date = excluded.has_date,
			new_date = excluded.new_date, made_by = excluded.made_by, made_at = excluded.made_at`),
		c.Publication, c.Issue, c.Key, flag(!c.Date.IsZero()), date, c.By, micros(c.At)); err != nil {
		return db.errorf(err, "store correction of issue %q", c.Issue)
	}
	return nil
}

// IssueCorrection returns the correction of the issue the parser gives
// the key parsed, or nil when it has none: what a later file of it gets.
func (db *DB) IssueCorrection(ctx context.Context, pubID, parsed string) (*bulletinfeed.IssueCorrection, error) {
	return db.issueCorrection(ctx, `issue_key = ?`, pubID, parsed)
}

// IssueCorrectionOf returns the correction of the issue stored under
// key, or nil when it has none: what the console changes again.
func (db *DB) IssueCorrectionOf(ctx context.Context, pubID, key string) (*bulletinfeed.IssueCorrection, error) {
	return db.issueCorrection(ctx, `(new_key = ? OR issue_key = ? AND new_key = '')`, pubID, key, key)
}

func (db *DB) issueCorrection(ctx context.Context, where, pubID string, args ...any) (*bulletinfeed.IssueCorrection, error) {
	c := bulletinfeed.IssueCorrection{Publication: pubID}
	var hasDate int
	var date, at int64
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT issue_key, new_key, has_date, new_date, made_by, made_at
		FROM issue_corrections WHERE publication_id = ? AND `+where), append([]any{pubID}, args...)...).
		Scan(&c.Issue, &c.Key, &hasDate, &date, &c.By, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, db.errorf(err, "correction of issue")
	}
	if hasDate != 0 {
		c.Date = fromMicros(date)
	}
	c.At = fromMicros(at)
	return &c, nil
}
