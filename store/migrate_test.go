package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestOrdinalsBackfill: migration 4 numbers the articles and issues of a
// store in the archive order that paging by offset gave (first ingest
// time, then issue key, then position), per publication and section, and
// ingests after it go on from the last ordinals.
func TestOrdinalsBackfill(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		old, err := store.OpenAtVersion(ctx, dsn, 3)
		if err != nil {
			t.Fatal(err)
		}
		exec := func(q string, args ...any) {
			t.Helper()
			if err := old.Exec(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		for _, p := range []string{pubID, "other"} {
			exec(`INSERT INTO publications (id, title, lang, tz, base_url, banners, default_section) VALUES (?, ?, 'zh-CN', 'UTC', '', '[]', '')`, p, p)
			exec(`INSERT INTO sections (publication_id, slug, name) VALUES (?, 'general', ''), (?, 'yao-wen', '要闻')`, p, p)
		}
		// Issues by first ingest time: d, b, then a and c ingested in the
		// same microsecond (by key). Rows go in in another order.
		issues := []struct {
			pub, key string
			ingested int64
			arts     []string // sections, in document order
		}{
			{pubID, "c", 300, []string{"general", "yao-wen"}},
			{pubID, "a", 300, []string{"yao-wen", "yao-wen", "general"}},
			{"other", "x", 100, []string{"yao-wen"}},
			{pubID, "b", 200, []string{"general"}},
			{pubID, "d", 100, []string{"yao-wen", "general"}},
		}
		for _, iss := range issues {
			exec(`INSERT INTO issues (publication_id, key, title, date, source_name, content_hash, ingested_at, updated_at)
				VALUES (?, ?, '', ?, '', ?, ?, ?)`, iss.pub, iss.key, iss.ingested, iss.key, iss.ingested, iss.ingested)
			// Positions in reverse, so that the rows' own order is not the
			// archive's.
			for pos := len(iss.arts) - 1; pos >= 0; pos-- {
				title := fmt.Sprintf("%s%d", iss.key, pos)
				exec(`INSERT INTO articles (id, publication_id, issue_key, section_slug, position, title, headings, bylines, blocks,
						published, updated, ingested)
					VALUES (?, ?, ?, ?, ?, ?, '[]', '[]', '[]', ?, ?, ?)`,
					iss.pub+"-"+title, iss.pub, iss.key, iss.arts[pos], pos, title, iss.ingested, iss.ingested, iss.ingested)
			}
		}
		old.Close()

		db, err := store.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, tc := range []struct {
			pub, slug string
			want      []string
		}{
			{pubID, "", []string{"d0", "d1", "b0", "a0", "a1", "a2", "c0", "c1"}},
			{pubID, "yao-wen", []string{"d0", "a0", "a1", "c1"}},
			{pubID, "general", []string{"d1", "b0", "a2", "c0"}},
			{"other", "", []string{"x0"}},
		} {
			got, err := db.ArchiveArticles(ctx, tc.pub, tc.slug, 1, 100)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(titles(got), tc.want) {
				t.Errorf("ArchiveArticles(%s, %q) after the migration = %q, want %q", tc.pub, tc.slug, titles(got), tc.want)
			}
			// Numbered from 1 without holes.
			for i, want := range tc.want {
				if got, _ := db.ArchiveArticles(ctx, tc.pub, tc.slug, int64(i+1), int64(i+1)); len(got) != 1 || got[0].Title != want {
					t.Errorf("ArchiveArticles(%s, %q) at %d = %q, want %s", tc.pub, tc.slug, i+1, titles(got), want)
				}
			}
		}
		st, err := db.ChannelStates(ctx, pubID)
		if err != nil {
			t.Fatal(err)
		}
		var lasts []int64
		for _, s := range st {
			lasts = append(lasts, s.LastOrdinal)
		}
		if want := []int64{8, 4, 4}; !slices.Equal(lasts, want) || st[1].Slug != "general" || st[0].Articles != 8 {
			t.Errorf("ChannelStates after the migration = %+v, want last ordinals %v", st, want)
		}
		issuesIn, err := db.IssuesInRange(ctx, pubID, 1, 100)
		if err != nil {
			t.Fatal(err)
		}
		var keys []string
		for _, iss := range issuesIn {
			keys = append(keys, iss.Key)
		}
		if want := []string{"d", "b", "a", "c"}; !slices.Equal(keys, want) {
			t.Errorf("IssuesInRange after the migration = %q, want %q", keys, want)
		}
		if is, err := db.IssueState(ctx, "other"); err != nil || is.LastOrdinal != 1 || is.Articles != 1 {
			t.Errorf("IssueState(other) = %+v, %v; want one issue at 1", is, err)
		}

		// A new issue goes on after the last ordinals of each channel.
		if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: pubID, Title: pubID, Lang: "zh-CN", TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		mustIngest(t, db, issue("e", day("2023-01-01"), article("要闻", "e0", para("e0"))))
		if got, _ := db.ArchiveArticles(ctx, pubID, "", 9, 9); !slices.Equal(titles(got), []string{"e0"}) {
			t.Errorf("new article at ordinal 9: %q", titles(got))
		}
		if got, _ := db.ArchiveArticles(ctx, pubID, "yao-wen", 5, 5); !slices.Equal(titles(got), []string{"e0"}) {
			t.Errorf("new article at section ordinal 5: %q", titles(got))
		}
		if got, _ := db.IssuesInRange(ctx, pubID, 5, 5); len(got) != 1 || got[0].Key != "e" {
			t.Errorf("new issue at ordinal 5: %v", got)
		}
	})
}
