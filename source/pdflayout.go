package source

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Geometry rules, in units of the text's own size unless said otherwise.
const (
	// sizeTolerance: two lines whose heights differ by less are set in
	// the same size (points).
	sizeTolerance = 0.3
	// splitGap: a gap between two runs wider than this is a gutter
	// between columns, not a space (lines of neighbouring columns that
	// stand at the same height come as one line).
	splitGap = 0.6
	// indentMin: a line that starts this far right of its column starts a
	// paragraph.
	indentMin = 0.5
	// extraGap: a gap this much larger than the body's usual one between
	// lines ends a paragraph.
	extraGap = 0.3
	// headingGap: lines of a heading stand closer than this.
	headingGap = 0.8
	// furnitureZone: running heads and page numbers stand in this share of
	// the page's height at its top or bottom.
	furnitureZone = 0.1
)

// How the layout tells lines apart while it joins them into headings and
// paragraphs, by size alone; the roles a line ends with (StyleHeading …)
// come from the typography afterwards (pdfstyle.go).
const (
	layoutHeading = "heading" // larger than the page's body text
	layoutBody    = "body"
	layoutSmall   = "small" // smaller: credits, captions
)

// PDFLine is one line of text recovered from a PDF: a whole heading or
// paragraph, with its role and where it starts.
type PDFLine struct {
	Text string
	// Role is its typographic role (StyleHeading, StyleBody …), or
	// StyleDropped for what the layout left out.
	Role string
	Page int // 1-based
	// Size is the height of its first line's text in points, measured
	// alike for every typeface (see normalizeHeights).
	Size float64
	// Font is the family of the typeface of its first line.
	Font string
	// Color, Bold and Italic are its first line's; Bold and Italic say
	// whether most of its characters are so set.
	Color        string
	Bold, Italic bool
	// Top is how far down its page its first line stands, as a share of
	// the page's height: 0 at the top edge, 1 at the bottom.
	Top float64
	// Initial is set on a paragraph that opens with a drop cap.
	Initial bool
	// Apart is set on a heading whose line before it was broken on
	// purpose (the next word would have fitted there): a heading of its
	// own, not the rest of the one before.
	Apart bool
	// Why says why a dropped line was dropped, or why a line was given
	// its role, for a person reading the parse; mark is what the later
	// rules read of it.
	Why  string
	mark lineMark
	// box holds every visual line of it, in points on its page: where
	// pictures find their captions and their articles.
	box rect
	// boxes are its visual lines one by one, each with its page, since a
	// paragraph may go on in the next column or page.
	boxes []pageRect
}

// pageRect is a box on one page.
type pageRect struct {
	page int
	rect
}

// rect is a box on a page in points from its top left corner.
type rect struct{ x0, y0, x1, y1 float64 }

// union returns the smallest box that holds r and o.
func (r rect) union(o rect) rect {
	return rect{math.Min(r.x0, o.x0), math.Min(r.y0, o.y0), math.Max(r.x1, o.x1), math.Max(r.y1, o.y1)}
}

// PDFText is the text recovered from a PDF's layout.
type PDFText struct {
	Pages int
	// Method is how the typography cut the issue into articles: by
	// "headings", "bold headings", or the fallback of one article per
	// page.
	Method string
	// seg is the typographic reading, made once (it styles Lines).
	seg   segmentation
	Lines []PDFLine
	// Dropped holds running heads, footers and page numbers.
	Dropped []PDFLine
	// pictures are the photographs of its pages with their captions,
	// when Options.Pictures asked for them.
	pictures []pdfPicture
	// warnings say what was left out (the pictures, when their pass
	// failed).
	warnings []string
}

// String returns the text as the parser reads it: one line per heading or
// paragraph, with a blank line between them.
func (t *PDFText) String() string {
	var b strings.Builder
	for i, l := range t.Lines {
		if i > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(l.Text)
	}
	b.WriteByte('\n')
	return b.String()
}

