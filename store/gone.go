package store

import (
	"context"
	"database/sql"
	"slices"

	"github.com/bulletinfeed/bulletinfeed"
)

// DeleteIssue removes the issue key of publication pubID with its
// articles, in one transaction, and returns how many articles went. The
// key and the article ids are remembered (see Deleted) so that a server
// can answer 410 Gone for their pages. Sections stay, with their slugs,
// even when they are left empty. The error has kind NotFound when there is
// no such issue.
//
// What is scheduled under the key goes too, so that it is not published
// later. A key that is only scheduled is deleted all the same: the count
// is then of the articles the scheduled issue had, and nothing is
// remembered as gone, since no reader ever saw it.
func (db *DB) DeleteIssue(ctx context.Context, pubID, key string) (int, error) {
	tx, err := db.writeTx(ctx, pubID)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	if _, err := db.issueRow(ctx, tx, pubID, key); bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
		// Only a key that is not published needs the scheduled issue
		// read whole (a published one drops it with unschedule below).
		sched, err := db.scheduledIssue(ctx, tx, pubID, key)
		if err != nil {
			return 0, err
		}
		if sched == nil {
			return 0, bulletinfeed.Errorf(bulletinfeed.NotFound, "no issue %q in publication %q", key, pubID)
		}
		return db.deleteScheduled(ctx, tx, pubID, sched)
	} else if err != nil {
		return 0, err
	}
	if _, err := db.unschedule(ctx, tx, pubID, key); err != nil {
		return 0, err
	}
	now := micros(db.now())
	// The conflict clauses only matter for a row left by some earlier
	// deletion that an ingest failed to clear; the newest time wins. The
	// CAST is for PostgreSQL, which would take an untyped parameter in a
	// select list for text.
	if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO gone (publication_id, kind, id, deleted_at)
		SELECT publication_id, 'article', id, CAST(? AS BIGINT) FROM articles WHERE publication_id = ? AND issue_key = ?
		ON CONFLICT (publication_id, kind, id) DO UPDATE SET deleted_at = excluded.deleted_at`),
		now, pubID, key); err != nil {
		return 0, db.errorf(err, "delete issue %q: record its articles", key)
	}
	if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO gone (publication_id, kind, id, deleted_at)
		VALUES (?, 'issue', ?, ?)
		ON CONFLICT (publication_id, kind, id) DO UPDATE SET deleted_at = excluded.deleted_at`),
		pubID, key, now); err != nil {
		return 0, db.errorf(err, "delete issue %q: record it", key)
	}
	res, err := tx.ExecContext(ctx, db.d.rebind(`DELETE FROM articles WHERE publication_id = ? AND issue_key = ?`), pubID, key)
	if err != nil {
		return 0, db.errorf(err, "delete issue %q: articles", key)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, db.errorf(err, "delete issue %q: articles", key)
	}
	if _, err := tx.ExecContext(ctx, db.d.rebind(`DELETE FROM issues WHERE publication_id = ? AND key = ?`), pubID, key); err != nil {
		return 0, db.errorf(err, "delete issue %q", key)
	}
	// A file of the key stored later is another issue: the corrections
	// of this one must not be made to it.
	if _, err := tx.ExecContext(ctx, db.d.rebind(`DELETE FROM corrections WHERE publication_id = ? AND issue_key = ?`), pubID, key); err != nil {
		return 0, db.errorf(err, "delete issue %q: corrections", key)
	}
	if _, err := tx.ExecContext(ctx, db.d.rebind(`DELETE FROM issue_corrections WHERE publication_id = ? AND (new_key = ? OR issue_key = ? AND new_key = '')`),
		pubID, key, key); err != nil {
		return 0, db.errorf(err, "delete issue %q: its key and date corrected", key)
	}
	if err := db.bumpVersion(ctx, tx); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, db.errorf(err, "delete issue %q: commit", key)
	}
	db.log.Info("deleted issue", "publication", pubID, "issue", key, "articles", n)
	db.wrote(ctx, int(n))
	return int(n), nil
}

// deleteScheduled removes the issue sched, which is only scheduled, in
// tx, and returns how many articles it had.
func (db *DB) deleteScheduled(ctx context.Context, tx *sql.Tx, pubID string, sched *scheduled) (int, error) {
	if _, err := db.unschedule(ctx, tx, pubID, sched.key); err != nil {
		return 0, err
	}
	// The schedule is not served, but servers wait for its next release.
	if err := db.bumpVersion(ctx, tx); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, db.errorf(err, "delete scheduled issue %q: commit", sched.key)
	}
	n := len(sched.iss.Articles)
	db.log.Info("deleted scheduled issue", "publication", pubID, "issue", sched.key, "publish_at", sched.publishAt, "articles", n)
	return n, nil
}

// Deleted returns the keys of the deleted issues of publication pubID and
// the ids of their articles, each sorted (by bytes, the same on both
// backends), so that a renderer can answer 410 Gone for them rather than
// 404. A key or id that an ingest gave back is no longer listed.
func (db *DB) Deleted(ctx context.Context, pubID string) (issueKeys, articleIDs []string, err error) {
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT kind, id FROM gone WHERE publication_id = ?`), pubID)
	if err != nil {
		return nil, nil, db.errorf(err, "deleted of %q", pubID)
	}
	defer rows.Close()
	for rows.Next() {
		var kind, id string
		if err := rows.Scan(&kind, &id); err != nil {
			return nil, nil, db.errorf(err, "deleted of %q", pubID)
		}
		if kind == "issue" {
			issueKeys = append(issueKeys, id)
		} else {
			articleIDs = append(articleIDs, id)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, db.errorf(err, "deleted of %q", pubID)
	}
	slices.Sort(issueKeys)
	slices.Sort(articleIDs)
	return issueKeys, articleIDs, nil
}

// clearGone forgets the deletion of the issue key and of the articles it
// now has, once an ingest has written them: ids are derived from what an
// article is, so the deleted file ingested again brings back the same
// ones, and they are live again.
func (db *DB) clearGone(ctx context.Context, tx *sql.Tx, pubID, key string) error {
	_, err := tx.ExecContext(ctx, db.d.rebind(`DELETE FROM gone WHERE publication_id = ? AND (
		(kind = 'issue' AND id = ?) OR
		(kind = 'article' AND id IN (SELECT id FROM articles WHERE publication_id = ? AND issue_key = ?)))`),
		pubID, key, pubID, key)
	if err != nil {
		return db.errorf(err, "ingest issue %q: clear its deletion", key)
	}
	return nil
}
