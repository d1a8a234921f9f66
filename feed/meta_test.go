package feed_test

import (
	"context"
	"encoding/json"
	"html"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

var (
	metaRE   = regexp.MustCompile(`<meta (name|property)="([^"]+)" content="([^"]*)">`)
	jsonLDRE = regexp.MustCompile(`(?s)<script type="application/ld\+json">(.*?)</script>`)
)

// metaOf returns the page's meta names and properties with their
// (unescaped) content.
func metaOf(body string) map[string]string {
	out := map[string]string{}
	for _, m := range metaRE.FindAllStringSubmatch(body, -1) {
		out[m[2]] = html.UnescapeString(m[3])
	}
	return out
}

// TestPageMeta checks the description and the Open Graph properties of
// an article's page, a section's page and the index.
func TestPageMeta(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	cases := []struct {
		path string
		want map[string]string
		not  []string
	}{
		{"/articles/c9d0e1f2", map[string]string{
			"description":            "天津梅江环宇城是河西区促消费活力行动中的重点项目,其建设备受关注,开业在即,近日,本刊走进现场,一探究竟。项目总建筑面积约25万平方米,集购物、餐饮、娱乐于一体。",
			"og:type":                "article",
			"og:title":               "天津梅江环宇城开业在即",
			"og:url":                 baseURL + "/articles/c9d0e1f2",
			"og:site_name":           "河西报道",
			"article:published_time": "2023-04-01T00:59:57+08:00",
			"article:section":        "新时代新征程新伟业 以新担当新作为推动高质量发展",
		}, nil},
		{"/sections/yaowen", map[string]string{
			"og:type":      "website",
			"og:title":     "河西报道 · 要闻",
			"og:url":       baseURL + "/sections/yaowen",
			"og:site_name": "河西报道",
		}, []string{"article:published_time", "article:section"}},
		{"/", map[string]string{
			"og:type":      "website",
			"og:title":     "河西报道",
			"og:url":       baseURL + "/",
			"og:site_name": "河西报道",
		}, []string{"article:published_time"}},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			body := string(mustBody(t, site, tc.path))
			got := metaOf(body)
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
			for _, k := range []string{"description", "og:description"} {
				if got[k] == "" {
					t.Errorf("no %s", k)
				}
			}
			if got["description"] != got["og:description"] {
				t.Errorf("og:description %q is not the description %q", got["og:description"], got["description"])
			}
			for _, k := range tc.not {
				if _, ok := got[k]; ok {
					t.Errorf("a %s on a page other than an article's", k)
				}
			}
			if tc.want["og:type"] != "article" && jsonLDRE.MatchString(body) {
				t.Error("JSON-LD on a page other than an article's")
			}
		})
	}
	if d := metaOf(string(mustBody(t, site, "/sections/yaowen")))["description"]; !strings.Contains(d, "要闻") {
		t.Errorf("the section's description %q does not name it", d)
	}
}

