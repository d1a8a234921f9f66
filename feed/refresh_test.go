package feed_test

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// mayIssue returns an issue of May 2023 with one article in the default
// section and one in Community, ingested on 2 May.
func mayIssue() *bulletinfeed.Issue {
	d := date(2023, 5, 1)
	ingested := time.Date(2023, 5, 2, 8, 0, 0, 0, time.UTC)
	iss := &bulletinfeed.Issue{Key: "2023-05", Title: "河西报道 2023年第5期", Date: d, PublicationID: "hexi", UpdatedAt: ingested, IngestedAt: ingested,
		Articles: []*bulletinfeed.Article{
			{ID: "11aa22bb", SectionSlug: "yaowen", Headings: []string{"五月要闻"}, Title: "五月要闻", Blocks: []bulletinfeed.Block{para("五月的第一篇。")}},
			{ID: "33cc44dd", Section: secComm, SectionSlug: "community", Headings: []string{"May fair"}, Title: "May fair", Blocks: []bulletinfeed.Block{para("The fair is on Sunday.")}},
		}}
	for i, a := range iss.Articles {
		a.IssueKey, a.Position, a.Published, a.Updated = iss.Key, i, d, d
	}
	return iss
}

// channelPaths are the resources in memory of a channel of the fixture.
func channelPaths(slug string) []string {
	paths := []string{"/feeds/" + slug + ".atom", "/feeds/" + slug + ".json", "/feeds/" + slug + ".rss"}
	if slug != "all" {
		paths = append(paths, "/sections/"+slug)
	}
	return paths
}

// indexPaths are the index and OPML lists of the first publication.
var indexPaths = []string{"/", "/feeds-json.opml", "/feeds-rss.opml", "/feeds-sections-json.opml", "/feeds-sections-rss.opml", "/feeds-sections.opml", "/feeds.opml"}

func sorted(groups ...[]string) []string {
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	slices.Sort(out)
	return out
}

// TestRefreshRendersWhatChanged: after an ingest, a revision and a
// deletion, a refresh renders exactly the feeds and section pages of the
// channels that changed and the index and lists that show them; every
// other resource keeps its bytes and entity tag.
func TestRefreshRendersWhatChanged(t *testing.T) {
	m, st := newFixtureStore()
	srv := feed.NewHandler(st, testConfig())
	refresh := func() *feed.Site {
		t.Helper()
		if err := srv.Refresh(context.Background()); err != nil {
			t.Fatal(err)
		}
		return srv.Site()
	}
	first := refresh()
	if got, want := first.Rendered(), first.Paths(); !slices.Equal(got, want) {
		t.Errorf("first refresh rendered %q, want every resource in memory %q", got, want)
	}
	etags := func() map[string]string {
		out := map[string]string{}
		for _, p := range srv.Site().Paths() {
			out[p] = serve(srv, "GET", p).Header().Get("ETag")
		}
		return out
	}

	// What the store holds after each step, as ingests write it: a
	// revision gives the articles it changes the time of its ingest, or
	// their issue's date when that is later, which they keep.
	march := func(issues []*bulletinfeed.Issue) []*bulletinfeed.Issue {
		a := issues[1].Articles[0] // b1c2d3e4, 要闻, of the March issue
		a.Title = "区委全面依法治区委员会办公室主任会议召开"
		a.Headings = []string{a.Title}
		a.Updated = time.Date(2023, 5, 2, 9, 0, 0, 0, time.UTC)
		issues[1].UpdatedAt = a.Updated
		return issues
	}
	june := func(revised bool) *bulletinfeed.Issue {
		d := date(2023, 6, 1) // after the clock: printed ahead
		iss := &bulletinfeed.Issue{Key: "2023-06", Date: d, PublicationID: "hexi", UpdatedAt: time.Date(2023, 5, 2, 9, 10, 0, 0, time.UTC),
			Articles: []*bulletinfeed.Article{{ID: "55ee66ff", IssueKey: "2023-06", Section: secShi, SectionSlug: "shixiang",
				Headings: []string{"六月预告"}, Title: "六月预告", Blocks: []bulletinfeed.Block{para("六月将有活动。")}, Published: d, Updated: d}}}
		if revised {
			iss.Articles[0].Blocks = []bulletinfeed.Block{para("六月将有更多活动。")}
			iss.UpdatedAt = time.Date(2023, 5, 2, 9, 20, 0, 0, time.UTC)
		}
		return iss
	}
	withMay := func() []*bulletinfeed.Issue { return append([]*bulletinfeed.Issue{mayIssue()}, fixtureIssues()...) }
	cases := []struct {
		name   string
		change func()
		want   []string
	}{
		{"an issue in two sections", func() { m.add("hexi", mayIssue()) },
			sorted(channelPaths("all"), channelPaths("yaowen"), channelPaths("community"), indexPaths)},
		// A revision may move any article of its issue in print order,
		// which dates it: every section of the issue is rendered again,
		// and only those whose bytes changed get a new ETag.
		{"a revision of an old issue", func() { m.set(fixturePublication(), march(withMay())) },
			sorted(channelPaths("all"), channelPaths("yaowen"), channelPaths("xinshidai"), channelPaths("community"), channelPaths("shixiang"), indexPaths)},
		// Without the March issue the sections are first seen in
		// another order, which every page's nav shows: everything is
		// rendered again.
		{"a deletion", func() { m.remove("hexi", "2023-03") },
			sorted(channelPaths("all"), channelPaths("yaowen"), channelPaths("xinshidai"), channelPaths("community"), channelPaths("shixiang"), indexPaths)},
		{"an issue dated ahead", func() { m.add("hexi", june(false)) },
			sorted(channelPaths("all"), channelPaths("shixiang"), indexPaths)},
		// Its article keeps its Updated, the issue's date: only the
		// issue's time of writing moves.
		{"a revision of the issue dated ahead", func() {
			issues := slices.DeleteFunc(march(withMay()), func(iss *bulletinfeed.Issue) bool { return iss.Key == "2023-03" })
			m.set(fixturePublication(), append([]*bulletinfeed.Issue{june(true)}, issues...))
		}, sorted(channelPaths("all"), channelPaths("shixiang"), indexPaths)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := etags()
			c.change()
			site := refresh()
			if got := site.Rendered(); !slices.Equal(got, c.want) {
				t.Errorf("rendered %q\nwant      %q", got, c.want)
			}
			after := etags()
			for p, tag := range after {
				if !slices.Contains(c.want, p) && before[p] != tag {
					t.Errorf("%s: ETag changed from %s to %s without being rendered", p, before[p], tag)
				}
			}
		})
	}
	if site := srv.Site(); refresh() != site {
		t.Error("a refresh without a change made a new site")
	}
	if got, want := srv.Site().Gone(), []string{"/articles/b1c2d3e4", "/articles/c7d8e9f0", "/articles/d5e6f7a8", "/issues/2023-03"}; !slices.Equal(got, want) {
		t.Errorf("gone %q, want %q", got, want)
	}
	if body := string(mustBody(t, srv.Site(), "/feeds/shixiang.atom")); !strings.Contains(body, "六月将有更多活动") {
		t.Error("the feed lacks the revision of the issue dated ahead")
	}
	// Every page reads what the store now holds.
	if body := string(mustBody(t, srv.Site(), "/issues/2023-05")); !strings.Contains(body, "五月要闻") {
		t.Errorf("the new issue's page lacks its article")
	}
	if rec := serve(srv, "GET", "/articles/b1c2d3e4"); rec.Code != http.StatusGone {
		t.Errorf("a deleted article: status %d", rec.Code)
	}
}

