package source

import (
	"fmt"
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
	// FontSize is that typeface's size as the PDF gives it, in points.
	FontSize float64
	// Color, Bold and Italic are its first line's; Bold and Italic say
	// whether most of its characters are so set.
	Color        string
	Bold, Italic bool
	// Top is how far down its page its first line stands, as a share of
	// the page's height: 0 at the top edge, 1 at the bottom.
	Top float64
	// Left and Right are where its first line starts and ends on the page.
	Left, Right float64
	// Why says why a dropped line was dropped, or why a line was given
	// its role.
	Why string
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
	body           float64   // the size of its page's body text
}

var pageNumber = regexp.MustCompile(`^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|第\s*\d{1,4}\s*[版页]|(?i:page)\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$`)

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
		for _, parts := range rows {
			if isTableRow(parts, pg.width) {
				for _, f := range parts {
					out.Dropped = append(out.Dropped, PDFLine{Text: f.text, Role: StyleDropped, Page: f.page, Size: f.size, Why: "table row"})
				}
				continue
			}
			fs = append(fs, parts...)
		}
		all = append(all, fs)
	}
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
	out.Lines = joinLines(ordered, body)
	for i := range out.Lines {
		if h := pages[out.Lines[i].Page-1].height; h > 0 {
			out.Lines[i].Top /= h
		}
	}
	return out
}

// normalizeHeights sets each run's h, its height as a measure of its
// size. A run's box is as tall as its font's ascent and descent make it,
// which differ between fonts of one size: the digits of a line of Chinese,
// set in Arial at the same 11 pt as the KaiTi around them, stand in a box
// 15 % taller. Each font's boxes are scaled by the ratio of box to point
// size that the font of most of the text has, so that one size is one
// height whatever the font, and a size between two others stays so.
func normalizeHeights(pages []pdfPage) {
	ratios := map[string][]float64{}
	chars := map[string]int{}
	for _, pg := range pages {
		for _, l := range pg.lines {
			for _, w := range l {
				if w.font.size > 0 && w.y1 > w.y0 {
					ratios[w.font.family] = append(ratios[w.font.family], (w.y1-w.y0)/w.font.size)
					chars[w.font.family] += utf8.RuneCountInString(w.text)
				}
			}
		}
	}
	median := map[string]float64{}
	main, most := "", -1
	for fam, rs := range ratios {
		slices.Sort(rs)
		median[fam] = rs[len(rs)/2]
		if c := chars[fam]; c > most || (c == most && fam < main) {
			main, most = fam, c
		}
	}
	for p := range pages {
		for _, l := range pages[p].lines {
			for i := range l {
				w := &l[i]
				w.h = w.y1 - w.y0
				if r, ok := median[w.font.family]; ok && r > 0 && !off("font-metrics") {
					w.h *= median[main] / r
				}
			}
		}
	}
}

