package source

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// maxSubheadWidth bounds an in-article subhead: 30 Chinese characters or 60
// Latin ones.
const maxSubheadWidth = 60

// buildBlocks turns an article's body lines into paragraphs and subheads,
// repairing paragraphs that a page or column break cut in two: a line that
// stops where no sentence can stop continues on the next line, and so does
// a line that the layout shows to be wrapped. It also returns the line
// number at which each block begins.
func buildBlocks(body []line, lay layout) ([]bulletinfeed.Block, []int) {
	blocks := make([]bulletinfeed.Block, 0, len(body))
	var starts []int
	var para paragraph
	var prev line // the last line added to para
	open := false // the paragraph stops mid-sentence
	list := false // the paragraph is a bulleted item, which needs no full stop
	for i, l := range body {
		if para.started() && lay.continues(prev, l, open) && !(list && startsWithCapital(l.text)) {
			para.join(l.text)
			prev, open = l, !endsSentence(l.text)
			continue
		}
		if para.started() {
			blocks = append(blocks, para.block())
		}
		starts = append(starts, l.num)
		if isSubhead(body, i, lay.subheadMax) {
			blocks = append(blocks, bulletinfeed.Block{Kind: bulletinfeed.Subhead, Text: l.text})
			open = false
			continue
		}
		para.join(l.text)
		prev, open = l, !endsSentence(l.text)
		list = isListItem(l.text)
	}
	if para.started() {
		blocks = append(blocks, para.block())
	}
	return blocks, starts
}

// paragraph joins the halves of a paragraph in one builder: a paragraph cut
// at every line of a long text would cost quadratic time if its halves were
// concatenated one by one.
type paragraph struct {
	b    strings.Builder
	last string // the last half joined
	// hyphen is set when the last half ended in a hyphen after a letter,
	// not yet written: dropped if the next half continues the word.
	hyphen bool
}

func (p *paragraph) started() bool { return p.b.Len() > 0 || p.hyphen }

// join appends the next half: Chinese halves join with nothing between
// them, English halves with one space, and a word hyphenated at the break
// loses its hyphen.
func (p *paragraph) join(next string) {
	if p.started() {
		first, _ := utf8.DecodeRuneInString(next)
		last, _ := utf8.DecodeLastRuneInString(p.last)
		switch {
		case p.hyphen && unicode.IsLower(first):
		case p.hyphen:
			p.b.WriteByte('-')
		case isWide(last) || isWide(first) || last == '—' || last == '/':
		default:
			p.b.WriteByte(' ')
		}
	}
	p.hyphen = !off("hyphen") && strings.HasSuffix(next, "-") && len(next) >= 2 && isLetterBefore(next, len(next)-1)
	if p.hyphen {
		p.b.WriteString(next[:len(next)-1])
	} else {
		p.b.WriteString(next)
	}
	p.last = next
}

// block returns the paragraph built so far and starts a new one.
func (p *paragraph) block() bulletinfeed.Block {
	if p.hyphen {
		p.b.WriteByte('-')
	}
	blk := bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: p.b.String()}
	*p = paragraph{}
	return blk
}

// isSubhead reports whether body[i] is an in-article subhead: a short line
// with no sentence punctuation, followed by text that starts afresh.
func isSubhead(body []line, i, maxWidth int) bool {
	if off("subhead") {
		return false
	}
	l := body[i]
	if l.width > maxWidth || i+1 >= len(body) || l.listed || !isHeadingLike(l.text, l.width) {
		return false
	}
	if startsLikeContinuation(body[i+1].text) || isListItem(l.text) || cutAtBreak(body, i) {
		return false
	}
	// A notice's sign-off, the issuing body over the date (桃源村村民委员会
	// / 2024年5月8日), and the date itself are no subheads.
	if !off("notice-signoff") && (isDateAlone(l.text) || isDateAlone(body[i+1].text)) {
		return false
	}
	// A numbered subhead may hold a comma: 一、坚持高位推动，压实工作责任.
	if strings.ContainsAny(l.text, "，。；,;") && !(!off("numbered-subhead") && isEnumerated(l.text) && !isLatinText(l.text) && !strings.ContainsAny(l.text, "。；;")) {
		return false
	}
	// An English fragment cut at a page break ends on a lower-case word
	// that a heading would not need ("The council met on") or on an
	// abbreviation ("led by Rev.").
	if isLatinText(l.text) && (endsWithFunctionWord(l.text) || strings.HasSuffix(l.text, ".")) {
		return false
	}
	return true
}

func endsWithFunctionWord(s string) bool {
	if off("function-word") {
		return false
	}
	f := strings.Fields(s)
	return len(f) > 0 && functionWords[strings.ToLower(f[len(f)-1])]
}

func isLetterBefore(s string, i int) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return unicode.IsLetter(r)
}

func startsWithCapital(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// isEnumerated reports whether s opens with the number of a part:
// 一、 （二） (3) 4. 5、
func isEnumerated(s string) bool {
	const numerals = "一二三四五六七八九十"
	rs := []rune(s)
	if len(rs) < 3 {
		return false
	}
	i := 0
	switch rs[0] {
	case '（', '(':
		j := 1
		for j < len(rs) && (strings.ContainsRune(numerals, rs[j]) || unicode.IsDigit(rs[j])) {
			j++
		}
		return j > 1 && j < len(rs) && (rs[j] == '）' || rs[j] == ')')
	}
	for i < len(rs) && (strings.ContainsRune(numerals, rs[i]) || unicode.IsDigit(rs[i])) {
		i++
	}
	if i > 0 && i+1 < len(rs) && strings.ContainsRune(".．", rs[i]) && unicode.IsDigit(rs[i+1]) && !off("decimal-not-item") {
		// 9.45am, 2.5 metres: a time or a decimal, not an item's number.
		return false
	}
	return i > 0 && i < len(rs) && strings.ContainsRune("、.．", rs[i])
}

// isDateAlone reports whether s is a full date and nothing else:
// 2024年5月8日, 8 May 2024.
func isDateAlone(s string) bool {
	return displayWidth(s) <= 24 && hasFullDate(s) && strings.Trim(datePattern.ReplaceAllString(englishDatePattern.ReplaceAllString(s, ""), ""), " ,.，。") == ""
}
