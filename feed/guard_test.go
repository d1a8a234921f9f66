package feed_test

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/mmcdole/gofeed"
)

// TestHugeArticle: one article of a 10 MB paragraph keeps every feed
// under the content cap plus the other items, cut at a block with a link
// to the article's page, which shows it whole.
func TestHugeArticle(t *testing.T) {
	m := &memory{}
	issues := fixtureIssues()
	a := issues[0].Articles[2] // c9d0e1f2: a paragraph, a subhead, a paragraph
	huge := strings.Repeat("天津梅江环宇城开业在即。", 10<<20/36)
	a.Blocks = append([]bulletinfeed.Block{para("开头一段。")}, append([]bulletinfeed.Block{para(huge)}, a.Blocks...)...)
	m.set(fixturePublication(), issues)
	cfg := testConfig()
	site := mustRender(t, newFakeStore(m), cfg)
	const overhead = 64 << 10 // the other items of the feed
	for _, p := range []string{"/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json", "/feeds/xinshidai.atom"} {
		body := string(mustBody(t, site, p))
		if len(body) > feed.DefaultMaxItemContent+overhead {
			t.Errorf("%s: %d bytes", p, len(body))
		}
		f := parseFeed(t, site, p)
		i := slices.IndexFunc(f.Items, func(it *gofeed.Item) bool { return strings.HasSuffix(it.GUID, "/articles/c9d0e1f2") })
		if i < 0 {
			t.Fatalf("%s: no item of the article", p)
		}
		content := f.Items[i].Content
		if !strings.Contains(content, "<p>开头一段。</p>") || strings.Contains(content, "天津梅江环宇城开业在即。天津") ||
			!strings.Contains(content, `<a href="`+baseURL+`/articles/c9d0e1f2">阅读全文</a>`) {
			t.Errorf("%s: content not cut at the huge paragraph with a link to the page: %.300q", p, content)
		}
		if d := f.Items[i].Description; len(d) > 1000 {
			t.Errorf("%s: a summary of %d bytes", p, len(d))
		}
	}
	if page := mustBody(t, site, "/articles/c9d0e1f2"); len(page) < 10<<20 {
		t.Errorf("the article's page has %d bytes, not the whole article", len(page))
	}
	// An article under the cap is whole, without the link.
	if body := string(mustBody(t, site, "/feeds/yaowen.atom")); strings.Contains(body, "阅读全文") {
		t.Error("an article under the cap is cut")
	}
}

// TestEmptyFeedDate: once every issue is deleted the feeds are empty; they
// are dated by the render, never the Unix epoch.
func TestEmptyFeedDate(t *testing.T) {
	m, st := newFixtureStore()
	srv := feed.NewHandler(st, testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	m.remove("hexi", "2023-03")
	m.remove("hexi", "2023-04")
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	atom := serve(srv, "GET", "/feeds/all.atom").Body.String()
	got := regexp.MustCompile(`<updated>([^<]+)</updated>`).FindStringSubmatch(atom)
	if got == nil {
		t.Fatalf("no updated:\n%s", atom)
	}
	d, err := time.Parse(time.RFC3339, got[1])
	if err != nil || !d.Equal(fixtureNow) {
		t.Errorf("an empty feed updated %s, want the render's time %s", got[1], fixtureNow)
	}
	if rss := serve(srv, "GET", "/feeds/all.rss").Body.String(); strings.Contains(rss, "1970") {
		t.Errorf("the RSS feed says 1970:\n%s", rss)
	}
}
