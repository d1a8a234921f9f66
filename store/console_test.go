package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestUsers: a user reads back with its publications, sorted and without
// repeats; a second user of one name is a conflict; a new password ends
// the user's sessions; removing a user removes its sessions and leaves
// its audit entries.
func TestUsers(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		if has, err := db.HasUsers(ctx); err != nil || has {
			t.Fatalf("HasUsers on a new store = %v, %v; want false", has, err)
		}
		ed := &bulletinfeed.User{Name: "clerk", PasswordHash: "h1", Publications: []string{"school", pubID, "school"}}
		if err := db.AddUser(ctx, ed); err != nil {
			t.Fatal(err)
		}
		if err := db.AddUser(ctx, &bulletinfeed.User{Name: "boss", PasswordHash: "h2", Admin: true}); err != nil {
			t.Fatal(err)
		}
		if err := db.AddUser(ctx, &bulletinfeed.User{Name: "clerk", PasswordHash: "x"}); bulletinfeed.KindOf(err) != bulletinfeed.Conflict {
			t.Fatalf("second user clerk: err = %v, want a conflict", err)
		}
		got, err := db.User(ctx, "clerk")
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{pubID, "school"}; !slices.Equal(got.Publications, want) || got.Admin || got.PasswordHash != "h1" {
			t.Fatalf("User(clerk) = %+v, want publications %v, not admin, hash h1", got, want)
		}
		users, err := db.Users(ctx)
		if err != nil || len(users) != 2 || users[0].Name != "boss" || !users[0].Admin || len(users[0].Publications) != 0 {
			t.Fatalf("Users = %v, %v; want boss (admin) then clerk", users, err)
		}
		if _, err := db.User(ctx, "nobody"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Fatalf("User(nobody): err = %v, want not found", err)
		}

		now := time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)
		for _, tok := range []string{"t1", "t2"} {
			if err := db.CreateSession(ctx, &bulletinfeed.Session{TokenHash: tok, User: "clerk", CSRF: "c", Created: now, LastSeen: now}); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.SetPassword(ctx, "clerk", "h3"); err != nil {
			t.Fatal(err)
		}
		if _, err := db.Session(ctx, "t1"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Fatalf("session after a new password: err = %v, want not found", err)
		}
		if err := db.SetPassword(ctx, "nobody", "h"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Fatalf("SetPassword(nobody): err = %v, want not found", err)
		}
		if err := db.CreateSession(ctx, &bulletinfeed.Session{TokenHash: "t3", User: "clerk", CSRF: "c", Created: now, LastSeen: now}); err != nil {
			t.Fatal(err)
		}
		if err := db.AddAudit(ctx, &bulletinfeed.AuditEntry{User: "clerk", Action: bulletinfeed.AuditLogin}); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveUser(ctx, "clerk"); err != nil {
			t.Fatal(err)
		}
		if err := db.RemoveUser(ctx, "clerk"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Fatalf("second RemoveUser: err = %v, want not found", err)
		}
		if _, err := db.Session(ctx, "t3"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Fatalf("session of a removed user: err = %v, want not found", err)
		}
		if log, err := db.Audit(ctx, store.AuditQuery{}); err != nil || len(log) != 1 || log[0].User != "clerk" {
			t.Fatalf("audit after removing its user = %v, %v; want the one entry of clerk", log, err)
		}
	})
}

// TestSessions: a session reads back; touching it moves its last use;
// expired ones go, by idle time or by age; a deleted one is not found.
func TestSessions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		if err := db.AddUser(ctx, &bulletinfeed.User{Name: "clerk", PasswordHash: "h"}); err != nil {
			t.Fatal(err)
		}
		t0 := time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)
		mk := func(tok string, created, seen time.Time) {
			t.Helper()
			if err := db.CreateSession(ctx, &bulletinfeed.Session{TokenHash: tok, User: "clerk", CSRF: "csrf-" + tok, Created: created, LastSeen: seen}); err != nil {
				t.Fatal(err)
			}
		}
		mk("fresh", t0, t0)
		mk("idle", t0, t0.Add(-2*time.Hour))
		mk("old", t0.Add(-48*time.Hour), t0)
		if err := db.TouchSession(ctx, "fresh", t0.Add(time.Minute)); err != nil {
			t.Fatal(err)
		}
		s, err := db.Session(ctx, "fresh")
		if err != nil || s.User != "clerk" || s.CSRF != "csrf-fresh" || !s.Created.Equal(t0) || !s.LastSeen.Equal(t0.Add(time.Minute)) {
			t.Fatalf("Session(fresh) = %+v, %v", s, err)
		}
		n, err := db.DeleteExpiredSessions(ctx, t0.Add(-time.Hour), t0.Add(-24*time.Hour))
		if err != nil || n != 2 {
			t.Fatalf("DeleteExpiredSessions = %d, %v; want 2", n, err)
		}
		if err := db.DeleteSession(ctx, "fresh"); err != nil {
			t.Fatal(err)
		}
		for _, tok := range []string{"fresh", "idle", "old"} {
			if _, err := db.Session(ctx, tok); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
				t.Errorf("Session(%s): err = %v, want not found", tok, err)
			}
		}
	})
}

