package source

import "strings"

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
