package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

func TestQueries(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		mustIngest(t, db, issue("2023-04", day("2023-04-20"),
			article("要闻", "四月要闻一", para("四一")), article("民生", "四月民生", para("四民")), article("要闻", "四月要闻二", para("四二"))))
		mustIngest(t, db, issue("2023-03", day("2023-03-20"),
			article("", "三月头条", para("三头")), article("要闻", "三月要闻", para("三要"))))
		mustIngest(t, db, issue("2023-05", day("2023-05-20"),
			article("All", "五月全部", para("五全"))))

		t.Run("sections", func(t *testing.T) {
			got, err := db.Sections(ctx, pubID)
			if err != nil {
				t.Fatal(err)
			}
			// Order of first appearance by issue date, not by ingest;
			// "all" is the feed of every section, so All gets all-2.
			want := []bulletinfeed.Section{{Name: "", Slug: "general"}, {Name: "要闻", Slug: "yao-wen"},
				{Name: "民生", Slug: "min-sheng"}, {Name: "All", Slug: "all-2"}}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Sections = %v, want %v", got, want)
			}
		})

		cases := []struct {
			name  string
			slug  string
			limit int
			want  []string
		}{
			{"latest of all", "", 0, []string{"五月全部", "四月要闻一", "四月民生", "四月要闻二", "三月头条", "三月要闻"}},
			{"latest 4 of all", "", 4, []string{"五月全部", "四月要闻一", "四月民生", "四月要闻二"}},
			{"latest of a section", "yao-wen", 0, []string{"四月要闻一", "四月要闻二", "三月要闻"}},
			{"latest 2 of a section", "yao-wen", 2, []string{"四月要闻一", "四月要闻二"}},
			{"latest of an unknown section", "nope", 10, nil},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				got, err := db.LatestArticles(ctx, pubID, tc.slug, tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(titles(got), tc.want) {
					t.Errorf("LatestArticles(%q, %d) = %q, want %q", tc.slug, tc.limit, titles(got), tc.want)
				}
				for _, a := range got {
					if len(a.Blocks) == 0 || a.ID == "" || a.IssueKey == "" || a.SectionSlug == "" || a.Published.IsZero() || a.Updated.IsZero() {
						t.Errorf("article not whole: %+v", a)
					}
				}
			})
		}

		// Ordinals follow the order of ingestion (April, March, May), not
		// the issue dates, even when the clock did not move between them.
		archive := []struct {
			name        string
			slug        string
			first, last int64
			want        []string
		}{
			{"archive of all", "", 1, 6, []string{"四月要闻一", "四月民生", "四月要闻二", "三月头条", "三月要闻", "五月全部"}},
			{"archive page 2", "", 3, 4, []string{"四月要闻二", "三月头条"}},
			{"archive range past the end", "", 5, 100, []string{"三月要闻", "五月全部"}},
			{"archive range after the end", "", 7, 10, nil},
			{"archive of a section", "yao-wen", 2, 5, []string{"四月要闻二", "三月要闻"}},
			{"archive of another section", "min-sheng", 1, 1, []string{"四月民生"}},
			{"archive of an unknown section", "nope", 1, 10, nil},
		}
		for _, tc := range archive {
			t.Run(tc.name, func(t *testing.T) {
				got, err := db.ArchiveArticles(ctx, pubID, tc.slug, tc.first, tc.last)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(titles(got), tc.want) {
					t.Errorf("ArchiveArticles(%q, %d, %d) = %q, want %q", tc.slug, tc.first, tc.last, titles(got), tc.want)
				}
				for _, a := range got {
					if len(a.Blocks) == 0 || a.ID == "" || a.SectionSlug == "" {
						t.Errorf("archived article not whole: %+v", a)
					}
				}
			})
		}

		t.Run("issues", func(t *testing.T) {
			got, err := db.Issues(ctx, pubID, 0)
			if err != nil {
				t.Fatal(err)
			}
			var keys []string
			var counts []int
			for _, iss := range got {
				keys = append(keys, iss.Key)
				counts = append(counts, len(iss.Articles))
				for _, a := range iss.Articles {
					if a.Blocks != nil || a.ID == "" || a.Title == "" || a.SectionSlug == "" || len(a.Bylines) == 0 || a.Published.IsZero() {
						t.Errorf("listed article %+v: want all but blocks", a)
					}
				}
			}
			if want := []string{"2023-05", "2023-04", "2023-03"}; !slices.Equal(keys, want) {
				t.Errorf("Issues keys = %q, want %q", keys, want)
			}
			if want := []int{1, 3, 2}; !slices.Equal(counts, want) {
				t.Errorf("Issues article counts = %v, want %v", counts, want)
			}
			if got[1].Sections()[0] != "要闻" || got[1].Articles[1].Title != "四月民生" {
				t.Errorf("articles of 2023-04 out of order: %q", titles(got[1].Articles))
			}
			two, err := db.Issues(ctx, pubID, 2)
			if err != nil {
				t.Fatal(err)
			}
			if len(two) != 2 || two[1].Key != "2023-04" || len(two[1].Articles) != 3 {
				t.Errorf("Issues(limit 2) = %d issues, want 2023-05 and 2023-04 with their articles", len(two))
			}
		})

		t.Run("not found", func(t *testing.T) {
			if _, err := db.Issue(ctx, pubID, "1999-01"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
				t.Errorf("Issue(missing) error %v, want not found", err)
			}
			if _, err := db.Article(ctx, "nosuchid"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
				t.Errorf("Article(missing) error %v, want not found", err)
			}
			latest, _ := db.LatestArticles(ctx, pubID, "", 1)
			a, err := db.Article(ctx, latest[0].ID)
			if err != nil || !reflect.DeepEqual(a, latest[0]) {
				t.Errorf("Article(%s) = %+v, %v; want %+v", latest[0].ID, a, err, latest[0])
			}
		})
	})
}

