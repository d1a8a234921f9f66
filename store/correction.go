package store

import (
	"context"

	"github.com/bulletinfeed/bulletinfeed"
)

// PutCorrection keeps c, replacing any correction of the same article.
func (db *DB) PutCorrection(ctx context.Context, c *bulletinfeed.Correction) error {
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`INSERT INTO corrections
		(publication_id, issue_key, article_id, orig_title, title, move_section, section, remove, made_by, made_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (publication_id, issue_key, article_id) DO UPDATE SET orig_title = excluded.orig_title, title = excluded.title,
			move_section = excluded.move_section, section = excluded.section, remove = excluded.remove,
			made_by = excluded.made_by, made_at = excluded.made_at`),
		c.Publication, c.Issue, c.Article, c.OrigTitle, c.Title, flag(c.MoveSection), c.Section, flag(c.Remove), c.By, micros(c.At)); err != nil {
		return db.errorf(err, "store correction of article %s", c.Article)
	}
	return nil
}

// Corrections returns the corrections of issue key of publication pubID,
// oldest first.
func (db *DB) Corrections(ctx context.Context, pubID, key string) ([]bulletinfeed.Correction, error) {
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT article_id, orig_title, title, move_section, section, remove, made_by, made_at
		FROM corrections WHERE publication_id = ? AND issue_key = ? ORDER BY made_at, article_id`), pubID, key)
	if err != nil {
		return nil, db.errorf(err, "corrections of issue %q", key)
	}
	defer rows.Close()
	var out []bulletinfeed.Correction
	for rows.Next() {
		c := bulletinfeed.Correction{Publication: pubID, Issue: key}
		var move, remove int
		var at int64
		if err := rows.Scan(&c.Article, &c.OrigTitle, &c.Title, &move, &c.Section, &remove, &c.By, &at); err != nil {
			return nil, db.errorf(err, "read correction")
		}
		c.MoveSection, c.Remove, c.At = move != 0, remove != 0, fromMicros(at)
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "corrections of issue %q", key)
	}
	return out, nil
}

// DeleteCorrection forgets the correction of an article; forgetting one
// that is not there is no error.
func (db *DB) DeleteCorrection(ctx context.Context, pubID, key, articleID string) error {
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`DELETE FROM corrections WHERE publication_id = ? AND issue_key = ? AND article_id = ?`),
		pubID, key, articleID); err != nil {
		return db.errorf(err, "delete correction of article %s", articleID)
	}
	return nil
}
