package feed

import (
	"strings"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// xmlChar reports whether XML 1.0 allows r in a document (the Char
// production): control characters other than tab, newline and carriage
// return are forbidden even as character references, so a single stray
// \x0b left by PDF extraction makes a feed not well-formed.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r <= 0xD7FF:
		return true
	case r < 0xE000:
		return false
	case r <= 0xFFFD:
		return true
	case r < 0x10000:
		return false
	default:
		return r <= utf8.MaxRune
	}
}

// cleanText removes what XML 1.0 forbids and invalid UTF-8 from s. It
// returns s itself when there is nothing to remove, which is nearly always.
func cleanText(s string) string {
	clean := true
	for _, r := range s {
		if r == utf8.RuneError || !xmlChar(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		if r == utf8.RuneError {
			// Keep a real U+FFFD; drop the bytes of an invalid sequence.
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				continue
			}
		}
		if xmlChar(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// cleanArticle returns a copy of a with every text field cleaned, so that
// each format can trust its input. a itself is not changed: it may belong to
// the store's caller.
func cleanArticle(a *bulletinfeed.Article) *bulletinfeed.Article {
	c := *a
	c.Section = cleanText(a.Section)
	c.Title = cleanText(a.Title)
	c.Headings = cleanStrings(a.Headings)
	if a.Bylines != nil {
		c.Bylines = make([]bulletinfeed.Byline, len(a.Bylines))
		for i, b := range a.Bylines {
			c.Bylines[i] = bulletinfeed.Byline{Role: cleanText(b.Role), Name: cleanText(b.Name)}
		}
	}
	if a.Blocks != nil {
		c.Blocks = make([]bulletinfeed.Block, len(a.Blocks))
		for i, b := range a.Blocks {
			c.Blocks[i] = bulletinfeed.Block{Kind: b.Kind, Text: cleanText(b.Text)}
		}
	}
	return &c
}

func cleanStrings(ss []string) []string {
	if ss == nil {
		return nil
	}
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = cleanText(s)
	}
	return out
}

// cleanPublication returns a copy of p with its shown text cleaned.
func cleanPublication(p *bulletinfeed.Publication) *bulletinfeed.Publication {
	c := *p
	c.Title = cleanText(p.Title)
	c.Description = cleanText(p.Description)
	c.DefaultSection = cleanText(p.DefaultSection)
	if p.SectionNames != nil {
		// Keys are cleaned too: they are looked up with cleaned banners.
		c.SectionNames = make(map[string]string, len(p.SectionNames))
		for banner, name := range p.SectionNames {
			c.SectionNames[cleanText(banner)] = cleanText(name)
		}
	}
	return &c
}