// frag is a run of words on one visual line, inside one column.
type frag struct {
	x0, y0, x1, y1 float64
	size           float64
	text           string
	page           int
	col            int       // its column, counted in reading order on its page
	left, right    float64   // edges of its column (or of the columns spanned)
	font           fontStyle // the font of most of its characters
	item           bool      // a list item's first line: a bullet stood before it
	mixed          bool      // set partly bold or italic: a lead-in, a title cited
	capFoot, capX1 float64   // where a drop cap opening it reaches down and right to, or 0
	body           float64   // the size of its page's body text
}

// layoutPDF recovers the reading order and the lines of headings and
// paragraphs from the pages' geometry.
func layoutPDF(pages []pdfPage) *PDFText {
	out := &PDFText{Pages: len(pages)}
	normalizeHeights(pages)
	// Visual lines, split at gutters.
	var all [][]frag
	for p, pg := range pages {
		var fs []frag
		var rows [][]frag
		for _, ws := range pg.lines {
			rows = append(rows, splitLine(ws, p+1))
		}
		rows = rejoinJustified(rows)
		var table []frag // the cells of the page's table rows
		for _, parts := range rows {
			if isTableRow(parts, pg.width) {
				for _, f := range parts {
					out.Dropped = append(out.Dropped, PDFLine{Text: f.text, Role: StyleDropped, Page: f.page, Size: f.size, Why: "table row"})
					table = append(table, f)
				}
				continue
			}
			fs = append(fs, parts...)
		}
		all = append(all, dropTableCells(fs, table, out))
	}
	repairLigatures(all)
	body := bodySize(all)
	for _, fs := range all {
		for i := range fs {
			if sameSize(fs[i].size, body) {
				fs[i].text = dropLeadSpace(fs[i].text)
			}
		}
	}
	// Every page is judged against all pages as they came, before any
	// furniture is removed.
	heads := indexRecurring(all)
	kept := make([][]frag, len(all))
	for p := range all {
		kept[p] = dropFurnitureFrags(all, p, pages[p].height, heads, out)
	}
	all = kept
	var ordered []frag
	for p := range all {
		pb := pageBody(all[p], body)
		for i := range all[p] {
			all[p][i].body = pb
		}
		ordered = append(ordered, xyOrder(all[p], pb)...)
	}
	var banners []PDFLine
	out.Lines, banners = joinLines(ordered, body)
	out.Dropped = append(out.Dropped, banners...)
	for i := range out.Lines {
		if h := pages[out.Lines[i].Page-1].height; h > 0 {
			out.Lines[i].Top /= h
		}
	}
	return out
}

// dropTableCells leaves out the lines set inside a page's table: a table
// whose rows of three or more cells were left out also has rows of fewer
// (a duty roster's names, two to a row), which stand between its rows,
// between their outer edges, set in the cells' type. A table is a run of
// three rows at least (six cells), each near the one before; text beside
// a narrower table stands outside its edges, and a box set into it (This
// Week:, in italics) is in a type of its own.
func dropTableCells(fs []frag, table []frag, out *PDFText) []frag {
	if len(table) < 6 || off("table-cells") {
		return fs
	}
	for _, band := range tableBands(table) {
		kept := fs[:0]
		for _, f := range fs {
			mid := (f.y0 + f.y1) / 2
			if mid > band.box.y0 && mid < band.box.y1 && f.x0 >= band.box.x0-2 && f.x1 <= band.box.x1+2 &&
				f.font.italic == band.cell.italic && f.font.bold == band.cell.bold && sameSize(f.font.size, band.cell.size) {
				out.Dropped = append(out.Dropped, PDFLine{Text: f.text, Role: StyleDropped, Page: f.page, Size: f.size, Why: "a cell of the table around it"})
				continue
			}
			kept = append(kept, f)
		}
		fs = kept
	}
	return fs
}

