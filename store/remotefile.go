package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"

	"github.com/bulletinfeed/bulletinfeed"
)

// RemoteFile returns what was recorded of the document entry fetched by
// the source sourceID of publication pubID, and whether there was any.
func (db *DB) RemoteFile(ctx context.Context, pubID, sourceID, entry string) (bulletinfeed.RemoteFile, bool, error) {
	f := bulletinfeed.RemoteFile{Entry: entry}
	var fetched, notBefore int64
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT url, etag, last_modified, content_hash, issue_key, fetched_at, failures, not_before
		FROM remote_files WHERE publication_id = ? AND source_id = ? AND entry_key = ?`), pubID, sourceID, entryKey(entry)).
		Scan(&f.URL, &f.ETag, &f.LastModified, &f.ContentHash, &f.IssueKey, &fetched, &f.Failures, &notBefore)
	if errors.Is(err, sql.ErrNoRows) {
		return bulletinfeed.RemoteFile{}, false, nil
	}
	if err != nil {
		return bulletinfeed.RemoteFile{}, false, db.errorf(err, "remote file %q of source %q of %q", entry, sourceID, pubID)
	}
	f.FetchedAt, f.NotBefore = optTime(fetched), optTime(notBefore)
	return f, true, nil
}

// SaveRemoteFile records f, a document fetched by the source sourceID of
// publication pubID, replacing what was recorded for f.Entry. Times keep
// microseconds. It changes nothing a reader sees, so the version stays.
func (db *DB) SaveRemoteFile(ctx context.Context, pubID, sourceID string, f bulletinfeed.RemoteFile) error {
	_, err := db.db.ExecContext(ctx, db.d.rebind(`INSERT INTO remote_files
			(publication_id, source_id, entry_key, entry, url, etag, last_modified, content_hash, issue_key, fetched_at, failures, not_before)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (publication_id, source_id, entry_key) DO UPDATE SET entry = excluded.entry,
			url = excluded.url, etag = excluded.etag,
			last_modified = excluded.last_modified, content_hash = excluded.content_hash,
			issue_key = excluded.issue_key, fetched_at = excluded.fetched_at,
			failures = excluded.failures, not_before = excluded.not_before`),
		pubID, sourceID, entryKey(f.Entry), f.Entry, f.URL, f.ETag, f.LastModified, f.ContentHash, f.IssueKey, optMicros(f.FetchedAt),
		f.Failures, optMicros(f.NotBefore))
	if err != nil {
		return db.errorf(err, "save remote file %q of source %q of %q", f.Entry, sourceID, pubID)
	}
	return nil
}

// entryKey is the key of entry in remote_files: fixed in size, since an
// entry (a URL with a signed query string) may be longer than a
// PostgreSQL index row can hold.
func entryKey(entry string) string {
	sum := sha256.Sum256([]byte(entry))
	return hex.EncodeToString(sum[:])
}
