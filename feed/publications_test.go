package feed_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/internal/servetest"
)

// TestSeveralPublicationsKeepTheRootPaths: adding publications moves none
// of the first one's URLs, and puts each other one under /{id}/.
func TestSeveralPublicationsKeepTheRootPaths(t *testing.T) {
	_, single := newFixtureStore()
	_, multi := newMultiStore()
	one := mustRender(t, single, testConfig())
	many := mustRender(t, multi, multiConfig())
	have := map[string]bool{}
	for _, p := range allPaths(t, many) {
		have[p] = true
	}
	for _, p := range allPaths(t, one) {
		if !have[p] {
			t.Errorf("%s of the single site is gone from the site of several", p)
		}
	}
	for _, p := range []string{
		"/river/", "/river/sections/notices", "/river/sections/general",
		"/river/articles/r1a2b3c4", "/river/issues/2023-04",
		"/river/feeds/all.rss", "/river/feeds/all.atom", "/river/feeds/all.json", "/river/feeds/notices.atom",
		"/river/feeds.opml", "/river/feeds-rss.opml", "/river/feeds-json.opml",
		"/quiet/", "/quiet/feeds/all.atom", "/quiet/feeds/all.rss", "/quiet/feeds/all.json", "/quiet/feeds.opml",
		"/feeds-rss.opml", "/feeds-json.opml",
	} {
		if !have[p] {
			t.Errorf("missing %s", p)
		}
	}
	for p := range have {
		root := !strings.HasPrefix(p, "/river/") && !strings.HasPrefix(p, "/quiet/")
		if root && !slices.Contains(allPaths(t, one), p) {
			t.Errorf("%s: a new path at the root", p)
		}
	}
	// The single site's feeds are byte for byte the same: nothing of the
	// other publications leaks into them.
	for _, p := range []string{"/feeds/all.atom", "/feeds/community.rss", "/feeds/xinshidai.json", "/feeds/all/archive/1.atom"} {
		if !bytes.Equal(mustBody(t, one, p), mustBody(t, many, p)) {
			t.Errorf("%s differs once other publications are added", p)
		}
	}
}

// TestSecondPublicationFeeds reads the second publication's feeds as a
// reader would: ids, self links and permalinks under /river/, its
// description and its sections' display names.
func TestSecondPublicationFeeds(t *testing.T) {
	_, st := newMultiStore()
	site := mustRender(t, st, multiConfig())
	for _, p := range []string{"/river/feeds/all.rss", "/river/feeds/all.atom", "/river/feeds/all.json", "/river/feeds/notices.atom"} {
		t.Run(p, func(t *testing.T) {
			f := parseFeed(t, site, p)
			if want := baseURL + p; f.FeedLink != want {
				t.Errorf("feed link %q, want %q", f.FeedLink, want)
			}
			if f.Language != "en" {
				t.Errorf("language %q", f.Language)
			}
			if f.Description != "The monthly bulletin of St Mary's, Riverside." {
				t.Errorf("description %q, want the publication's", f.Description)
			}
			if len(f.Items) == 0 {
				t.Fatal("no items")
			}
			for _, it := range f.Items {
				if !strings.HasPrefix(it.GUID, baseURL+"/river/articles/") || it.Link != it.GUID {
					t.Errorf("item id %q link %q, want a permalink under /river/articles/", it.GUID, it.Link)
				}
				if it.Title == "Easter flowers" && !slices.Equal(it.Categories, []string{"Notices"}) {
					t.Errorf("categories %q, want the display name Notices", it.Categories)
				}
			}
		})
	}
	atom := string(mustBody(t, site, "/river/feeds/notices.atom"))
	for _, want := range []string{
		"<id>" + baseURL + "/river/feeds/notices.atom</id>",
		"<title>Riverside News · Notices</title>",
		`<link href="` + baseURL + `/river/sections/notices" rel="alternate" type="text/html">`,
	} {
		if !strings.Contains(atom, want) {
			t.Errorf("notices.atom lacks %s", want)
		}
	}
	if page := string(mustBody(t, site, "/river/sections/notices")); !strings.Contains(page, "<h1>Notices</h1>") {
		t.Errorf("the section page does not show the display name:\n%s", page)
	}
}

