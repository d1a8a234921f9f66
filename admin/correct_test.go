package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// TestCorrection: a title corrected and an article moved to another
// section are stored as a revision that keeps every article's id; the
// same file stored again, by ingest's path or the console's, after the
// store was closed and opened again, changes nothing and undoes neither;
// both corrections are audited.
func TestCorrection(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newConsole(t, dsn, nil)
		cl := c.client()
		tok := cl.login("clerk")
		publishHexi(t, cl, tok)
		before, err := c.db.Issue(ctx, "hexi", "hexi-2023-04")
		if err != nil {
			t.Fatal(err)
		}
		ids := func(iss *bulletinfeed.Issue) []string {
			var out []string
			for _, a := range iss.Articles {
				out = append(out, a.ID)
			}
			return out
		}
		page := "/admin/p/hexi/issues/hexi-2023-04/"
		resp, body := cl.get(page)
		if resp.StatusCode != http.StatusOK || strings.Count(body, `<article class="article"`) != 10 {
			t.Fatalf("issue page: %s\n%s", resp.Status, body)
		}
		first, second := before.Articles[0], before.Articles[1]
		secs, err := c.db.Sections(ctx, "hexi")
		if err != nil {
			t.Fatal(err)
		}
		other := ""
		for _, s := range secs {
			if s.Name != second.Section {
				other = s.Name
				break
			}
		}
		const newTitle = "更正后的标题"
		resp, body = cl.post(page+"articles/"+first.ID, url.Values{"csrf": {tok}, "title": {newTitle}, "section": {first.Section}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("correct title: %s\n%s", resp.Status, body)
		}
		resp, body = cl.post(page+"articles/"+second.ID, url.Values{"csrf": {tok}, "title": {second.Title}, "section": {other}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("move section: %s\n%s", resp.Status, body)
		}
		if resp, _ := cl.post(page+"articles/"+second.ID, url.Values{"csrf": {tok}, "title": {second.Title}, "section": {"no such section"}}); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("move to an unknown section: %s, want 400", resp.Status)
		}
		if resp, _ := cl.post(page+"articles/"+first.ID, url.Values{"csrf": {tok}, "title": {" "}, "section": {first.Section}}); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("empty title: %s, want 400", resp.Status)
		}
		teacher := c.client()
		ttok := teacher.login("teacher")
		if resp, _ := teacher.post(page+"articles/"+first.ID, url.Values{"csrf": {ttok}, "title": {"x"}}); resp.StatusCode != http.StatusForbidden {
			t.Fatalf("another publication's editor corrects: %s, want 403", resp.Status)
		}

		check := func(when string, db *store.DB) {
			t.Helper()
			iss, err := db.Issue(ctx, "hexi", "hexi-2023-04")
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ids(iss), ids(before)) {
				t.Fatalf("%s: ids %v, want %v", when, ids(iss), ids(before))
			}
			if a := iss.Articles[0]; a.Title != newTitle || !slices.Contains(a.Headings, newTitle) {
				t.Errorf("%s: first article %q %q, want the corrected title", when, a.Title, a.Headings)
			}
			if a := iss.Articles[1]; a.Section != other || a.Title != second.Title {
				t.Errorf("%s: second article in %q titled %q, want moved to %q", when, a.Section, a.Title, other)
			}
		}
		check("after the corrections", c.db)

		// The same file again through ingest's path, on a store opened
		// anew (a restart).
		db, err := store.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		res, err := worker.Publish(ctx, db, nil, worker.Job{Publication: "hexi", Body: hexi(t), Name: "hexi-2023-04.txt",
			SourcePath: "console:hexi-2023-04.txt", Parse: source.Options{Location: shanghai}, Inbox: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != store.Unchanged {
			t.Errorf("the same file again: %s, want unchanged", res.Status)
		}
		check("after the same file again", db)
		// And through the console.
		publishHexi(t, cl, tok)
		check("after the same file uploaded again", db)

		var n int
		for _, a := range c.auditActions() {
			if a == bulletinfeed.AuditCorrect {
				n++
			}
		}
		if n != 2 {
			t.Errorf("%d correct entries in the audit log, want 2", n)
		}
		// Deleting the issue forgets its corrections.
		if _, err := db.DeleteIssue(ctx, "hexi", "hexi-2023-04"); err != nil {
			t.Fatal(err)
		}
		if cs, err := db.Corrections(ctx, "hexi", "hexi-2023-04"); err != nil || len(cs) != 0 {
			t.Fatalf("corrections after delete: %v, %v", cs, err)
		}
	})
}

