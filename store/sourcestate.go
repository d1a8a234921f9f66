package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// SourceState returns what the worker remembered of the source sourceID
// of publication pubID after its last pass; the zero value when nothing
// was saved.
func (db *DB) SourceState(ctx context.Context, pubID, sourceID string) (bulletinfeed.SourceState, error) {
	var (
		st                            bulletinfeed.SourceState
		success, attempted, notBefore int64
	)
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT last_success, last_attempt, failures, last_error, not_before
		FROM source_states WHERE publication_id = ? AND source_id = ?`), pubID, sourceID).
		Scan(&success, &attempted, &st.Failures, &st.LastError, &notBefore)
	if errors.Is(err, sql.ErrNoRows) {
		return bulletinfeed.SourceState{}, nil
	}
	if err != nil {
		return bulletinfeed.SourceState{}, db.errorf(err, "state of source %q of %q", sourceID, pubID)
	}
	st.LastSuccess, st.LastAttempt, st.NotBefore = optTime(success), optTime(attempted), optTime(notBefore)
	return st, nil
}

// SaveSourceState records st as the state of the source sourceID of
// publication pubID, replacing what was saved. Times keep microseconds.
// It changes nothing a reader sees, so the version stays.
func (db *DB) SaveSourceState(ctx context.Context, pubID, sourceID string, st bulletinfeed.SourceState) error {
	_, err := db.db.ExecContext(ctx, db.d.rebind(`INSERT INTO source_states
			(publication_id, source_id, last_success, last_attempt, failures, last_error, not_before)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (publication_id, source_id) DO UPDATE SET last_success = excluded.last_success,
			last_attempt = excluded.last_attempt, failures = excluded.failures, last_error = excluded.last_error,
			not_before = excluded.not_before`),
		pubID, sourceID, optMicros(st.LastSuccess), optMicros(st.LastAttempt), st.Failures, st.LastError,
		optMicros(st.NotBefore))
	if err != nil {
		return db.errorf(err, "save state of source %q of %q", sourceID, pubID)
	}
	return nil
}

// optMicros and optTime store a time that may be unset: 0 stands for the
// zero time, which would otherwise read back as year 1 in UTC, equal by
// IsZero but not by ==.
func optMicros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return micros(t)
}

func optTime(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return fromMicros(v)
}
