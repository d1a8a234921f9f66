package source

import (
	"bytes"
	"html"
	"strconv"
	"strings"
)

// pdfWord is one word of a PDF page with its box, in points from the top
// left corner.
type pdfWord struct {
	x0, y0, x1, y1 float64
	text           string
}

// pdfPage is one page as pdftotext's lines of words.
type pdfPage struct {
	width, height float64
	lines         [][]pdfWord
}

// parseBBox reads the XHTML of pdftotext -bbox-layout. It scans for the
// few tags it needs rather than decoding XML: the output is regular, and
// a scan is many times faster than encoding/xml on it.
func parseBBox(out []byte) []pdfPage {
	var pages []pdfPage
	var cur *pdfPage
	var line []pdfWord
	s := out
	for {
		i := bytes.IndexByte(s, '<')
		if i < 0 {
			break
		}
		s = s[i+1:]
		switch {
		case bytes.HasPrefix(s, []byte("page ")):
			end := bytes.IndexByte(s, '>')
			if end < 0 {
				return pages
			}
			attrs := s[:end]
			pages = append(pages, pdfPage{width: attrFloat(attrs, "width"), height: attrFloat(attrs, "height")})
			cur = &pages[len(pages)-1]
		case bytes.HasPrefix(s, []byte("line ")):
			line = nil
		case bytes.HasPrefix(s, []byte("/line>")):
			if cur != nil && len(line) > 0 {
				cur.lines = append(cur.lines, line)
			}
			line = nil
		case bytes.HasPrefix(s, []byte("word ")):
			end := bytes.IndexByte(s, '>')
			if end < 0 {
				return pages
			}
			attrs := s[:end]
			rest := s[end+1:]
			close := bytes.IndexByte(rest, '<')
			if close < 0 {
				return pages
			}
			text := foldWidth(html.UnescapeString(string(rest[:close])))
			s = rest[close:]
			if strings.TrimSpace(text) == "" {
				continue
			}
			line = append(line, pdfWord{
				x0: attrFloat(attrs, "xMin"), y0: attrFloat(attrs, "yMin"),
				x1: attrFloat(attrs, "xMax"), y1: attrFloat(attrs, "yMax"),
				text: text,
			})
		}
	}
	return pages
}

// attrFloat returns the value of the attribute name="…" in attrs, or 0.
func attrFloat(attrs []byte, name string) float64 {
	i := 0
	for {
		j := bytes.Index(attrs[i:], []byte(name))
		if j < 0 {
			return 0
		}
		i += j
		rest := attrs[i+len(name):]
		if (i == 0 || attrs[i-1] == ' ') && len(rest) > 2 && rest[0] == '=' && rest[1] == '"' {
			rest = rest[2:]
			end := bytes.IndexByte(rest, '"')
			if end < 0 {
				return 0
			}
			f, _ := strconv.ParseFloat(string(rest[:end]), 64)
			return f
		}
		i += len(name)
	}
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
