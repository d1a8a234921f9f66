package source

import (
	"bytes"
	"html"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pdfWord is one run of text of a PDF page, set in one font, with its box
// in points from the top left corner.
type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
	font           fontStyle
	h              float64 // its height, the same for every font of one size: see normalizeHeights
}

// fontStyle is what a run's font says of its role: a heading is larger,
// bolder or in another colour than the body text; a caption smaller or
// italic.
type fontStyle struct {
	family string  // without the subset prefix (BCDEEE+)
	size   float64 // the font's size in points, as pdftohtml rounds it
	color  string
	bold   bool
	italic bool
}

// pdfPage is one page as lines of runs, and the images drawn on it.
type pdfPage struct {
	width, height float64
	lines         [][]pdfWord
	images        []pdfImage
	// sideways counts the runs left out as set sideways.
	sideways int
}

// pdfImage is one image drawn on a page: its box in points from the top
// left corner, and the name of the file pdftohtml wrote it to.
type pdfImage struct {
	x0, y0, x1, y1 float64
	src            string
}

// parseXML reads the XML of pdftohtml -xml. It scans for the few tags it
// needs rather than decoding XML: the output is regular, and a scan is
// many times faster than encoding/xml on it. Runs are grouped into visual
// lines by their vertical overlap.
func parseXML(out []byte) []pdfPage {
	var pages []pdfPage
	fonts := map[string]fontStyle{}
	var runs []pdfWord
	var cur *pdfPage
	flush := func() {
		if cur != nil {
			cur.lines = groupLines(runs)
		}
		runs = runs[:0]
	}
	s := out
	for {
		i := bytes.IndexByte(s, '<')
		if i < 0 {
			break
		}
		s = s[i+1:]
		end := bytes.IndexByte(s, '>')
		if end < 0 {
			break
		}
		attrs := s[:end]
		switch {
		case bytes.HasPrefix(s, []byte("page ")):
			flush()
			pages = append(pages, pdfPage{width: attrFloat(attrs, "width"), height: attrFloat(attrs, "height")})
			cur = &pages[len(pages)-1]
		case bytes.HasPrefix(s, []byte("fontspec ")):
			family := attrString(attrs, "family")
			if j := strings.IndexByte(family, '+'); j == 6 {
				family = family[j+1:]
			}
			lower := strings.ToLower(family)
			fonts[attrString(attrs, "id")] = fontStyle{
				family: family,
				size:   attrFloat(attrs, "size"),
				color:  strings.ToLower(attrString(attrs, "color")),
				bold:   containsAny(lower, "bold", "black", "heavy", "demi", "semibold", "-bd", "extrab", "黑体", "粗"),
				italic: containsAny(lower, "italic", "oblique", "-it", "kursiv"),
			}
		case bytes.HasPrefix(s, []byte("image ")):
			x, y := attrFloat(attrs, "left"), attrFloat(attrs, "top")
			w, h := attrFloat(attrs, "width"), attrFloat(attrs, "height")
			src := attrString(attrs, "src")
			if cur == nil || src == "" || !finite(x, y, w, h) {
				break
			}
			// The src is the path pdftohtml wrote: only its last element
			// names the file.
			if j := strings.LastIndexByte(src, '/'); j >= 0 {
				src = src[j+1:]
			}
			cur.images = append(cur.images, pdfImage{x0: math.Min(x, x+w), y0: math.Min(y, y+h), x1: math.Max(x, x+w), y1: math.Max(y, y+h), src: html.UnescapeString(src)})
		case bytes.HasPrefix(s, []byte("text ")):
			rest := s[end+1:]
			close := bytes.Index(rest, []byte("</text>"))
			if close < 0 {
				break
			}
			inner := rest[:close]
			s = rest[close:]
			// Control characters, soft hyphens and zero-width marks go, as
			// they do from text input.
			text := cleanRun(unspaceLetters(foldWidth(html.UnescapeString(stripTags(inner)))))
			if strings.TrimSpace(text) == "" || cur == nil {
				continue
			}
			f := fonts[attrString(attrs, "font")]
			if bytes.HasPrefix(inner, []byte("<b>")) || bytes.HasPrefix(inner, []byte("<i><b>")) {
				f.bold = true
			}
			if bytes.HasPrefix(inner, []byte("<i>")) || bytes.HasPrefix(inner, []byte("<b><i>")) {
				f.italic = true
			}
			x, y := attrFloat(attrs, "left"), attrFloat(attrs, "top")
			w, h := attrFloat(attrs, "width"), attrFloat(attrs, "height")
			if !finite(x, y, w, h) {
				continue
			}
			// Text set sideways (a margin band, a table's column heads, a
			// page turned to landscape) comes with no width: pdftohtml
			// measures a run along the line, and its characters follow
			// one another down the page. It is never an article's text,
			// and read as lines it is one character per line.
			if sideways(w, h, text) && !off("sideways-text") {
				cur.sideways++
				continue
			}
			// Mirrored text comes with a negative width or height: its
			// box is the same on the other side.
			x0, x1 := math.Min(x, x+w), math.Max(x, x+w)
			y0, y1 := math.Min(y, y+h), math.Max(y, y+h)
			runs = append(runs, pdfWord{x0: x0, y0: y0, x1: x1, y1: y1, text: text, font: f})
		}
	}
	flush()
	return pages
}

