package feed_test

import (
	"encoding/xml"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

// TestFeedRedirects checks that the paths apps try for a site's feed
// answer 301 to the all-sections feed, of a publication too.
func TestFeedRedirects(t *testing.T) {
	_, ts, _ := mustServer(t)
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	cases := []struct{ path, want string }{
		{"/feed", "/feeds/all.rss"},
		{"/rss", "/feeds/all.rss"},
		{"/rss.xml", "/feeds/all.rss"},
		{"/feed.xml", "/feeds/all.rss"},
		{"/index.xml", "/feeds/all.rss"},
		{"/atom.xml", "/feeds/all.atom"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			resp, err := client.Get(ts.URL + tc.path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != tc.want {
				t.Errorf("%d to %q, want 301 to %q", resp.StatusCode, resp.Header.Get("Location"), tc.want)
			}
		})
	}
}

func TestRobotsAndFavicon(t *testing.T) {
	_, ts, _ := mustServer(t)
	resp, body := do(t, "GET", ts.URL+"/robots.txt")
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/plain") {
		t.Fatalf("robots.txt: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	for _, want := range []string{"User-agent: *\n", "Allow: /\n", "Sitemap: " + baseURL + "/sitemap.xml\n"} {
		if !strings.Contains(string(body), want) {
			t.Errorf("robots.txt lacks %q:\n%s", want, body)
		}
	}
	resp, body = do(t, "GET", ts.URL+"/favicon.ico")
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "image/x-icon" || len(body) < 22 || string(body[:4]) != "\x00\x00\x01\x00" {
		t.Errorf("favicon.ico: %d %s, %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), len(body))
	}
}

// TestSitemap checks the sitemap index and its sitemaps with sitemaps of
// three URLs: every article and page once, each sitemap within the size,
// valid against the protocol's elements.
func TestSitemap(t *testing.T) {
	defer feed.SetSitemapSize(3)()
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	var idx struct {
		XMLName  xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Sitemaps []struct {
			Loc     string `xml:"loc"`
			LastMod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	body := mustBody(t, site, "/sitemap.xml")
	validate(t, "sitemap.xml", body)
	if err := xml.Unmarshal(body, &idx); err != nil {
		t.Fatal(err)
	}
	articles := fixtureArticles(fixtureIssues())
	seen := map[string]bool{}
	for _, sm := range idx.Sitemaps {
		path := strings.TrimPrefix(sm.Loc, baseURL)
		b := mustBody(t, site, path)
		validate(t, path, b)
		var set struct {
			URLs []struct {
				Loc     string `xml:"loc"`
				LastMod string `xml:"lastmod"`
			} `xml:"url"`
		}
		if err := xml.Unmarshal(b, &set); err != nil {
			t.Fatal(err)
		}
		if len(set.URLs) == 0 || len(set.URLs) > 3 {
			t.Errorf("%s lists %d URLs", path, len(set.URLs))
		}
		for _, u := range set.URLs {
			if seen[u.Loc] {
				t.Errorf("%s listed twice", u.Loc)
			}
			seen[u.Loc] = true
			if u.LastMod == "" {
				t.Errorf("%s has no lastmod", u.Loc)
			}
		}
	}
	for id, a := range articles {
		loc := baseURL + "/articles/" + id
		if !seen[loc] {
			t.Errorf("article %s not in a sitemap", loc)
		}
		_ = a
	}
	for _, p := range []string{"/", "/sections/yaowen"} {
		if !seen[baseURL+p] {
			t.Errorf("%s not in a sitemap", p)
		}
	}
	if want := (len(articles) + len(seen) - len(articles) + 2) / 3; len(idx.Sitemaps) != want {
		t.Errorf("%d sitemaps, want %d", len(idx.Sitemaps), want)
	}
}

// validate checks a sitemap document against the protocol's schema with
// xmllint, when the machine has it.
func validate(t *testing.T, name string, body []byte) {
	t.Helper()
	lint, err := exec.LookPath("xmllint")
	if err != nil {
		return
	}
	f := filepath.Join(t.TempDir(), "doc.xml")
	if err := os.WriteFile(f, body, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(lint, "--noout", "--nonet", "--schema", "testdata/sitemap.xsd", f).CombinedOutput(); err != nil {
		t.Errorf("%s is not a valid sitemap: %v\n%s", name, err, out)
	}
}
