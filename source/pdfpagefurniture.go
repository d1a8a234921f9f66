package source

import (
	"math"
	"regexp"
	"strings"
)

var pageNumber = regexp.MustCompile(`^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|第\s*\d{1,4}\s*[版页]|(?i:page)\s+\d{1,4}(?:\s+of\s+\d{1,4})?|\d{1,4}\s*/\s*\d{1,4})$`)

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
