package feed_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/mmcdole/gofeed"
)

// fixtureArticles returns the fixture's articles by id.
func fixtureArticles(issues []*bulletinfeed.Issue) map[string]*bulletinfeed.Article {
	m := map[string]*bulletinfeed.Article{}
	for _, iss := range issues {
		for _, a := range iss.Articles {
			m[a.ID] = a
		}
	}
	return m
}

func names(bs []bulletinfeed.Byline) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Name)
	}
	return out
}

// writerNames are the names of the fixture's bylines that credit the
// writing: not its photographers.
func writerNames(bs []bulletinfeed.Byline) []string {
	var out []string
	for _, b := range bs {
		if b.Role != "摄影" && b.Role != "Photos by" {
			out = append(out, b.Name)
		}
	}
	return out
}

func sectionName(a *bulletinfeed.Article) string {
	if a.Section == "" {
		return "要闻"
	}
	return a.Section
}

// stripControl is what the feeds must have made of the fixture's text.
func stripControl(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
			return -1
		}
		return r
	}, s)
}

func parseFeed(t *testing.T, site *feed.Site, path string) *gofeed.Feed {
	t.Helper()
	f, err := gofeed.NewParser().Parse(bytes.NewReader(mustBody(t, site, path)))
	if err != nil {
		t.Fatalf("gofeed %s: %v", path, err)
	}
	return f
}

func isFeed(p string) bool {
	return strings.HasPrefix(p, "/feeds/") && (strings.HasSuffix(p, ".rss") || strings.HasSuffix(p, ".atom") || strings.HasSuffix(p, ".json"))
}

// TestFeedsAsReaderSeesThem reads every feed with gofeed and checks each
// item against the article it comes from.
func TestFeedsAsReaderSeesThem(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	articles := fixtureArticles(fixtureIssues())
	feeds := 0
	for _, p := range allPaths(t, site) {
		if !isFeed(p) {
			continue
		}
		feeds++
		t.Run(p, func(t *testing.T) {
			f := parseFeed(t, site, p)
			slug := strings.TrimPrefix(p, "/feeds/")
			slug = slug[:strings.IndexAny(slug, "./")]
			wantTitle := "河西报道"
			if slug != feed.AllSlug {
				for _, a := range articles {
					if a.SectionSlug == slug {
						wantTitle = "河西报道 · " + sectionName(a)
					}
				}
			}
			if f.Title != wantTitle {
				t.Errorf("title %q, want %q", f.Title, wantTitle)
			}
			if f.Language != "zh-CN" {
				t.Errorf("language %q, want zh-CN", f.Language)
			}
			if want := baseURL + p; f.FeedLink != want {
				t.Errorf("feed link %q, want %q", f.FeedLink, want)
			}
			if f.UpdatedParsed == nil || f.UpdatedParsed.After(fixtureNow) {
				t.Errorf("feed updated %v: missing or in the future", f.UpdatedParsed)
			}
			if len(f.Items) == 0 {
				t.Fatal("no items")
			}
			seen := map[string]bool{}
			for _, it := range f.Items {
				id := strings.TrimPrefix(it.GUID, baseURL+"/articles/")
				a := articles[id]
				if a == nil {
					t.Errorf("item %q: id is not an article permalink", it.GUID)
					continue
				}
				if seen[it.GUID] {
					t.Errorf("duplicate id %s", it.GUID)
				}
				seen[it.GUID] = true
				if slug != feed.AllSlug && a.SectionSlug != slug {
					t.Errorf("%s: article of section %s in feed %s", id, a.SectionSlug, slug)
				}
				if it.Link != it.GUID {
					t.Errorf("%s: link %q, want the permalink", id, it.Link)
				}
				if want := stripControl(a.Title); it.Title != want {
					t.Errorf("%s: title %q, want %q", id, it.Title, want)
				}
				if want := shownPublished(a); it.PublishedParsed == nil || !it.PublishedParsed.Equal(want) {
					t.Errorf("%s: published %v, want %v", id, it.PublishedParsed, want)
				}
				if it.UpdatedParsed != nil && it.UpdatedParsed.Before(*it.PublishedParsed) {
					t.Errorf("%s: updated %v before published", id, it.UpdatedParsed)
				}
				var got []string
				for _, au := range it.Authors {
					got = append(got, au.Name)
				}
				if strings.HasSuffix(p, ".rss") {
					// gofeed keeps the first dc:creator as the author.
					got = it.DublinCoreExt.Creator
				}
				if want := writerNames(a.Bylines); !slices.Equal(got, want) {
					t.Errorf("%s: authors %q, want %q", id, got, want)
				}
				if want := []string{sectionName(a)}; !slices.Equal(it.Categories, want) {
					t.Errorf("%s: categories %q, want %q", id, it.Categories, want)
				}
				first := stripControl(a.Blocks[0].Text)
				if !strings.Contains(it.Content, "<p>"+escapeHTML(first)+"</p>") {
					t.Errorf("%s: content lacks the first paragraph as <p>:\n%s", id, it.Content)
				}
				for _, b := range a.Blocks {
					if b.Kind == bulletinfeed.Subhead && !strings.Contains(it.Content, "<h3>"+b.Text+"</h3>") {
						t.Errorf("%s: content lacks subhead %q as <h3>", id, b.Text)
					}
				}
				if byline := bulletinfeed.FormatBylines(a.Bylines); !strings.Contains(it.Content, escapeHTML(byline)) {
					t.Errorf("%s: content lacks the byline %q", id, byline)
				}
				if it.Description == "" || !strings.HasPrefix(plainBody(a), strings.TrimSuffix(it.Description, "…")) {
					t.Errorf("%s: summary %q does not start the article", id, it.Description)
				}
				if strings.Contains(it.Description, "<") && !strings.Contains(a.Blocks[0].Text, "<") {
					t.Errorf("%s: summary is not plain text: %q", id, it.Description)
				}
			}
		})
	}
	if feeds != 3*5+2*3 {
		t.Errorf("read %d feeds, want 21 (5 channels in 3 formats, 3 archive pages in 2)", feeds)
	}
}

