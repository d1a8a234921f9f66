package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/bulletinfeed/bulletinfeed"
)

// articleCols are the columns scanArticle reads, blocks aside. The
// section's name is not among them: it comes from a cache (see
// sectionNames), as a join would let the planner start from the sections
// and sort the articles of each where an index would have given them in
// order, and a subquery costs a lookup per row.
const articleCols = `a.publication_id, a.id, a.issue_key, a.section_slug, a.position, a.title,
	a.headings, a.bylines, a.published, a.updated`

const articleFrom = ` FROM articles a `

// bodyCols are the columns of an article's body, which scanArticle reads
// after articleCols when withBlocks: its blocks and its pictures.
const bodyCols = `, a.blocks, a.pictures`

// LatestArticles returns the newest articles of publication pubID, of the
// section sectionSlug or of all sections when it is "": newest issue first,
// then in document order. At most limit, or all when limit <= 0. Articles
// are whole, blocks included.
func (db *DB) LatestArticles(ctx context.Context, pubID, sectionSlug string, limit int) ([]*bulletinfeed.Article, error) {
	q, args := articleQuery(pubID, sectionSlug)
	// The order of articles_latest and articles_latest_by_section: the
	// query reads one of them in order and stops after limit rows.
	q += ` ORDER BY a.published DESC, a.issue_key DESC, a.position`
	if limit > 0 {
		q += ` LIMIT ?`
		args = append(args, limit)
	}
	return db.queryArticles(ctx, db.db, true, q, args...)
}

// ArchiveArticles returns the full articles of publication pubID whose
// ordinal is in [first, last], ascending by ordinal: with slug "" their
// ordinal among every article of the publication, otherwise among those
// of the section slug. These are the pages of an RFC 5005 archived feed.
//
// Ordinals follow ingestion, not issue dates, and are never given twice,
// so that archive pages, which readers cache for long, keep their
// articles: an older issue ingested late goes on the last pages, and a
// deletion leaves a hole rather than shifting later pages.
func (db *DB) ArchiveArticles(ctx context.Context, pubID, slug string, first, last int64) ([]*bulletinfeed.Article, error) {
	q := `SELECT ` + articleCols + bodyCols + articleFrom
	var args []any
	if slug == "" {
		q += `WHERE a.publication_id = ? AND a.pub_ord BETWEEN ? AND ? ORDER BY a.pub_ord`
		args = []any{pubID, first, last}
	} else {
		q += `WHERE a.publication_id = ? AND a.section_slug = ? AND a.sec_ord BETWEEN ? AND ? ORDER BY a.sec_ord`
		args = []any{pubID, slug, first, last}
	}
	return db.queryArticles(ctx, db.db, true, q, args...)
}

// Article returns the article id, whole; its error has kind NotFound when
// there is none.
func (db *DB) Article(ctx context.Context, id string) (*bulletinfeed.Article, error) {
	as, err := db.queryArticles(ctx, db.db, true, `SELECT `+articleCols+bodyCols+articleFrom+`WHERE a.id = ?`, id)
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, db.errorf(sql.ErrNoRows, "article %q", id)
	}
	return as[0], nil
}

// PublicationArticle returns the article id of publication pubID, whole,
// with the head of its issue: key, title, date, times, and its articles
// without their blocks (headings, bylines and ids), for an article page
// rendered on request. Its error has kind NotFound when the publication
// has no such article.
func (db *DB) PublicationArticle(ctx context.Context, pubID, id string) (*bulletinfeed.Article, *bulletinfeed.Issue, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, nil, err
	}
	defer tx.Rollback()
	as, err := db.queryArticles(ctx, tx, true, `SELECT `+articleCols+bodyCols+articleFrom+
		`WHERE a.id = ? AND a.publication_id = ?`, id, pubID)
	if err != nil {
		return nil, nil, err
	}
	if len(as) == 0 {
		return nil, nil, db.errorf(sql.ErrNoRows, "article %q of publication %q", id, pubID)
	}
	iss, err := db.issueRow(ctx, tx, pubID, as[0].IssueKey)
	if err != nil {
		return nil, nil, err
	}
	if iss.Articles, err = db.articlesOfIssue(ctx, tx, pubID, iss.Key, false); err != nil {
		return nil, nil, err
	}
	return as[0], iss, nil
}