// tableBand is the box of a run of table rows and the type of its cells.
type tableBand struct {
	box  rect
	cell fontStyle
}

// tableBands groups the cells of a page's table rows into runs of rows,
// each row at most two and a half of its lines' heights below the one
// before: two tables far apart on a page are two bands, not one that
// holds the text between them.
func tableBands(cells []frag) []tableBand {
	sorted := slices.Clone(cells)
	slices.SortFunc(sorted, func(a, b frag) int { return cmpFloat(a.y0, b.y0) })
	var bands []tableBand
	var run []frag
	rows := 0
	flush := func() {
		if rows >= 3 && len(run) >= 6 {
			box := rect{run[0].x0, run[0].y0, run[0].x1, run[0].y1}
			styles := map[fontStyle]int{}
			for _, c := range run {
				box = box.union(rect{c.x0, c.y0, c.x1, c.y1})
				styles[c.font] += len(c.text)
			}
			bands = append(bands, tableBand{box: box, cell: dominantStyle(styles)})
		}
		run, rows = nil, 0
	}
	for i, c := range sorted {
		if i > 0 {
			prev := sorted[i-1]
			h := math.Max(prev.y1-prev.y0, c.y1-c.y0)
			switch {
			case c.y0 > prev.y1+2.5*h:
				flush()
				rows = 1
			case c.y0 > prev.y0+h/2:
				rows++ // a row below the one before
			}
		} else {
			rows = 1
		}
		run = append(run, c)
	}
	flush()
	return bands
}

// pageBody is the size of a page's own text where the page holds much of
// it in a size other than the issue's body (notices set larger than the
// cover's article): its columns and paragraphs are read in that size.
func pageBody(fs []frag, issue float64) float64 {
	own := bodySize([][]frag{fs})
	if sameSize(own, issue) || off("page-body") {
		return issue
	}
	n := 0
	for _, f := range fs {
		if sameSize(f.size, own) {
			n += utf8.RuneCountInString(f.text)
		}
	}
	if n < 300 {
		return issue
	}
	return own
}

// bodySize returns the size of most of the text, weighted by characters.
func bodySize(pages [][]frag) float64 {
	count := map[float64]int{}
	for _, fs := range pages {
		for _, f := range fs {
			count[math.Round(f.size*4)/4] += utf8.RuneCountInString(f.text)
		}
	}
	best, n := 0.0, -1
	for s, c := range count {
		if c > n || (c == n && s < best) {
			best, n = s, c
		}
	}
	return best
}

// sameSize reports whether a and b are set in one size.
func sameSize(a, b float64) bool { return math.Abs(a-b) < sizeTolerance }

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func roleOf(size, body float64) string {
	switch {
	case sameSize(size, body):
		return layoutBody
	case size > body:
		return layoutHeading
	}
	return layoutSmall
}

