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
		// A drop cap glued to its line's first words (今|天我想…) is
		// a letter of the line, not its size: the line is measured by the
		// runs after it, though its box holds the cap.
		capAt := -1
		if end-start > 1 && start == 0 && dropCapRun(ws[start], ws[start+1:end]) {
			capAt = start
			f.capFoot, f.capX1 = ws[start].y1, ws[start].x1
		}
		for i := start; i < end; i++ {
			w := ws[i]
			if i > start && i-1 != capAt && !strings.HasSuffix(b.String(), " ") && !strings.HasPrefix(w.text, " ") {
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
			f.x0 = math.Min(f.x0, w.x0)
			f.x1 = math.Max(f.x1, w.x1)
			f.y0 = math.Min(f.y0, w.y0)
			f.y1 = math.Max(f.y1, w.y1)
			if i == capAt {
				continue
			}
			chars[w.font] += utf8.RuneCountInString(strings.TrimSpace(w.text))
			f.size = math.Max(f.size, w.h)
		}
		f.font = dominantStyle(chars)
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
		// Words far larger than the words beside them, on another
		// baseline, are another block however close they stand (a
		// Chinese title and its English name set small at its top
		// right); a name set small after a title stands on its
		// baseline, and a drop cap is a letter of its line.
		if math.Min(a, b) > 0 && h > 1.6*math.Min(a, b) && math.Abs(ws[i].y1-ws[i-1].y1) > 0.3*h && !(i == 1 && dropCapRun(ws[0], ws[1:2])) && !off("size-apart") {
			resized = true
		}
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
	var mark frag
	for _, f := range fs {
		if isBulletGlyph(f.text) && !off("pdf-bullet") {
			bullet, mark = true, f
			continue
		}
		if bullet && f.x0-mark.x1 > 3*(f.y1-f.y0) && !off("bullet-reach") {
			// A mark far from the text after it, across a gutter (a
			// table's dash for an empty cell), is not its bullet.
			bullet = false
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

// dropCapRun reports whether w, the first run of a line, is a drop cap
// set against the runs after it: one letter or Chinese character more
// than twice their height, standing on their line, its top no lower
// than theirs, and reaching down past their foot over the lines under
// them.
func dropCapRun(w pdfWord, rest []pdfWord) bool {
	if off("drop-cap-run") || utf8.RuneCountInString(strings.TrimSpace(w.text)) != 1 || !hasWordChar(w.text) {
		return false
	}
	h := 0.0
	for _, r := range rest {
		h = math.Max(h, r.h)
	}
	next := rest[0]
	return h > 0 && w.h > 2*h && w.y0 <= next.y0+0.5*h && w.y1 > next.y1+h && next.x0-w.x1 < h
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
	if len(rs) >= 3 && rs[0] == '-' && isHan(rs[1]) && !off("hyphen-bullet") {
		// -客语堂崇拜照常: a hyphen set as a bullet before Chinese text,
		// where no wrapped line starts with one.
		return true
	}
	return len(rs) >= 2 && strings.ContainsRune(bulletGlyphs, rs[0])
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

// bulletGlyphs open the items of a list: glued to the item (·谁？) or set
// apart from it; a dash or an asterisk counts only set apart. ¨ is how a
// Wingdings bullet comes out of some text layers.
const bulletGlyphs = "•·◆◇▪▫■□●○►▶➢➤✓✔¨"

// isBulletGlyph reports whether s is a list bullet alone: •, ◆, ▪, a
// dingbat from a symbol font's private use area.
func isBulletGlyph(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	if n != len(s) {
		return false
	}
	return strings.ContainsRune(bulletGlyphs+"-–—*", r) || (r >= 0xE000 && r <= 0xF8FF)
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

// dominantStyle is the style of most of the characters counted in chars,
// the least by fontLess among equals, so that the choice is the same at
// every run.
func dominantStyle(chars map[fontStyle]int) fontStyle {
	var best fontStyle
	n := -1
	for st, c := range chars {
		if c > n || (c == n && fontLess(st, best)) {
			best, n = st, c
		}
	}
	return best
}
