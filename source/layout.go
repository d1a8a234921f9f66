package source

import (
	"slices"
	"strings"
)

// layout is what the line breaks of an issue tell about its paragraphs.
//
// Most issues come with one paragraph to a line and blank lines between
// them; there only punctuation shows where a page break cut a paragraph.
// Text extracted with the print's own line breaks says more: its lines are
// one column wide, and paragraphs are set apart by an indent or by blank
// lines. A full line that happens to end on a full stop still continues
// when the next line follows it directly, not indented.
type layout struct {
	subheadMax int
	// column is the width of a full line of print, when the text keeps the
	// print's line breaks; 0 when it does not.
	column int
	// indents: paragraphs start indented and their other lines do not.
	indents bool
}

// minBodyWidth: shorter lines are headings, credits or last lines; they say
// little about the layout of the body.
const minBodyWidth = 16

func detectLayout(lines []line) layout {
	lay := layout{subheadMax: maxSubheadWidth}
	var widths []int
	indented := 0
	for _, l := range lines {
		if l.width < minBodyWidth {
			continue
		}
		widths = append(widths, l.width)
		if l.indented {
			indented++
		}
	}
	n := len(widths)
	if n == 0 {
		return lay
	}
	lay.indents = indented*10 >= n && (n-indented)*10 >= 3*n
	lay.column = columnWidth(widths)
	if lay.column > 0 {
		// A subhead is clearly shorter than a full line.
		lay.subheadMax = min(maxSubheadWidth, lay.column*8/10)
	}
	return lay
}

// columnWidth finds the width most body lines reach and none much exceed:
// the width of a column of print. Lines of one column differ a little: by
// a few columns where digits or Latin letters stand in Chinese text, by a
// word in ragged-right English.
func columnWidth(widths []int) int {
	slices.Sort(widths)
	best, bestCount := 0, 0
	lo := 0
	for hi, w := range widths {
		for widths[lo] < w-slack(w) {
			lo++
		}
		if c := hi - lo + 1; c >= bestCount {
			best, bestCount = w, c
		}
	}
	n := len(widths)
	above, _ := slices.BinarySearch(widths, best+1)
	wider := n - above
	if bestCount < 5 || bestCount*10 < 4*n || wider*10 > n || best > 200 {
		return 0
	}
	return best
}

func slack(w int) int { return max(4, w/8) }

// full reports whether l reaches the column's width.
func (lay layout) full(l line) bool {
	return lay.column > 0 && l.width >= lay.column-slack(lay.column)
}

// continues reports whether l goes on with the paragraph whose last line so
// far is prev; open is set when prev stops mid-sentence.
func (lay layout) continues(prev, l line, open bool) bool {
	if startsLikeContinuation(l.text) {
		return true
	}
	// A list item starts afresh, whether or not the one before it ended
	// with a full stop; so does the letter after its salutation.
	if isListItem(l.text) || isSalutation(prev.text) || l.listed || prev.listed {
		return false
	}
	// A date alone on its line is a notice's date under its sign-off,
	// which no print line break leaves alone.
	if !off("notice-signoff") && isDateAlone(l.text) && !l.afterBreak {
		return false
	}
	// The writer's name after a complimentary close (With best wishes, /
	// Mrs Helen Carter) is a signature, not the close's next words.
	if isValediction(prev.text) && isEnglishName(strings.SplitN(l.text, ",", 2)[0]) {
		return false
	}
	// After a full line that ends a sentence, a short line with no end
	// punctuation is no paragraph's last line (that would end with a
	// stop) but a subhead: （1）检查内容.
	if !open && lay.full(prev) && !lay.full(l) && isHeadingLike(l.text, l.width) && !off("short-heading-line") {
		return false
	}
	if open && l.gapBefore && !l.afterBreak && startsWithCapital(l.text) && endsOnFinalAbbreviation(prev.text) {
		// "… at 7 p.m." / blank line / "All proceeds …": a.m., p.m.
		// and etc. end sentences as often as not; a blank line and a
		// capital after one start a new paragraph.
		return false
	}
	switch {
	case lay.indents && !off("indents"):
		if l.indented && !(open && l.afterBreak && !off("indent-after-break")) {
			// A line after a page break that cut a sentence goes on
			// with it, though the extraction left it indented.
			return false
		}
		return open || lay.full(prev)
	case lay.full(prev) && !l.gapBefore && !off("full-line"):
		return true
	}
	return open
}

