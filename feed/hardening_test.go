package feed_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/mmcdole/gofeed"
)

// TestYearZeroDoesNotStopRendering: an issue dated 0000-01-01T00:00+14:00,
// as a store could hold before dates were checked at ingest, once made
// every render fail in the JSON Feed ("year outside of range"), so the
// whole site answered 503. It renders now, shown at the earliest date.
func TestYearZeroDoesNotStopRendering(t *testing.T) {
	m := &memory{}
	issues := fixtureIssues()
	zero := time.Date(0, 1, 1, 0, 0, 0, 0, time.FixedZone("", 14*3600))
	issues[1].Date = zero
	for _, a := range issues[1].Articles {
		a.Published, a.Updated = zero, zero
	}
	m.set(fixturePublication(), issues)
	site := mustRender(t, newFakeStore(m), testConfig())
	if len(site.Failed()) != 0 {
		t.Fatalf("failed paths: %v", site.Failed())
	}
	var jf struct {
		Items []struct {
			DatePublished string `json:"date_published"`
		} `json:"items"`
	}
	if err := json.Unmarshal(mustBody(t, site, "/feeds/all.json"), &jf); err != nil {
		t.Fatal(err)
	}
	for _, it := range jf.Items {
		if d, err := time.Parse(time.RFC3339, it.DatePublished); err != nil || d.Year() < bulletinfeed.MinYear {
			t.Errorf("date_published %q: %v, want a date from %d on", it.DatePublished, err, bulletinfeed.MinYear)
		}
	}
}

// TestRSSDescriptionIsText: the summary is plain text, and RSS readers
// decode <description> as HTML, so markup in an article's text must come
// out of the reader's HTML decoding as text: escaped once more than the
// XML needs.
func TestRSSDescriptionIsText(t *testing.T) {
	const text = `<img src=x onerror=alert(1)> and &lt;b&gt; & "quotes" in the parish hall.`
	m := &memory{}
	issues := fixtureIssues()
	a := issues[0].Articles[0]
	a.Blocks = []bulletinfeed.Block{para(text)}
	m.set(fixturePublication(), issues)
	site := mustRender(t, newFakeStore(m), testConfig())
	link := baseURL + "/articles/" + a.ID
	for _, p := range []string{"/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json"} {
		f, err := gofeed.NewParser().Parse(bytes.NewReader(mustBody(t, site, p)))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		var it *gofeed.Item
		for _, i := range f.Items {
			if i.Link == link {
				it = i
			}
		}
		if it == nil {
			t.Fatalf("%s: no item for %s", p, link)
		}
		want := text
		if strings.HasSuffix(p, ".rss") {
			want = html.EscapeString(text)
		}
		if it.Description != want {
			t.Errorf("%s: description %q, want %q", p, it.Description, want)
		}
		// The content is HTML: the text inside it is escaped, so the only
		// tags are ours.
		if strings.Contains(it.Content, "<img") || !strings.Contains(it.Content, "&lt;img src=x onerror=alert(1)&gt; and &amp;lt;b&amp;gt;") {
			t.Errorf("%s: content %q does not escape the text", p, it.Content)
		}
	}
	raw := mustBody(t, site, "/feeds/all.rss")
	if !bytes.Contains(raw, []byte("<description>&amp;lt;img src=x onerror=alert(1)&amp;gt; and &amp;amp;lt;b&amp;amp;gt;")) {
		t.Errorf("RSS description not escaped twice:\n%s", raw)
	}
}

// TestBadKeysStayInsideIssues: keys stored before keys were checked ("..",
// "a/b") must not become paths that leave /issues/, overwrite the index in
// a static build or reach another page.
func TestBadKeysStayInsideIssues(t *testing.T) {
	m := &memory{}
	issues := fixtureIssues()
	issues[0].Key = ".."
	issues[1].Key = "../../etc"
	for _, iss := range issues {
		for _, a := range iss.Articles {
			a.IssueKey = iss.Key
		}
	}
	m.set(fixturePublication(), issues)
	site := mustRender(t, newFakeStore(m), testConfig())
	files := map[string]string{}
	for _, p := range allPaths(t, site) {
		if strings.Contains(p, "..") {
			t.Errorf("path %q holds ..", p)
		}
		f := feed.FilePath(p)
		if !filepath.IsLocal(f) {
			t.Errorf("path %q writes %q, outside the build", p, f)
		}
		if other, ok := files[f]; ok {
			t.Errorf("paths %q and %q both write %q", p, other, f)
		}
		files[f] = p
	}
	if files[filepath.Join("issues", "index.html")] != "" {
		t.Errorf("an issue writes issues/index.html")
	}
	index := mustBody(t, site, "/")
	if !bytes.Contains(index, []byte(`href="/issues/key-`)) {
		t.Errorf("the index does not link the issues by their safe names")
	}
	// The safe name leads to the issue, as the static build writes it.
	for _, key := range []string{"..", "../../etc"} {
		sum := sha256.Sum256([]byte(key))
		seg := "/issues/key-" + hex.EncodeToString(sum[:8])
		page, err := site.Page(context.Background(), seg)
		if err != nil {
			t.Errorf("%s (issue %q): %v", seg, key, err)
			continue
		}
		if !bytes.Contains(page, []byte(html.EscapeString(issues[0].Articles[0].Title))) && !bytes.Contains(page, []byte(html.EscapeString(issues[1].Articles[0].Title))) {
			t.Errorf("%s does not show issue %q", seg, key)
		}
	}
}