// plainBody is the article's paragraphs as one line of plain text, which
// the summary must begin.
func plainBody(a *bulletinfeed.Article) string {
	var s string
	for _, b := range a.Blocks {
		if b.Kind != bulletinfeed.Paragraph {
			continue
		}
		// Paragraphs run on after Chinese punctuation, with a space after
		// Western text.
		if s != "" && !strings.HasSuffix(s, "。") && !strings.HasSuffix(s, "！") && !strings.HasSuffix(s, "？") {
			s += " "
		}
		s += stripControl(b.Text)
	}
	return strings.Join(strings.Fields(s), " ")
}

func escapeHTML(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;").Replace(s)
}

// TestSameIDsEverywhere checks that an article has the same id in its
// section feed, in the all-sections feed and in archive pages, in every
// format.
func TestSameIDsEverywhere(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	byTitle := map[string]string{}
	for _, p := range allPaths(t, site) {
		if !isFeed(p) {
			continue
		}
		for _, it := range parseFeed(t, site, p).Items {
			if prev, ok := byTitle[it.Title]; ok && prev != it.GUID {
				t.Errorf("%q has id %s in %s but %s elsewhere", it.Title, it.GUID, p, prev)
			}
			byTitle[it.Title] = it.GUID
		}
	}
	if len(byTitle) != len(fixtureArticles(fixtureIssues())) {
		t.Errorf("feeds hold %d distinct articles, want %d", len(byTitle), len(fixtureArticles(fixtureIssues())))
	}
}

// TestArchiveWalk follows prev-archive links from each subscription feed
// and checks that every article is reached exactly once, as an archiver
// would.
func TestArchiveWalk(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	for _, ext := range []string{"atom", "rss"} {
		for _, slug := range []string{"all", "yaowen", "xinshidai", "community"} {
			path := "/feeds/" + slug + "." + ext
			ids := map[string]bool{}
			for page := 0; path != ""; page++ {
				f := parseFeed(t, site, path)
				for _, it := range f.Items {
					ids[it.GUID] = true
				}
				next := archiveLink(t, mustBody(t, site, path), "prev-archive")
				if page > 0 && archiveLink(t, mustBody(t, site, path), "current") != baseURL+"/feeds/"+slug+"."+ext {
					t.Errorf("%s: no current link to the subscription feed", path)
				}
				path = strings.TrimPrefix(next, baseURL)
			}
			want := 0
			for _, a := range fixtureArticles(fixtureIssues()) {
				if slug == "all" || a.SectionSlug == slug {
					want++
				}
			}
			if len(ids) != want {
				t.Errorf("%s.%s: walking the archive reaches %d articles, want %d", slug, ext, len(ids), want)
			}
		}
	}
}