// splitLine makes fragments of one line of runs, cut where two runs stand
// wider apart than a space can be.
func splitLine(ws []pdfWord, page int) []frag {
	var fs []frag
	var b strings.Builder
	start := 0
	flush := func(end int) {
		f := frag{x0: ws[start].x0, y0: ws[start].y0, x1: ws[start].x1, y1: ws[start].y1, page: page}
		b.Reset()
		chars := map[fontStyle]int{}
		space := wordSpace(ws[start:end])
		for i := start; i < end; i++ {
			w := ws[i]
			if i > start && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(w.text, " ") {
				// Runs carry their own spaces; one set apart without a
				// space is a word of its own unless Chinese meets it.
				// A change of typeface between two words is a space too
				// (BOOK CLUB|Tuesday); a change of font subset alone is not
				// (r|esponsibility).
				styled := w.font.family != ws[i-1].font.family || w.font.bold != ws[i-1].font.bold || w.font.italic != ws[i-1].font.italic
				if (w.x0-ws[i-1].x1 > space*(w.y1-w.y0) || (styled && !off("style-space"))) && !cjkJoin(ws[i-1].text, w.text) {
					b.WriteByte(' ')
				}
			}
			b.WriteString(w.text)
			chars[w.font] += utf8.RuneCountInString(strings.TrimSpace(w.text))
			f.x0 = math.Min(f.x0, w.x0)
			f.x1 = math.Max(f.x1, w.x1)
			f.y0 = math.Min(f.y0, w.y0)
			f.y1 = math.Max(f.y1, w.y1)
			f.size = math.Max(f.size, w.h)
		}
		n := -1
		for st, c := range chars {
			if c > n || (c == n && fontLess(st, f.font)) {
				f.font, n = st, c
			}
		}
		for st, c := range chars {
			if c > 0 && (st.bold != f.font.bold || st.italic != f.font.italic) {
				f.mixed = true
			}
		}

		f.text = unspaceSingles(unspaceHan(strings.Join(strings.Fields(b.String()), " ")))
		if f.text != "" {
			fs = append(fs, f)
		}
		start = end
	}
	for i := 1; i < len(ws); i++ {
		a, b := ws[i-1].h, ws[i].h
		h := math.Max(a, b)
		// Text of another size beside a line is another block (a
		// caption beside the column it interrupts), not its next word.
		resized := math.Abs(a-b) > 0.2*h && ws[i].x0-ws[i-1].x1 > 0.2*h && !off("size-split")
		if ws[i].x0-ws[i-1].x1 > splitGap*h || ws[i].x0 < ws[i-1].x0 || resized {
			flush(i)
		}
	}
	flush(len(ws))
	// A bullet set apart from its item marks where the item starts; the
	// glyph itself is no text, and as a fragment of its own it would
	// make a column of bullets.
	out := fs[:0]
	bullet := false
	for _, f := range fs {
		if isBulletGlyph(f.text) && !off("pdf-bullet") {
			bullet = true
			continue
		}
		if t := strings.TrimLeftFunc(f.text, isSymbolGlyph); t != f.text && t != "" && !off("pdf-bullet") {
			// A dingbat of a symbol font glued to the item it marks.
			f.text, bullet = strings.TrimSpace(t), true
		}
		f.item = bullet
		bullet = false
		out = append(out, f)
	}
	return out
}

// fontLess orders fonts, so that a tie between two fonts of a line is
// settled the same way on every run.
func fontLess(a, b fontStyle) bool {
	return fmt.Sprint(a) < fmt.Sprint(b)
}

// wordSpace is the gap between two runs, in units of their height, above
// which a space stands between them. Most lines come as runs of words and
// a small gap is a space; a letter-spaced heading (E P I C  R o b o t z)
// comes a letter to a run, and only the gaps wider than its letters'
// usual one are spaces.
func wordSpace(ws []pdfWord) float64 {
	const plain = 0.12
	if len(ws) < 4 || off("letter-spacing") {
		return plain
	}
	var gaps []float64
	single := 0
	for i, w := range ws {
		if utf8.RuneCountInString(strings.TrimSpace(w.text)) == 1 {
			single++
		}
		if i > 0 {
			if h := w.y1 - w.y0; h > 0 {
				gaps = append(gaps, (w.x0-ws[i-1].x1)/h)
			}
		}
	}
	if single*10 < len(ws)*6 || len(gaps) == 0 {
		return plain
	}
	slices.Sort(gaps)
	return math.Max(plain, gaps[len(gaps)/2]+0.12)
}

// unspaceHan closes up a Chinese heading set with a space between its
// characters (讲 章 大 纲 ：): spaced this way, every other rune is a space.
func unspaceHan(s string) string {
	rs := []rune(s)
	if len(rs) < 5 || off("spaced-han") {
		return s
	}
	for i, r := range rs {
		if (i%2 == 1) != (r == ' ') || (i%2 == 0 && !isHan(r) && !unicode.IsPunct(r)) {
			return s
		}
	}
	return strings.ReplaceAll(s, " ", "")
}

// unspaceLetters closes up a run set letter-spaced with space characters
// (E P I C   R o b o t z): one space between letters, more between
// words.
func unspaceLetters(s string) string {
	if !strings.Contains(s, "   ") || off("letter-spacing") {
		return s
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ReplaceAll(s, "   ", "\x00"), func(r rune) bool { return r == 0 }) {
		w = strings.TrimSpace(w)
		if w == "" {
			continue
		}
		for _, part := range strings.Split(w, " ") {
			if utf8.RuneCountInString(part) > 1 {
				return s
			}
		}
		words = append(words, strings.ReplaceAll(w, " ", ""))
	}
	if len(words) == 0 {
		return s
	}
	return " " + strings.Join(words, " ") + " "
}