func TestSectionSlugs(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		// A configured slug is used, and a configured default section
		// name gives the default section its slug.
		if err := db.SetSectionSlug(ctx, pubID, "社区风采", "community"); err != nil {
			t.Fatal(err)
		}
		if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: pubID, Title: "河西通讯", Lang: "zh-CN",
			TimeZone: "Asia/Shanghai", DefaultSection: "要闻速递"}); err != nil {
			t.Fatal(err)
		}
		mustIngest(t, db, issue("1", day("2023-01-01"),
			article("", "a", para("a")), article("社区风采", "b", para("b")), article("Vie Locale", "c", para("c")),
			article("要闻 速递", "d", para("d"))))
		got, err := db.Sections(ctx, pubID)
		if err != nil {
			t.Fatal(err)
		}
		want := []bulletinfeed.Section{{Name: "", Slug: "yao-wen-su-di"}, {Name: "社区风采", Slug: "community"},
			{Name: "Vie Locale", Slug: "vie-locale"}, {Name: "要闻 速递", Slug: "yao-wen-su-di-2"}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Sections = %v, want %v", got, want)
		}

		// Slugs never change: not by configuration, not when a section
		// empties and fills again.
		if err := db.SetSectionSlug(ctx, pubID, "Vie Locale", "local"); bulletinfeed.KindOf(err) != bulletinfeed.Conflict {
			t.Errorf("re-slugging a section: %v, want a conflict", err)
		}
		// Taken by another section: the backend's unique violation,
		// given the kind Conflict by the driver's error mapping.
		if err := db.SetSectionSlug(ctx, pubID, "新栏目", "community"); bulletinfeed.KindOf(err) != bulletinfeed.Conflict {
			t.Errorf("a slug another section has: %v, want a conflict", err)
		}
		if err := db.SetSectionSlug(ctx, pubID, "x", "all"); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
			t.Errorf("slug all: %v, want invalid", err)
		}
		mustIngest(t, db, issue("1", day("2023-01-01"), article("", "a", para("a"))))
		if got, _ := db.Sections(ctx, pubID); len(got) != 1 {
			t.Errorf("sections without articles still listed: %v", got)
		}
		mustIngest(t, db, issue("2", day("2023-02-01"), article("Vie Locale", "c", para("c"))))
		got, _ = db.Sections(ctx, pubID)
		if len(got) != 2 || got[1].Slug != "vie-locale" {
			t.Errorf("Sections = %v, want Vie Locale back as vie-locale", got)
		}
	})
}

