package source

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one non-blank line of the issue after cleaning.
type line struct {
	text string
	num  int // 1-based line number in the input
	// gapBefore is set when one or more blank lines (or the start of the
	// text) precede the line.
	gapBefore bool
	// indented is set when the line began with white space: wrapped text
	// marks a paragraph's first line that way.
	indented bool
	width    int // display columns: 2 for a wide (CJK) rune, 1 otherwise
	// afterBreak is set when page furniture (a page number, a running
	// head) was dropped right before the line: the line before it may
	// have been cut there.
	afterBreak bool
	// listed is set on the lines of an English list printed one item to
	// a line with no bullets (readings, names, times): each is a paragraph
	// of its own and none is a heading. See markLists.
	listed bool
}

// splitLines cleans each line and drops blank ones, remembering where the
// blank lines were.
func splitLines(text string) []line {
	lines := make([]line, 0, strings.Count(text, "\n")/2+1)
	gap := true
	num := 0
	for len(text) > 0 {
		num++
		raw := text
		if i := strings.IndexByte(text, '\n'); i >= 0 {
			raw, text = text[:i], text[i+1:]
		} else {
			text = ""
		}
		clean, indented := cleanLine(raw)
		if clean == "" {
			gap = true
			continue
		}
		lines = append(lines, line{text: clean, num: num, gapBefore: gap, indented: indented, width: displayWidth(clean)})
		gap = false
	}
	return lines
}

// cleanLine trims a line, folds every kind of space to one ASCII space and
// removes characters that carry nothing: controls left by PDF extraction,
// zero-width marks, soft hyphens.
func cleanLine(s string) (string, bool) {
	if !needsCleaning(s) {
		t := strings.TrimSpace(s)
		indented := len(t) > 0 && len(t) < len(s) && (s[0] == ' ' || s[0] == '\t')
		if !strings.Contains(t, "  ") && !strings.ContainsAny(t, "\t") {
			return t, indented
		}
	}
	var b strings.Builder
	b.Grow(len(s))
	space := false
	started := false
	indented := false
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			continue
		case r == '\t' || r == '\u3000' || r == '\u00a0' || (r > 0x7f && unicode.IsSpace(r)) || r == ' ':
			if !started {
				indented = true
			}
			space = started
			continue
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0),
			r == '\u200b', r == '\u200c', r == '\u200d', r == '\ufeff', r == '\u00ad', r == '\u2060':
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		started = true
		b.WriteRune(r)
	}
	return b.String(), indented
}

// needsCleaning reports, by looking at bytes only, whether s may hold a
// character that cleanLine folds or removes: a control, a non-ASCII space
// or a zero-width mark. Most lines hold none, and skip the rune-by-rune copy.
func needsCleaning(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c < 0x80:
			if (c < 0x20 && c != '\t') || c == 0x7f {
				return true
			}
		case c == 0xC2: // U+0080–U+00BF: C1 controls, NBSP, soft hyphen
			return true
		case c == 0xE1 || c == 0xEF: // U+1680 ogham space; U+FEFF, U+FFFD
			if i+2 < len(s) && ((c == 0xE1 && s[i+1] == 0x9A) || (c == 0xEF && (s[i+1] == 0xBB || s[i+1] == 0xBF))) {
				return true
			}
		case c == 0xE2 && i+2 < len(s): // U+2000–U+200F, U+202F, U+205F, U+2060
			b1, b2 := s[i+1], s[i+2]
			if (b1 == 0x80 && (b2 <= 0x8F || b2 == 0xAF)) || (b1 == 0x81 && (b2 == 0x9F || b2 == 0xA0)) {
				return true
			}
		case c == 0xE3 && i+2 < len(s) && s[i+1] == 0x80 && s[i+2] == 0x80: // U+3000
			return true
		}
	}
	return false
}

// displayWidth counts columns as a printed page does: a CJK character or
// full-width punctuation mark is as wide as two Latin letters.
func displayWidth(s string) int {
	w := 0
	for _, r := range s {
		if isWide(r) {
			w += 2
		} else {
			w++
		}
	}
	return w
}

func isWide(r rune) bool {
	return r >= 0x1100 && (r <= 0x115f || (r >= 0x2e80 && r <= 0xa4cf) ||
		(r >= 0xac00 && r <= 0xd7a3) || (r >= 0xf900 && r <= 0xfaff) ||
		(r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
		(r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd) ||
		r == 0x2014 || r == 0x2026 || r == 0x201c || r == 0x201d || r == 0x2018 || r == 0x2019)
}

// isHan reports whether r is a CJK ideograph.
func isHan(r rune) bool {
	return unicode.Is(unicode.Han, r)
}

// closers are marks that may follow the end of a sentence: 他说：“好。”
const closers = "”’」』）)\"'】]》〉"

// endsSentence reports whether s ends where a sentence can end, so that the
// next line does not continue it.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '。', '．', '！', '？', '!', '?', '…', '；', ';', '：', ':':
		return true
	case '.':
		return !endsWithAbbreviation(s)
	}
	return false
}

func endsWithAbbreviation(s string) bool {
	if off("abbreviation") {
		return false
	}
	for _, a := range abbreviations {
		if strings.HasSuffix(s, a) && (len(s) == len(a) || s[len(s)-len(a)-1] == ' ') {
			return true
		}
	}
	// A lone initial, as in "John F." broken before "Kennedy".
	if n := len(s); n >= 2 && s[n-2] >= 'A' && s[n-2] <= 'Z' && (n == 2 || s[n-3] == ' ') {
		return true
	}
	return false
}

// hasClauseMark reports whether s has punctuation that separates clauses or
// sentences inside it. Headings and subheads rarely do; a fragment of a
// paragraph cut at a page break usually does.
func hasClauseMark(s string) bool {
	return strings.ContainsAny(s, "，。；：,;")
}

// startsLikeContinuation reports whether s cannot begin a paragraph: it
// opens with a lower-case Latin letter or with punctuation that only follows
// other text.
func startsLikeContinuation(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	if r >= 'a' && r <= 'z' {
		return true
	}
	return strings.ContainsRune("，。、；：！？,;:.)）”’》」』", r)
}
