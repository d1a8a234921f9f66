package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// ScheduledIssue is an issue held back until its publication time, as
// staff listings show it.
type ScheduledIssue struct {
	Key        string
	PublishAt  time.Time
	SourceName string
	SourcePath string
	// Articles is how many articles the issue has.
	Articles int
	// Date is the issue's printed date; zero when it has none.
	Date time.Time
}

// scheduled is a row of scheduled_issues.
type scheduled struct {
	key         string
	publishAt   time.Time
	contentHash string
	// iss is the issue as parsed, with KeyFromName, ContentHash and
	// PublishAt set.
	iss *bulletinfeed.Issue
	opt IngestOptions
}

const scheduledCols = `key, publish_at, content_hash, issue, opt_force, opt_revise, key_from_name`

// schedule keeps iss, whose PublishAt is to come, in scheduled_issues,
// inside tx; it reports what it did and whether it wrote anything.
//
// The issue is first ingested as if published now, inside a savepoint
// rolled back at once: the collision rules, the dates, the sections and
// every article go through the very checks of a publication, so that a
// file that cannot be published fails now, when someone is looking, rather
// than at its release. Only a change that comes meanwhile can still make
// the release fail.
func (db *DB) schedule(ctx context.Context, tx *sql.Tx, pub *bulletinfeed.Publication, iss *bulletinfeed.Issue, hash string, opt IngestOptions) (*IngestResult, bool, error) {
	sched, err := db.scheduledIssue(ctx, tx, pub.ID, iss.Key)
	if err != nil {
		return nil, false, err
	}
	// Truncated as stored, so that the time read back compares equal.
	publishAt := iss.PublishAt.UTC().Truncate(time.Microsecond)
	// The same bytes at another time move the embargo, later or
	// earlier: only both the same leave nothing to do.
	if sched != nil && sched.contentHash == hash && sched.publishAt.Equal(publishAt) && !opt.Force {
		return &IngestResult{Status: Unchanged, Issue: sched.iss}, false, nil
	}
	// A scheduled file is replaced under the rules a published one is: a
	// key made from a file name does not silently take the place of
	// another file's.
	if sched != nil && sched.contentHash != hash && iss.KeyFromName && !opt.Revise {
		if err := keyCollision(pub, sched.asStored(), iss, opt.Inbox); err != nil {
			return nil, false, err
		}
	}
	// Revise of a key that is only scheduled means to replace the
	// scheduled file; at its release there is no issue to revise.
	if opt.Revise && sched != nil {
		if _, err := db.issueRow(ctx, tx, pub.ID, iss.Key); bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
			opt.Revise = false
		} else if err != nil {
			return nil, false, err
		}
	}

	if _, err := tx.ExecContext(ctx, `SAVEPOINT schedule_check`); err != nil {
		return nil, false, db.errorf(err, "schedule issue %q: savepoint", iss.Key)
	}
	res, _, err := db.ingestTx(ctx, tx, pub, iss, hash, opt)
	if err != nil {
		return nil, false, err
	}
	if _, err := tx.ExecContext(ctx, `ROLLBACK TO SAVEPOINT schedule_check`); err != nil {
		return nil, false, db.errorf(err, "schedule issue %q: roll back the check", iss.Key)
	}
	if _, err := tx.ExecContext(ctx, `RELEASE SAVEPOINT schedule_check`); err != nil {
		return nil, false, db.errorf(err, "schedule issue %q: release savepoint", iss.Key)
	}
	if res.Status == Unchanged {
		// These very bytes are published already: there is nothing to
		// release later, and an older file scheduled would undo them.
		dropped, err := db.unschedule(ctx, tx, pub.ID, iss.Key)
		return res, dropped, err
	}

	stored := *iss
	stored.PublicationID, stored.ContentHash, stored.PublishAt = pub.ID, hash, publishAt
	body, err := json.Marshal(&stored)
	if err != nil {
		return nil, false, fmt.Errorf("schedule issue %q: encode: %w", iss.Key, err)
	}
	_, err = tx.ExecContext(ctx, db.d.rebind(`INSERT INTO scheduled_issues
			(publication_id, key, publish_at, source_name, source_path, content_hash, issue,
			opt_force, opt_revise, key_from_name, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (publication_id, key) DO UPDATE SET publish_at = excluded.publish_at,
			source_name = excluded.source_name, source_path = excluded.source_path,
			content_hash = excluded.content_hash, issue = excluded.issue, opt_force = excluded.opt_force,
			opt_revise = excluded.opt_revise, key_from_name = excluded.key_from_name, created_at = excluded.created_at`),
		pub.ID, iss.Key, micros(publishAt), iss.SourceName, iss.SourcePath, hash, string(body),
		flag(opt.Force), flag(opt.Revise), flag(iss.KeyFromName), micros(db.now()))
	if err != nil {
		return nil, false, db.errorf(err, "schedule issue %q", iss.Key)
	}
	res.Status = Scheduled
	res.Issue.PublishAt = publishAt
	return res, true, nil
}

