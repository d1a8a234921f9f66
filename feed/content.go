package feed

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// articleHTML returns the whole article as an HTML fragment for a feed's
// content: the kicker and subtitles around no title (the reader shows the
// item title), the credit line, then paragraphs as <p> and subheads as <h3>.
// Text is escaped here once; the XML and JSON encoders then escape the
// fragment as a whole, which is the one escaping those formats expect.
func articleHTML(a *bulletinfeed.Article) string {
	var b strings.Builder
	for _, k := range a.Kicker() {
		b.WriteString(`<p class="kicker"><em>`)
		b.WriteString(html.EscapeString(k))
		b.WriteString("</em></p>\n")
	}
	for _, s := range a.Subtitles() {
		b.WriteString(`<p class="subtitle"><strong>`)
		b.WriteString(html.EscapeString(s))
		b.WriteString("</strong></p>\n")
	}
	if len(a.Bylines) > 0 {
		b.WriteString(`<p class="byline">`)
		b.WriteString(html.EscapeString(bulletinfeed.FormatBylines(a.Bylines)))
		b.WriteString("</p>\n")
	}
	for _, bl := range a.Blocks {
		if bl.Kind == bulletinfeed.Subhead {
			b.WriteString("<h3>")
			b.WriteString(html.EscapeString(bl.Text))
			b.WriteString("</h3>\n")
			continue
		}
		b.WriteString("<p>")
		b.WriteString(html.EscapeString(bl.Text))
		b.WriteString("</p>\n")
	}
	return b.String()
}

// Summary lengths, in characters. A Chinese sentence carries about as much
// as an English one three times its length, but readers show both in the
// same box, so one budget serves both.
const (
	summaryMin = 80  // stop after the sentence that reaches this
	summaryMax = 240 // cut a run-on first sentence here
)

// summarize returns the first sentences of the article's body as plain
// text: whole sentences until about summaryMin characters, never more than
// summaryMax.
func summarize(a *bulletinfeed.Article) string {
	var text strings.Builder
	for _, bl := range a.Blocks {
		if bl.Kind != bulletinfeed.Paragraph {
			continue
		}
		// Chinese runs paragraphs on without a space; Western text
		// needs one.
		if t := text.String(); t != "" {
			if last, _ := utf8.DecodeLastRuneInString(t); last < 0x2E80 {
				text.WriteByte(' ')
			}
		}
		text.WriteString(strings.TrimSpace(bl.Text))
		if utf8.RuneCountInString(text.String()) >= summaryMax {
			break
		}
	}
	return firstSentences(text.String(), summaryMin, summaryMax)
}

// firstSentences returns the shortest run of whole sentences of s that is at
// least minRunes long, or s cut at maxRunes with an ellipsis when the first
// sentence alone is longer.
func firstSentences(s string, minRunes, maxRunes int) string {
	s = strings.Join(strings.Fields(s), " ")
	n := 0
	for i, r := range s {
		n++
		if n > maxRunes {
			return strings.TrimRightFunc(s[:i], unicode.IsSpace) + "…"
		}
		if n < minRunes || !sentenceEnd(s, i, r) {
			continue
		}
		end := i + utf8.RuneLen(r)
		// Keep closing quotes and brackets with their sentence.
		for end < len(s) {
			c, size := utf8.DecodeRuneInString(s[end:])
			if !strings.ContainsRune(`"'”’」』)）`, c) {
				break
			}
			end += size
		}
		return s[:end]
	}
	return s
}

// sentenceEnd reports whether r at byte i of s ends a sentence: a Chinese
// full stop, or Western punctuation followed by a space or the end.
func sentenceEnd(s string, i int, r rune) bool {
	switch r {
	case '。', '！', '？':
		return true
	case '.', '!', '?':
		next := i + 1
		return next >= len(s) || s[next] == ' '
	}
	return false
}
