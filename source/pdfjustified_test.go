package source_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestPDFJustifiedRejoin: in a narrow justified column the spaces of a
// line stretch wider than a gutter, and pdftohtml gives its words as runs
// of their own (1100 | items | being); they are one line of the
// paragraph, not a table's row nor columns, while the gutter beside them,
// white all down the page, still parts the two columns.
func TestPDFJustifiedRejoin(t *testing.T) {
	fonts := `<fontspec id="0" size="10" family="Times" color="#000000"/>
<fontspec id="1" size="16" family="Arial-BoldMT" color="#000000"/>
`
	var runs strings.Builder
	run := func(top, left, width float64, font int, text string) {
		fmt.Fprintf(&runs, `<text top="%g" left="%g" width="%g" height="%g" font="%d">%s</text>`+"\n", top, left, width, map[int]float64{0: 11.5, 1: 18.4}[font], font, text)
	}
	run(40, 30, 110, 1, "Sports Day")
	run(40, 215, 120, 1, "Library Week")
	left := []string{
		"Sports Day will be held on the field",
		"on the last Thursday of term, with races",
		"for every year group and a tug of war",
		"between the staff and the parents.",
	}
	for i, l := range left {
		run(70+14*float64(i), 30, 4.2*float64(len(l)), 0, l)
	}
	// The right column is justified from 215 to 390: a line of few long
	// words comes out word by word.
	right := [][]string{
		{"Library Week begins on Monday, and every class"},
		{"will", "visit", "the", "library"},
		{"to choose a book to take home for the"},
		{"holidays.", "Parents", "are", "welcome"},
		{"to come with them on Friday afternoon."},
	}
	for i, words := range right {
		top := 70 + 14*float64(i)
		if len(words) == 1 {
			w := 175.0
			if i == len(right)-1 {
				w = 150
			}
			run(top, 215, w, 0, words[0])
			continue
		}
		natural := 0.0
		for _, w := range words {
			natural += 4.5 * float64(len(w))
		}
		space := (175 - natural) / float64(len(words)-1)
		x := 215.0
		for _, w := range words {
			run(top, x, 4.5*float64(len(w)), 0, w+" ")
			x += 4.5*float64(len(w)) + space
		}
	}
	got := allText(parseXMLPages(t, "school.pdf", rawPage(fonts, runs.String())))
	mustContain(t, got,
		"paragraph:Library Week begins on Monday, and every class will visit the library to choose a book to take home for the holidays. Parents are welcome to come with them on Friday afternoon.\n",
		"paragraph:Sports Day will be held on the field on the last Thursday of term, with races for every year group and a tug of war between the staff and the parents.\n")
}
