package source

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/width"
)

// LineRole is one line of a PDF as the parser read it: the page it stands
// on, the role its typography gave it (StyleHeading, StyleBody …, or
// StyleDropped), its type, its text and why it got that role. It is what
// parse --format text prints and what the console's preview shows, so
// that both explain a parse in the same words.
type LineRole struct {
	Page  int
	Role  string
	Style string // size in points, then bold and italic: "10.5pt bold"
	Text  string
	Why   string
}

// Roles returns every line of t with its role, in reading order, then
// the lines the layout dropped (running heads, page numbers) with why.
func (t *PDFText) Roles() []LineRole {
	out := make([]LineRole, 0, len(t.Lines)+len(t.Dropped))
	for _, l := range t.Lines {
		out = append(out, LineRole{Page: l.Page, Role: l.Role, Style: l.style(), Text: l.Text, Why: l.Why})
	}
	for _, l := range t.Dropped {
		out = append(out, LineRole{Page: l.Page, Role: StyleDropped, Style: l.style(), Text: l.Text, Why: l.Why})
	}
	return out
}

// style says how a line is set: its size, bold, italic.
func (l PDFLine) style() string {
	s := fmt.Sprintf("%.1fpt", l.Size)
	if l.Bold {
		s += " bold"
	}
	if l.Italic {
		s += " italic"
	}
	return s
}

// WriteRoles prints the lines recovered from a PDF with their pages, roles
// and type, the start of their text and why, then what was dropped as
// running heads and page numbers, so that staff can see why the parse
// split an issue where it did (parse --format text).
func WriteRoles(w io.Writer, t *PDFText) error {
	var b strings.Builder
	fmt.Fprintf(&b, "recovered from %d pages: %d lines; articles cut by %s\n", t.Pages, len(t.Lines), t.Method)
	for _, l := range t.Roles() {
		if l.Role == StyleDropped {
			fmt.Fprintf(&b, "  p%-3d dropped (%s)  %s\n", l.Page, l.Why, l.Text)
			continue
		}
		why := ""
		if l.Why != "" {
			why = "  (" + l.Why + ")"
		}
		fmt.Fprintf(&b, "  p%-3d %-9s %-17s %s%s\n", l.Page, l.Role, l.Style, Shorten(l.Text, 30), why)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// Shorten cuts s to about n Chinese characters (2n Latin ones, counted in
// terminal columns) and marks the cut with an ellipsis.
func Shorten(s string, n int) string {
	w := 0
	for i, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			w += 2
		default:
			w++
		}
		if w > 2*n {
			return s[:i] + "…"
		}
	}
	return s
}
