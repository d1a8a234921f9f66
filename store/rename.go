package store

import (
	"context"

	"github.com/bulletinfeed/bulletinfeed"
)

// RenameIssue moves the published issue old of publication pubID to the
// key key, in one transaction: its articles keep their ids (and so their
// addresses), its corrections and the remote files it came from follow
// it, and the old key's issue page answers 410 Gone as a deleted one
// does. A key taken by another issue, published or scheduled, is a
// Conflict; a scheduled issue is not renamed (NotFound).
func (db *DB) RenameIssue(ctx context.Context, pubID, old, key string) error {
	if err := bulletinfeed.CheckKey(key); err != nil {
		return err
	}
	tx, err := db.writeTx(ctx, pubID)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := db.issueRow(ctx, tx, pubID, old); err != nil {
		return err
	}
	if _, err := db.issueRow(ctx, tx, pubID, key); err == nil {
		return bulletinfeed.Errorf(bulletinfeed.Conflict, "issue %q exists already", key)
	} else if bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
		return err
	}
	if sched, err := db.scheduledIssue(ctx, tx, pubID, key); err != nil {
		return err
	} else if sched != nil {
		return bulletinfeed.Errorf(bulletinfeed.Conflict, "issue %q is scheduled already", key)
	}
	// The articles refer to their issue's row, so the row is copied under
	// the new key, the articles moved to it, and the old row deleted.
	steps := []struct {
		what, query string
		args        []any
	}{
		{"copy the issue", `INSERT INTO issues (publication_id, key, title, date, source_name, content_hash, ingested_at, updated_at, source_path, ord, articles_hash)
			SELECT publication_id, ?, title, date, source_name, content_hash, ingested_at, updated_at, source_path, ord, articles_hash
			FROM issues WHERE publication_id = ? AND key = ?`, []any{key, pubID, old}},
		{"move its articles", `UPDATE articles SET issue_key = ? WHERE publication_id = ? AND issue_key = ?`, []any{key, pubID, old}},
		{"delete the old key", `DELETE FROM issues WHERE publication_id = ? AND key = ?`, []any{pubID, old}},
		{"record the old key gone", `INSERT INTO gone (publication_id, kind, id, deleted_at) VALUES (?, 'issue', ?, ?)
			ON CONFLICT (publication_id, kind, id) DO UPDATE SET deleted_at = excluded.deleted_at`, []any{pubID, old, micros(db.now())}},
		{"forget the new key gone", `DELETE FROM gone WHERE publication_id = ? AND kind = 'issue' AND id = ?`, []any{pubID, key}},
		{"move its corrections", `UPDATE corrections SET issue_key = ? WHERE publication_id = ? AND issue_key = ?`, []any{key, pubID, old}},
		{"move its remote files", `UPDATE remote_files SET issue_key = ? WHERE publication_id = ? AND issue_key = ?`, []any{key, pubID, old}},
	}
	for _, s := range steps {
		if _, err := tx.ExecContext(ctx, db.d.rebind(s.query), s.args...); err != nil {
			return db.errorf(err, "rename issue %q to %q: %s", old, key, s.what)
		}
	}
	if err := db.bumpVersion(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return db.errorf(err, "rename issue %q to %q: commit", old, key)
	}
	return nil
}
