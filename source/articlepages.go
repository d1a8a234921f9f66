package source

import (
	"strings"
	"unicode"

	"github.com/bulletinfeed/bulletinfeed"
)

// ArticlePages returns the page each article of iss begins on, as read
// from t, the PDF it was parsed from: the page of the first line, after
// the previous article's, that holds the article's title (or its first
// half, a title in two halves being joined), else its first paragraph.
// 0 means the page was not found (a title an editor or a correction
// changed).
func (t *PDFText) ArticlePages(iss *bulletinfeed.Issue) []int {
	pages := make([]int, len(iss.Articles))
	from := 0
	for i, a := range iss.Articles {
		keys := []string{squeeze(a.Title)}
		if len(a.Blocks) > 0 {
			keys = append(keys, squeeze(a.Blocks[0].Text))
		}
		for _, key := range keys {
			if j := findLine(t.Lines, from, key); j >= 0 {
				pages[i], from = t.Lines[j].Page, j
				break
			}
		}
	}
	return pages
}

// findLine returns the index of the first line at or after from whose
// text, spaces left out, begins key or is begun by it; -1 if none.
func findLine(lines []PDFLine, from int, key string) int {
	if key == "" {
		return -1
	}
	for j := from; j < len(lines); j++ {
		l := squeeze(lines[j].Text)
		if l != "" && (strings.HasPrefix(key, l) || strings.HasPrefix(l, key)) {
			return j
		}
	}
	return -1
}

// squeeze leaves the spaces out of s: the parser joins a title's halves
// and a paragraph's lines with or without one.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}