// unspaceSingles closes up a word set letter-spaced with one space
// between its letters (N E W S L E T T E R): four or more single letters
// and nothing else.
func unspaceSingles(s string) string {
	f := strings.Fields(s)
	if len(f) < 4 || off("letter-spacing") {
		return s
	}
	for _, w := range f {
		if r, n := utf8.DecodeRuneInString(w); n != len(w) || !unicode.IsLetter(r) {
			return s
		}
	}
	return strings.Join(f, "")
}

// labelLine opens a line of a notice's particulars: 日期：, 地点:, Date:,
// Venue:.
var labelLine = regexp.MustCompile(`^(?:\p{Han}{2,4}|[A-Z][a-z]{2,9})\s?[:：]\s*\S`)

// startsListItem reports whether a line opens an item of a list: 1.,
// 一、, (2), a., b), a bullet glued to its text (·谁？), or a label of a
// notice's particulars (日期：1月8日, Venue: the hall).
func startsListItem(s string) bool {
	if off("list-item-line") {
		return false
	}
	if isEnumerated(s) || labelLine.MatchString(s) {
		return true
	}
	rs := []rune(s)
	if len(rs) >= 3 && ((rs[0] >= 'a' && rs[0] <= 'h') || (rs[0] >= 'A' && rs[0] <= 'H')) && (rs[1] == '.' || rs[1] == ')') && rs[2] != '.' {
		// a. b) — not "e.g." nor "A.M." (a letter again after the dot).
		return len(rs) < 4 || !unicode.IsLetter(rs[3]) || rs[2] == ' ' || isWide(rs[2])
	}
	return len(rs) >= 2 && strings.ContainsRune("·•▪◆◇●○■□►▶➢➤✓✔", rs[0])
}

// startsSignature reports whether a line opens with the mark of a
// signature (～熊添财, — Jane Doe): it is a line of its own.
func startsSignature(s string) bool {
	if off("signature-mark") {
		return false
	}
	t := strings.TrimLeft(s, "～~—–- ")
	if t == s || t == "" || utf8.RuneCountInString(t) > 30 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	return (strings.HasPrefix(s, "～") || strings.HasPrefix(s, "~") || strings.HasPrefix(s, "—")) && (isHan(r) || unicode.IsUpper(r))
}

// isSymbolGlyph reports whether r is a symbol font's dingbat (Wingdings
// and the like map them to the private use area) or a space.
func isSymbolGlyph(r rune) bool {
	return (r >= 0xE000 && r <= 0xF8FF) || r == ' '
}

// isBulletGlyph reports whether s is a list bullet alone: •, ◆, ▪, a
// dingbat from a symbol font's private use area.
func isBulletGlyph(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) {
		return false
	}
	return strings.ContainsRune("•·◆◇▪▫■□●○►▶➢➤✓✔-–—*", r) || (r >= 0xE000 && r <= 0xF8FF)
}

// isTableRow reports whether the fragments of one printed line are the
// cells of a table (a roster, a calendar, a list of names in columns):
// three or more side by side on one baseline, each narrower than a column
// of text is.
func isTableRow(parts []frag, width float64) bool {
	if len(parts) < 3 || width <= 0 || off("table-row") {
		return false
	}
	for _, f := range parts {
		// Cells of a row stand on one baseline; columns of text that
		// meet at one height each keep their own.
		if f.x1-f.x0 > 0.22*width || math.Abs(f.y1-parts[0].y1) > 1 {
			return false
		}
	}
	return true
}

