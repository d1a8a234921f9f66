package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/bulletinfeed/bulletinfeed"
)

// articleCols are the columns scanArticles reads, blocks aside; the
// section's name comes from the sections table.
const articleCols = `a.id, a.issue_key, s.name, a.section_slug, a.position, a.title,
	a.headings, a.bylines, a.published, a.updated`

const articleFrom = ` FROM articles a
	JOIN sections s ON s.publication_id = a.publication_id AND s.slug = a.section_slug `

// LatestArticles returns the newest articles of publication pubID, of the
// section sectionSlug or of all sections when it is "": newest issue first,
// then in document order. At most limit, or all when limit <= 0. Articles
// are whole, blocks included.
func (db *DB) LatestArticles(ctx context.Context, pubID, sectionSlug string, limit int) ([]*bulletinfeed.Article, error) {
	q, args := articleQuery(pubID, sectionSlug)
	q += ` ORDER BY a.published DESC, a.issue_key DESC, a.position`
	q, args = withLimit(q, args, 0, limit)
	return db.queryArticles(ctx, db.db, true, q, args...)
}

// ArchiveArticles returns the articles of publication pubID, of one
// section or of all when sectionSlug is "", in the order their issues were
// first ingested (then by issue key and document order), skipping offset
// and returning at most limit (all when limit <= 0): the pages of an RFC
// 5005 archived feed.
//
// The order is that of ingestion, not of issue dates, so that archive
// pages, which readers cache for long, stay as they are when an older
// issue is ingested late: its articles go on the last pages.
func (db *DB) ArchiveArticles(ctx context.Context, pubID, sectionSlug string, offset, limit int) ([]*bulletinfeed.Article, error) {
	q, args := articleQuery(pubID, sectionSlug)
	q += ` ORDER BY a.ingested, a.issue_key, a.position`
	q, args = withLimit(q, args, offset, limit)
	return db.queryArticles(ctx, db.db, true, q, args...)
}

// CountArticles returns how many articles publication pubID has in the
// section sectionSlug, or in all sections when it is "".
func (db *DB) CountArticles(ctx context.Context, pubID, sectionSlug string) (int, error) {
	q := `SELECT COUNT(*) FROM articles a WHERE a.publication_id = ?`
	args := []any{pubID}
	if sectionSlug != "" {
		q += ` AND a.section_slug = ?`
		args = append(args, sectionSlug)
	}
	var n int
	if err := db.db.QueryRowContext(ctx, db.d.rebind(q), args...).Scan(&n); err != nil {
		return 0, db.errorf(err, "count articles")
	}
	return n, nil
}