// TestRefreshOfAnotherPublication: an ingest into the second publication
// renders its channels, its index and lists, and the root's lists, which
// list it, but nothing else of the first.
func TestRefreshOfAnotherPublication(t *testing.T) {
	m, st := newMultiStore()
	srv := feed.NewHandler(st, multiConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	iss := riversideIssues()[0]
	iss.Key, iss.Date = "2023-05", iss.Date.AddDate(0, 1, 0)
	for _, a := range iss.Articles {
		a.ID, a.IssueKey = a.ID+"-5", iss.Key
	}
	m.add("river", iss)
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, slug := range []string{"all", "notices", "general"} {
		for _, p := range channelPaths(slug) {
			want = append(want, "/river"+p)
		}
	}
	for _, p := range indexPaths {
		want = append(want, "/river"+p)
	}
	want = sorted(want, indexPaths[1:])
	if got := srv.Site().Rendered(); !slices.Equal(got, want) {
		t.Errorf("rendered %q\nwant      %q", got, want)
	}
}

// TestGenerationRendersEverything: a change to what every page shows (a
// section's display name) renders every resource of the publication and
// changes the entity tags of its pages rendered on request.
func TestGenerationRendersEverything(t *testing.T) {
	m, st := newFixtureStore()
	srv := feed.NewHandler(st, testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := serve(srv, "GET", "/articles/f7e8d9c0").Header().Get("ETag")
	pub := fixturePublication()
	pub.SectionNames = map[string]string{secComm: "社区动态"}
	m.set(pub, fixtureIssues())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got, want := srv.Site().Rendered(), srv.Site().Paths(); !slices.Equal(got, want) {
		t.Errorf("rendered %q, want everything %q", got, want)
	}
	rec := serve(srv, "GET", "/articles/f7e8d9c0", "If-None-Match", before)
	if rec.Code != 200 || rec.Header().Get("ETag") == before || !strings.Contains(rec.Body.String(), "社区动态") {
		t.Errorf("article after a rename of its section: %d, ETag %s (was %s)", rec.Code, rec.Header().Get("ETag"), before)
	}
}