// TestPublicationList: the root index lists every publication with its
// description and its Atom feed, every page has the nav, and each
// publication's pages link within it and back to the root.
func TestPublicationList(t *testing.T) {
	_, st := newMultiStore()
	site := mustRender(t, st, multiConfig())
	index := string(mustBody(t, site, "/"))
	for _, want := range []string{
		`<section class="publications">`,
		`<li><a href="/">河西报道</a>`,
		`<li><a href="/river/">Riverside News</a>`,
		`<div class="summary">The monthly bulletin of St Mary&#39;s, Riverside.</div>`,
		`<a href="/river/feeds/all.atom" aria-label="Atom 订阅源 · Riverside News">Atom</a>`,
		`<a href="/quiet/feeds/all.atom" aria-label="Atom 订阅源 · Quiet Times">Atom</a>`,
		`<nav class="meta publications" aria-label="刊物"><a href="/" aria-current="true">河西报道</a> · <a href="/river/">Riverside News</a> · <a href="/quiet/">Quiet Times</a></nav>`,
	} {
		if !strings.Contains(index, want) {
			t.Errorf("root index lacks %s", want)
		}
	}
	river := string(mustBody(t, site, "/river/"))
	for _, want := range []string{
		`<html lang="en">`,
		`<link rel="canonical" href="` + baseURL + `/river/">`,
		`<meta name="description" content="The monthly bulletin of St Mary&#39;s, Riverside.">`,
		`<p class="subtitle">The monthly bulletin of St Mary&#39;s, Riverside.</p>`,
		`<h1 class="site"><a class="site" href="/river/">Riverside News</a></h1>`,
		`<a href="/">河西报道</a> · <a href="/river/" aria-current="true">Riverside News</a>`,
		`href="/river/sections/notices"`, `href="/river/issues/2023-04"`, `href="/river/feeds.opml"`,
	} {
		if !strings.Contains(river, want) {
			t.Errorf("/river/ lacks %s", want)
		}
	}
	if strings.Contains(river, `<section class="publications">`) {
		t.Error("/river/ repeats the root's list of publications")
	}
	article := string(mustBody(t, site, "/river/articles/r1a2b3c4"))
	if !strings.Contains(article, `<nav class="meta publications" aria-label="Publications"><a href="/">河西报道</a>`) || !strings.Contains(article, `<a href="/river/sections/notices">Notices</a>`) {
		t.Errorf("the article page does not link back and within:\n%s", article)
	}
}

// TestPublicationWithNoIssues: a publication with nothing ingested yet
// has an index saying so and empty feeds that readers still accept.
func TestPublicationWithNoIssues(t *testing.T) {
	_, st := newMultiStore()
	site := mustRender(t, st, multiConfig())
	if !bytes.Contains(mustBody(t, site, "/quiet/"), []byte("Nothing published yet.")) {
		t.Error("/quiet/ does not say it is empty")
	}
	for _, p := range []string{"/quiet/feeds/all.rss", "/quiet/feeds/all.atom", "/quiet/feeds/all.json"} {
		if f := parseFeed(t, site, p); f.Title != "Quiet Times" || len(f.Items) != 0 {
			t.Errorf("%s: title %q, %d items", p, f.Title, len(f.Items))
		}
	}
	var jf map[string]json.RawMessage
	if err := json.Unmarshal(mustBody(t, site, "/quiet/feeds/all.json"), &jf); err != nil {
		t.Fatal(err)
	}
	if string(jf["items"]) != "[]" {
		t.Errorf("JSON Feed items = %s, want [] (the spec requires the array)", jf["items"])
	}
}

// opmlFile is what a reader reads of an OPML file.
type opmlFile struct {
	Version string `xml:"version,attr"`
	Body    []struct {
		Text     string `xml:"text,attr"`
		Outlines []struct {
			Text    string `xml:"text,attr"`
			Type    string `xml:"type,attr"`
			XMLURL  string `xml:"xmlUrl,attr"`
			HTMLURL string `xml:"htmlUrl,attr"`
		} `xml:"outline"`
	} `xml:"body>outline"`
}

