package feed_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

// creditsIssue is an issue whose articles have two writers (Chinese and
// English), a writer and a photographer, only a photographer, and no
// credit at all.
func creditsIssue() *bulletinfeed.Issue {
	d := date(2024, 3, 17)
	iss := &bulletinfeed.Issue{Key: "2024-03", Date: d, PublicationID: "hexi", UpdatedAt: d}
	art := func(id, title string, bs ...bulletinfeed.Byline) *bulletinfeed.Article {
		return &bulletinfeed.Article{ID: id, SectionSlug: "yaowen", Headings: []string{title}, Title: title,
			Bylines: bs, Blocks: []bulletinfeed.Block{para(title + "。正文。")}}
	}
	iss.Articles = []*bulletinfeed.Article{
		art("aa000001", "两位通讯员", by("通讯员", "张媛芮"), by("通讯员", "许浩然")),
		art("aa000002", "Two writers", by("By", "Jane Doe"), by("By", "Tom Lee")),
		art("aa000003", "一位通讯员一位摄影", by("通讯员", "赵钰真"), by("摄影", "冯荔")),
		art("aa000004", "只有摄影", by("摄影", "冯荔")),
		art("aa000005", "没有署名"),
	}
	for i, a := range iss.Articles {
		a.IssueKey, a.Position, a.Published, a.Updated = iss.Key, i, d, d
	}
	return iss
}

// TestItemAuthors reads the feeds of articles with several writers and
// with none as a reader does. RSS gives one dc:creator, the names joined
// as the pages' credit lines join them (readers keep one); an article
// without a writer is credited to the publication in all three formats;
// the JSON Feed has no top-level authors for Miniflux to add to each
// item's.
func TestItemAuthors(t *testing.T) {
	m := &memory{}
	m.set(fixturePublication(), []*bulletinfeed.Issue{creditsIssue()})
	site := mustRender(t, newFakeStore(m), testConfig())

	want := map[string]struct{ rss, list []string }{
		"aa000001": {[]string{"张媛芮 许浩然"}, []string{"张媛芮", "许浩然"}},
		"aa000002": {[]string{"Jane Doe and Tom Lee"}, []string{"Jane Doe", "Tom Lee"}},
		"aa000003": {[]string{"赵钰真"}, []string{"赵钰真"}},
		"aa000004": {[]string{"河西报道"}, []string{"河西报道"}},
		"aa000005": {[]string{"河西报道"}, []string{"河西报道"}},
	}
	for _, ext := range []string{"rss", "atom", "json"} {
		t.Run(ext, func(t *testing.T) {
			f := parseFeed(t, site, "/feeds/all."+ext)
			if len(f.Items) != len(want) {
				t.Fatalf("%d items, want %d", len(f.Items), len(want))
			}
			for _, it := range f.Items {
				id := it.GUID[strings.LastIndexByte(it.GUID, '/')+1:]
				var got []string
				for _, au := range it.Authors {
					got = append(got, au.Name)
				}
				w := want[id].list
				if ext == "rss" {
					got, w = nil, want[id].rss
					if it.DublinCoreExt != nil {
						got = it.DublinCoreExt.Creator
					}
				}
				if !slices.Equal(got, w) {
					t.Errorf("%s: authors %q, want %q", id, got, w)
				}
			}
		})
	}

	rss := string(mustBody(t, site, "/feeds/all.rss"))
	for _, item := range regexp.MustCompile(`(?s)<item>.*?</item>`).FindAllString(rss, -1) {
		if n := strings.Count(item, "<dc:creator>"); n != 1 {
			t.Errorf("an RSS item has %d dc:creator, want 1:\n%s", n, item)
		}
	}

	var doc map[string]json.RawMessage
	if err := json.Unmarshal(mustBody(t, site, "/feeds/all.json"), &doc); err != nil {
		t.Fatal(err)
	}
	if a, ok := doc["authors"]; ok {
		t.Errorf("JSON Feed has top-level authors %s besides its items'", a)
	}
}
