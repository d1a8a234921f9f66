package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// TestIssueKeyAndDate: an issue's key and date changed in the console
// move it (its articles keep their ids; the old key is gone, 410) and
// date it anew; an article's correction made before follows it; the same
// file stored again after a restart goes to the new key and date and
// changes nothing. A key another issue has is refused, as is a bad date.
func TestIssueKeyAndDate(t *testing.T) {
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
		first := before.Articles[0]
		page := "/admin/p/hexi/issues/hexi-2023-04/"
		if resp, body := cl.post(page+"articles/"+first.ID, url.Values{"csrf": {tok}, "title": {"更正后的标题"}, "section": {first.Section}}); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("correct a title: %s\n%s", resp.Status, body)
		}
		for _, tc := range []struct {
			name, key, date string
			want            int
		}{
			{"bad date", "hexi-2023-04", "2023-13-01", http.StatusBadRequest},
			{"bad key", "a/b", "2023-04-01", http.StatusBadRequest},
		} {
			if resp, _ := cl.post(page+"meta", url.Values{"csrf": {tok}, "key": {tc.key}, "date": {tc.date}}); resp.StatusCode != tc.want {
				t.Errorf("%s: %s, want %d", tc.name, resp.Status, tc.want)
			}
		}
		const newKey = "2023年4月"
		resp, body := cl.post(page+"meta", url.Values{"csrf": {tok}, "key": {newKey}, "date": {"2023-04-03"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/p/hexi/issues/"+url.PathEscape(newKey)+"/?done=corrected" {
			t.Fatalf("change key and date: %s to %q\n%s", resp.Status, resp.Header.Get("Location"), body)
		}
		wantDate := time.Date(2023, 4, 3, 0, 0, 0, 0, shanghai)
		check := func(when string, db *store.DB) {
			t.Helper()
			iss, err := db.Issue(ctx, "hexi", newKey)
			if err != nil {
				t.Fatalf("%s: %v", when, err)
			}
			var ids, oldIDs []string
			for i, a := range iss.Articles {
				ids, oldIDs = append(ids, a.ID), append(oldIDs, before.Articles[i].ID)
			}
			if !iss.Date.Equal(wantDate) || !slices.Equal(ids, oldIDs) || iss.Articles[0].Title != "更正后的标题" {
				t.Errorf("%s: date %v (want %v), ids kept %v, first title %q", when, iss.Date, wantDate, slices.Equal(ids, oldIDs), iss.Articles[0].Title)
			}
			if _, err := db.Issue(ctx, "hexi", "hexi-2023-04"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
				t.Errorf("%s: the old key: %v, want not found", when, err)
			}
			if keys, _, err := db.Deleted(ctx, "hexi"); err != nil || !slices.Contains(keys, "hexi-2023-04") {
				t.Errorf("%s: gone issues %v, %v; want the old key", when, keys, err)
			}
		}
		check("after the change", c.db)

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
		if res.Status != store.Unchanged || res.Issue.Key != newKey {
			t.Errorf("the same file again: %s under %q, want unchanged under %q", res.Status, res.Issue.Key, newKey)
		}
		check("after the same file again", db)

		// Another issue's key is refused, and nothing moves.
		other := *before
		other.Key, other.Articles = "other", before.Articles[:1]
		if _, err := c.db.IngestWith(ctx, "hexi", &other, store.IngestOptions{Duplicate: true}); err != nil {
			t.Fatal(err)
		}
		if resp, _ := cl.post("/admin/p/hexi/issues/"+url.PathEscape(newKey)+"/meta", url.Values{"csrf": {tok}, "key": {"other"}, "date": {"2023-04-03"}}); resp.StatusCode != http.StatusConflict {
			t.Errorf("a taken key: %s, want 409", resp.Status)
		}
		check("after a taken key refused", c.db)
	})
}