func parseOPML(t *testing.T, body []byte) opmlFile {
	t.Helper()
	var f opmlFile
	if err := xml.Unmarshal(body, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

// TestOPML: each list gives every feed once, in one format, in a folder
// per publication; the root's lists every publication, /{id}/'s its own.
// A reader imports every outline of a list, so the feeds of one list give
// each article once: the all-sections feeds in feeds.opml, the section
// feeds in feeds-sections.opml, never both.
func TestOPML(t *testing.T) {
	_, st := newMultiStore()
	cfg := multiConfig()
	// Feeds long enough to carry every article, so that a list holding
	// both a section's feed and the all-sections feed shows each twice.
	cfg.FeedItems = 50
	site := mustRender(t, st, cfg)
	every := []string{"河西报道", "Riverside News", "Quiet Times"}
	withSections := []string{"河西报道", "Riverside News"}
	cases := []struct {
		path, ext string
		folders   []string
		feeds     int
	}{
		{"/feeds.opml", "atom", every, 3},
		{"/feeds-rss.opml", "rss", every, 3},
		{"/feeds-json.opml", "json", every, 3},
		{"/feeds-sections.opml", "atom", withSections, 4 + 2},
		{"/feeds-sections-rss.opml", "rss", withSections, 4 + 2},
		{"/feeds-sections-json.opml", "json", withSections, 4 + 2},
		{"/river/feeds.opml", "atom", []string{"Riverside News"}, 1},
		{"/river/feeds-json.opml", "json", []string{"Riverside News"}, 1},
		{"/river/feeds-sections.opml", "atom", []string{"Riverside News"}, 2},
		{"/quiet/feeds-rss.opml", "rss", []string{"Quiet Times"}, 1},
		{"/quiet/feeds-sections.opml", "atom", nil, 0},
	}
	for _, c := range cases {
		t.Run(c.path, func(t *testing.T) {
			f := parseOPML(t, mustBody(t, site, c.path))
			if f.Version != "2.0" {
				t.Errorf("version %q", f.Version)
			}
			var folders []string
			seen := map[string]bool{}
			articles := map[string]string{} // item id → the feed it came from
			for _, folder := range f.Body {
				folders = append(folders, folder.Text)
				for _, o := range folder.Outlines {
					if o.Type != "rss" || o.Text == "" || o.HTMLURL == "" || !strings.HasPrefix(o.XMLURL, baseURL+"/") {
						t.Errorf("outline %+v lacks type=rss, text, htmlUrl or an absolute xmlUrl", o)
					}
					if !strings.HasSuffix(o.XMLURL, "."+c.ext) {
						t.Errorf("%s in the %s list", o.XMLURL, c.ext)
					}
					if seen[o.XMLURL] {
						t.Errorf("%s listed twice", o.XMLURL)
					}
					seen[o.XMLURL] = true
					path := strings.TrimPrefix(o.XMLURL, baseURL)
					if _, ok := site.Body(path); !ok {
						t.Errorf("%s is not a feed of the site", o.XMLURL)
						continue
					}
					for _, it := range parseFeed(t, site, path).Items {
						if other, dup := articles[it.GUID]; dup {
							t.Errorf("%s is in %s and in %s: a reader importing the list shows it twice", it.GUID, other, path)
						}
						articles[it.GUID] = path
					}
				}
			}
			if !slices.Equal(folders, c.folders) {
				t.Errorf("folders %q, want %q", folders, c.folders)
			}
			if len(seen) != c.feeds {
				t.Errorf("%d feeds, want %d", len(seen), c.feeds)
			}
		})
	}
}

// TestOPMLFormatQuery: ?format= picks the list of a format; an unknown one
// is refused with a message saying which are known.
func TestOPMLFormatQuery(t *testing.T) {
	_, st := newMultiStore()
	srv := feed.NewHandler(st, multiConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		query, want string
	}{
		{"/feeds.opml?format=rss", "/feeds-rss.opml"},
		{"/feeds.opml?format=json", "/feeds-json.opml"},
		{"/feeds.opml?format=atom", "/feeds.opml"},
		{"/feeds.opml?utm_source=x", "/feeds.opml"},
		{"/river/feeds.opml?format=rss", "/river/feeds-rss.opml"},
		{"/feeds.opml?sections=1", "/feeds-sections.opml"},
		{"/feeds.opml?sections=0", "/feeds.opml"},
		{"/feeds.opml?sections=1&format=rss", "/feeds-sections-rss.opml"},
		{"/feeds.opml?format=json&sections=1", "/feeds-sections-json.opml"},
		{"/river/feeds.opml?sections=1", "/river/feeds-sections.opml"},
	}
	for _, c := range cases {
		rec := serve(srv, "GET", c.query)
		want, _ := srv.Site().Body(c.want)
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), want) {
			t.Errorf("%s: status %d, want the body of %s", c.query, rec.Code, c.want)
		}
	}
	rec := serve(srv, "GET", "/feeds.opml?format=xml")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "unknown OPML format &#34;xml&#34;: use format=atom, rss or json") {
		t.Errorf("unknown format: %d %s", rec.Code, rec.Body)
	}
	rec = serve(srv, "GET", "/feeds.opml?sections=yes")
	if rec.Code != http.StatusBadRequest || !strings.Contains(rec.Body.String(), "sections=1") {
		t.Errorf("unknown sections value: %d %s", rec.Code, rec.Body)
	}
}

