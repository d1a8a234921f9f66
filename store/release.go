package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// ReleaseDue publishes every scheduled issue, of any publication, whose
// publication time is not after now, and returns what each ingest did, in
// order of publication time. Each issue is published by the normal ingest
// with the options it was scheduled with, and leaves the schedule in the
// same transaction, so that when several processes call ReleaseDue at
// once each issue is published exactly once. An issue that fails to
// publish (a change since it was scheduled forbids it) is logged, left
// scheduled, and its error joined into the one returned; the others are
// released all the same.
func (db *DB) ReleaseDue(ctx context.Context, now time.Time) ([]*IngestResult, error) {
	due, err := db.dueIssues(ctx, now)
	if err != nil {
		return nil, err
	}
	var (
		out  []*IngestResult
		errs []error
	)
	for _, d := range due {
		res, err := db.release(ctx, d.pubID, d.key, now)
		if err != nil {
			if ctx.Err() != nil {
				return out, errors.Join(append(errs, err)...)
			}
			db.log.Error("scheduled issue not released", "publication", d.pubID, "issue", d.key, "err", err)
			errs = append(errs, err)
			continue
		}
		if res != nil {
			out = append(out, res)
		}
	}
	return out, errors.Join(errs...)
}

type dueIssue struct{ pubID, key string }

// dueIssues lists the scheduled issues due at now, soonest first. Another
// process may release some of them before this one gets to them.
func (db *DB) dueIssues(ctx context.Context, now time.Time) ([]dueIssue, error) {
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT publication_id, key FROM scheduled_issues
		WHERE publish_at <= ? ORDER BY publish_at, publication_id, key`), micros(now))
	if err != nil {
		return nil, db.errorf(err, "due scheduled issues")
	}
	defer rows.Close()
	var out []dueIssue
	for rows.Next() {
		var d dueIssue
		if err := rows.Scan(&d.pubID, &d.key); err != nil {
			return nil, db.errorf(err, "due scheduled issues")
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "due scheduled issues")
	}
	return out, nil
}

// release publishes the scheduled issue key of pubID if it is still
// scheduled and due, in one transaction; nil when it is not (released by
// another process, replaced by a later schedule, or deleted).
func (db *DB) release(ctx context.Context, pubID, key string, now time.Time) (*IngestResult, error) {
	tx, err := db.writeTx(ctx, pubID)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	// The row is claimed by deleting it: of two processes, the second
	// finds nothing to delete once the first commits (on PostgreSQL it
	// waits for the first on the row, and on its publication's lock
	// already in writeTx; SQLite runs one writer at a time). An ingest
	// that fails rolls the deletion back.
	row := tx.QueryRowContext(ctx, db.d.rebind(`DELETE FROM scheduled_issues
		WHERE publication_id = ? AND key = ? AND publish_at <= ? RETURNING `+scheduledCols), pubID, key, micros(now))
	s, err := scanScheduled(row)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, nil
		}
		return nil, db.errorf(err, "release issue %q of %q", key, pubID)
	}
	pub, err := db.publication(ctx, tx, pubID)
	if err != nil {
		return nil, err
	}
	res, written, err := db.ingestTx(ctx, tx, pub, s.iss, s.contentHash, s.opt)
	if err != nil {
		return nil, fmt.Errorf("release issue %q of %q: %w", key, pubID, err)
	}
	if err := db.bumpVersion(ctx, tx); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, db.errorf(err, "release issue %q of %q: commit", key, pubID)
	}
	db.log.Info("released scheduled issue", "publication", pubID, "issue", key, "publish_at", s.publishAt,
		"status", res.Status, "added", res.Added, "changed", res.Changed, "removed", res.Removed)
	db.wrote(ctx, written)
	return res, nil
}
