package source

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// maxSubheadWidth bounds an in-article subhead: 30 Chinese characters or 60
// Latin ones.
const maxSubheadWidth = 60

// subheadWidthLimit returns how wide a subhead may be in this issue. Text
// extracted with its print line breaks has lines of one column width; a line
// nearly that wide is part of a paragraph however it ends, so a subhead must
// be clearly shorter.
func subheadWidthLimit(lines []line) int {
	if len(lines) == 0 {
		return maxSubheadWidth
	}
	widths := make([]int, len(lines))
	for i, l := range lines {
		widths[i] = l.width
	}
	slices.Sort(widths)
	p90 := widths[len(widths)*9/10]
	if limit := p90 * 8 / 10; limit < maxSubheadWidth {
		return limit
	}
	return maxSubheadWidth
}

// buildBlocks turns an article's body lines into paragraphs and subheads,
// repairing paragraphs that a page or column break cut in two: a line that
// stops where no sentence can stop continues on the next line.
func buildBlocks(body []line, subheadMax int) []bulletinfeed.Block {
	blocks := make([]bulletinfeed.Block, 0, len(body))
	open := false // the last paragraph stops mid-sentence
	for i, l := range body {
		last := len(blocks) - 1
		if last >= 0 && blocks[last].Kind == bulletinfeed.Paragraph && (open || startsLikeContinuation(l.text)) {
			blocks[last].Text = joinText(blocks[last].Text, l.text)
			open = !endsSentence(blocks[last].Text)
			continue
		}
		if isSubhead(body, i, subheadMax) {
			blocks = append(blocks, bulletinfeed.Block{Kind: bulletinfeed.Subhead, Text: l.text})
			open = false
			continue
		}
		blocks = append(blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: l.text})
		open = !endsSentence(l.text)
	}
	return blocks
}

// isSubhead reports whether body[i] is an in-article subhead: a short line
// with no sentence punctuation, followed by text that starts afresh.
func isSubhead(body []line, i, maxWidth int) bool {
	l := body[i]
	if l.width > maxWidth || i+1 >= len(body) || !isHeadingLike(l.text, l.width) {
		return false
	}
	if strings.ContainsAny(l.text, "，。；,;") || startsLikeContinuation(body[i+1].text) {
		return false
	}
	// An English fragment cut at a page break ends on a lower-case word
	// that a heading would not need: "The council met on".
	if isLatinText(l.text) && endsWithFunctionWord(l.text) {
		return false
	}
	return true
}

var functionWords = map[string]bool{"the": true, "a": true, "an": true, "of": true, "to": true, "in": true, "on": true, "at": true, "for": true, "and": true, "or": true, "but": true, "with": true, "by": true, "from": true, "that": true, "which": true, "was": true, "were": true, "is": true, "are": true, "be": true, "has": true, "have": true, "had": true, "will": true, "would": true, "as": true, "their": true, "his": true, "her": true, "its": true, "our": true, "this": true}

func endsWithFunctionWord(s string) bool {
	f := strings.Fields(s)
	return len(f) > 0 && functionWords[strings.ToLower(f[len(f)-1])]
}

// joinText joins two halves of a paragraph: Chinese halves with nothing
// between them, English halves with one space, and a word hyphenated at the
// break without its hyphen.
func joinText(a, b string) string {
	last, _ := utf8.DecodeLastRuneInString(a)
	first, _ := utf8.DecodeRuneInString(b)
	switch {
	case last == '-' && unicode.IsLower(first) && len(a) >= 2 && isLetterBefore(a, len(a)-1):
		return a[:len(a)-1] + b
	case isWide(last) || isWide(first) || last == '—' || last == '/' || last == '-':
		return a + b
	default:
		return a + " " + b
	}
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}