// joinLines joins the visual lines, in reading order, into headings and
// paragraphs.
func joinLines(fs []frag, body float64) (lines, banners []PDFLine) {
	var out []PDFLine
	// b is the text of the current heading or paragraph, as bytes so that
	// a hyphen at a line's end can be taken back at no cost.
	var b []byte
	var cur PDFLine
	// gap is the usual space between two lines of body text.
	gap := usualGap(fs, body)
	// The characters set bold and italic, of all: a paragraph is bold when
	// most of it is, not when it opens with a bold lead-in.
	var bold, italic, chars int
	flush := func() {
		if len(b) > 0 {
			cur.Text = string(b)
			cur.Bold, cur.Italic = bold*2 > chars, italic*2 > chars
			out = append(out, cur)
		}
		b = b[:0]
		bold, italic, chars = 0, 0, 0
	}
	for i, f := range fs {
		role := roleOf(f.size, f.body)
		body := f.body
		if len(b) > 0 && cur.Initial && sameSize(f.size, cur.Size) && !off("drop-cap-run") {
			// A paragraph a drop cap opened is text, however small
			// it is set (an introduction): it wraps as text does.
			body = f.size
		}
		starts := i == 0 || !continues(fs[i-1], f, body, gap)
		if starts {
			flush()
		}
		if starts && role == layoutBody {
			if k := bridged(fs, i, out); k >= 0 {
				// The paragraph goes on past a caption set in its way:
				// take it up again; the caption stays before it.
				cur = out[k]
				out = append(out[:k], out[k+1:]...)
				b = append(b[:0], cur.Text...)
				chars = utf8.RuneCountInString(cur.Text)
				bold, italic = 0, 0
				if cur.Bold {
					bold = chars
				}
				if cur.Italic {
					italic = chars
				}
				starts = false
			} else if k, n := resumed(fs, i, out); k >= 0 {
				// A paragraph cut at a column's or page's end goes on
				// under a banner or a box's heading that stands in its
				// way: the heading is the page's, not an article's, and
				// so is a box at the foot of the page before (a list of
				// the board): neither starts an article.
				cur = out[k]
				for m, h := range out[k+1:] {
					h.Role, h.Why = StyleDropped, "a box in the way of a paragraph that goes on from the page before"
					if m >= len(out)-k-1-n {
						h.Why = "a banner over a paragraph that goes on from the column before"
					}
					banners = append(banners, h)
				}
				out = out[:k]
				b = append(b[:0], cur.Text...)
				chars = utf8.RuneCountInString(cur.Text)
				bold, italic = 0, 0
				starts = false
			}
		}
		n := utf8.RuneCountInString(f.text)
		chars += n
		if f.font.bold {
			bold += n
		}
		if f.font.italic {
			italic += n
		}
		fbox := rect{f.x0, f.y0, f.x1, f.y1}
		if starts {
			cur = PDFLine{Role: role, Page: f.page, Size: f.size, Font: f.font.family, Color: f.font.color, Bold: f.font.bold, Italic: f.font.italic, Top: f.y0, box: fbox, Initial: f.capFoot > 0,
				boxes: []pageRect{{f.page, fbox}}}
			if i > 0 {
				p := fs[i-1]
				cur.Apart = brokenOnPurpose(p, f, f.body, p.page == f.page && p.col == f.col, false)
			}
			b = append(b, f.text...)
			continue
		}
		if cur.Page == f.page {
			cur.box = cur.box.union(fbox)
		}
		cur.boxes = append(cur.boxes, pageRect{f.page, fbox})
		p := fs[i-1]
		switch n := len(b); {
		case role != layoutBody && !full(p):
			// A heading broken on purpose: its parts are phrases.
			b = append(b, ' ')
		case n > 1 && b[n-1] == '-' && isLetter(b[n-2]) && startsLower(f.text):
			b = b[:n-1]
		default:
			r, _ := utf8.DecodeLastRune(b)
			s, _ := utf8.DecodeRuneInString(f.text)
			if !isWide(r) && !isWide(s) {
				b = append(b, ' ')
			}
		}
		b = append(b, f.text...)
	}
	flush()
	return out, banners
}

