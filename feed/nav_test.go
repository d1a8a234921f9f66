package feed_test

import (
	"regexp"
	"strings"
	"testing"
)

// TestNavNames: the header's nav of sections shows a section's
// configured name, not its long banner, and its style does not let a
// phone break a Chinese name after any character (which left one
// character on a line): names break at spaces only, in balanced lines.
func TestNavNames(t *testing.T) {
	m := &memory{}
	pub := fixturePublication()
	pub.SectionNames = map[string]string{secXin: "新时代"}
	m.set(pub, fixtureIssues())
	site := mustRender(t, newFakeStore(m), testConfig())
	nav := regexp.MustCompile(`(?s)<nav class="sections".*?</nav>`)
	for _, path := range []string{"/", "/sections/xinshidai", "/articles/c9d0e1f2", "/issues/2023-04"} {
		body := string(mustBody(t, site, path))
		n := nav.FindString(body)
		if !strings.Contains(n, `>新时代</a>`) || strings.Contains(n, secXin) {
			t.Errorf("%s: nav does not show the configured name alone:\n%s", path, n)
		}
		rule := regexp.MustCompile(`nav\.sections li\{[^}]*\}`).FindString(body)
		for _, decl := range []string{"word-break:keep-all", "text-wrap:balance", "overflow-wrap:break-word"} {
			if !strings.Contains(rule, decl) {
				t.Errorf("%s: the nav's items lack %s (rule %q)", path, decl, rule)
			}
		}
	}
}