// TestUploadsAndAudit: an upload keeps its bytes; the list has no bytes
// and only its publication's; the audit log reads newest first, and an
// editor's view holds its publications' entries and its own.
func TestUploadsAndAudit(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		body := []byte("Issue: 7\x00\xff binary too")
		if err := db.PutUpload(ctx, &bulletinfeed.Upload{ID: "u1", Publication: pubID, Name: "a.txt", Body: body, By: "clerk", At: c.Now()}); err != nil {
			t.Fatal(err)
		}
		if err := db.PutUpload(ctx, &bulletinfeed.Upload{ID: "u2", Publication: "school", Name: "b.txt", Body: []byte("x"), By: "clerk", At: c.Now()}); err != nil {
			t.Fatal(err)
		}
		u, err := db.Upload(ctx, "u1")
		if err != nil || string(u.Body) != string(body) || u.Name != "a.txt" || u.By != "clerk" || !u.At.Equal(c.Now()) {
			t.Fatalf("Upload(u1) = %+v, %v", u, err)
		}
		list, err := db.Uploads(ctx, pubID)
		if err != nil || len(list) != 1 || list[0].ID != "u1" || list[0].Body != nil {
			t.Fatalf("Uploads = %+v, %v; want u1 without its body", list, err)
		}
		if err := db.DeleteUpload(ctx, "u1"); err != nil {
			t.Fatal(err)
		}
		if err := db.DeleteUpload(ctx, "u1"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Fatalf("second DeleteUpload: err = %v, want not found", err)
		}

		for i, e := range []bulletinfeed.AuditEntry{
			{User: "boss", Action: bulletinfeed.AuditUserAdd, Detail: "clerk"},
			{User: "clerk", Action: bulletinfeed.AuditLogin},
			{User: "boss", Action: bulletinfeed.AuditPublish, Publication: pubID, Issue: "2023-04"},
			{User: "boss", Action: bulletinfeed.AuditDelete, Publication: "school", Issue: "7"},
		} {
			c.Advance(time.Second)
			if err := db.AddAudit(ctx, &e); err != nil {
				t.Fatalf("entry %d: %v", i, err)
			}
		}
		actions := func(q store.AuditQuery) string {
			t.Helper()
			log, err := db.Audit(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			var s []string
			for _, e := range log {
				s = append(s, e.Action)
			}
			return fmt.Sprint(s)
		}
		if got, want := actions(store.AuditQuery{}), "[delete publish login user-add]"; got != want {
			t.Errorf("whole log = %s, want %s", got, want)
		}
		if got, want := actions(store.AuditQuery{Publications: []string{pubID}, User: "clerk"}), "[publish login]"; got != want {
			t.Errorf("editor's log = %s, want %s", got, want)
		}
		if got, want := actions(store.AuditQuery{Offset: 1, Limit: 2}), "[publish login]"; got != want {
			t.Errorf("second page of two = %s, want %s", got, want)
		}
	})
}

// TestIssuePage: pages of issues newest first with their article counts,
// the total, and a search by key or title that takes LIKE's wildcards
// literally.
func TestIssuePage(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		for i := 1; i <= 5; i++ {
			iss := issue(fmt.Sprintf("2023-0%d", i), day(fmt.Sprintf("2023-0%d-01", i)),
				article("要闻", fmt.Sprintf("标题%d", i), "段落"), article("要闻", fmt.Sprintf("第二%d", i), "段落"))
			iss.Title = fmt.Sprintf("Spring %d", i)
			if i == 3 {
				iss.Title = "50% off_sale"
			}
			mustIngest(t, db, iss)
		}
		page, total, err := db.IssuePage(ctx, pubID, "", 1, 2)
		if err != nil || total != 5 || len(page) != 2 || page[0].Key != "2023-04" || page[1].Key != "2023-03" || page[0].Articles != 2 {
			t.Fatalf("IssuePage(offset 1, limit 2) = %+v, %d, %v", page, total, err)
		}
		for _, tc := range []struct{ search, want string }{
			{"SPRING", "[2023-05 2023-04 2023-02 2023-01]"},
			{"50%", "[2023-03]"},
			{"f_s", "[2023-03]"},
			{"%", "[2023-03]"},
			{"2023-02", "[2023-02]"},
			{"nothing", "[]"},
		} {
			page, total, err := db.IssuePage(ctx, pubID, tc.search, 0, 10)
			var keys []string
			for _, s := range page {
				keys = append(keys, s.Key)
			}
			if got := fmt.Sprint(keys); err != nil || got != tc.want || total != len(keys) {
				t.Errorf("search %q = %s (total %d), %v; want %s", tc.search, got, total, err, tc.want)
			}
		}
	})
}

// TestMigrationGap: a store that lacks a migration numbered below its
// highest (made by a branch that had 0010 and not 0009) is refused by
// OpenExisting with the advice to migrate, and Open applies the missing
// one.
func TestMigrationGap(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db, err := store.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		// Undo migration 8 alone, as if it had never been known.
		for _, q := range []string{
			`ALTER TABLE remote_files DROP COLUMN failures`,
			`ALTER TABLE remote_files DROP COLUMN not_before`,
			`DELETE FROM schema_migrations WHERE version = 8`,
		} {
			if err := db.Exec(ctx, q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		db.Close()
		if _, err := store.OpenExisting(ctx, dsn, nil); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
			t.Fatalf("OpenExisting with a gap: err = %v, want invalid (run migrate)", err)
		}
		db, err = store.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatalf("Open with a gap: %v", err)
		}
		if err := db.Exec(ctx, `SELECT failures, not_before FROM remote_files`); err != nil {
			t.Fatalf("migration 8 not applied: %v", err)
		}
		db.Close()
		db, err = store.OpenExisting(ctx, dsn, nil)
		if err != nil {
			t.Fatalf("OpenExisting after Open: %v", err)
		}
		db.Close()
	})
}