// resumed returns the index in out of the paragraph that the line fs[i]
// takes up again past one to three heading lines, or -1: the paragraph's
// last line filled its column and stopped mid-sentence, so it was cut
// there and goes on in the next column or page (院長的話 over the second
// page of an article, a box's heading at a column's foot); fs[i] starts
// that column.
func resumed(fs []frag, i int, out []PDFLine) (int, int) {
	f := fs[i]
	if off("banner-in-the-way") || f.item || startsListItem(f.text) {
		return -1, 0
	}
	j := i - 1
	for j >= 0 && i-j <= 3 && roleOf(fs[j].size, fs[j].body) == layoutHeading {
		j--
	}
	if j == i-1 {
		return -1, 0
	}
	banner := i - 1 - j
	first := j + 1 // the banner's first line
	// A box may stand between, at the foot of the page before: its
	// heading and small print come after the paragraph.
	for j >= 0 && i-j <= maxBoxBetween && roleOf(fs[j].size, fs[j].body) != layoutBody && fs[j].page != f.page {
		j--
	}
	if j < 0 || roleOf(fs[j].size, fs[j].body) != layoutBody || !sameSize(fs[j].size, f.size) {
		return -1, 0
	}
	p := fs[j]
	if !full(p) || endsSentence(p.text) || (p.page == f.page && p.col == f.col) || startsSentenceAfterStop(f.text) {
		return -1, 0
	}
	// The banner heads its page, or stands at the foot of the cut
	// paragraph's column; a heading over the middle of a column (an
	// article's credit set large) is the article's.
	headsPage := fs[first-1].page != fs[first].page
	footsColumn := true
	for _, h := range fs[first:i] {
		footsColumn = footsColumn && h.page == p.page && h.x0 < p.x1 && h.x1 > p.x0 && h.y0 > p.y0
	}
	if !headsPage && !footsColumn {
		return -1, 0
	}
	k := len(out) - 1
	heads := 0
	// The banner's lines may have been joined into one heading.
	for k >= 0 && out[k].Role == layoutHeading && heads < banner {
		k--
		heads++
	}
	for k >= 0 && out[k].Role != layoutBody {
		k--
	}
	if k < 0 || heads == 0 || !strings.HasSuffix(out[k].Text, p.text) {
		return -1, 0
	}
	return k, heads
}

// maxBoxBetween bounds the lines of a box that may stand between a cut
// paragraph and the banner over its next part.
const maxBoxBetween = 40

// startsSentenceAfterStop reports whether s opens as a new sentence in
// Latin script (a capital letter), which a cut sentence's next line
// rarely does: evidence that the heading before it starts an article.
func startsSentenceAfterStop(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r)
}

// leadingDate matches a line that opens with a day and month (20 July,
// 3 Sept, Sunday 6 June, June 6th, 6月20日), the start of an item of a
// list of events.
var leadingDate = regexp.MustCompile(`^(?i:(?:(?:mon|tues?|wed|thu(?:rs)?|fri|sat|sun)[a-z]*\.?,? )?(?:\d{1,2}(?:st|nd|rd|th)? (?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?|(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?)\b|\d{1,2}月\d{1,2}日)`)

// fieldLine matches a notice's field: a short label and a colon, then its
// value (日期:, 时间：, 地點:, Date:, Venue:).
var fieldLine = regexp.MustCompile(`^(?:\p{Han}{2,4}|(?i:date|time|venue|place|where|when|cost|contact|speaker|theme))\s?[:：]\s*\S`)

// dateLedItem reports whether s opens with a day and month followed by
// words that say what happens then: an item of a list of events, not a
// date alone (Nov. 5, 2015) nor a row of dates and times.
func dateLedItem(s string) bool {
	m := leadingDate.FindStringIndex(s)
	if m == nil {
		return false
	}
	words := 0
	for _, w := range strings.Fields(s[m[1]:]) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLetter(r) && utf8.RuneCountInString(w) >= 3 && !leadingDate.MatchString(w) {
			words++
		}
	}
	return words >= 2 || (isHan([]rune(s[m[1]:] + " ")[0]) && utf8.RuneCountInString(s[m[1]:]) >= 4)
}

