package store

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/bulletinfeed/bulletinfeed"
)

// articleWriter writes the articles of one ingest with statements
// prepared once per transaction: in SQLite, parsing the SQL is most of the
// cost of writing a small row.
type articleWriter struct {
	db    *DB
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// ingested is the first ingest time of the issue being written, in
	// microseconds.
	ingested int64
	// ords gives the ordinals of the articles and issues it inserts.
	ords *ordinals
	// written counts the rows of articles inserted, updated and deleted,
	// for the planner statistics (see Analyze).
	written int
}

func (db *DB) articleWriter(ctx context.Context, tx *sql.Tx, pubID string) (*articleWriter, error) {
	ords, err := db.loadOrdinals(ctx, tx, pubID)
	if err != nil {
		return nil, err
	}
	return &articleWriter{db: db, tx: tx, stmts: make(map[string]*sql.Stmt), ords: ords}, nil
}

func (w *articleWriter) prepare(ctx context.Context, query string) (*sql.Stmt, error) {
	st := w.stmts[query]
	if st == nil {
		var err error
		if st, err = w.tx.PrepareContext(ctx, w.db.d.rebind(query)); err != nil {
			return nil, err
		}
		w.stmts[query] = st
	}
	return st, nil
}

// close releases the prepared statements; the transaction would too, but
// only when it ends.
func (w *articleWriter) close() {
	for _, st := range w.stmts {
		st.Close()
	}
}

// insert writes a new article of the issue key with the ordinals pubOrd
// and secOrd unless its id is taken, and reports whether it did. ON
// CONFLICT DO NOTHING rather than catching the unique violation, which
// would abort a PostgreSQL transaction.
func (w *articleWriter) insert(ctx context.Context, pubID, key string, a *bulletinfeed.Article, pubOrd, secOrd int64) (bool, error) {
	headings, bylines, blocks, pictures, err := encodeArticle(a)
	if err != nil {
		return false, err
	}
	st, err := w.prepare(ctx, `INSERT INTO articles
		(id, publication_id, issue_key, section_slug, position, title, headings, bylines, blocks, pictures, published, updated, ingested,
			pub_ord, sec_ord)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	var n int64
	if err == nil {
		var res sql.Result
		res, err = st.ExecContext(ctx, a.ID, pubID, key, a.SectionSlug, a.Position, a.Title, headings, bylines, blocks, pictures,
			micros(a.Published), micros(a.Updated), w.ingested, pubOrd, secOrd)
		if err == nil {
			n, err = res.RowsAffected()
		}
	}
	if err != nil {
		return false, w.db.errorf(err, "add article %s", a.ID)
	}
	w.written += int(n)
	if n == 1 {
		if err := w.linkMedia(ctx, a, false); err != nil {
			return false, err
		}
	}
	return n == 1, nil
}

// update rewrites a stored article that a revision continues, keeping its
// ordinals; one that moved from the section oldSlug to another gets the
// next ordinal of its new section.
func (w *articleWriter) update(ctx context.Context, a *bulletinfeed.Article, oldSlug string) error {
	headings, bylines, blocks, pictures, err := encodeArticle(a)
	if err != nil {
		return err
	}
	var secOrd sql.NullInt64
	if a.SectionSlug != oldSlug {
		secOrd = sql.NullInt64{Int64: w.ords.next(sectionChannel(a.SectionSlug)), Valid: true}
	}
	st, err := w.prepare(ctx, `UPDATE articles SET section_slug = ?, sec_ord = COALESCE(?, sec_ord), position = ?, title = ?,
		headings = ?, bylines = ?, blocks = ?, pictures = ?, published = ?, updated = ? WHERE id = ?`)
	if err == nil {
		_, err = st.ExecContext(ctx, a.SectionSlug, secOrd, a.Position, a.Title, headings, bylines, blocks, pictures,
			micros(a.Published), micros(a.Updated), a.ID)
	}
	if err != nil {
		return w.db.errorf(err, "update article %s", a.ID)
	}
	w.written++
	return w.linkMedia(ctx, a, true)
}

// delete removes an article a revision dropped.
func (w *articleWriter) delete(ctx context.Context, id string) error {
	st, err := w.prepare(ctx, `DELETE FROM articles WHERE id = ?`)
	if err == nil {
		_, err = st.ExecContext(ctx, id)
	}
	if err != nil {
		return w.db.errorf(err, "remove article %s", id)
	}
	w.written++
	return nil
}

// linkMedia records which stored images a shows (after forgetting what
// it showed before, when it was stored already).
func (w *articleWriter) linkMedia(ctx context.Context, a *bulletinfeed.Article, old bool) error {
	if old {
		st, err := w.prepare(ctx, `DELETE FROM article_media WHERE article_id = ?`)
		if err == nil {
			_, err = st.ExecContext(ctx, a.ID)
		}
		if err != nil {
			return w.db.errorf(err, "article %s: unlink pictures", a.ID)
		}
	}
	for _, p := range a.Pictures {
		if p.Hash == "" {
			continue
		}
		st, err := w.prepare(ctx, `INSERT INTO article_media (article_id, hash) VALUES (?, ?) ON CONFLICT (article_id, hash) DO NOTHING`)
		if err == nil {
			_, err = st.ExecContext(ctx, a.ID, p.Hash)
		}
		if err != nil {
			return w.db.errorf(err, "article %s: link picture %s", a.ID, p.Hash)
		}
	}
	return nil
}

func encodeArticle(a *bulletinfeed.Article) (headings, bylines, blocks, pictures string, err error) {
	h, err := json.Marshal(nonNil(a.Headings))
	if err != nil {
		return "", "", "", "", err
	}
	by, err := json.Marshal(nonNil(a.Bylines))
	if err != nil {
		return "", "", "", "", err
	}
	bl, err := json.Marshal(nonNil(a.Blocks))
	if err != nil {
		return "", "", "", "", err
	}
	// The images themselves are not in it (Data and Thumb are not JSON):
	// they are in media, by hash.
	pic, err := json.Marshal(nonNil(a.Pictures))
	if err != nil {
		return "", "", "", "", err
	}
	return string(h), string(by), string(bl), string(pic), nil
}