type ldThing struct {
	Type string `json:"@type"`
	ID   string `json:"@id"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

type newsArticle struct {
	Context          string    `json:"@context"`
	Type             string    `json:"@type"`
	Headline         string    `json:"headline"`
	DatePublished    string    `json:"datePublished"`
	DateModified     string    `json:"dateModified"`
	Author           []ldThing `json:"author"`
	ArticleSection   string    `json:"articleSection"`
	Publisher        ldThing   `json:"publisher"`
	MainEntityOfPage ldThing   `json:"mainEntityOfPage"`
}

func mustJSONLD(t *testing.T, body string) newsArticle {
	t.Helper()
	m := jsonLDRE.FindAllStringSubmatch(body, -1)
	if len(m) != 1 {
		t.Fatalf("%d JSON-LD scripts, want 1", len(m))
	}
	var a newsArticle
	if err := json.Unmarshal([]byte(m[0][1]), &a); err != nil {
		t.Fatalf("JSON-LD does not parse: %v\n%s", err, m[0][1])
	}
	return a
}

// TestJSONLD: an article's page carries a NewsArticle whose authors are
// its writers (the photographer is not one) and whose publisher is the
// publication.
func TestJSONLD(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	a := mustJSONLD(t, string(mustBody(t, site, "/articles/c9d0e1f2")))
	url := baseURL + "/articles/c9d0e1f2"
	checks := []struct{ name, got, want string }{
		{"@context", a.Context, "https://schema.org"},
		{"@type", a.Type, "NewsArticle"},
		{"headline", a.Headline, "天津梅江环宇城开业在即"},
		{"datePublished", a.DatePublished, "2023-04-01T00:59:57+08:00"},
		{"dateModified", a.DateModified, "2023-04-01T00:59:57+08:00"},
		{"articleSection", a.ArticleSection, "新时代新征程新伟业 以新担当新作为推动高质量发展"},
		{"publisher.@type", a.Publisher.Type, "Organization"},
		{"publisher.name", a.Publisher.Name, "河西报道"},
		{"publisher.url", a.Publisher.URL, baseURL + "/"},
		{"mainEntityOfPage.@id", a.MainEntityOfPage.ID, url},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(a.Author) != 1 || a.Author[0].Name != "张媛芮" || a.Author[0].Type != "Person" {
		t.Errorf("author = %+v, want the writer 张媛芮 alone (冯荔 took the photographs)", a.Author)
	}

	cfg := testConfig()
	cfg.ArticleJSONLD = false
	off := mustRender(t, st, cfg)
	if body := string(mustBody(t, off, "/articles/c9d0e1f2")); strings.Contains(body, "<script") || metaOf(body)["og:type"] != "article" {
		t.Error("without ArticleJSONLD: a script element, or no Open Graph")
	}
}

// TestJSONLDHostileHeading: a heading that closes the script element in
// its text stays inside the JSON.
func TestJSONLDHostileHeading(t *testing.T) {
	const hostile = `</script><script>alert(1)</script> & <!-- "x"`
	m := &memory{}
	issues := fixtureIssues()
	for _, iss := range issues {
		for _, a := range iss.Articles {
			if a.ID == "c9d0e1f2" {
				a.Title, a.Headings = hostile, []string{hostile}
			}
		}
	}
	m.set(fixturePublication(), issues)
	site := mustRender(t, newFakeStore(m), testConfig())
	body := string(mustBody(t, site, "/articles/c9d0e1f2"))
	if strings.Contains(body, "<script>") || strings.Count(body, "</script>") != 1 {
		t.Errorf("the heading broke out of the JSON-LD:\n%s", body)
	}
	if got := mustJSONLD(t, body).Headline; got != hostile {
		t.Errorf("headline = %q, want %q", got, hostile)
	}
}

// TestOneH1: every kind of page has one h1.
func TestOneH1(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	for _, path := range []string{"/", "/sections/yaowen", "/sections/yaowen/page/1", "/articles/c9d0e1f2", "/issues/2023-04", "/issues/page/1"} {
		if n := strings.Count(string(mustBody(t, site, path)), "<h1"); n != 1 {
			t.Errorf("%s has %d h1, want 1", path, n)
		}
	}
	srv := feed.NewHandler(st, testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := serve(srv, "GET", "/articles/nope")
	if n := strings.Count(rec.Body.String(), "<h1"); rec.Code != 404 || n != 1 {
		t.Errorf("404 page: status %d, %d h1", rec.Code, n)
	}
}

// TestNeighbours: an article's page links the articles before and after
// it in its issue, and its entity tag changes when a neighbour's title
// does (which moves the issue's UpdatedAt).
func TestNeighbours(t *testing.T) {
	m, st := newFixtureStore()
	srv := feed.NewHandler(st, testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	nav := regexp.MustCompile(`(?s)<nav class="pager neighbours"[^>]*>(.*?)</nav>`)
	cases := []struct{ id, prev, next string }{
		{"a1b2c3d4", "", "e5f6a7b8"},
		{"c9d0e1f2", "e5f6a7b8", "a3b4c5d6"},
	}
	for _, tc := range cases {
		body := serve(srv, "GET", "/articles/"+tc.id).Body.String()
		got := nav.FindStringSubmatch(body)
		if got == nil {
			t.Errorf("%s: no links to its neighbours", tc.id)
			continue
		}
		hasPrev := strings.Contains(got[1], `rel="prev"`)
		if (tc.prev != "") != hasPrev || (tc.prev != "" && !strings.Contains(got[1], `<a href="/articles/`+tc.prev+`" rel="prev">`)) {
			t.Errorf("%s: previous link wrong, want %q:\n%s", tc.id, tc.prev, got[1])
		}
		if !strings.Contains(got[1], `<a href="/articles/`+tc.next+`" rel="next">`) {
			t.Errorf("%s: next link wrong, want %q:\n%s", tc.id, tc.next, got[1])
		}
	}

	before := serve(srv, "GET", "/articles/c9d0e1f2")
	issues := fixtureIssues()
	for _, iss := range issues {
		for _, a := range iss.Articles {
			if a.ID == "e5f6a7b8" {
				a.Title, a.Headings = "新的标题", []string{"新的标题"}
				iss.UpdatedAt = iss.UpdatedAt.Add(time.Hour)
			}
		}
	}
	m.set(fixturePublication(), issues)
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	after := serve(srv, "GET", "/articles/c9d0e1f2", "If-None-Match", before.Header().Get("ETag"))
	if after.Code != 200 || !strings.Contains(after.Body.String(), "新的标题") {
		t.Errorf("after the neighbour's new title: status %d, ETag %s (was %s)", after.Code, after.Header().Get("ETag"), before.Header().Get("ETag"))
	}
}