func TestPublication(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, nil)
		if _, err := db.Publication(ctx, "other"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("missing publication: %v, want not found", err)
		}
		p := &bulletinfeed.Publication{ID: "other", Title: "Parish News", Description: "News of the parish of St Mary",
			Lang: "en", TimeZone: "Europe/London",
			Banners: []string{"Notices", "From the Vicar"}, DefaultSection: "Front",
			SectionNames: map[string]string{"Notices": "Notices and banns", "From the Vicar": "The Vicar writes"}}
		v := mustVersion(t, db)
		if err := db.PutPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, err := db.Publication(ctx, "other")
		if err != nil || !reflect.DeepEqual(got, p) {
			t.Errorf("Publication = %+v, %v; want %+v", got, err, p)
		}
		v2 := mustVersion(t, db)
		if v2 <= v {
			t.Errorf("version %d after a new publication, want more than %d", v2, v)
		}
		if err := db.PutPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
		if v3 := mustVersion(t, db); v3 != v2 {
			t.Errorf("version %d after saving the same publication, want %d", v3, v2)
		}
		p.Title, p.Banners = "Parish Bulletin", nil
		if err := db.PutPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Publication(ctx, "other"); !reflect.DeepEqual(got, p) {
			t.Errorf("updated Publication = %+v, want %+v", got, p)
		}
		v4 := mustVersion(t, db)
		if v4 <= v2 {
			t.Errorf("version %d after a new title, want more than %d", v4, v2)
		}
		// The description and the section names are settings like the
		// others: saved, read back, and a change bumps the version.
		p.Description, p.SectionNames = "The bulletin of St Mary's", map[string]string{"Notices": "Notices"}
		if err := db.PutPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.Publication(ctx, "other"); !reflect.DeepEqual(got, p) {
			t.Errorf("Publication with a new description = %+v, want %+v", got, p)
		}
		v5 := mustVersion(t, db)
		if v5 <= v4 {
			t.Errorf("version %d after new section names, want more than %d", v5, v4)
		}
		// No section names read back as nil, and nil and empty are the
		// same setting: saving one over the other changes nothing.
		p.SectionNames = map[string]string{}
		if err := db.PutPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
		got, err = db.Publication(ctx, "other")
		if err != nil || got.SectionNames != nil {
			t.Errorf("Publication without section names = %+v, %v; want nil section names", got, err)
		}
		v6 := mustVersion(t, db)
		p.SectionNames = nil
		if err := db.PutPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
		if v7 := mustVersion(t, db); v7 != v6 {
			t.Errorf("version %d after saving nil section names over empty ones, want %d", v7, v6)
		}
		if err := db.PutPublication(ctx, &bulletinfeed.Publication{}); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
			t.Errorf("publication without id: %v, want invalid", err)
		}
	})
}

// TestArchiveStableUnderBackdatedIngest: archive pages are cached for long,
// so an issue dated before the others but ingested last adds its articles
// after theirs instead of shifting every page.
func TestArchiveStableUnderBackdatedIngest(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		mustIngest(t, db, issue("2023-04", day("2023-04-01"), article("", "四月一", para("四月一")), article("", "四月二", para("四月二"))))
		c.Advance(time.Hour)
		mustIngest(t, db, issue("2023-05", day("2023-05-01"), article("", "五月一", para("五月一")), article("", "五月二", para("五月二"))))
		before, err := db.ArchiveArticles(ctx, pubID, "", 1, 4)
		if err != nil {
			t.Fatal(err)
		}
		c.Advance(time.Hour)
		mustIngest(t, db, issue("2023-02", day("2023-02-01"), article("", "二月一", para("二月一"))))
		after, err := db.ArchiveArticles(ctx, pubID, "", 1, 5)
		if err != nil {
			t.Fatal(err)
		}
		if want := append(ids(before), ids(after[4:])...); !slices.Equal(ids(after), want) || titles(after)[4] != "二月一" {
			t.Errorf("archive after a backdated ingest %q, want %q then 二月一", titles(after), titles(before))
		}
		// The feed itself still orders by issue date.
		latest, err := db.LatestArticles(ctx, pubID, "", 0)
		if err != nil {
			t.Fatal(err)
		}
		if titles(latest)[len(latest)-1] != "二月一" {
			t.Errorf("latest articles %q: the February article should come last", titles(latest))
		}
	})
}
