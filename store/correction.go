package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/bulletinfeed/bulletinfeed"
)

// PutCorrection keeps c, replacing any correction of the same article.
func (db *DB) PutCorrection(ctx context.Context, c *bulletinfeed.Correction) error {
	edited, after, err := encodeEdits(c)
	if err != nil {
		return fmt.Errorf("store correction of article %s: %w", c.Article, err)
	}
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`INSERT INTO corrections
		(publication_id, issue_key, article_id, orig_title, title, move_section, section, remove, made_by, made_at, edited, orig_sum, after_articles)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (publication_id, issue_key, article_id) DO UPDATE SET orig_title = excluded.orig_title, title = excluded.title,
			move_section = excluded.move_section, section = excluded.section, remove = excluded.remove,
			made_by = excluded.made_by, made_at = excluded.made_at,
			edited = excluded.edited, orig_sum = excluded.orig_sum, after_articles = excluded.after_articles`),
		c.Publication, c.Issue, c.Article, c.OrigTitle, c.Title, flag(c.MoveSection), c.Section, flag(c.Remove), c.By, micros(c.At),
		edited, c.OrigSum, after); err != nil {
		return db.errorf(err, "store correction of article %s", c.Article)
	}
	return nil
}

// Corrections returns the corrections of issue key of publication pubID,
// oldest first.
func (db *DB) Corrections(ctx context.Context, pubID, key string) ([]bulletinfeed.Correction, error) {
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT article_id, orig_title, title, move_section, section, remove, made_by, made_at, edited, orig_sum, after_articles
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
		var edited, after string
		if err := rows.Scan(&c.Article, &c.OrigTitle, &c.Title, &move, &c.Section, &remove, &c.By, &at, &edited, &c.OrigSum, &after); err != nil {
			return nil, db.errorf(err, "read correction")
		}
		if err := decodeEdits(&c, edited, after); err != nil {
			return nil, fmt.Errorf("read correction of article %s: %w", c.Article, err)
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

// encodeEdits returns the JSON of a correction's edited structure and of
// the articles split off it; empty when it has none.
func encodeEdits(c *bulletinfeed.Correction) (edited, after string, err error) {
	if c.Edited != nil {
		b, err := json.Marshal(c.Edited)
		if err != nil {
			return "", "", err
		}
		edited = string(b)
	}
	if len(c.After) > 0 {
		b, err := json.Marshal(c.After)
		if err != nil {
			return "", "", err
		}
		after = string(b)
	}
	return edited, after, nil
}

// decodeEdits reads what encodeEdits wrote.
func decodeEdits(c *bulletinfeed.Correction, edited, after string) error {
	if edited != "" {
		c.Edited = new(bulletinfeed.ArticleEdit)
		if err := json.Unmarshal([]byte(edited), c.Edited); err != nil {
			return err
		}
	}
	if after != "" {
		if err := json.Unmarshal([]byte(after), &c.After); err != nil {
			return err
		}
	}
	return nil
}
