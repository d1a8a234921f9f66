package store

import (
	"context"
	"strings"
	"time"
)

// IssueSummary is one line of a staff list of issues.
type IssueSummary struct {
	Key      string
	Title    string
	Date     time.Time
	Source   string
	Articles int
}

// IssuePage returns one page of the published issues of publication
// pubID, newest date first, with how many issues match in all. A search,
// when not empty, keeps the issues whose key or title holds it, ignoring
// ASCII case. It reads the issues' rows and an article count, not the
// articles, so a page costs the same with ten years of issues.
func (db *DB) IssuePage(ctx context.Context, pubID, search string, offset, limit int) ([]IssueSummary, int, error) {
	where := `WHERE i.publication_id = ?`
	args := []any{pubID}
	if search != "" {
		// LIKE with the pattern's own wildcards escaped, so that "50%"
		// finds that text and not everything after 50.
		pat := "%" + likeEscaper.Replace(strings.ToLower(search)) + "%"
		where += ` AND (LOWER(i.key) LIKE ? ESCAPE '\' OR LOWER(i.title) LIKE ? ESCAPE '\')`
		args = append(args, pat, pat)
	}
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	var total int
	if err := tx.QueryRowContext(ctx, db.d.rebind(`SELECT COUNT(*) FROM issues i `+where), args...).Scan(&total); err != nil {
		return nil, 0, db.errorf(err, "count issues of %q", pubID)
	}
	rows, err := tx.QueryContext(ctx, db.d.rebind(`SELECT i.key, i.title, i.date, i.source_name,
		(SELECT COUNT(*) FROM articles a WHERE a.publication_id = i.publication_id AND a.issue_key = i.key)
		FROM issues i `+where+` ORDER BY i.date DESC, i.key DESC LIMIT ? OFFSET ?`), append(args, limit, offset)...)
	if err != nil {
		return nil, 0, db.errorf(err, "page of issues of %q", pubID)
	}
	defer rows.Close()
	var out []IssueSummary
	for rows.Next() {
		var (
			s    IssueSummary
			date int64
		)
		if err := rows.Scan(&s.Key, &s.Title, &date, &s.Source, &s.Articles); err != nil {
			return nil, 0, db.errorf(err, "read issue")
		}
		s.Date = fromMicros(date)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, db.errorf(err, "page of issues of %q", pubID)
	}
	return out, total, nil
}

// likeEscaper escapes the wildcards of LIKE and its escape character.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
