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

// TestStructuralCorrections: an article's headings and credits edited
// and a block marked a caption and another left out, an article split at
// a paragraph and two merged are each stored as a revision that keeps
// the ids of the articles that were there; the same file stored again
// after a restart makes every one again; each is audited.
func TestStructuralCorrections(t *testing.T) {
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
		page := "/admin/p/hexi/issues/hexi-2023-04/"
		post := func(what, path string, form url.Values, want int) {
			t.Helper()
			form.Set("csrf", tok)
			if resp, body := cl.post(page+"articles/"+path, form); resp.StatusCode != want {
				t.Fatalf("%s: %s, want %d\n%s", what, resp.Status, want, body)
			}
		}

		// Article 1: a kicker added, its credit's role changed and a
		// second credit, its second block a caption, its last left out.
		a := before.Articles[0]
		kinds := make([]string, len(a.Blocks))
		for i := range kinds {
			kinds[i] = "paragraph"
		}
		kinds[1], kinds[len(kinds)-1] = "caption", "none"
		post("edit", a.ID+"/edit", url.Values{"headings": {"区委会议\n" + a.Title}, "role": {"记者", "摄影", ""}, "name": {a.Bylines[0].Name, "冯荔", ""}, "kind": kinds}, http.StatusSeeOther)
		post("edit with blocks missing", a.ID+"/edit", url.Values{"headings": {a.Title}, "kind": kinds[2:]}, http.StatusConflict)
		post("edit without headings", a.ID+"/edit", url.Values{"headings": {" \n"}, "kind": kinds}, http.StatusBadRequest)
		post("edit with a bad kind", a.ID+"/edit", url.Values{"headings": {a.Title}, "kind": append([]string{"poem"}, kinds[2:]...)}, http.StatusBadRequest)

		// Article 3 split before its second block; articles 5 and 6 merged.
		b := before.Articles[2]
		post("split at 1", b.ID+"/split", url.Values{"at": {"1"}, "title": {"x"}}, http.StatusBadRequest)
		post("split", b.ID+"/split", url.Values{"at": {"2"}, "title": {"后半篇"}}, http.StatusSeeOther)
		m, n := before.Articles[4], before.Articles[5]
		post("merge past a stale page", m.ID+"/merge", url.Values{"next": {"someone-else"}}, http.StatusConflict)
		post("merge", m.ID+"/merge", url.Values{"next": {n.ID}}, http.StatusSeeOther)

		check := func(when string, db *store.DB) {
			t.Helper()
			iss, err := db.Issue(ctx, "hexi", "hexi-2023-04")
			if err != nil {
				t.Fatal(err)
			}
			var titles, ids []string
			for _, x := range iss.Articles {
				titles, ids = append(titles, x.Title), append(ids, x.ID)
			}
			want := []string{before.Articles[0].Title, before.Articles[1].Title, b.Title, "后半篇", before.Articles[3].Title, m.Title}
			for _, x := range before.Articles[6:] {
				want = append(want, x.Title)
			}
			if !slices.Equal(titles, want) {
				t.Fatalf("%s: titles\n%q\nwant\n%q", when, titles, want)
			}
			for i, x := range before.Articles {
				if x.ID == n.ID {
					continue
				}
				if !slices.Contains(ids, x.ID) {
					t.Errorf("%s: article %d lost its id %s", when, i+1, x.ID)
				}
			}
			e := iss.Articles[0]
			if !slices.Equal(e.Headings, []string{"区委会议", a.Title}) || bulletinfeed.FormatBylines(e.Bylines) != "记者 "+a.Bylines[0].Name+" 摄影 冯荔" ||
				len(e.Blocks) != len(a.Blocks)-1 || e.Blocks[1].Kind != bulletinfeed.Caption {
				t.Errorf("%s: edited article %q %v, %d blocks (want %d, the second a caption)", when, e.Headings, e.Bylines, len(e.Blocks), len(a.Blocks)-1)
			}
			if s := iss.Articles[2]; len(s.Blocks) != 1 || !slices.Equal(iss.Articles[3].Blocks, b.Blocks[1:]) || iss.Articles[3].Section != b.Section {
				t.Errorf("%s: split into %d blocks and %d", when, len(s.Blocks), len(iss.Articles[3].Blocks))
			}
			g := iss.Articles[5]
			if len(g.Blocks) != len(m.Blocks)+1+len(n.Blocks) || g.Blocks[len(m.Blocks)] != (bulletinfeed.Block{Kind: bulletinfeed.Subhead, Text: n.Title}) {
				t.Errorf("%s: merged article has %d blocks, want %d with %q a subhead", when, len(g.Blocks), len(m.Blocks)+1+len(n.Blocks), n.Title)
			}
		}
		check("after the corrections", c.db)

		// The page shows the forms of every article, labelled.
		resp, body := cl.get(page)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, `<label for="kind-`+a.ID+`-2">`) || !strings.Contains(body, `value="caption" selected`) {
			t.Errorf("issue page: %s, no labelled block kinds", resp.Status)
		}

		// The same file again after a restart, by ingest's path.
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

		var got int
		for _, x := range c.auditActions() {
			if x == bulletinfeed.AuditCorrect {
				got++
			}
		}
		if got != 3 {
			t.Errorf("%d corrections audited, want 3", got)
		}
	})
}
