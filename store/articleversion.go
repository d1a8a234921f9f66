package store

import (
	"context"
	"database/sql"

	"github.com/bulletinfeed/bulletinfeed"
)

// versionQuery selects article versions. The issue's time comes by a
// subquery rather than a join, which would let the planner start from the
// issues and sort every article of the publication to return a batch.
const versionQuery = `SELECT a.id, a.issue_key, a.updated,
		(SELECT i.updated_at FROM issues i WHERE i.publication_id = a.publication_id AND i.key = a.issue_key)
	FROM articles a `

// ArticleVersion returns what the page of the article id of publication
// pubID depends on, without reading its text: its own update time and its
// issue's, which every revision of the issue moves. Its error has kind
// NotFound when the publication has no such article.
func (db *DB) ArticleVersion(ctx context.Context, pubID, id string) (bulletinfeed.ArticleVersion, error) {
	vs, err := db.queryVersions(ctx, versionQuery+`WHERE a.id = ? AND a.publication_id = ?`, id, pubID)
	if err != nil {
		return bulletinfeed.ArticleVersion{}, err
	}
	if len(vs) == 0 {
		return bulletinfeed.ArticleVersion{}, db.errorf(sql.ErrNoRows, "article %q of publication %q", id, pubID)
	}
	return vs[0], nil
}

// ArticleVersions lists the versions of the articles of publication pubID
// in order of id (by bytes), those after afterID ("" to start), at most
// limit of them: the batches in which a build walks every article to
// compare it with its manifest. The walk ends with a batch shorter than
// limit.
func (db *DB) ArticleVersions(ctx context.Context, pubID, afterID string, limit int) ([]bulletinfeed.ArticleVersion, error) {
	if limit <= 0 {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "article versions: limit %d, want at least 1", limit)
	}
	return db.queryVersions(ctx, versionQuery+`WHERE a.publication_id = ? AND a.id > ? ORDER BY a.id LIMIT ?`,
		pubID, afterID, limit)
}

func (db *DB) queryVersions(ctx context.Context, query string, args ...any) ([]bulletinfeed.ArticleVersion, error) {
	rows, err := db.query(ctx, db.db, query, args...)
	if err != nil {
		return nil, db.errorf(err, "query article versions")
	}
	defer rows.Close()
	var out []bulletinfeed.ArticleVersion
	for rows.Next() {
		var v bulletinfeed.ArticleVersion
		var updated, issueUpdated int64
		if err := rows.Scan(&v.ID, &v.IssueKey, &updated, &issueUpdated); err != nil {
			return nil, db.errorf(err, "read article version")
		}
		v.Updated, v.IssueUpdated = fromMicros(updated), fromMicros(issueUpdated)
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "query article versions")
	}
	return out, nil
}