// bridged returns the index in out of the paragraph that the line fs[i]
// goes on with across lines set in another size in its way (a caption
// placed inside the text column, one to three lines), or -1. The line
// must start in lower case, the rest of a sentence, and the paragraph
// must end in no sentence's end: evidence that the caption broke it.
func bridged(fs []frag, i int, out []PDFLine) int {
	f := fs[i]
	if off("caption-bridge") || !startsLower(f.text) || f.item {
		return -1
	}
	j := i - 1
	for j >= 0 && i-j <= 3 && !sameSize(fs[j].size, f.size) && fs[j].page == f.page {
		j--
	}
	if j < 0 || j == i-1 || !sameSize(fs[j].size, f.size) || fs[j].page != f.page || endsSentence(fs[j].text) {
		return -1
	}
	for k := len(out) - 1; k >= 0; k-- {
		if sameSize(out[k].Size, f.size) {
			if out[k].Role == layoutBody && strings.HasSuffix(out[k].Text, fs[j].text) {
				return k
			}
			return -1
		}
	}
	return -1
}

// continues reports whether f goes on with the heading or paragraph whose
// last visual line is p.
func continues(p, f frag, body, gap float64) bool {
	if !sameSize(p.size, f.size) || f.item || startsSignature(f.text) || startsListItem(f.text) || isPictureLine(f.text) || isPictureLine(p.text) {
		return false
	}
	if (p.font.bold != f.font.bold || p.font.italic != f.font.italic) && !full(p) && !p.mixed && !wrappedSentence(p, f) {
		// A bold or italic line that stops short is a heading over the
		// text; one that fills its line began a paragraph with a lead-in.
		return false
	}
	sameColumn := p.page == f.page && p.col == f.col
	besideCap := p.page == f.page && p.capFoot > f.y0 && f.y0 > p.y0 && math.Abs(f.x0-p.capX1) < f.size && !off("drop-cap-run")
	if besideCap {
		// The line under the one a drop cap opens starts right of the
		// cap, where the column finder may see a column of its own.
		sameColumn = true
	}
	if !sameColumn && p.page == f.page && endsOnComma(p.text) && math.Abs((p.x0+p.x1)/2-(f.x0+f.x1)/2) < 0.5*f.size && f.y0 > p.y0 && f.y0-p.y1 < gap+extraGap*f.size && !off("centred-stack") {
		// Lines centred one under the other (a verse in a box, a
		// notice set centred) are each as wide as their words, and the
		// column finder may take each for a column of its own: one
		// straight under another that stops on a comma goes on there.
		sameColumn = true
	}
	// A line indented as far as the one before it stands in an indented
	// block (a list item's lines), not at a paragraph's start; so does
	// one beside the drop cap that opened the line before.
	indent := f.x0-f.left > indentMin*f.size && !(sameColumn && math.Abs(f.x0-p.x0) < 1 && !off("block-indent")) && !besideCap
	if sameColumn && f.x0 < p.x0-indentMin*f.size && !f.item && !off("hanging-indent") {
		// A line that starts left of the one before it, which stops
		// with no sentence ended, is that item's next line, set back
		// under its bullet (a hanging indent), however far in from
		// the column's edge: no paragraph starts left of the text.
		indent = indent && endsSentence(p.text)
	}
	// Centred lines start each elsewhere; none of them is indented.
	centred := sameColumn && math.Abs((p.x0+p.x1)/2-(f.x0+f.x1)/2) < 0.5*f.size && f.x0 > p.x0+indentMin*f.size == (f.x1 < p.x1-indentMin*f.size) && !off("centred-heading")
	if centred && roleOf(f.size, body) == layoutBody && p.x0-p.left > indentMin*f.size {
		indent = false
	}
	if _, ok := partNumber(p.text); ok && !full(p) && startsSentence(f.text) && !off("numbered-line-alone") {
		// 1. Mowing / The grass will be cut …: a numbered line that stops
		// short of its column's edge, ends no sentence and is followed by
		// one that starts a sentence did not wrap: it heads what follows
		// (numberedSubheads).
		return false
	}
	if fieldLine.MatchString(p.text) && !full(p) && !off("field-line") {
		// 日期:3月22日2020年(日) / 地点:会议室; Date: 5 May / Venue: the
		// hall: a notice's field that stops short stands alone, whatever
		// follows it.
		return false
	}
	if dateLedItem(p.text) && dateLedItem(f.text) && !off("date-led-items") {
		// 20 July social meeting … 7.30 pm / 30 July Croquet at Sue's:
		// lines that each open with a date are the items of a list of
		// events, however they end.
		return false
	}
	if roleOf(f.size, body) == layoutBody && !endsSentence(p.text) && startsLower(f.text) && !off("lowercase-continues") {
		// "… sanitary napkins and other" / "harmful to the environment":
		// a sentence goes on in a line that starts in lower case, however
		// far that line is set in (text wrapped around a picture) or
		// wherever it stands next (the next column, the next box).
		return !sameColumn || (f.y0 > p.y0 && f.y0-p.y1 < gap+extraGap*f.size)
	}
	if roleOf(f.size, body) == layoutSmall && !endsSentence(p.text) && startsLower(f.text) && f.y0 > p.y0 && f.y0-p.y1 < gap+extraGap*f.size && f.x0 < p.x1 && f.x1 > p.x0 && !off("lowercase-continues-small") {
		// Text set smaller (a box's list, a caption) goes on in the
		// line straight under it that starts in lower case, though the
		// column finder put that line in a column of its own.
		return true
	}
	if roleOf(f.size, body) != layoutBody {
		// A heading or caption wraps within its column, with no gap.
		if strings.HasPrefix(f.text, "(") || strings.HasPrefix(f.text, "（") || strings.HasPrefix(f.text, "—") || strings.HasPrefix(f.text, "——") {
			// A line of its own under a title: (但以理1:8-21), —记…
			return false
		}
		if brokenOnPurpose(p, f, body, sameColumn, centred) {
			// St Andrew's Church / Churchwarden's Jottings: a heading
			// line that stops where the next line's first word would
			// have fitted was broken on purpose, over a heading of its
			// own (a kicker over the title).
			return false
		}
		return sameColumn && f.y0-p.y1 < headingGap*f.size && f.y0 > p.y0 && (!indent || centred) && p.font == f.font
	}
	if sameColumn && !indent && weakStop(p.text) && !roomForNextWord(p, f) && f.y0 > p.y0 && f.y0-p.y1 < gap+extraGap*f.size && !off("wrapped-weak-stop") {
		// "… Diversity Networks: Black Employee Network;" / "Indigenous
		// Employee Network; …": a line of English that stops on a
		// semicolon or a colon short of its column's edge, where the
		// next line's first word would not have fitted, was wrapped
		// there: its sentence goes on.
		return true
	}
	// A short last line ends a paragraph, unless it stops where no
	// sentence can: a word or a quotation too long for the rest of the
	// line went to the next.
	if indent || (!full(p) && endsSentence(p.text)) {
		return false
	}
	if sameColumn {
		return f.y0 > p.y0 && f.y0-p.y1 < gap+extraGap*f.size
	}
	// A column or page break: the paragraph goes on in the next column
	// unless that starts one. A sentence that ends the column, followed
	// by a line that stands alone (a kicker), ends it.
	if !full(p) && !endsSentence(p.text) && !startsLower(f.text) && !off("short-column-end") {
		// A column that ends on a line stopping short of its edge with
		// no stop (a signature: God bless you all. / Fr Graham) ended
		// its paragraph there: text that wrapped would have filled it.
		return false
	}
	if endsSentence(p.text) && p.x1-p.x0 < 0.8*(f.right-f.left) && !off("narrow-column-end") {
		// A short line that ends a sentence (centred in a box, which the
		// column finder took for a column of its own) ended its
		// paragraph, however full the next column's first line.
		return false
	}
	return !endsSentence(p.text) || full(f)
}

