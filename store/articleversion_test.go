package store_test

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// TestArticleVersions: what an article page depends on, one article or
// every one of a publication in batches, and the article with its issue's
// head for a page rendered on request; never across publications.
func TestArticleVersions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newClock()
		db := mustOpen(t, dsn, c)
		if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: "other", Title: "Other", Lang: "en", TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		// Two articles with the same headings: ids base and base-2.
		march := mustIngest(t, db, issue("2022-03", day("2022-03-20"),
			article("要闻", "简讯", para("简讯一")), article("要闻", "简讯", para("简讯二")), article("民生", "三月", para("三月")))).Issue
		c.Advance(time.Hour)
		april := mustIngest(t, db, issue("2022-04", day("2022-04-20"),
			article("要闻", "四月一", para("四月一")), article("民生", "四月二", para("四月二")))).Issue
		otherRes, err := db.Ingest(ctx, "other", issue("2022-04", day("2022-04-20"), article("", "Other", para("other"))))
		if err != nil {
			t.Fatal(err)
		}
		otherID := otherRes.Issue.Articles[0].ID

		a := april.Articles[1]
		want := bulletinfeed.ArticleVersion{ID: a.ID, IssueKey: "2022-04", Updated: a.Updated, IssueUpdated: april.UpdatedAt}
		if got, err := db.ArticleVersion(ctx, pubID, a.ID); err != nil || got != want {
			t.Errorf("ArticleVersion = %+v, %v; want %+v", got, err, want)
		}
		for _, tc := range []struct{ pub, id string }{{pubID, "nosuchid"}, {pubID, otherID}, {"other", a.ID}, {"nobody", a.ID}} {
			if _, err := db.ArticleVersion(ctx, tc.pub, tc.id); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
				t.Errorf("ArticleVersion(%s, %s) = %v, want not found", tc.pub, tc.id, err)
			}
		}

		// A revision that changes another article of the issue changes
		// this article's page (its issue's list), not the article.
		c.Advance(time.Hour)
		revised := mustIngest(t, db, issue("2022-04", day("2022-04-20"),
			article("要闻", "四月一", para("四月一改")), article("民生", "四月二", para("四月二")))).Issue
		got, err := db.ArticleVersion(ctx, pubID, a.ID)
		if err != nil || !got.Updated.Equal(a.Updated) || !got.IssueUpdated.Equal(revised.UpdatedAt) || !got.IssueUpdated.After(want.IssueUpdated) {
			t.Errorf("ArticleVersion after a revision of its issue = %+v, %v; want updated %v, issue updated %v",
				got, err, a.Updated, revised.UpdatedAt)
		}

		// Every article of the publication, by id in byte order, in
		// batches; the last is short.
		var all []string
		for _, x := range append(march.Articles, revised.Articles...) {
			all = append(all, x.ID)
		}
		slices.Sort(all)
		for _, limit := range []int{1, 2, 5, 1000} {
			var walked []string
			var batches int
			for after := ""; ; {
				vs, err := db.ArticleVersions(ctx, pubID, after, limit)
				if err != nil {
					t.Fatal(err)
				}
				batches++
				for _, v := range vs {
					walked = append(walked, v.ID)
					if v.IssueKey == "" || v.Updated.IsZero() || v.IssueUpdated.IsZero() {
						t.Errorf("ArticleVersions gave %+v, want it whole", v)
					}
				}
				if len(vs) < limit {
					break
				}
				after = vs[len(vs)-1].ID
			}
			if !slices.Equal(walked, all) || batches != len(all)/limit+1 {
				t.Errorf("ArticleVersions in batches of %d = %q in %d batches, want %q in %d", limit, walked, batches, all, len(all)/limit+1)
			}
		}
		if _, err := db.ArticleVersions(ctx, pubID, "", 0); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
			t.Errorf("ArticleVersions with limit 0: %v, want invalid", err)
		}
		if vs, err := db.ArticleVersions(ctx, "other", "", 10); err != nil || len(vs) != 1 || vs[0].ID != otherID {
			t.Errorf("ArticleVersions(other) = %+v, %v; want its one article", vs, err)
		}

		// The article whole, its issue with the articles' heads.
		art, iss, err := db.PublicationArticle(ctx, pubID, march.Articles[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		if whole, _ := db.Article(ctx, march.Articles[1].ID); !reflect.DeepEqual(art, whole) || len(art.Blocks) == 0 {
			t.Errorf("PublicationArticle article = %+v, want %+v", art, whole)
		}
		if iss.Key != "2022-03" || !iss.Date.Equal(march.Date) || !iss.UpdatedAt.Equal(march.UpdatedAt) || iss.PublicationID != pubID {
			t.Errorf("PublicationArticle issue = %+v, want the head of 2022-03", iss)
		}
		if !slices.Equal(ids(iss.Articles), ids(march.Articles)) {
			t.Errorf("PublicationArticle issue articles = %q, want %q", ids(iss.Articles), ids(march.Articles))
		}
		for _, x := range iss.Articles {
			if x.Blocks != nil || len(x.Headings) == 0 || x.Title == "" || x.SectionSlug == "" {
				t.Errorf("issue article %+v: want its head without blocks", x)
			}
		}
		for _, tc := range []struct{ pub, id string }{{pubID, "nosuchid"}, {pubID, otherID}, {"other", a.ID}} {
			if _, _, err := db.PublicationArticle(ctx, tc.pub, tc.id); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
				t.Errorf("PublicationArticle(%s, %s) = %v, want not found", tc.pub, tc.id, err)
			}
		}
	})
}