// Article returns the article id, whole; its error has kind NotFound when
// there is none.
func (db *DB) Article(ctx context.Context, id string) (*bulletinfeed.Article, error) {
	as, err := db.queryArticles(ctx, db.db, true, `SELECT `+articleCols+`, a.blocks`+articleFrom+`WHERE a.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, db.errorf(sql.ErrNoRows, "article %q", id)
	}
	return as[0], nil
}

// articleQuery starts a select of whole articles of one publication and,
// when slug is not "", one section.
func articleQuery(pubID, slug string) (string, []any) {
	q := `SELECT ` + articleCols + `, a.blocks` + articleFrom + `WHERE a.publication_id = ?`
	args := []any{pubID}
	if slug != "" {
		q += ` AND a.section_slug = ?`
		args = append(args, slug)
	}
	return q, args
}

func withLimit(q string, args []any, offset, limit int) (string, []any) {
	switch {
	case limit > 0:
		q += ` LIMIT ? OFFSET ?`
		args = append(args, limit, max(offset, 0))
	case offset > 0:
		// Neither backend has OFFSET without LIMIT in a common spelling.
		q += ` LIMIT ? OFFSET ?`
		args = append(args, int64(1)<<62, offset)
	}
	return q, args
}

// articlesOfIssue returns the articles of one issue in document order,
// with their blocks when withBlocks is set.
func (db *DB) articlesOfIssue(ctx context.Context, q querier, pubID, key string, withBlocks bool) ([]*bulletinfeed.Article, error) {
	cols := articleCols
	if withBlocks {
		cols += `, a.blocks`
	}
	return db.queryArticles(ctx, q, withBlocks, `SELECT `+cols+articleFrom+
		`WHERE a.publication_id = ? AND a.issue_key = ? ORDER BY a.position`, pubID, key)
}

// queryArticles runs a select of articleCols (then a.blocks when
// withBlocks) and scans its rows.
func (db *DB) queryArticles(ctx context.Context, q querier, withBlocks bool, query string, args ...any) ([]*bulletinfeed.Article, error) {
	rows, err := q.QueryContext(ctx, db.d.rebind(query), args...)
	if err != nil {
		return nil, db.errorf(err, "query articles")
	}
	defer rows.Close()
	var out []*bulletinfeed.Article
	for rows.Next() {
		a, err := scanArticle(rows, withBlocks)
		if err != nil {
			return nil, db.errorf(err, "read article")
		}
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "query articles")
	}
	return out, nil
}

func scanArticle(rows *sql.Rows, withBlocks bool) (*bulletinfeed.Article, error) {
	var (
		a                         bulletinfeed.Article
		headings, bylines, blocks string
		published, updated        int64
	)
	dest := []any{&a.ID, &a.IssueKey, &a.Section, &a.SectionSlug, &a.Position, &a.Title,
		&headings, &bylines, &published, &updated}
	if withBlocks {
		dest = append(dest, &blocks)
	}
	if err := rows.Scan(dest...); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(headings), &a.Headings); err != nil {
		return nil, fmt.Errorf("article %s: headings: %w", a.ID, err)
	}
	if err := json.Unmarshal([]byte(bylines), &a.Bylines); err != nil {
		return nil, fmt.Errorf("article %s: bylines: %w", a.ID, err)
	}
	if withBlocks {
		if err := json.Unmarshal([]byte(blocks), &a.Blocks); err != nil {
			return nil, fmt.Errorf("article %s: blocks: %w", a.ID, err)
		}
	}
	a.Headings, a.Bylines, a.Blocks = nilIfEmpty(a.Headings), nilIfEmpty(a.Bylines), nilIfEmpty(a.Blocks)
	a.Published, a.Updated = fromMicros(published), fromMicros(updated)
	return &a, nil
}

// articleWriter writes the articles of one ingest with statements
// prepared once per transaction: in SQLite, parsing the SQL is most of the
// cost of writing a small row.
type articleWriter struct {
	db    *DB
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	// ingested is the first ingest time of the issue being written, in
	// microseconds: the archive order of the articles it inserts.
	ingested int64
}

func (db *DB) articleWriter(tx *sql.Tx) *articleWriter {
	return &articleWriter{db: db, tx: tx, stmts: make(map[string]*sql.Stmt)}
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

// insert writes a new article of the issue key unless its id is taken,
// and reports whether it did. ON CONFLICT DO NOTHING rather than catching
// the unique violation, which would abort a PostgreSQL transaction.
func (w *articleWriter) insert(ctx context.Context, pubID, key string, a *bulletinfeed.Article) (bool, error) {
	headings, bylines, blocks, err := encodeArticle(a)
	if err != nil {
		return false, err
	}
	st, err := w.prepare(ctx, `INSERT INTO articles
		(id, publication_id, issue_key, section_slug, position, title, headings, bylines, blocks, published, updated, ingested)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`)
	var n int64
	if err == nil {
		var res sql.Result
		res, err = st.ExecContext(ctx, a.ID, pubID, key, a.SectionSlug, a.Position, a.Title, headings, bylines, blocks,
			micros(a.Published), micros(a.Updated), w.ingested)
		if err == nil {
			n, err = res.RowsAffected()
		}
	}
	if err != nil {
		return false, w.db.errorf(err, "add article %s", a.ID)
	}
	return n == 1, nil
}

// update rewrites a stored article that a revision continues.
func (w *articleWriter) update(ctx context.Context, a *bulletinfeed.Article) error {
	headings, bylines, blocks, err := encodeArticle(a)
	if err != nil {
		return err
	}
	st, err := w.prepare(ctx, `UPDATE articles SET section_slug = ?, position = ?, title = ?,
		headings = ?, bylines = ?, blocks = ?, published = ?, updated = ? WHERE id = ?`)
	if err == nil {
		_, err = st.ExecContext(ctx, a.SectionSlug, a.Position, a.Title, headings, bylines, blocks,
			micros(a.Published), micros(a.Updated), a.ID)
	}
	if err != nil {
		return w.db.errorf(err, "update article %s", a.ID)
	}
	return nil
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
	return nil
}

func encodeArticle(a *bulletinfeed.Article) (headings, bylines, blocks string, err error) {
	h, err := json.Marshal(nonNil(a.Headings))
	if err != nil {
		return "", "", "", err
	}
	by, err := json.Marshal(nonNil(a.Bylines))
	if err != nil {
		return "", "", "", err
	}
	bl, err := json.Marshal(nonNil(a.Blocks))
	if err != nil {
		return "", "", "", err
	}
	return string(h), string(by), string(bl), nil
}
