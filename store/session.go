package store

import (
	"context"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// CreateSession stores a new session of the console.
func (db *DB) CreateSession(ctx context.Context, s *bulletinfeed.Session) error {
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`INSERT INTO sessions (token_hash, user_name, csrf, created_at, last_seen) VALUES (?, ?, ?, ?, ?)`),
		s.TokenHash, s.User, s.CSRF, micros(s.Created), micros(s.LastSeen)); err != nil {
		return db.errorf(err, "create session of %q", s.User)
	}
	return nil
}

// Session returns the session whose token hashes to tokenHash; the error
// has kind NotFound when there is none (never made, ended, or its user
// removed).
func (db *DB) Session(ctx context.Context, tokenHash string) (*bulletinfeed.Session, error) {
	var (
		s                 bulletinfeed.Session
		created, lastSeen int64
	)
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT token_hash, user_name, csrf, created_at, last_seen FROM sessions WHERE token_hash = ?`), tokenHash).
		Scan(&s.TokenHash, &s.User, &s.CSRF, &created, &lastSeen)
	if err != nil {
		return nil, db.errorf(err, "session")
	}
	s.Created, s.LastSeen = fromMicros(created), fromMicros(lastSeen)
	return &s, nil
}

// TouchSession records that the session was used at t, which moves its
// idle expiry.
func (db *DB) TouchSession(ctx context.Context, tokenHash string, t time.Time) error {
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`UPDATE sessions SET last_seen = ? WHERE token_hash = ?`), micros(t), tokenHash); err != nil {
		return db.errorf(err, "touch session")
	}
	return nil
}

// DeleteSession ends a session; ending one that is gone is no error.
func (db *DB) DeleteSession(ctx context.Context, tokenHash string) error {
	if _, err := db.db.ExecContext(ctx, db.d.rebind(`DELETE FROM sessions WHERE token_hash = ?`), tokenHash); err != nil {
		return db.errorf(err, "delete session")
	}
	return nil
}

// DeleteExpiredSessions removes the sessions last used before idleBefore
// or made before createdBefore, and returns how many went.
func (db *DB) DeleteExpiredSessions(ctx context.Context, idleBefore, createdBefore time.Time) (int, error) {
	res, err := db.db.ExecContext(ctx, db.d.rebind(`DELETE FROM sessions WHERE last_seen < ? OR created_at < ?`), micros(idleBefore), micros(createdBefore))
	if err != nil {
		return 0, db.errorf(err, "delete expired sessions")
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, db.errorf(err, "delete expired sessions")
	}
	return int(n), nil
}
