package feed_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// TestDatesShown: pages show dates as their language writes them, and
// keep the machine-readable time in <time datetime>.
func TestDatesShown(t *testing.T) {
	_, st := newMultiStore()
	site := mustRender(t, st, multiConfig())
	cases := []struct {
		path string
		want []string
	}{
		{"/issues/2023-04", []string{`<time datetime="2023-04-01T00:00:00&#43;08:00">2023年4月1日</time>`}},
		{"/articles/a1b2c3d4", []string{`<time datetime="2023-04-01T00:59:59&#43;08:00">2023年4月1日</time>`}},
		{"/", []string{`<a href="/issues/2023-03">河西报道 · 2023年3月1日</a>`}},
		{"/river/", []string{`>15 April 2023</time>`}},
		{"/river/articles/r1a2b3c4", []string{`<time datetime="2023-04-15T01:59:59&#43;01:00">15 April 2023</time>`, "<title>Easter flowers · Riverside News</title>"}},
	}
	for _, tc := range cases {
		body := string(mustBody(t, site, tc.path))
		for _, w := range tc.want {
			if !strings.Contains(body, w) {
				t.Errorf("%s lacks %s", tc.path, w)
			}
		}
		if strings.Contains(body, ">2023-04-01<") || strings.Contains(body, ">2023-04-15<") || strings.Contains(body, "2023-03-01<") {
			t.Errorf("%s shows an ISO date to readers", tc.path)
		}
	}
}

// TestIssueNumberInTitle: an issue whose key is its number (期号：第15期,
// Issue: 15) is titled with it, in the page's title and heading.
func TestIssueNumberInTitle(t *testing.T) {
	mk := func(pubID, key, title string, d time.Time) *bulletinfeed.Issue {
		iss := &bulletinfeed.Issue{Key: key, Title: title, Date: d, PublicationID: pubID, UpdatedAt: d,
			Articles: []*bulletinfeed.Article{{ID: pubID + "0001", SectionSlug: "yaowen", Headings: []string{"标题"}, Title: "标题",
				Blocks: []bulletinfeed.Block{para("正文。")}, IssueKey: key, Published: d, Updated: d}}}
		return iss
	}
	cases := []struct {
		name  string
		pub   *bulletinfeed.Publication
		iss   *bulletinfeed.Issue
		title string
	}{
		{"zh number", fixturePublication(), mk("hexi", "第15期", "", date(2024, 3, 17)), "河西报道 第15期 · 2024年3月17日"},
		{"zh bare number", fixturePublication(), mk("hexi", "15", "", date(2024, 3, 17)), "河西报道 第15期 · 2024年3月17日"},
		{"zh printed title without the number", fixturePublication(), mk("hexi", "第15期", "河西通讯", date(2024, 3, 17)), "河西通讯 第15期"},
		{"zh printed title with the number", fixturePublication(), mk("hexi", "第15期", "河西通讯 第15期", date(2024, 3, 17)), "河西通讯 第15期"},
		{"en number", riversidePublication(), mk("river", "15", "", time.Date(2024, 3, 17, 0, 0, 0, 0, time.UTC)), "Riverside News No. 15 · 17 March 2024"},
		{"a key that is no number", fixturePublication(), mk("hexi", "2024-03", "", date(2024, 3, 17)), "河西报道 · 2024年3月17日"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := &memory{}
			m.set(tc.pub, []*bulletinfeed.Issue{tc.iss})
			cfg := testConfig()
			cfg.PublicationID = tc.pub.ID
			cfg.Now = func() time.Time { return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC) }
			site := mustRender(t, newFakeStore(m), cfg)
			body := string(mustBody(t, site, "/issues/"+tc.iss.Key))
			for _, w := range []string{"<title>" + tc.title + "</title>", "<h1>" + tc.title + "</h1>"} {
				if !strings.Contains(body, w) {
					t.Errorf("issue page lacks %s", w)
				}
			}
		})
	}
}
