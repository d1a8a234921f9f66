package store_test

import (
	"context"
	crand "crypto/rand"
	"encoding/hex"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// TestSourceState: a source never saved reads as the zero state; a save
// reads back exactly (times to the microsecond, zero times as zero) and a
// second save replaces it; states are kept per publication and source;
// none of this bumps the version. NotBefore is kept like the other times,
// zero as zero once a success clears it.
func TestSourceState(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		const src = "feed:https://example.org/feed.xml"
		got, err := db.SourceState(ctx, pubID, src)
		if err != nil || got != (bulletinfeed.SourceState{}) {
			t.Fatalf("SourceState before any save = %+v, %v; want the zero state", got, err)
		}
		v := mustVersion(t, db)
		failing := bulletinfeed.SourceState{
			LastAttempt: time.Date(2023, 5, 1, 9, 0, 0, 123456000, time.UTC),
			Failures:    2,
			LastError:   "fetch: 503 Service Unavailable",
			NotBefore:   time.Date(2023, 5, 1, 9, 30, 0, 654321000, time.UTC),
		}
		if err := db.SaveSourceState(ctx, pubID, src, failing); err != nil {
			t.Fatal(err)
		}
		if got, err := db.SourceState(ctx, pubID, src); err != nil || got != failing {
			t.Fatalf("SourceState = %+v, %v; want %+v", got, err, failing)
		}
		ok := bulletinfeed.SourceState{LastSuccess: failing.LastAttempt.Add(time.Hour), LastAttempt: failing.LastAttempt.Add(time.Hour)}
		if err := db.SaveSourceState(ctx, pubID, src, ok); err != nil {
			t.Fatal(err)
		}
		if got, err := db.SourceState(ctx, pubID, src); err != nil || got != ok {
			t.Fatalf("SourceState after a second save = %+v, %v; want %+v", got, err, ok)
		}
		if got, err := db.SourceState(ctx, pubID, "url:https://example.org/other.txt"); err != nil || got != (bulletinfeed.SourceState{}) {
			t.Errorf("another source's state = %+v, %v; want the zero state", got, err)
		}
		if got := mustVersion(t, db); got != v {
			t.Errorf("version %d after saving source states, want %d unchanged", got, v)
		}
	})
}

// TestRemoteFile: a document never saved is not found; a save reads back
// exactly and a second save of the same entry replaces it; entries are
// kept per source; none of this bumps the version; deleting the
// publication takes its rows with it.
func TestRemoteFile(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		const src = "feed:https://example.org/feed.xml"
		const entry = "tag:example.org,2023:issue-15"
		if _, found, err := db.RemoteFile(ctx, pubID, src, entry); err != nil || found {
			t.Fatalf("RemoteFile before any save: found %v, %v; want not found", found, err)
		}
		v := mustVersion(t, db)
		f := bulletinfeed.RemoteFile{
			Entry:        entry,
			URL:          "https://example.org/files/15.txt",
			ETag:         `"abc"`,
			LastModified: "Mon, 01 May 2023 09:00:00 GMT",
			ContentHash:  "0123abcd",
			IssueKey:     "第15期",
			FetchedAt:    time.Date(2023, 5, 1, 9, 0, 1, 5000, time.UTC),
		}
		if err := db.SaveRemoteFile(ctx, pubID, src, f); err != nil {
			t.Fatal(err)
		}
		if got, found, err := db.RemoteFile(ctx, pubID, src, entry); err != nil || !found || got != f {
			t.Fatalf("RemoteFile = %+v, %v, %v; want %+v", got, found, err, f)
		}
		f2 := f
		f2.ETag, f2.ContentHash, f2.IssueKey = `"def"`, "4567ef", ""
		f2.Failures, f2.NotBefore = 3, time.Date(2023, 5, 1, 9, 4, 1, 7000, time.UTC)
		if err := db.SaveRemoteFile(ctx, pubID, src, f2); err != nil {
			t.Fatal(err)
		}
		if got, _, err := db.RemoteFile(ctx, pubID, src, entry); err != nil || got != f2 {
			t.Fatalf("RemoteFile after a second save = %+v, %v; want %+v", got, err, f2)
		}
		// An entry longer than a PostgreSQL index row may hold (a URL
		// with a signed query string), and another one that differs from
		// it only at the end, are two entries read back whole.
		long := bulletinfeed.RemoteFile{Entry: longEntry(t, 10<<10), URL: "https://example.org/files/16.txt", ContentHash: "89ab"}
		longer := bulletinfeed.RemoteFile{Entry: long.Entry + "x", URL: "https://example.org/files/17.txt", ContentHash: "cdef"}
		for _, lf := range []bulletinfeed.RemoteFile{long, longer} {
			if err := db.SaveRemoteFile(ctx, pubID, src, lf); err != nil {
				t.Fatalf("save a remote file with an entry of %d bytes: %v", len(lf.Entry), err)
			}
		}
		long.ETag = `"v2"`
		if err := db.SaveRemoteFile(ctx, pubID, src, long); err != nil {
			t.Fatalf("save a long entry again: %v", err)
		}
		for _, lf := range []bulletinfeed.RemoteFile{long, longer} {
			if got, found, err := db.RemoteFile(ctx, pubID, src, lf.Entry); err != nil || !found || got != lf {
				t.Errorf("RemoteFile of an entry of %d bytes: found %v, %v; got equal: %v", len(lf.Entry), found, err, got == lf)
			}
		}
		if _, found, err := db.RemoteFile(ctx, pubID, "page:https://example.org/", entry); err != nil || found {
			t.Errorf("the entry under another source: found %v, %v; want not found", found, err)
		}
		if got := mustVersion(t, db); got != v {
			t.Errorf("version %d after saving remote files, want %d unchanged", got, v)
		}

		if err := db.SaveSourceState(ctx, pubID, src, bulletinfeed.SourceState{Failures: 1}); err != nil {
			t.Fatal(err)
		}
		if err := db.Exec(ctx, `DELETE FROM publications WHERE id = ?`, pubID); err != nil {
			t.Fatal(err)
		}
		if _, found, err := db.RemoteFile(ctx, pubID, src, entry); err != nil || found {
			t.Errorf("remote file after its publication was deleted: found %v, %v; want not found", found, err)
		}
		if st, err := db.SourceState(ctx, pubID, src); err != nil || st != (bulletinfeed.SourceState{}) {
			t.Errorf("source state after its publication was deleted = %+v, %v; want the zero state", st, err)
		}
	})
}

// longEntry returns an entry of n bytes, a URL with a random signature,
// which no compression makes short.
func longEntry(t *testing.T, n int) string {
	t.Helper()
	const prefix = "https://example.org/files/16.txt?X-Signature="
	b := make([]byte, (n-len(prefix)+1)/2)
	if _, err := crand.Read(b); err != nil {
		t.Fatal(err)
	}
	return (prefix + hex.EncodeToString(b))[:n]
}
