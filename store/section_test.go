package store_test

import (
	"context"
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

func TestSectionCounts(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		// Configured before any article comes: listed, empty, by slug.
		for name, slug := range map[string]string{"Notices": "notices", "Archive": "archive"} {
			if err := db.SetSectionSlug(ctx, pubID, name, slug); err != nil {
				t.Fatal(err)
			}
		}
		mustIngest(t, db, issue("2023-04", day("2023-04-20"),
			article("要闻", "四月要闻一", para("四一")), article("民生", "四月民生", para("四民")), article("要闻", "四月要闻二", para("四二"))))
		mustIngest(t, db, issue("2023-03", day("2023-03-20"),
			article("", "三月头条", para("三头")), article("要闻", "三月要闻", para("三要"))))
		mustIngest(t, db, issue("2023-05", day("2023-05-20"),
			article("All", "五月全部", para("五全"))))

		type sc = store.SectionCount
		sec := func(name, slug string, n int) sc {
			return sc{Section: bulletinfeed.Section{Name: name, Slug: slug}, Articles: n}
		}
		check := func(when string, want []sc) {
			t.Helper()
			got, err := db.SectionCounts(ctx, pubID)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("SectionCounts %s =\n %v\nwant %v", when, got, want)
			}
			// Those with articles come in the order of Sections.
			secs, err := db.Sections(ctx, pubID)
			if err != nil {
				t.Fatal(err)
			}
			for i, s := range secs {
				if i >= len(got) || got[i].Section != s || got[i].Articles == 0 {
					t.Errorf("SectionCounts %s: entry %d is %v, want %v of Sections with articles", when, i, got[i], s)
				}
			}
		}
		check("after three issues", []sc{sec("", "general", 1), sec("要闻", "yao-wen", 3), sec("民生", "min-sheng", 1),
			sec("All", "all-2", 1), sec("Archive", "archive", 0), sec("Notices", "notices", 0)})

		if _, err := db.DeleteIssue(ctx, pubID, "2023-04"); err != nil {
			t.Fatal(err)
		}
		check("after a delete", []sc{sec("", "general", 1), sec("要闻", "yao-wen", 1), sec("All", "all-2", 1),
			sec("Archive", "archive", 0), sec("民生", "min-sheng", 0), sec("Notices", "notices", 0)})

		if got, err := db.SectionCounts(ctx, "other"); err != nil || len(got) != 0 {
			t.Errorf("SectionCounts of a publication without sections = %v, %v; want none", got, err)
		}
	})
}

// TestSetSectionSlugBeforeIngest: a configuration gives a banner its slug
// before any issue; the section is listed (empty) at once, and the first
// article under the banner gets that slug.
func TestSetSectionSlugBeforeIngest(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		const parish = "parish"
		if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: parish, Title: "Parish News", Lang: "en",
			TimeZone: "Europe/London", Banners: []string{"From the Vicar"}}); err != nil {
			t.Fatal(err)
		}
		v := mustVersion(t, db)
		if err := db.SetSectionSlug(ctx, parish, "From the Vicar", "vicar"); err != nil {
			t.Fatal(err)
		}
		v2 := mustVersion(t, db)
		if v2 <= v {
			t.Errorf("version %d after a new section, want more than %d: SectionCounts lists it", v2, v)
		}
		want := []store.SectionCount{{Section: bulletinfeed.Section{Name: "From the Vicar", Slug: "vicar"}}}
		if got, err := db.SectionCounts(ctx, parish); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("SectionCounts = %v, %v; want %v", got, err, want)
		}
		if got, err := db.Sections(ctx, parish); err != nil || len(got) != 0 {
			t.Errorf("Sections = %v, %v; want none with articles", got, err)
		}
		// The same setting again is no change; another slug is refused.
		if err := db.SetSectionSlug(ctx, parish, "From the Vicar", "vicar"); err != nil {
			t.Errorf("the same slug again: %v", err)
		}
		if got := mustVersion(t, db); got != v2 {
			t.Errorf("version %d after setting the same slug, want %d", got, v2)
		}
		if err := db.SetSectionSlug(ctx, parish, "From the Vicar", "from-the-vicar"); bulletinfeed.KindOf(err) != bulletinfeed.Conflict {
			t.Errorf("another slug: %v, want a conflict", err)
		}
		if err := db.SetSectionSlug(ctx, "nope", "From the Vicar", "vicar"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Errorf("a missing publication: %v, want not found", err)
		}

		res, err := db.Ingest(ctx, parish, issue("2023-06", day("2023-06-04"),
			article("From the Vicar", "Summer fete", para("fete")), article("Notices", "Banns", para("banns"))))
		if err != nil {
			t.Fatal(err)
		}
		if got := res.Issue.Articles[0].SectionSlug; got != "vicar" {
			t.Errorf("article under the configured banner has slug %q, want vicar", got)
		}
		want = []store.SectionCount{{Section: bulletinfeed.Section{Name: "From the Vicar", Slug: "vicar"}, Articles: 1},
			{Section: bulletinfeed.Section{Name: "Notices", Slug: "notices"}, Articles: 1}}
		if got, err := db.SectionCounts(ctx, parish); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("SectionCounts after the ingest = %v, %v; want %v", got, err, want)
		}
		// The other publication is not touched.
		if got, err := db.SectionCounts(ctx, pubID); err != nil || len(got) != 0 {
			t.Errorf("SectionCounts of %s = %v, %v; want none", pubID, got, err)
		}
	})
}

// TestSectionNamesOfFailedIngest: a section that a failed ingest made is
// not remembered by its handle, even though the ingest read articles
// after making it; the slug given to another name later reads with that
// name.
func TestSectionNamesOfFailedIngest(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		mustIngest(t, db, issue("1", day("2023-01-01"), article("要闻", "一", para("一"))))

		failing := mustOpen(t, dsn, c)
		failing.SetArticleHook(func(int) error { return errors.New("boom") })
		c.Advance(time.Hour)
		// A revision: it reads the stored articles after adding 新栏目.
		if _, err := failing.Ingest(ctx, pubID, issue("1", day("2023-01-01"),
			article("要闻", "一", para("一")), article("新栏目", "二", para("二")))); err == nil {
			t.Fatal("ingest did not fail")
		}
		failing.SetArticleHook(nil)

		mustIngest(t, db, issue("2", day("2023-02-01"), article("新 栏目", "三", para("三"))))
		for name, h := range map[string]*store.DB{"the failed ingest's handle": failing, "another handle": db} {
			got, err := h.LatestArticles(ctx, pubID, "", 1)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 {
				t.Fatalf("%s reads %d articles, want 1", name, len(got))
			}
			if got[0].SectionSlug != "xin-lan-mu" || got[0].Section != "新 栏目" {
				t.Errorf("%s reads the article in %q as %q, want 新 栏目 as xin-lan-mu", name, got[0].Section, got[0].SectionSlug)
			}
		}
	})
}