// TestPublicationIDs: ids that would collide with the root's routes or
// each other are refused before anything is read.
func TestPublicationIDs(t *testing.T) {
	_, st := newMultiStore()
	cases := []struct {
		name    string
		ids     []string
		baseURL string
	}{
		{"a route", []string{"hexi", "feeds"}, ""},
		{"sections", []string{"hexi", "sections"}, ""},
		{"articles", []string{"hexi", "articles"}, ""},
		{"issues", []string{"hexi", "issues"}, ""},
		{"healthz", []string{"hexi", "healthz"}, ""},
		{"metrics", []string{"hexi", "metrics"}, ""},
		{"static", []string{"hexi", "static"}, ""},
		{"the OPML file", []string{"hexi", "feeds.opml"}, ""},
		{"upper case", []string{"hexi", "River"}, ""},
		{"a slash", []string{"hexi", "river/x"}, ""},
		{"empty", []string{"hexi", ""}, ""},
		{"twice", []string{"hexi", "river", "river"}, ""},
		{"the first again", []string{"hexi", "hexi"}, ""},
		{"the base path's folder", []string{"hexi", "river"}, "https://example.org/river/"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := multiConfig()
			cfg.Publications = c.ids
			if c.baseURL != "" {
				cfg.BaseURL = c.baseURL
			}
			_, err := feed.Render(context.Background(), st, cfg)
			if bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
				t.Errorf("Render = %v, want an invalid error", err)
			}
		})
	}
	if err := feed.CheckPublications([]string{"hexi", "river", "quiet", "a-b_2"}); err != nil {
		t.Errorf("CheckPublications of good ids = %v", err)
	}
}

// TestServeSeveralPublications: the server answers each publication's
// paths, sends /river on to /river/, answers a missing page with the first
// publication's 404 page and counts under /{pub} labels.
func TestServeSeveralPublications(t *testing.T) {
	_, st := newMultiStore()
	srv := feed.NewHandler(st, multiConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"/river/", "/river/feeds/all.atom", "/quiet/feeds/all.json", "/river/articles/r1a2b3c4"} {
		if rec := serve(srv, "GET", p); rec.Code != 200 {
			t.Errorf("%s: status %d", p, rec.Code)
		}
	}
	if rec := serve(srv, "GET", "/river"); rec.Code != 301 || rec.Header().Get("Location") != "/river/" {
		t.Errorf("/river: %d to %q, want 301 to /river/", rec.Code, rec.Header().Get("Location"))
	}
	if rec := serve(srv, "GET", "/river/sections/notices/"); rec.Code != 301 || rec.Header().Get("Location") != "/river/sections/notices" {
		t.Errorf("/river/sections/notices/: %d to %q", rec.Code, rec.Header().Get("Location"))
	}
	rec := serve(srv, "GET", "/river/nope")
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), `<html lang="zh-CN">`) {
		t.Errorf("/river/nope: %d, want the first publication's 404 page:\n%s", rec.Code, rec.Body)
	}
	metrics := metricsText(t, srv)
	if !strings.Contains(metrics, `bulletinfeed_http_requests_total{route="/{pub}/feeds/{slug}.atom",status="200"} 1`) {
		t.Error("metrics do not count /river/feeds/all.atom under /{pub}/feeds/{slug}.atom")
	}
}

// TestWriteDirSeveralPublications: a static build puts each publication in
// a folder of its id, with pages as index.html.
func TestWriteDirSeveralPublications(t *testing.T) {
	_, st := newMultiStore()
	site := mustRender(t, st, multiConfig())
	dir := t.TempDir()
	if _, err := site.WriteDir(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	for path, file := range map[string]string{
		"/river/":                  "river/index.html",
		"/river/sections/notices":  "river/sections/notices/index.html",
		"/river/articles/r1a2b3c4": "river/articles/r1a2b3c4/index.html",
		"/river/issues/2023-04":    "river/issues/2023-04/index.html",
		"/river/feeds/all.atom":    "river/feeds/all.atom",
		"/river/feeds-rss.opml":    "river/feeds-rss.opml",
		"/quiet/":                  "quiet/index.html",
		"/feeds.opml":              "feeds.opml",
		"/feeds-rss.opml":          "feeds-rss.opml",
		"/feeds-json.opml":         "feeds-json.opml",
	} {
		got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(file)))
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if !bytes.Equal(got, mustBody(t, site, path)) {
			t.Errorf("%s: %s differs from the served body", path, file)
		}
	}
}

// serve answers one request from this machine with the handler
// (servetest.Serve).
func serve(srv *feed.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	return servetest.Serve(srv, method, target, hdr...)
}