// isListItem reports whether s opens with a bullet: "- a packed lunch",
// "• waterproofs".
func isListItem(s string) bool {
	if off("list-item") {
		return false
	}
	for _, b := range listBullets {
		if strings.HasPrefix(s, b) {
			return true
		}
	}
	return false
}

// isSalutation reports whether s opens a letter: "Dear neighbours,",
// "Dear Friends,". It is a paragraph of its own, though its comma leaves
// the sentence open.
func isSalutation(s string) bool {
	return !off("salutation") && strings.HasPrefix(s, "Dear ") && strings.HasSuffix(s, ",") && len(s) <= 40
}

// markLists marks the lines of English lists printed one item to a line
// without bullets, in a text whose paragraphs are set apart by blank
// lines:
//
//	Amos 5.6-7, 10-15
//	Hebrews 4.12-end
//	Mark 10.17-31
//
// A list is two or more lines with no blank line between them, set apart
// before and after, none ending a sentence (a paragraph's last line does), that
// share a shape: each holds a figure, or each a colon. A heading may stand
// right over the items (Services This Week / Tuesday 15 October 10.00 a.m.
// Holy Communion …); it is not marked.
func markLists(lines []line, lay layout) {
	if off("unbulleted-list") {
		return
	}
	for k := 0; k < len(lines); {
		m := k + 1
		for m < len(lines) && !lines[m].gapBefore {
			m++
		}
		// lines[k:m] is one block between blank lines.
		items := lines[k:m]
		if len(items) >= 3 && !hasFigure(items[0].text) && !strings.Contains(items[0].text, ":") {
			items = items[1:] // the heading over the items
		}
		if k > 0 && lines[k].gapBefore && len(items) >= 2 && isLineList(items, lay) {
			for i := range items {
				items[i].listed = true
			}
		}
		k = m
	}
	// Items set apart each by blank lines, two or more in a row, that
	// open alike and carry a colon: Those who are sick: Margaret Ellis /
	// Those who have died: Peter Groves.
	for k := 1; k < len(lines); {
		m := k
		for m < len(lines) && isParallelItem(lines, k, m) {
			m++
		}
		if m-k >= 2 && !off("parallel-items") {
			for i := k; i < m; i++ {
				lines[i].listed = true
			}
			k = m
			continue
		}
		k++
	}
}

// isParallelItem reports whether lines[m] is one line between blank lines
// that opens with the same word as lines[k] and holds a colon before its
// last word, as an item of a list does.
func isParallelItem(lines []line, k, m int) bool {
	l := lines[m]
	if !l.gapBefore || (m+1 < len(lines) && !lines[m+1].gapBefore) || !isLatinText(l.text) || endsSentence(l.text) {
		return false
	}
	i := strings.Index(l.text, ": ")
	if i <= 0 || i+2 >= len(l.text) {
		return false
	}
	first := func(s string) string { f := strings.Fields(s); return f[0] }
	return first(l.text) == first(lines[k].text)
}

func isLineList(items []line, lay layout) bool {
	figures, colons := true, true
	for _, l := range items {
		if !isLatinText(l.text) || endsSentence(l.text) || l.width > maxHeadingWidth {
			return false
		}
		figures = figures && hasFigure(l.text)
		colons = colons && strings.Contains(l.text, ":")
	}
	return figures || colons
}

func hasFigure(s string) bool {
	return strings.ContainsAny(s, "0123456789")
}

func endsOnFinalAbbreviation(s string) bool {
	if off("final-abbreviation") {
		return false
	}
	for _, a := range finalAbbreviations {
		if strings.HasSuffix(s, " "+a) {
			return true
		}
	}
	return false
}