// sideways reports whether a run of visible text has no width along its
// line: turned 90°, its extent is all in the other direction.
func sideways(w, h float64, text string) bool {
	return math.Abs(w) < 0.01 && h > 0 && strings.TrimSpace(text) != ""
}

// cleanRun cleans a run's text as cleanLine cleans a line, but keeps a
// space at either end: runs carry the spaces between them.
func cleanRun(s string) string {
	clean, _ := cleanLine(s)
	if clean == "" {
		return ""
	}
	if r, _ := utf8.DecodeRuneInString(s); unicode.IsSpace(r) {
		clean = " " + clean
	}
	if r, _ := utf8.DecodeLastRuneInString(s); unicode.IsSpace(r) {
		clean += " "
	}
	return clean
}

// finite reports whether every value is a number: a box of NaN or
// infinity places nothing.
func finite(vs ...float64) bool {
	for _, v := range vs {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// groupLines puts runs that share a line (each overlapping the line's
// height by half of its own) together, left to right, lines top down.
func groupLines(runs []pdfWord) [][]pdfWord {
	rs := slices.Clone(runs)
	slices.SortStableFunc(rs, func(a, b pdfWord) int { return cmpFloat(a.y0+a.y1, b.y0+b.y1) })
	var lines [][]pdfWord
	var top, bottom float64
	for _, r := range rs {
		if n := len(lines); n > 0 {
			overlap := math.Min(bottom, r.y1) - math.Max(top, r.y0)
			if overlap > 0.5*math.Min(r.y1-r.y0, bottom-top) {
				lines[n-1] = append(lines[n-1], r)
				// A run much taller than the line (a drop cap beside
				// three lines) joins it but does not widen it, or it
				// would pull the lines under it into this one.
				if r.y1-r.y0 <= 1.5*(bottom-top) {
					top, bottom = math.Min(top, r.y0), math.Max(bottom, r.y1)
				}
				continue
			}
		}
		lines = append(lines, []pdfWord{r})
		top, bottom = r.y0, r.y1
	}
	for _, l := range lines {
		slices.SortStableFunc(l, func(a, b pdfWord) int { return cmpFloat(a.x0, b.x0) })
	}
	return lines
}

// stripTags removes the <b>, <i> and <a …> tags pdftohtml puts in a run.
func stripTags(b []byte) string {
	if bytes.IndexByte(b, '<') < 0 {
		return string(b)
	}
	var out strings.Builder
	for len(b) > 0 {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			out.Write(b)
			break
		}
		out.Write(b[:i])
		j := bytes.IndexByte(b[i:], '>')
		if j < 0 {
			break
		}
		b = b[i+j+1:]
	}
	return out.String()
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// attrString returns the value of the attribute name="…" in attrs, or "".
func attrString(attrs []byte, name string) string {
	i := 0
	for {
		j := bytes.Index(attrs[i:], []byte(name))
		if j < 0 {
			return ""
		}
		i += j
		rest := attrs[i+len(name):]
		if (i == 0 || attrs[i-1] == ' ') && len(rest) > 2 && rest[0] == '=' && rest[1] == '"' {
			rest = rest[2:]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				return ""
			}
			return string(rest[:end])
		}
		i += len(name)
	}
}

// attrFloat returns the value of the attribute name="…" in attrs, or 0.
func attrFloat(attrs []byte, name string) float64 {
	f, _ := strconv.ParseFloat(attrString(attrs, name), 64)
	return f
}

// foldWidth maps full-width digits and Latin letters to ASCII, as Unicode
// NFKC does; the character maps of Chinese fonts produce them for text
// that was typed half-width. Nothing else is folded: full-width
// punctuation is how Chinese is written.
func foldWidth(s string) string {
	if !strings.Contains(s, "\xef\xbc") && !strings.Contains(s, "\xef\xbd") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if (r >= '０' && r <= '９') || (r >= 'Ａ' && r <= 'Ｚ') || (r >= 'ａ' && r <= 'ｚ') {
			r -= 0xFEE0
		}
		b.WriteRune(r)
	}
	return b.String()
}