// wrappedSentence reports whether p stops short only because the first
// word of f, which goes on with p's sentence in lower case, did not fit
// after it (a long mail address): the line was wrapped, whatever the
// change of style between them.
func wrappedSentence(p, f frag) bool {
	return startsLower(f.text) && !endsSentence(p.text) && p.page == f.page && p.col == f.col && !roomForNextWord(p, f) && !off("wrapped-style-change")
}

// weakStop reports whether s, a line of Latin script, stops on a
// semicolon or a colon: a pause inside a sentence, where a line may wrap.
func weakStop(s string) bool {
	s = strings.TrimSpace(s)
	return isLatinText(s) && (strings.HasSuffix(s, ";") || strings.HasSuffix(s, ":"))
}

// endsOnComma reports whether s stops on a comma or a semicolon, where no
// sentence ends.
func endsOnComma(s string) bool {
	s = strings.TrimSpace(s)
	return strings.HasSuffix(s, "，") || strings.HasSuffix(s, "、") || strings.HasSuffix(s, "；") || strings.HasSuffix(s, ",") || strings.HasSuffix(s, ";")
}

// brokenOnPurpose reports whether the heading line p stops where the first
// word of f would have fitted: the break between them was chosen.
func brokenOnPurpose(p, f frag, body float64, sameColumn, centred bool) bool {
	return sameColumn && !centred && sameSize(p.size, f.size) && roleOf(f.size, body) == layoutHeading && isLatinText(p.text) && roomForNextWord(p, f) && !off("deliberate-break")
}

