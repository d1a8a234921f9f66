package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// DuplicateError is returned, inside a Conflict, when an issue has the
// same source bytes or the same articles as a stored issue of another key:
// the same bulletin copied under another file name (copy.txt), which would
// otherwise be published again, dated anew, with every article twice in
// the feeds.
type DuplicateError struct {
	// Source names the file of the refused issue.
	Source string
	// Stored is the issue it duplicates, without its articles.
	Stored *bulletinfeed.Issue
	// SameBytes is true when the files are identical, false when only
	// their articles are (another encoding, other white space).
	SameBytes bool
	loc       *time.Location
}

func (e *DuplicateError) Error() string {
	what := "the same articles as"
	if e.SameBytes {
		what = "the same bytes as"
	}
	return fmt.Sprintf("%s has %s issue %q, stored from %s (%s): not stored again; "+
		"to store it as an issue of its own anyway, give it another key with --key KEY",
		e.Source, what, e.Stored.Key, source(e.Stored), dateNote(e.Stored, dated(e.Stored), e.loc))
}

// duplicateOf returns a DuplicateError when a stored issue of pub under
// another key than iss's has the content hash hash or the articles hash
// arts; nil when none has.
func (db *DB) duplicateOf(ctx context.Context, q querier, pub *bulletinfeed.Publication, iss *bulletinfeed.Issue, hash, arts string) error {
	var key, storedHash string
	err := q.QueryRowContext(ctx, db.d.rebind(`SELECT key, content_hash FROM issues
		WHERE publication_id = ? AND key <> ? AND (content_hash = ? OR articles_hash = ?)
		ORDER BY ord LIMIT 1`), pub.ID, iss.Key, hash, arts).Scan(&key, &storedHash)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return db.errorf(err, "look for a copy of issue %q", iss.Key)
	}
	stored, err := db.issueRow(ctx, q, pub.ID, key)
	if err != nil {
		return err
	}
	loc, lerr := time.LoadLocation(pub.TimeZone)
	if lerr != nil {
		loc = time.UTC
	}
	dup := &DuplicateError{Source: source(iss), Stored: stored, SameBytes: storedHash == hash, loc: loc}
	return &bulletinfeed.Error{Kind: bulletinfeed.Conflict, Err: dup}
}

// articlesHash fingerprints the articles of an issue as a reader sees
// them (contentHash of each, in order), whatever bytes they were parsed
// from.
func articlesHash(arts []*bulletinfeed.Article) string {
	h := sha256.New()
	for _, a := range arts {
		h.Write([]byte(contentHash(a)))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}
