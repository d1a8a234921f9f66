package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// Issues returns the issues of publication pubID, newest date first, at
// most limit of them or all when limit <= 0. Their articles come without
// blocks: enough to count them and list their sections.
func (db *DB) Issues(ctx context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error) {
	// The order of issues_by_date, read in order up to the limit.
	newest := `SELECT key FROM issues WHERE publication_id = ? ORDER BY date DESC, key DESC`
	args := []any{pubID}
	if limit > 0 {
		newest += ` LIMIT ?`
		args = append(args, limit)
	}
	return db.issuesWithHeads(ctx, newest, args)
}

// IssuesInRange returns the issues of publication pubID whose ordinal is
// in [first, last], ascending by ordinal, with their articles without
// blocks (headings, bylines, ids): one page of a list of issues.
func (db *DB) IssuesInRange(ctx context.Context, pubID string, first, last int64) ([]*bulletinfeed.Issue, error) {
	return db.issuesWithHeads(ctx, `SELECT key FROM issues WHERE publication_id = ? AND ord BETWEEN ? AND ? ORDER BY ord`,
		[]any{pubID, first, last})
}

// issuesWithHeads runs keys, a select of the keys of some issues of one
// publication (its first argument), and returns those issues in its order
// with their articles without blocks: two queries in one snapshot, the
// articles of every issue in one.
func (db *DB) issuesWithHeads(ctx context.Context, keys string, args []any) ([]*bulletinfeed.Issue, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	issues, err := db.queryIssues(ctx, tx, strings.Replace(keys, "SELECT key", "SELECT "+issueCols, 1), args...)
	if err != nil || len(issues) == 0 {
		return issues, err
	}
	byKey := make(map[string]*bulletinfeed.Issue, len(issues))
	for _, iss := range issues {
		byKey[iss.Key] = iss
	}
	arts, err := db.queryArticles(ctx, tx, false, `SELECT `+articleCols+articleFrom+
		`WHERE a.publication_id = ? AND a.issue_key IN (`+keys+`) ORDER BY a.issue_key, a.position`,
		append([]any{args[0]}, args...)...)
	if err != nil {
		return nil, err
	}
	for _, a := range arts {
		if iss := byKey[a.IssueKey]; iss != nil {
			iss.Articles = append(iss.Articles, a)
		}
	}
	return issues, nil
}

// Issue returns the issue key of publication pubID with its whole
// articles in document order; its error has kind NotFound when there is
// none.
func (db *DB) Issue(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return db.issue(ctx, tx, pubID, key)
}

// issue reads one whole issue with q, which must see one snapshot.
func (db *DB) issue(ctx context.Context, q querier, pubID, key string) (*bulletinfeed.Issue, error) {
	iss, err := db.issueRow(ctx, q, pubID, key)
	if err != nil {
		return nil, err
	}
	iss.Articles, err = db.articlesOfIssue(ctx, q, pubID, key, true)
	if err != nil {
		return nil, err
	}
	return iss, nil
}

const issueCols = `publication_id, key, title, date, source_name, source_path, content_hash, ingested_at, updated_at`

// issueRow reads an issue without its articles.
func (db *DB) issueRow(ctx context.Context, q querier, pubID, key string) (*bulletinfeed.Issue, error) {
	issues, err := db.queryIssues(ctx, q, `SELECT `+issueCols+` FROM issues WHERE publication_id = ? AND key = ?`, pubID, key)
	if err != nil {
		return nil, err
	}
	if len(issues) == 0 {
		return nil, db.errorf(sql.ErrNoRows, "issue %q", key)
	}
	return issues[0], nil
}

func (db *DB) queryIssues(ctx context.Context, q querier, query string, args ...any) ([]*bulletinfeed.Issue, error) {
	rows, err := db.query(ctx, q, query, args...)
	if err != nil {
		return nil, db.errorf(err, "query issues")
	}
	defer rows.Close()
	var out []*bulletinfeed.Issue
	for rows.Next() {
		var (
			iss                     bulletinfeed.Issue
			date, ingested, updated int64
		)
		if err := rows.Scan(&iss.PublicationID, &iss.Key, &iss.Title, &date, &iss.SourceName, &iss.SourcePath,
			&iss.ContentHash, &ingested, &updated); err != nil {
			return nil, db.errorf(err, "read issue")
		}
		iss.Date, iss.IngestedAt, iss.UpdatedAt = fromMicros(date), fromMicros(ingested), fromMicros(updated)
		out = append(out, &iss)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "query issues")
	}
	return out, nil
}

// insertIssue adds the issue iss with the ordinal ord among the issues of
// its publication, and arts, the articlesHash of its articles.
func (db *DB) insertIssue(ctx context.Context, tx *sql.Tx, iss *bulletinfeed.Issue, arts string, ord int64) error {
	_, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO issues
		(publication_id, key, title, date, source_name, source_path, content_hash, articles_hash, ingested_at, updated_at, ord)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
		iss.PublicationID, iss.Key, iss.Title, micros(iss.Date), iss.SourceName, iss.SourcePath, iss.ContentHash, arts,
		micros(iss.IngestedAt), micros(iss.UpdatedAt), ord)
	if err != nil {
		return db.errorf(err, "add issue %q", iss.Key)
	}
	return nil
}

func (db *DB) updateIssue(ctx context.Context, tx *sql.Tx, iss *bulletinfeed.Issue, arts string) error {
	_, err := tx.ExecContext(ctx, db.d.rebind(`UPDATE issues
		SET title = ?, date = ?, source_name = ?, source_path = ?, content_hash = ?, articles_hash = ?, updated_at = ?
		WHERE publication_id = ? AND key = ?`),
		iss.Title, micros(iss.Date), iss.SourceName, iss.SourcePath, iss.ContentHash, arts, micros(iss.UpdatedAt),
		iss.PublicationID, iss.Key)
	if err != nil {
		return db.errorf(err, "update issue %q", iss.Key)
	}
	return nil
}

// issueHash fingerprints an issue that came without the hash of its source
// bytes (one built in code rather than parsed from a file).
func issueHash(iss *bulletinfeed.Issue) string {
	b, _ := json.Marshal(struct {
		Title    string
		Date     int64
		Articles []*bulletinfeed.Article
	}{iss.Title, micros(iss.Date), iss.Articles})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