// TestWriteDirStaysInside: a static build never writes or removes anything
// outside its folder, whatever symbolic links the folder holds.
func TestWriteDirStaysInside(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())

	t.Run("linked folder", func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		if err := os.Symlink(outside, filepath.Join(dir, "feeds")); err != nil {
			t.Fatal(err)
		}
		_, err := site.WriteDir(context.Background(), dir)
		if err == nil || !strings.Contains(err.Error(), "feeds") {
			t.Errorf("WriteDir = %v, want an error naming feeds", err)
		}
		assertEmpty(t, outside)
	})

	t.Run("linked file", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(t.TempDir(), "precious.html")
		if err := os.WriteFile(target, []byte("keep me"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(target, filepath.Join(dir, "index.html")); err != nil {
			t.Fatal(err)
		}
		if _, err := site.WriteDir(context.Background(), dir); err != nil {
			t.Fatal(err)
		}
		if b, _ := os.ReadFile(target); string(b) != "keep me" {
			t.Errorf("the link's target was overwritten: %q", b)
		}
		fi, err := os.Lstat(filepath.Join(dir, "index.html"))
		if err != nil || !fi.Mode().IsRegular() {
			t.Errorf("index.html is not a regular file: %v %v", fi, err)
		}
	})

	t.Run("folder linked after a build", func(t *testing.T) {
		dir, outside := t.TempDir(), t.TempDir()
		if _, err := site.WriteDir(context.Background(), dir); err != nil {
			t.Fatal(err)
		}
		// Someone moves feeds/ away and links it to a folder of the same
		// files elsewhere; the next build must neither write nor delete
		// there, nor remove the link.
		if err := os.Rename(filepath.Join(dir, "feeds"), filepath.Join(outside, "feeds")); err != nil {
			t.Fatal(err)
		}
		if err := os.Symlink(filepath.Join(outside, "feeds"), filepath.Join(dir, "feeds")); err != nil {
			t.Fatal(err)
		}
		before := listFiles(t, outside)
		m := &memory{}
		issues := fixtureIssues()
		issues[0].Articles = issues[0].Articles[:1]
		m.set(fixturePublication(), issues)
		if _, err := mustRender(t, newFakeStore(m), testConfig()).WriteDir(context.Background(), dir); err == nil {
			t.Error("WriteDir through a link leading outside succeeded")
		}
		if after := listFiles(t, outside); strings.Join(after, "\n") != strings.Join(before, "\n") {
			t.Errorf("files outside changed:\nbefore %v\nafter  %v", before, after)
		}
		if fi, err := os.Lstat(filepath.Join(dir, "feeds")); err != nil || fi.Mode()&os.ModeSymlink == 0 {
			t.Errorf("the link was removed: %v %v", fi, err)
		}
	})
}

func assertEmpty(t *testing.T, dir string) {
	t.Helper()
	if fs := listFiles(t, dir); len(fs) != 0 {
		t.Errorf("%s holds %v, want nothing", dir, fs)
	}
}

func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		if !fi.IsDir() {
			b, _ := os.ReadFile(p)
			out = append(out, strings.TrimPrefix(p, dir)+" "+string(b[:min(len(b), 20)]))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestSecurityHeaders: every response, whatever its status, tells the
// browser not to sniff types, to run nothing and to send little referrer
// (and the server's own, server.TestSecurityHeaders).
func TestSecurityHeaders(t *testing.T) {
	_, ts, _ := mustServer(t)
	r, _ := do(t, "GET", ts.URL+"/feeds/all.atom")
	for _, req := range [][]string{
		{"/"}, {"/feeds/all.atom"}, {"/feeds/all.atom", "If-None-Match", r.Header.Get("ETag")},
		{"/nope"},
	} {
		resp, _ := do(t, "GET", ts.URL+req[0], req[1:]...)
		for name, want := range map[string]string{
			"X-Content-Type-Options":  "nosniff",
			"Content-Security-Policy": "default-src 'none'",
			"Referrer-Policy":         "strict-origin-when-cross-origin",
		} {
			if got := resp.Header.Get(name); !strings.HasPrefix(got, want) {
				t.Errorf("%v (%d): %s %q, want %q", req, resp.StatusCode, name, got, want)
			}
		}
	}
}
