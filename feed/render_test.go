package feed_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/internal/xmltest"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const baseURL = "https://bulletin.example.org"

// testConfig renders the fixture with three items per feed, so that the
// all-sections feed has archive pages.
func testConfig() feed.Config {
	return feed.Config{
		PublicationID: "hexi",
		BaseURL:       baseURL + "/",
		FeedItems:     3,
		TTL:           15 * time.Minute,
		Now:           func() time.Time { return fixtureNow },
		ArticleJSONLD: true,
	}
}

func newFixtureStore() (*memory, *fakeStore) {
	m := &memory{}
	m.set(fixturePublication(), fixtureIssues())
	return m, newFakeStore(m)
}

func mustRender(t *testing.T, st feed.Store, cfg feed.Config) *feed.Site {
	t.Helper()
	site, err := feed.Render(context.Background(), st, cfg)
	if err != nil {
		t.Fatalf("Render: %v", err)
	}
	return site
}

// mustBody returns the body of any page or feed of the site, in memory or
// rendered from the store.
func mustBody(t *testing.T, site *feed.Site, path string) []byte {
	t.Helper()
	b, err := site.Page(context.Background(), path)
	if err != nil {
		t.Fatalf("no page at %s: %v", path, err)
	}
	return b
}

// allPaths returns every path of the site, in memory or not.
func allPaths(t *testing.T, site *feed.Site) []string {
	t.Helper()
	paths, err := site.AllPaths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return paths
}

func TestGolden(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	checkGolden(t, site, []golden{
		{"/", "index.html"},
		{"/sections/community", "section-community.html"},
		{"/sections/yaowen", "section-yaowen.html"},
		{"/sections/yaowen/page/1", "section-yaowen-page-1.html"},
		{"/issues/page/1", "issues-page-1.html"},
		{"/articles/c9d0e1f2", "article-c9d0e1f2.html"},
		{"/issues/2023-04", "issue-2023-04.html"},
		{"/feeds/all.rss", "all.rss"},
		{"/feeds/all.atom", "all.atom"},
		{"/feeds/all.json", "all.json"},
		{"/feeds/xinshidai.rss", "xinshidai.rss"},
		{"/feeds/xinshidai.atom", "xinshidai.atom"},
		{"/feeds/xinshidai.json", "xinshidai.json"},
		{"/feeds/all/archive/1.atom", "all-archive-1.atom"},
		{"/feeds/all/archive/2.rss", "all-archive-2.rss"},
		{"/feeds.opml", "feeds.opml"},
		{"/feeds-sections.opml", "feeds-sections.opml"},
	})
}

// TestGoldenSeveral: the root index and lists of a site of several
// publications, a second publication's index and feed, an empty one's.
func TestGoldenSeveral(t *testing.T) {
	_, st := newMultiStore()
	site := mustRender(t, st, multiConfig())
	checkGolden(t, site, []golden{
		{"/", "several-index.html"},
		{"/feeds.opml", "several-feeds.opml"},
		{"/river/", "river-index.html"},
		{"/river/feeds/all.atom", "river-all.atom"},
		{"/river/feeds-rss.opml", "river-feeds-rss.opml"},
		{"/quiet/", "quiet-index.html"},
		{"/quiet/feeds/all.json", "quiet-all.json"},
	})
}

type golden struct{ path, file string }

// checkGolden compares each path's body with its file in testdata, or
// writes the file with -update.
func checkGolden(t *testing.T, site *feed.Site, golden []golden) {
	t.Helper()
	for _, g := range golden {
		t.Run(g.file, func(t *testing.T) {
			got := mustBody(t, site, g.path)
			file := filepath.Join("testdata", g.file)
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./feed -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run go test ./feed -update and review the diff\ngot:\n%s", g.path, file, got)
			}
		})
	}
}

func TestRenderIsStable(t *testing.T) {
	_, st := newFixtureStore()
	a := mustRender(t, st, testConfig())
	cfg := testConfig()
	// A later render of the same content must give the same bytes, so the
	// same ETags: nothing may depend on the time of the render.
	cfg.Now = func() time.Time { return fixtureNow.Add(72 * time.Hour) }
	b := mustRender(t, st, cfg)
	for _, p := range allPaths(t, a) {
		if !bytes.Equal(mustBody(t, a, p), mustBody(t, b, p)) {
			t.Errorf("%s changed between two renders of the same content", p)
		}
	}
}