// TestCorrectionUndone: a newer file that gives a corrected article
// another title undoes the correction (the article keeps its id); the
// issue page says so, and making it again holds for that file, stored
// again; a correction can be forgotten.
func TestCorrectionUndone(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newConsole(t, dsn, nil)
		cl := c.client()
		tok := cl.login("teacher")
		file := func(title string) []byte {
			return []byte("Date: 2024-09-20\n\n" + title + "\n\nBy Jane Doe\n\nThe whole school ran in the sunshine on Friday, and the parents cheered from the field until the very last race was over.\n")
		}
		publish := func(title string) {
			t.Helper()
			resp, body := cl.upload("school", "news-2024-09-20.txt", file(title), tok)
			if resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("upload: %s\n%s", resp.Status, body)
			}
			if resp, body := cl.post(resp.Header.Get("Location")+"/publish", url.Values{"csrf": {tok}, "when": {"now"}}); resp.StatusCode != http.StatusSeeOther {
				t.Fatalf("publish: %s\n%s", resp.Status, body)
			}
		}
		stored := func() *bulletinfeed.Article {
			t.Helper()
			iss, err := c.db.Issues(ctx, "school", 0)
			if err != nil || len(iss) != 1 || len(iss[0].Articles) != 1 {
				t.Fatalf("school issues = %v, %v; want one of one article", iss, err)
			}
			return iss[0].Articles[0]
		}
		publish("Sports Day")
		a := stored()
		key := "news-2024-09-20"
		page := "/admin/p/school/issues/" + key + "/"
		cl.post(page+"articles/"+a.ID, url.Values{"csrf": {tok}, "title": {"Sports Day 2024"}, "section": {a.Section}})
		if got := stored(); got.Title != "Sports Day 2024" {
			t.Fatalf("after the correction: %q", got.Title)
		}
		publish("Sports Day Results")
		if got := stored(); got.ID != a.ID || got.Title != "Sports Day Results" {
			t.Fatalf("after a newer file: %s %q, want %s with the file's title", got.ID, got.Title, a.ID)
		}
		_, body := cl.get(page)
		if !strings.Contains(body, "Corrections a newer file undid") || !strings.Contains(body, `value="Sports Day 2024"`) {
			t.Fatalf("issue page does not show the undone correction:\n%s", body)
		}
		cl.post(page+"articles/"+a.ID, url.Values{"csrf": {tok}, "title": {"Sports Day 2024"}, "section": {a.Section}})
		publish("Sports Day Results")
		if got := stored(); got.ID != a.ID || got.Title != "Sports Day 2024" {
			t.Fatalf("the newer file again after making the correction again: %s %q", got.ID, got.Title)
		}
		if _, body := cl.get(page); strings.Contains(body, "Corrections a newer file undid") {
			t.Fatalf("issue page still shows an undone correction")
		}
		cl.post(page+"articles/"+a.ID+"/forget", url.Values{"csrf": {tok}})
		if cs, err := c.db.Corrections(ctx, "school", key); err != nil || len(cs) != 0 {
			t.Fatalf("corrections after forget: %v, %v", cs, err)
		}
		if got := c.auditActions(); !slices.Contains(got, bulletinfeed.AuditForget) {
			t.Fatalf("audit = %v, want a forget entry", got)
		}
	})
}

// TestRemoveArticle: an article taken out of the issue (with the box
// ticked, not without) leaves the stored issue, the others keep their
// ids, and the same file stored again does not bring it back.
func TestRemoveArticle(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newConsole(t, dsn, nil)
		cl := c.client()
		tok := cl.login("clerk")
		publishHexi(t, cl, tok)
		before, err := c.db.Issue(ctx, "hexi", "hexi-2023-04")
		if err != nil {
			t.Fatal(err)
		}
		gone := before.Articles[3]
		remove := "/admin/p/hexi/issues/hexi-2023-04/articles/" + gone.ID + "/remove"
		if resp, _ := cl.post(remove, url.Values{"csrf": {tok}}); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("remove without the box ticked: %s, want 400", resp.Status)
		}
		if resp, body := cl.post(remove, url.Values{"csrf": {tok}, "confirm": {"on"}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("remove: %s\n%s", resp.Status, body)
		}
		var want []string
		for _, a := range before.Articles {
			if a.ID != gone.ID {
				want = append(want, a.ID)
			}
		}
		check := func(when string) {
			t.Helper()
			iss, err := c.db.Issue(ctx, "hexi", "hexi-2023-04")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, a := range iss.Articles {
				got = append(got, a.ID)
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%s: articles %v, want %v", when, got, want)
			}
		}
		check("after the removal")
		res, err := worker.Publish(ctx, c.db, nil, worker.Job{Publication: "hexi", Body: hexi(t), Name: "hexi-2023-04.txt",
			SourcePath: "console:hexi-2023-04.txt", Parse: source.Options{Location: shanghai}, Inbox: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != store.Unchanged {
			t.Errorf("the same file again: %s, want unchanged", res.Status)
		}
		check("after the same file again")
	})
}
