package source

import (
	"slices"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// bannerSet holds the configured section banners. A banner is matched
// against one line, or two consecutive lines, ignoring white space: layouts
// print the same banner with one space, two, or none.
type bannerSet struct {
	names  map[string]string // normalized → banner as configured
	maxLen int               // longest banner, in bytes, spaces included
}

func newBannerSet(banners []string) *bannerSet {
	s := &bannerSet{names: make(map[string]string, len(banners))}
	for _, b := range banners {
		if k := bannerKey(b); k != "" {
			s.names[k] = strings.Join(strings.Fields(b), " ")
			s.maxLen = max(s.maxLen, len(b))
		}
	}
	return s
}

func bannerKey(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func (s *bannerSet) empty() bool { return s == nil || len(s.names) == 0 }

// matches reports whether text is a configured banner on its own.
func (s *bannerSet) matches(text string) bool {
	_, ok := s.lookup(text)
	return ok
}

func (s *bannerSet) lookup(text string) (string, bool) {
	// Most lines are body text, far longer than any banner.
	if s.empty() || len(text) > 2*s.maxLen+8 {
		return "", false
	}
	name, ok := s.names[bannerKey(text)]
	return name, ok
}

// matchAt reports whether a banner starts at lines[i], and how many lines
// (one or two) it spans.
func (s *bannerSet) matchAt(lines []line, i int) (string, int) {
	if s.empty() {
		return "", 0
	}
	if name, ok := s.lookup(lines[i].text); ok {
		return name, 1
	}
	if i+1 < len(lines) && len(lines[i].text) < 2*s.maxLen {
		if name, ok := s.lookup(lines[i].text + lines[i+1].text); ok {
			return name, 2
		}
	}
	return "", 0
}

// addBannerStarts adds an article at every configured banner inside the
// text of another article that the headings of an article follow (图片新闻
// / 义诊走进社区 / 8月8日，…): a banner heads a section, and nothing of the
// article above stands under it, whether or not the article below it has a
// credit line or the text above it ends as a sentence does.
func (as *assembler) addBannerStarts(lines []line, credits [][]bulletinfeed.Byline, starts []*start) []*start {
	if as.banners.empty() || off("banner-start") {
		return starts
	}
	taken := make([]bool, len(lines)) // lines of an article's head
	for _, st := range starts {
		for i := st.run; i < st.body; i++ {
			taken[i] = true
		}
	}
	var found []*start
	current := "" // the section in force
	for i := 0; i < len(lines); i++ {
		name, n := as.banners.matchAt(lines, i)
		if n == 0 {
			continue
		}
		if name == current && !off("banner-running-head") {
			// The section's own banner again, at the top of a page: a
			// running head over the article's next part, not a section.
			i += n - 1
			continue
		}
		current = name
		if taken[i] {
			continue
		}
		q, ok := as.headRunAt(lines, credits, i+n)
		if !ok || taken[q-1] {
			continue
		}
		found = append(found, implicitStart(i, q))
		i = q - 1
	}
	if len(found) == 0 {
		return starts
	}
	out := append(slices.Clone(starts), found...)
	slices.SortFunc(out, func(a, b *start) int { return a.run - b.run })
	return out
}
