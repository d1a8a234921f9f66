package source

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Typographic roles of the lines of a PDF, as parse --format text shows
// them. They are decided from the issue's own body style: what most of its
// characters are set in.
const (
	StyleBody      = "body"
	StyleHeading   = "heading"   // larger than the body: an article's title, a kicker, a banner
	StyleSubhead   = "subhead"   // the body's size, bold: a heading inside an article
	StyleCaption   = "caption"   // smaller than the body: captions, credits, small print
	StyleMasthead  = "masthead"  // the name and number on its first page
	StyleBanner    = "banner"    // a section banner: a heading repeated over pages, or configured
	StyleFurniture = "furniture" // a contents box, an advert, a form
	StyleDropped   = "dropped"   // left out by the layout: a page number, a running head, a table row
)

// Ratios of a line's size to the body's that make it a heading or small
// print. A 10 pt body makes 11.5 pt a heading and 8.8 pt small; titles in
// real issues run 1.3 to 3 times the body, kickers and subtitles 1.15 to
// 1.3, captions 0.75 to 0.9.
const (
	headingRatio = 1.12
	smallRatio   = 0.9
	// maxHeadingRunes: a heading is short; a longer line in a large size is
	// a pull quote or an introduction set large.
	maxHeadingRunes = 120
	// maxHanHeadingRunes: a Chinese heading is shorter still; a longer
	// line in a large size is a notice set large.
	maxHanHeadingRunes = 36
)

// bodyStyle is the style of most of an issue's characters.
type bodyStyle struct {
	size         float64
	bold, italic bool
	color        string
}

// findBodyStyle weighs each line's style by its characters.
func findBodyStyle(lines []PDFLine) bodyStyle {
	count := map[bodyStyle]int{}
	for _, l := range lines {
		k := bodyStyle{size: math.Round(l.Size*2) / 2, bold: l.Bold, italic: l.Italic, color: l.Color}
		count[k] += utf8.RuneCountInString(l.Text)
	}
	var best bodyStyle
	n := -1
	for k, c := range count {
		if c > n || (c == n && fmt.Sprint(k) < fmt.Sprint(best)) {
			best, n = k, c
		}
	}
	return best
}

// styleLines gives each line its typographic role against the body style,
// with the reason.
func styleLines(lines []PDFLine, body bodyStyle) {
	for i := range lines {
		l := &lines[i]
		ratio := l.Size / body.size
		runes := utf8.RuneCountInString(l.Text)
		limit := maxHeadingRunes
		if isHan(firstHan(l.Text)) {
			limit = maxHanHeadingRunes
		}
		short := runes <= limit && !isLongSentence(l.Text) && !strings.HasSuffix(l.Text, "。")
		switch {
		case !hasWordChar(l.Text) && !off("pdf-ornament"):
			l.Role, l.Why = StyleFurniture, "no letter or digit: a rule or an ornament (***)"
		case isPictureLine(l.Text):
			l.Role, l.Why = StyleCaption, "a picture's credit or caption by its words (Photo by …, 图为…)"
		case ratio >= headingRatio && short && hasLetter(l.Text):
			l.Role, l.Why = StyleHeading, "larger than the body text"
		case ratio >= headingRatio:
			l.Role, l.Why = StyleBody, "larger than the body, but long: a pull quote or an introduction"
		case l.Bold && !body.bold && ratio > smallRatio && short && !endsLikeSentence(l.Text) && !amongDatedItems(lines, i):
			l.Role, l.Why = StyleSubhead, "bold in the body's size"
		case l.Initial && ratio < headingRatio && !off("drop-cap-run"):
			l.Role, l.Why = StyleBody, "opens with a drop cap: an article's text, however small"
		case ratio <= smallRatio && !l.Bold:
			l.Role, l.Why = StyleCaption, "smaller than the body text"
		case l.Italic && !body.italic && runes < 200 && ratio < 0.97:
			l.Role, l.Why = StyleCaption, "italic and smaller than the body"
		default:
			l.Role, l.Why = StyleBody, ""
		}
	}
	// A bold label ending on a colon, straight over a heading, is the
	// title's first half set small (Advent appeal: / Water for Malawi).
	for i := 0; i+1 < len(lines); i++ {
		l, next := &lines[i], lines[i+1]
		t := strings.TrimSpace(l.Text)
		if l.Role == StyleBody && l.Bold && !body.bold && next.Role == StyleHeading && next.Page == l.Page &&
			(strings.HasSuffix(t, ":") || strings.HasSuffix(t, "：")) && shortLabel(t) && !off("colon-kicker") {
			l.Role, l.Why = StyleHeading, "a bold label ending on a colon, over a heading"
		}
	}
}

// amongDatedItems reports whether lines[i] opens with a date and says what
// happens then, beside a line that does too: an item of a list of events
// set bold for emphasis (20 July social meeting …), not a subhead.
func amongDatedItems(lines []PDFLine, i int) bool {
	if off("dated-item-not-subhead") || !dateLedItem(lines[i].Text) {
		return false
	}
	return i > 0 && dateLedItem(lines[i-1].Text) || i+1 < len(lines) && dateLedItem(lines[i+1].Text)
}

// endsLikeSentence reports whether s ends as a sentence does, a question
// and an exclamation aside (headings ask and exclaim).
func endsLikeSentence(s string) bool {
	s = strings.TrimRight(s, " ”’\"')）")
	r, _ := utf8.DecodeLastRuneInString(s)
	return r == '.' || r == '。' || r == ';' || r == '；' || r == ',' || r == '，' || r == ':' || r == '：'
}

// hasWordChar reports whether s holds a letter or a digit.
func hasWordChar(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// firstHan returns the first Han character of s, or 0.
func firstHan(s string) rune {
	for _, r := range s {
		if isHan(r) {
			return r
		}
	}
	return 0
}

// hasLetter reports whether s holds a letter: a line of figures alone (a
// table's totals set in bold) is no heading.
func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}
