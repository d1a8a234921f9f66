package feed

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// entry is an article as feeds and pages show it: cleaned, with the HTML
// content of its feed items and its summary made once per render, since
// one article is in several feeds.
type entry struct {
	a       *bulletinfeed.Article
	content string
	summary string
}

// memo holds the entries a render made, by article id.
type memo map[string]*entry

// entries returns the entries of articles, cleaned; m, when not nil,
// keeps each for the other feeds of the same render.
func (s *publication) entries(m memo, as []*bulletinfeed.Article) []*entry {
	out := make([]*entry, len(as))
	for i, a := range as {
		if e := m[a.ID]; e != nil && e.a.Updated.Equal(a.Updated) {
			out[i] = e
			continue
		}
		c := cleanArticle(a)
		e := &entry{a: c, content: s.articleHTML(c), summary: summarize(c)}
		if m != nil {
			m[a.ID] = e
		}
		out[i] = e
	}
	return out
}

// head returns the entry without what the index does not show (blocks,
// content), to be kept between refreshes.
func (e *entry) head() *entry {
	a := *e.a
	a.Blocks = nil
	return &entry{a: &a, summary: e.summary}
}

// articleHTML returns the article as an HTML fragment for a feed's
// content: the kicker and subtitles around no title (the reader shows the
// item title), the credit line, then paragraphs as <p> and subheads as
// <h3>. Text is escaped here once; the XML and JSON encoders then escape
// the fragment as a whole, which is the one escaping those formats
// expect.
//
// The fragment is cut at the last block that keeps it within
// Config.MaxItemContent and then links to the article's page, so that one
// huge article cannot make every feed that carries it huge.
func (s *publication) articleHTML(a *bulletinfeed.Article) string {
	var b strings.Builder
	limit := s.cfg.MaxItemContent
	cut := false
	add := func(open, text, close string) {
		if cut {
			return
		}
		if b.Len()+len(open)+len(close)+len(text) > limit {
			cut = true
			return
		}
		b.WriteString(open)
		b.WriteString(html.EscapeString(text))
		b.WriteString(close)
	}
	for _, k := range a.Kicker() {
		add(`<p class="kicker"><em>`, k, "</em></p>\n")
	}
	for _, sub := range a.Subtitles() {
		add(`<p class="subtitle"><strong>`, sub, "</strong></p>\n")
	}
	if len(a.Bylines) > 0 {
		add(`<p class="byline">`, bulletinfeed.FormatBylines(a.Bylines), "</p>\n")
	}
	after := picturesAfter(a)
	figures := func(k int) {
		for _, p := range after[k] {
			var f strings.Builder
			s.figureHTML(&f, p)
			if cut || b.Len()+f.Len() > limit {
				cut = true
				return
			}
			b.WriteString(f.String())
		}
	}
	figures(0)
	for i, bl := range a.Blocks {
		switch bl.Kind {
		case bulletinfeed.Subhead:
			add("<h3>", bl.Text, "</h3>\n")
		case bulletinfeed.Caption:
			// An editor marked it: a picture's words, which the feed
			// does not carry, so set apart as small print.
			add(`<p class="caption"><small>`, bl.Text, "</small></p>\n")
		default:
			add("<p>", bl.Text, "</p>\n")
		}
		figures(i + 1)
	}
	if cut {
		b.WriteString(`<p class="more"><a href="`)
		b.WriteString(html.EscapeString(s.abs(s.articlePath(a.ID))))
		b.WriteString(`">`)
		b.WriteString(readMore(s.lang))
		b.WriteString("</a></p>\n")
	}
	return b.String()
}

// readMore is the text of the link that ends a cut feed item.
func readMore(lang string) string {
	if strings.HasPrefix(lang, "zh") {
		return "阅读全文"
	}
	return "Read the whole article"
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
		// A paragraph of megabytes needs only its start.
		text.WriteString(strings.TrimSpace(prefix(bl.Text, 8*summaryMax)))
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

// prefix returns the first n bytes of s or fewer, cut between runes.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
