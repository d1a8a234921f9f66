package feed_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// TestDistinctOrderedDates checks that no two entries of a feed share a
// published or updated time, that the articles of one issue are dated in
// print order with the first the newest, and that no date is in the
// future, on the fixtures, a revision and several years of issues.
func TestDistinctOrderedDates(t *testing.T) {
	cases := []struct {
		name   string
		issues map[string][]*bulletinfeed.Issue
		cfg    feed.Config
	}{
		{"fixture", map[string][]*bulletinfeed.Issue{"hexi": fixtureIssues()}, testConfig()},
		{"revised", map[string][]*bulletinfeed.Issue{"hexi": revisedIssues()}, testConfig()},
		{"big", map[string][]*bulletinfeed.Issue{"hexi": bigFixture(24)}, testConfig()},
		{"several", map[string][]*bulletinfeed.Issue{"hexi": fixtureIssues(), "river": riversideIssues(), "quiet": nil}, multiConfig()},
	}
	pubs := map[string]*bulletinfeed.Publication{"hexi": fixturePublication(), "river": riversidePublication(), "quiet": quietPublication()}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := &memory{}
			articles := map[string]*bulletinfeed.Article{}
			for id, issues := range tc.issues {
				m.set(pubs[id], issues)
				for id, a := range fixtureArticles(issues) {
					articles[id] = a
				}
			}
			site := mustRender(t, newFakeStore(m), tc.cfg)
			feeds := 0
			for _, p := range allPaths(t, site) {
				if !strings.Contains(p, "/feeds/") || strings.HasSuffix(p, ".opml") {
					continue
				}
				feeds++
				f := parseFeed(t, site, p)
				published := map[time.Time]string{}
				updated := map[time.Time]string{}
				type seen struct {
					pos int
					at  time.Time
				}
				last := map[string]seen{}
				for _, it := range f.Items {
					id := it.GUID[strings.LastIndexByte(it.GUID, '/')+1:]
					a := articles[id]
					if a == nil {
						t.Fatalf("%s: item %s is no article", p, it.GUID)
					}
					pub := *it.PublishedParsed
					if other, ok := published[pub]; ok {
						t.Errorf("%s: %s and %s both published %v", p, other, id, pub)
					}
					published[pub] = id
					if pub.After(fixtureNow) {
						t.Errorf("%s: %s published %v, after now", p, id, pub)
					}
					if it.UpdatedParsed != nil {
						if other, ok := updated[*it.UpdatedParsed]; ok {
							t.Errorf("%s: %s and %s both updated %v", p, other, id, *it.UpdatedParsed)
						}
						updated[*it.UpdatedParsed] = id
					}
					// Feeds list newest first: within an issue, print order.
					if prev, ok := last[a.IssueKey]; ok && (prev.pos >= a.Position || !prev.at.After(pub)) {
						t.Errorf("%s: %s (position %d, %v) after position %d (%v)", p, id, a.Position, pub, prev.pos, prev.at)
					}
					last[a.IssueKey] = seen{a.Position, pub}
				}
			}
			if feeds == 0 {
				t.Fatal("no feeds")
			}
		})
	}
}

// TestDatesStableAcrossRenders checks that the dates do not depend on
// when the site is rendered, once the issue's day has passed.
func TestDatesStableAcrossRenders(t *testing.T) {
	_, st := newFixtureStore()
	cfg := testConfig()
	a := mustBody(t, mustRender(t, st, cfg), "/feeds/all.atom")
	cfg.Now = func() time.Time { return fixtureNow.Add(90 * 24 * time.Hour) }
	b := mustBody(t, mustRender(t, st, cfg), "/feeds/all.atom")
	if string(a) != string(b) {
		t.Error("feed differs when rendered later")
	}
}
