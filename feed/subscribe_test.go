package feed_test

import (
	"strings"
	"testing"
)

// TestSubscribeBox checks the subscribe box of the index and a section
// page: in the publication's language, Atom first, its address to copy,
// then the other formats and the OPML list; pages other than these have
// none.
func TestSubscribeBox(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	cases := []struct{ path, heading, atom string }{
		{"/", "订阅全部栏目", "/feeds/all.atom"},
		{"/sections/yaowen", "订阅本栏目", "/feeds/yaowen.atom"},
	}
	for _, tc := range cases {
		body := string(mustBody(t, site, tc.path))
		for _, want := range []string{
			`<section class="subscribe"`, ">" + tc.heading + "<",
			`<p class="main"><a href="` + tc.atom + `"`,
			`readonly value="` + baseURL + tc.atom + `"`,
			"RSS 阅读器", `href="/feeds.opml">OPML</a>`,
			`href="/feeds-sections.opml">OPML（分栏目）</a>`, "二者选一导入",
		} {
			if !strings.Contains(body, want) {
				t.Errorf("%s lacks %q", tc.path, want)
			}
		}
	}
	if strings.Contains(string(mustBody(t, site, "/articles/c9d0e1f2")), `class="subscribe"`) {
		t.Error("an article page has the subscribe box")
	}
}