// unschedule drops what is scheduled under the key of pubID and reports
// whether there was anything.
func (db *DB) unschedule(ctx context.Context, tx *sql.Tx, pubID, key string) (bool, error) {
	res, err := tx.ExecContext(ctx, db.d.rebind(`DELETE FROM scheduled_issues WHERE publication_id = ? AND key = ?`), pubID, key)
	if err != nil {
		return false, db.errorf(err, "drop scheduled issue %q", key)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, db.errorf(err, "drop scheduled issue %q", key)
	}
	return n > 0, nil
}

// scheduledIssue reads what is scheduled under the key of pubID; nil
// when nothing is.
func (db *DB) scheduledIssue(ctx context.Context, q querier, pubID, key string) (*scheduled, error) {
	rows, err := q.QueryContext(ctx, db.d.rebind(`SELECT `+scheduledCols+` FROM scheduled_issues
		WHERE publication_id = ? AND key = ?`), pubID, key)
	if err != nil {
		return nil, db.errorf(err, "scheduled issue %q", key)
	}
	defer rows.Close()
	if !rows.Next() {
		if err := rows.Err(); err != nil {
			return nil, db.errorf(err, "scheduled issue %q", key)
		}
		return nil, nil
	}
	s, err := scanScheduled(rows)
	if err != nil {
		return nil, db.errorf(err, "scheduled issue %q", key)
	}
	return s, nil
}

// scanScheduled reads a row of scheduledCols.
func scanScheduled(rows interface{ Scan(...any) error }) (*scheduled, error) {
	var (
		s                       scheduled
		publishAt               int64
		body                    string
		force, revise, fromName int
	)
	if err := rows.Scan(&s.key, &publishAt, &s.contentHash, &body, &force, &revise, &fromName); err != nil {
		return nil, err
	}
	s.publishAt = fromMicros(publishAt)
	s.iss = new(bulletinfeed.Issue)
	if err := json.Unmarshal([]byte(body), s.iss); err != nil {
		return nil, fmt.Errorf("decode: %w", err)
	}
	s.iss.KeyFromName = fromName != 0
	if !s.iss.Date.IsZero() {
		// JSON keeps the offset a date was parsed with, not its zone.
		s.iss.Date = s.iss.Date.UTC()
	}
	s.opt = IngestOptions{Force: force != 0, Revise: revise != 0}
	return &s, nil
}

// asStored gives the scheduled issue the shape keyCollision expects of a
// stored one: undated when it printed no date.
func (s *scheduled) asStored() *bulletinfeed.Issue {
	iss := *s.iss
	if iss.Date.IsZero() {
		// dated compares the date to the first ingest time.
		iss.IngestedAt = iss.Date
	}
	return &iss
}

// flag stores a bool as the 0 or 1 that both backends hold as INTEGER.
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

// ScheduledIssues returns the issues of publication pubID held back until
// their publication time, soonest first, for staff: no reader sees them
// until ReleaseDue publishes them.
func (db *DB) ScheduledIssues(ctx context.Context, pubID string) ([]ScheduledIssue, error) {
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT `+scheduledCols+` FROM scheduled_issues
		WHERE publication_id = ?`), pubID)
	if err != nil {
		return nil, db.errorf(err, "scheduled issues of %q", pubID)
	}
	defer rows.Close()
	var out []ScheduledIssue
	for rows.Next() {
		s, err := scanScheduled(rows)
		if err != nil {
			return nil, db.errorf(err, "scheduled issues of %q", pubID)
		}
		out = append(out, ScheduledIssue{Key: s.key, PublishAt: s.publishAt, SourceName: s.iss.SourceName,
			SourcePath: s.iss.SourcePath, Articles: len(s.iss.Articles), Date: s.iss.Date})
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "scheduled issues of %q", pubID)
	}
	// Sorted here so that both backends order keys by bytes.
	slices.SortFunc(out, func(a, b ScheduledIssue) int {
		return cmp.Or(a.PublishAt.Compare(b.PublishAt), strings.Compare(a.Key, b.Key))
	})
	return out, nil
}

// NextRelease returns the earliest publication time of the issues
// scheduled in any publication, zero when there are none, so that a
// server knows when to call ReleaseDue. It reads one end of an index.
func (db *DB) NextRelease(ctx context.Context) (time.Time, error) {
	var next sql.NullInt64
	if err := db.db.QueryRowContext(ctx, `SELECT MIN(publish_at) FROM scheduled_issues`).Scan(&next); err != nil {
		return time.Time{}, db.errorf(err, "next release")
	}
	if !next.Valid {
		return time.Time{}, nil
	}
	return fromMicros(next.Int64), nil
}