func TestPaths(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	want := []string{
		"/", "/feeds.opml",
		"/sections/yaowen", "/sections/xinshidai", "/sections/shixiang", "/sections/community",
		"/articles/a1b2c3d4", "/articles/f7e8d9c0", "/articles/c7d8e9f0",
		"/issues/2023-04", "/issues/2023-03",
		"/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json",
		"/feeds/yaowen.rss", "/feeds/community.atom", "/feeds/shixiang.json",
		// 8 articles in pages of 3: two complete archive pages.
		"/feeds/all/archive/1.atom", "/feeds/all/archive/2.rss",
		"/feeds/yaowen/archive/1.atom",
	}
	have := map[string]bool{}
	for _, p := range allPaths(t, site) {
		have[p] = true
	}
	for _, p := range want {
		if !have[p] {
			t.Errorf("missing %s", p)
		}
	}
	for _, p := range []string{"/feeds/all/archive/3.atom", "/feeds/all/archive/1.json", "/feeds/shixiang/archive/1.atom", "/sections/all"} {
		if have[p] {
			t.Errorf("unexpected %s", p)
		}
	}
}

// TestStrictXML decodes every XML document with a strict decoder, reading
// every token: gofeed forgives what a stricter reader rejects.
func TestStrictXML(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	n := 0
	for _, p := range allPaths(t, site) {
		if !strings.HasSuffix(p, ".rss") && !strings.HasSuffix(p, ".atom") && !strings.HasSuffix(p, ".opml") {
			continue
		}
		n++
		if err := xmltest.WellFormed(mustBody(t, site, p)); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
	if n < 10 {
		t.Errorf("decoded %d XML documents, want every feed", n)
	}
}

// TestControlCharacters checks that the \x0b and \x01 of the fixture are
// gone from every format, including the pages.
func TestControlCharacters(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	for _, p := range allPaths(t, site) {
		body := mustBody(t, site, p)
		for _, c := range []byte{0x01, 0x0b} {
			if bytes.IndexByte(body, c) >= 0 {
				t.Errorf("%s contains control character %#x", p, c)
			}
		}
	}
	// The text around them survives.
	if !bytes.Contains(mustBody(t, site, "/feeds/all.json"), []byte("要求,锚定建设")) {
		t.Error("text around the removed character is missing")
	}
}

func TestWriteDir(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	dir := t.TempDir()
	res, err := site.WriteDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(allPaths(t, site)) + 1; res.Files != want || res.Written != want {
		t.Errorf("wrote %d of %d files, want %d", res.Written, res.Files, want)
	}
	cases := []struct{ path, file string }{
		{"/", "index.html"},
		{"/articles/c9d0e1f2", "articles/c9d0e1f2/index.html"},
		{"/issues/2023-04", "issues/2023-04/index.html"},
		{"/feeds/all.atom", "feeds/all.atom"},
		{"/feeds/all/archive/1.rss", "feeds/all/archive/1.rss"},
		{"/feeds.opml", "feeds.opml"},
	}
	for _, c := range cases {
		got, err := os.ReadFile(filepath.Join(dir, c.file))
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if !bytes.Equal(got, mustBody(t, site, c.path)) {
			t.Errorf("%s: file %s differs from the served body", c.path, c.file)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "404.html")); err != nil {
		t.Error(err)
	}
}

// bigFixture returns n months of the fixture's April issue, newest first,
// with unique keys, ids and dates: a few years of a monthly bulletin.
func bigFixture(n int) []*bulletinfeed.Issue {
	var out []*bulletinfeed.Issue
	for i := 0; i < n; i++ {
		iss := fixtureIssues()[0]
		local := time.Date(2023, time.Month(4-i), 1, 0, 0, 0, 0, shanghai)
		d := local.UTC()
		iss.Key = local.Format("2006-01")
		iss.Date, iss.UpdatedAt = d, d
		for _, a := range iss.Articles {
			a.ID = a.ID + "-" + iss.Key
			a.IssueKey = iss.Key
			a.Published, a.Updated = d, d
		}
		out = append(out, iss)
	}
	return out
}

// BenchmarkRender renders four years of a monthly bulletin: what a server
// does after each ingest.
func BenchmarkRender(b *testing.B) {
	m := &memory{}
	m.set(fixturePublication(), bigFixture(48))
	st := newFakeStore(m)
	cfg := testConfig()
	cfg.FeedItems = 50
	b.ReportAllocs()
	for b.Loop() {
		if _, err := feed.Render(context.Background(), st, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// TestAutodiscovery: the index links every feed for readers that discover
// feeds from a page, with the media type written as readers match it.
func TestAutodiscovery(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	index := string(mustBody(t, site, "/"))
	for _, want := range []string{
		`<link rel="alternate" type="application/atom+xml" title="河西报道 (Atom)" href="https://bulletin.example.org/feeds/all.atom">`,
		`<link rel="alternate" type="application/rss+xml" title="河西报道 (RSS)" href="https://bulletin.example.org/feeds/all.rss">`,
		`<link rel="alternate" type="application/feed+json" title="河西报道 (JSON Feed)" href="https://bulletin.example.org/feeds/all.json">`,
		`type="application/atom+xml" title="河西报道 · 要闻 (Atom)"`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("index lacks %s", want)
		}
	}
}

// TestRenderReadsAgainWhenAnIngestLands: an ingest that commits while a
// render is reading would leave a site mixing two versions; the render
// reads again and shows the new version whole.
func TestRenderReadsAgainWhenAnIngestLands(t *testing.T) {
	m, st := newFixtureStore()
	latest := st.LatestArticlesFunc
	landed := false
	st.LatestArticlesFunc = func(ctx context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error) {
		as, err := latest(ctx, pubID, slug, limit)
		if !landed {
			landed = true
			m.set(fixturePublication(), revisedIssues()) // the ingest commits now
		}
		return as, err
	}
	site := mustRender(t, st, testConfig())
	if site.Version != m.version {
		t.Errorf("site version %d, want the version after the ingest, %d", site.Version, m.version)
	}
	for _, p := range []string{"/feeds/all.atom", "/issues/2023-04", "/"} {
		if body := mustBody(t, site, p); !bytes.Contains(body, []byte("河西区委常委会扩大会议召开")) {
			t.Errorf("%s does not show the revised title", p)
		}
	}
}

// TestWriteDirRemovesWhatTheSiteNoLongerHas: a second build over the same
// folder removes the page of an article a revision removed, and leaves
// alone every file it did not write itself.
func TestWriteDirRemovesWhatTheSiteNoLongerHas(t *testing.T) {
	m, st := newFixtureStore()
	dir := t.TempDir()
	if _, err := mustRender(t, st, testConfig()).WriteDir(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	own := filepath.Join(dir, "articles", "robots-note.txt")
	if err := os.WriteFile(own, []byte("not ours"), 0o644); err != nil {
		t.Fatal(err)
	}
	issues := fixtureIssues()
	last := len(issues[0].Articles) - 1
	gone := issues[0].Articles[last].ID
	issues[0].Articles = issues[0].Articles[:last]
	m.set(fixturePublication(), issues)
	if _, err := mustRender(t, st, testConfig()).WriteDir(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles", gone)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the removed article's folder is still there (%v)", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "articles", issues[0].Articles[0].ID, "index.html")); err != nil {
		t.Errorf("a kept article's page is missing: %v", err)
	}
	if b, err := os.ReadFile(own); err != nil || string(b) != "not ours" {
		t.Errorf("a file the build did not write was touched: %q, %v", b, err)
	}
}

// TestSectionDisplayNames: a name configured for a banner replaces it
// wherever the section is shown; its slug and URLs stay.
func TestSectionDisplayNames(t *testing.T) {
	m := &memory{}
	pub := fixturePublication()
	pub.SectionNames = map[string]string{secComm: "社区动态", "unused banner": "x"}
	pub.Description = "天津市河西区的工作简报。"
	m.set(pub, fixtureIssues())
	site := mustRender(t, newFakeStore(m), testConfig())
	for path, want := range map[string][]string{
		"/sections/community":   {"<h1>社区动态</h1>", "<title>河西报道 · 社区动态</title>"},
		"/":                     {`<a href="/sections/community">社区动态</a>`, `<meta name="description" content="天津市河西区的工作简报。">`, `<p class="subtitle">天津市河西区的工作简报。</p>`},
		"/articles/f7e8d9c0":    {`<a href="/sections/community">社区动态</a>`},
		"/feeds/community.atom": {"<title>河西报道 · 社区动态</title>", `<category term="社区动态"></category>`, "<subtitle>天津市河西区的工作简报。</subtitle>"},
		"/feeds/all.rss":        {"<category>社区动态</category>", "<description>天津市河西区的工作简报。</description>"},
		"/feeds/all.json":       {`"社区动态"`, `"description": "天津市河西区的工作简报。"`},
		"/feeds-sections.opml":  {`text="河西报道 · 社区动态"`},
	} {
		body := string(mustBody(t, site, path))
		for _, w := range want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %s", path, w)
			}
		}
		if strings.Contains(body, ">Community<") || strings.Contains(body, `"Community"`) {
			t.Errorf("%s still shows the banner", path)
		}
	}
}
