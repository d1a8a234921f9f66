package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/bulletinfeed/bulletinfeed"
)

// putMedia stores the images of iss's pictures that the store does not
// have: content-addressed, an image already stored (by another issue, or
// an earlier revision of this one) is not written again.
func (db *DB) putMedia(ctx context.Context, tx *sql.Tx, iss *bulletinfeed.Issue) error {
	now := micros(db.now())
	for _, a := range iss.Articles {
		for _, p := range a.Pictures {
			if p.Hash == "" || len(p.Data) == 0 {
				continue
			}
			if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO media
				(hash, type, width, height, data, thumb, thumb_width, thumb_height, stored_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING`),
				p.Hash, p.Type, p.Width, p.Height, p.Data, p.Thumb, p.ThumbWidth, p.ThumbHeight, now); err != nil {
				return db.errorf(err, "issue %q: store picture %s", iss.Key, p.Hash)
			}
		}
	}
	return nil
}

// Media returns the stored image hash, its thumbnail when thumb. Its
// error has kind NotFound when the store never had it, and Gone when no
// published article shows it any more (its issue was deleted, or revised
// without it).
func (db *DB) Media(ctx context.Context, hash string, thumb bool) (*bulletinfeed.Media, error) {
	col := "data"
	if thumb {
		col = "thumb"
	}
	m := &bulletinfeed.Media{Hash: hash}
	var shown bool
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT type, `+col+`,
		EXISTS (SELECT 1 FROM article_media am WHERE am.hash = m.hash)
		FROM media m WHERE m.hash = ?`), hash).Scan(&m.Type, &m.Data, &shown)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "no picture %s", hash)
	}
	if err != nil {
		return nil, db.errorf(err, "picture %s", hash)
	}
	if !shown {
		return nil, bulletinfeed.Errorf(bulletinfeed.Gone, "picture %s is no longer published", hash)
	}
	return m, nil
}

// MediaHashes returns the hashes of the images the articles of
// publication pubID show, sorted: the pictures a static build writes.
func (db *DB) MediaHashes(ctx context.Context, pubID string) ([]string, error) {
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT DISTINCT am.hash FROM article_media am
		JOIN articles a ON a.id = am.article_id WHERE a.publication_id = ? ORDER BY am.hash`), pubID)
	if err != nil {
		return nil, db.errorf(err, "pictures of publication %q", pubID)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, db.errorf(err, "pictures of publication %q", pubID)
		}
		out = append(out, h)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "pictures of publication %q", pubID)
	}
	return out, nil
}