// archiveLink returns the href of the first link with rel in an XML feed.
func archiveLink(t *testing.T, body []byte, rel string) string {
	t.Helper()
	s := string(body)
	i := strings.Index(s, `rel="`+rel+`"`)
	if i < 0 {
		return ""
	}
	start := strings.LastIndex(s[:i], `href="`) + len(`href="`)
	return s[start : start+strings.IndexByte(s[start:], '"')]
}

// TestRevisionKeepsIDs renders, applies a corrected issue as an ingest
// would, renders again, and checks that ids are unchanged while the title,
// text and updated date follow the revision.
func TestRevisionKeepsIDs(t *testing.T) {
	m, st := newFixtureStore()
	before := mustRender(t, st, testConfig())
	m.set(fixturePublication(), revisedIssues())
	after := mustRender(t, st, testConfig())
	if after.Version == before.Version {
		t.Fatalf("version %d unchanged by the revision", after.Version)
	}
	revised := time.Date(2023, 4, 3, 10, 15, 0, 0, shanghai)
	for _, p := range allPaths(t, before) {
		if !isFeed(p) {
			continue
		}
		f0, f1 := parseFeed(t, before, p), parseFeed(t, after, p)
		var ids0, ids1 []string
		for _, it := range f0.Items {
			ids0 = append(ids0, it.GUID)
		}
		for _, it := range f1.Items {
			ids1 = append(ids1, it.GUID)
			if strings.HasSuffix(it.GUID, "/a1b2c3d4") {
				if it.Title != "河西区委常委会扩大会议召开" {
					t.Errorf("%s: title %q after the revision", p, it.Title)
				}
				if !strings.HasSuffix(p, ".rss") && (it.UpdatedParsed == nil || !it.UpdatedParsed.Equal(revised)) {
					t.Errorf("%s: updated %v, want the revision time %v", p, it.UpdatedParsed, revised)
				}
				if !it.PublishedParsed.Equal(date(2023, 4, 1).Add(feed.PrintOrderSpan * time.Second)) {
					t.Errorf("%s: published %v changed by the revision", p, it.PublishedParsed)
				}
			}
		}
		if !slices.Equal(ids0, ids1) {
			t.Errorf("%s: ids changed by a revision:\nbefore %q\nafter  %q", p, ids0, ids1)
		}
	}
	if bytes.Equal(mustBody(t, before, "/feeds/all.atom"), mustBody(t, after, "/feeds/all.atom")) {
		t.Error("all.atom unchanged by the revision")
	}
}

// TestDatesNeverInTheFuture gives an article a date after the clock.
func TestDatesNeverInTheFuture(t *testing.T) {
	m := &memory{}
	issues := fixtureIssues()
	future := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	issues[0].Articles[0].Published = future
	issues[0].Articles[0].Updated = future
	m.set(fixturePublication(), issues)
	site := mustRender(t, newFakeStore(m), testConfig())
	for _, p := range []string{"/feeds/all.atom", "/feeds/all.rss", "/feeds/all.json", "/feeds/yaowen.atom"} {
		f := parseFeed(t, site, p)
		if f.UpdatedParsed != nil && f.UpdatedParsed.After(fixtureNow) {
			t.Errorf("%s: feed updated %v after now", p, f.UpdatedParsed)
		}
		for _, it := range f.Items {
			for _, d := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
				if d != nil && d.After(fixtureNow) {
					t.Errorf("%s: %q dated %v, after now %v", p, it.Title, d, fixtureNow)
				}
			}
		}
	}
}

// shownPublished is the published time a feed shows for an article of a
// fixture issue, dated at the start of its day: the issue's date plus
// PrintOrderSpan seconds less its position, so the first is the newest.
func shownPublished(a *bulletinfeed.Article) time.Time {
	return a.Published.Add(time.Duration(feed.PrintOrderSpan-a.Position) * time.Second)
}