// articleQuery starts a select of whole articles of one publication and,
// when slug is not "", one section.
func articleQuery(pubID, slug string) (string, []any) {
	q := `SELECT ` + articleCols + bodyCols + articleFrom + `WHERE a.publication_id = ?`
	args := []any{pubID}
	if slug != "" {
		q += ` AND a.section_slug = ?`
		args = append(args, slug)
	}
	return q, args
}

// articlesOfIssue returns the articles of one issue in document order,
// with their blocks when withBlocks is set.
func (db *DB) articlesOfIssue(ctx context.Context, q querier, pubID, key string, withBlocks bool) ([]*bulletinfeed.Article, error) {
	cols := articleCols
	if withBlocks {
		cols += bodyCols
	}
	return db.queryArticles(ctx, q, withBlocks, `SELECT `+cols+articleFrom+
		`WHERE a.publication_id = ? AND a.issue_key = ? ORDER BY a.position`, pubID, key)
}

// queryArticles runs a select of articleCols (then a.blocks when
// withBlocks) and scans its rows.
func (db *DB) queryArticles(ctx context.Context, q querier, withBlocks bool, query string, args ...any) ([]*bulletinfeed.Article, error) {
	rows, err := db.query(ctx, q, query, args...)
	if err != nil {
		return nil, db.errorf(err, "query articles")
	}
	defer rows.Close()
	var (
		out  []*bulletinfeed.Article
		pubs []string
	)
	for rows.Next() {
		pub, a, err := scanArticle(rows, withBlocks)
		if err != nil {
			return nil, db.errorf(err, "read article")
		}
		out = append(out, a)
		pubs = append(pubs, pub)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "query articles")
	}
	rows.Close()
	for i, a := range out {
		if a.Section, err = db.sectionName(ctx, q, pubs[i], a.SectionSlug); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanArticle reads a row of articleCols (then a.blocks when withBlocks)
// and returns the article and its publication.
func scanArticle(rows *sql.Rows, withBlocks bool) (string, *bulletinfeed.Article, error) {
	var (
		pub                       string
		a                         bulletinfeed.Article
		headings, bylines, blocks sql.RawBytes
		pictures                  sql.RawBytes
		published, updated        int64
	)
	dest := []any{&pub, &a.ID, &a.IssueKey, &a.SectionSlug, &a.Position, &a.Title,
		&headings, &bylines, &published, &updated}
	if withBlocks {
		dest = append(dest, &blocks, &pictures)
	}
	if err := rows.Scan(dest...); err != nil {
		return "", nil, err
	}
	if err := decodeStrings(headings, &a.Headings); err != nil {
		return "", nil, fmt.Errorf("article %s: headings: %w", a.ID, err)
	}
	if err := decodeBylines(bylines, &a.Bylines); err != nil {
		return "", nil, fmt.Errorf("article %s: bylines: %w", a.ID, err)
	}
	if withBlocks {
		if err := json.Unmarshal(blocks, &a.Blocks); err != nil {
			return "", nil, fmt.Errorf("article %s: blocks: %w", a.ID, err)
		}
		if err := json.Unmarshal(pictures, &a.Pictures); err != nil {
			return "", nil, fmt.Errorf("article %s: pictures: %w", a.ID, err)
		}
		a.Pictures = nilIfEmpty(a.Pictures)
	}
	a.Headings, a.Bylines, a.Blocks = nilIfEmpty(a.Headings), nilIfEmpty(a.Bylines), nilIfEmpty(a.Blocks)
	a.Published, a.Updated = fromMicros(published), fromMicros(updated)
	return pub, &a, nil
}
