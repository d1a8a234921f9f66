package store

import (
	"context"
	"crypto/rand"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// AddAudit writes an entry to the audit log. An entry without a time is
// given the store's now, and every entry a new id.
func (db *DB) AddAudit(ctx context.Context, e *bulletinfeed.AuditEntry) error {
	if e.At.IsZero() {
		e.At = db.now()
	}
	var b [10]byte
	rand.Read(b[:])
	e.ID = idEncoding.EncodeToString(b[:])
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`INSERT INTO audit_log (id, at, user_name, action, publication_id, issue_key, detail) VALUES (?, ?, ?, ?, ?, ?, ?)`),
		e.ID, micros(e.At), e.User, e.Action, e.Publication, e.Issue, e.Detail); err != nil {
		return db.errorf(err, "write audit entry %s", e.Action)
	}
	return nil
}

// AuditQuery picks entries of the audit log.
type AuditQuery struct {
	// Publications, when not nil, keeps only entries about these
	// publications or made by User: what an editor may see.
	Publications []string
	User         string
	// Offset and Limit page the entries, newest first; a Limit of 0 is
	// all.
	Offset, Limit int
}

// Audit returns the entries of the audit log q picks, newest first.
func (db *DB) Audit(ctx context.Context, q AuditQuery) ([]*bulletinfeed.AuditEntry, error) {
	query := `SELECT id, at, user_name, action, publication_id, issue_key, detail FROM audit_log`
	var args []any
	if q.Publications != nil {
		conds := []string{"user_name = ?"}
		args = append(args, q.User)
		if len(q.Publications) > 0 {
			conds = append(conds, "publication_id IN (?"+strings.Repeat(", ?", len(q.Publications)-1)+")")
			for _, p := range q.Publications {
				args = append(args, p)
			}
		}
		query += ` WHERE ` + strings.Join(conds, " OR ")
	}
	// id breaks ties of one microsecond in a stable, if arbitrary, order.
	query += ` ORDER BY at DESC, id DESC`
	if q.Limit > 0 {
		query += ` LIMIT ? OFFSET ?`
		args = append(args, q.Limit, q.Offset)
	}
	rows, err := db.db.QueryContext(ctx, db.d.rebind(query), args...)
	if err != nil {
		return nil, db.errorf(err, "query audit log")
	}
	defer rows.Close()
	var out []*bulletinfeed.AuditEntry
	for rows.Next() {
		var (
			e  bulletinfeed.AuditEntry
			at int64
		)
		if err := rows.Scan(&e.ID, &at, &e.User, &e.Action, &e.Publication, &e.Issue, &e.Detail); err != nil {
			return nil, db.errorf(err, "read audit entry")
		}
		e.At = fromMicros(at)
		out = append(out, &e)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "query audit log")
	}
	return out, nil
}