// roomForNextWord reports whether the first word of f, in f's size, would
// have fitted at the end of p with room to spare in p's column.
func roomForNextWord(p, f frag) bool {
	word, _, _ := strings.Cut(strings.TrimSpace(f.text), " ")
	n := utf8.RuneCountInString(strings.TrimSpace(f.text))
	if n == 0 || word == "" {
		return false
	}
	w := (f.x1 - f.x0) * float64(utf8.RuneCountInString(word)+1) / float64(n)
	return p.x1+w < p.right-0.5*f.size
}

// full reports whether f reaches the right edge of its column: its text
// went on, or would have, in the next line.
func full(f frag) bool {
	return f.x1+0.9*f.size > f.right
}

// usualGap is the most common space between consecutive body lines.
func usualGap(fs []frag, body float64) float64 {
	count := map[float64]int{}
	for i := 1; i < len(fs); i++ {
		p, f := fs[i-1], fs[i]
		if p.page == f.page && p.col == f.col && sameSize(p.size, body) && sameSize(f.size, body) && f.y0 > p.y1 {
			count[math.Round((f.y0-p.y1)*2)/2]++
		}
	}
	best, n := 0.5*body, 0
	for g, c := range count {
		if c > n || (c == n && g < best) {
			best, n = g, c
		}
	}
	return best
}

func isLetter(c byte) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

// startsSentence reports whether s starts as a sentence does: with a
// capital letter or a Chinese character.
func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || isHan(r)
}

func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

// dropLeadSpace removes a space that stands after the first one or two
// Chinese characters of a line of body text, between two Chinese
// characters: a justifying space that some typesetters put in as a
// character. A space between phrases, which Chinese text does print
// (“榜样河长 示范河湖”), stands between longer runs.
func dropLeadSpace(s string) string {
	n := 0
	for i, r := range s {
		if r == ' ' {
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if n >= 1 && n <= 2 && isHan(next) {
				return s[:i] + s[i+1:]
			}
			return s
		}
		if !isHan(r) {
			return s
		}
		n++
	}
	return s
}

// lineMark records which rule gave a line its role, when a later rule
// must know it: a banner found by its printing on several pages is an
// issue's section; one that names its page's notices is that page's.
type lineMark uint8

const (
	markNone lineMark = iota
	// markRecurring: a heading printed on several pages (recurringWhy).
	markRecurring
	// markPageBanner: the section of one page's notices (pageBannerWhy).
	markPageBanner
	// markColonPart: one of the parts named before a colon under the
	// page's heading (colonPartWhy).
	markColonPart
)