// cjkJoin reports whether two runs meet without a space: a run of Chinese
// needs none before or after it, whatever the gap.
func cjkJoin(a, b string) bool {
	r, _ := utf8.DecodeLastRuneInString(a)
	s, _ := utf8.DecodeRuneInString(b)
	return isWide(r) || isWide(s)
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

// dropFurnitureFrags removes from page p the page numbers and the running
// heads and footers: text in the top or bottom zone that recurs, its
// digits aside, at the same height on other pages.
func dropFurnitureFrags(all [][]frag, p int, height float64, heads recurring, out *PDFText) []frag {
	kept := all[p][:0:0]
	for _, f := range all[p] {
		inZone := height > 0 && (f.y1 < furnitureZone*height || f.y0 > (1-furnitureZone)*height)
		why := ""
		if inZone {
			switch {
			case pageNumber.MatchString(strings.TrimSpace(f.text)):
				why = "page number"
			case heads.recurs(len(all), p, f):
				why = "running head"
			}
		}
		if why != "" {
			out.Dropped = append(out.Dropped, PDFLine{Text: f.text, Role: StyleDropped, Page: f.page, Size: f.size, Why: why})
			continue
		}
		kept = append(kept, f)
	}
	return kept
}

// recurring holds, for each text (its digits aside) and each height
// rounded to a point, the pages it stands on there: a running head stands
// at one height on most pages. Made once, it answers for every fragment
// without a scan of every page, however long the issue.
type recurring map[string]map[int]map[int]bool

func indexRecurring(all [][]frag) recurring {
	r := recurring{}
	for p, fs := range all {
		for _, f := range fs {
			k, y := digitless(f.text), int(math.Round(f.y0))
			if r[k] == nil {
				r[k] = map[int]map[int]bool{}
			}
			if r[k][y] == nil {
				r[k][y] = map[int]bool{}
			}
			r[k][y][p] = true
		}
	}
	return r
}

// recurs reports whether f, on page p of n, stands again at its height
// (within about 2 points) on at least half of the other pages.
func (r recurring) recurs(n, p int, f frag) bool {
	if n < 2 {
		return false
	}
	at := r[digitless(f.text)]
	y := int(math.Round(f.y0))
	seen := map[int]bool{}
	for d := -2; d <= 2; d++ {
		for q := range at[y+d] {
			if q != p {
				seen[q] = true
				if len(seen)*2 >= n-1 {
					return true
				}
			}
		}
	}
	return false
}

func digitless(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '#'
		}
		return r
	}, s)
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
func joinLines(fs []frag, body float64) []PDFLine {
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
		starts := i == 0 || !continues(fs[i-1], f, f.body, gap)
		if starts {
			flush()
		}
		n := utf8.RuneCountInString(f.text)
		chars += n
		if f.font.bold {
			bold += n
		}
		if f.font.italic {
			italic += n
		}
		if starts {
			cur = PDFLine{Role: role, Page: f.page, Size: f.size, Font: f.font.family, FontSize: f.font.size, Color: f.font.color, Bold: f.font.bold, Italic: f.font.italic, Left: f.x0, Right: f.x1, Top: f.y0}
			b = append(b, f.text...)
			continue
		}
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
	return out
}

// continues reports whether f goes on with the heading or paragraph whose
// last visual line is p.
func continues(p, f frag, body, gap float64) bool {
	if !sameSize(p.size, f.size) || f.item || startsSignature(f.text) || startsListItem(f.text) {
		return false
	}
	if (p.font.bold != f.font.bold || p.font.italic != f.font.italic) && !full(p) && !p.mixed {
		// A bold or italic line that stops short is a heading over the
		// text; one that fills its line began a paragraph with a lead-in.
		return false
	}
	sameColumn := p.page == f.page && p.col == f.col
	// A line indented as far as the one before it stands in an indented
	// block (a list item's lines), not at a paragraph's start.
	indent := f.x0-f.left > indentMin*f.size && !(sameColumn && math.Abs(f.x0-p.x0) < 1 && !off("block-indent"))
	// Centred lines start each elsewhere; none of them is indented.
	centred := sameColumn && math.Abs((p.x0+p.x1)/2-(f.x0+f.x1)/2) < 0.5*f.size && f.x0 > p.x0+indentMin*f.size == (f.x1 < p.x1-indentMin*f.size) && !off("centred-heading")
	if centred && roleOf(f.size, body) == layoutBody && p.x0-p.left > indentMin*f.size {
		indent = false
	}
	if roleOf(f.size, body) != layoutBody {
		// A heading or caption wraps within its column, with no gap.
		if strings.HasPrefix(f.text, "(") || strings.HasPrefix(f.text, "（") || strings.HasPrefix(f.text, "—") || strings.HasPrefix(f.text, "——") {
			// A line of its own under a title: (但以理1:8-21), —记…
			return false
		}
		return sameColumn && f.y0-p.y1 < headingGap*f.size && f.y0 > p.y0 && (!indent || centred) && p.font == f.font
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
	return !endsSentence(p.text) || full(f)
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

func startsLower(s string) bool { return len(s) > 0 && s[0] >= 'a' && s[0] <= 'z' }

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
