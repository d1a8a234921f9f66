package source

import (
	"math"
	"strings"
	"unicode/utf8"
)

// justifiedReach is how many lines above and below a gap are looked at
// to tell a justified line's wide word space from a gutter.
const justifiedReach = 3

// rejoinJustified joins back the fragments of a line of justified text
// that splitLine cut at its widest word spaces (1100 | items | being):
// in a narrow justified column a space may be wider than a gutter is.
// A gutter is white all down the lines beside it; a word space has ink
// above or below it, the words of the lines around. So a gap between
// two fragments of one size on one baseline is closed when, of the
// nearest lines of that size above and below that stand over both
// fragments, more have a fragment across the gap than have white there.
// rows are a page's lines, top down, each cut by splitLine.
func rejoinJustified(rows [][]frag) [][]frag {
	if off("justified-rejoin") {
		return rows
	}
	for changed := true; changed; {
		changed = false
		for r := range rows {
			for i := 1; i < len(rows[r]); i++ {
				a, b := rows[r][i-1], rows[r][i]
				if !wordSpaceGap(rows, r, a, b) {
					continue
				}
				rows[r][i-1] = joinFrags(a, b)
				rows[r] = append(rows[r][:i], rows[r][i+1:]...)
				i--
				changed = true
			}
		}
	}
	return rows
}

// wordSpaceGap reports whether the gap between a and b, neighbours on
// row r, is a space between words of one justified line.
func wordSpaceGap(rows [][]frag, r int, a, b frag) bool {
	h := math.Max(a.y1-a.y0, b.y1-b.y0)
	if !sameSize(a.size, b.size) || b.item || b.x0 <= a.x1 || b.x0-a.x1 > 4*h || math.Abs(a.y1-b.y1) > 0.2*h {
		return false
	}
	ink, white := 0, 0
	for _, dir := range []int{-1, 1} {
		// Lines are looked at while each stands within a line's height
		// of the one before it: the lines of one block of text.
		edge, seen := a.y0, 0
		if dir > 0 {
			edge = a.y1
		}
		for k := r + dir; k >= 0 && k < len(rows) && seen < justifiedReach; k += dir {
			how, y0, y1 := lineAcross(rows[k], a, b)
			if how == gapAway {
				continue
			}
			if (dir < 0 && edge-y1 > h) || (dir > 0 && y0-edge > h) {
				break
			}
			if how == gapInked {
				ink++
			} else {
				white++
			}
			edge, seen = y0, seen+1
			if dir > 0 {
				edge = y1
			}
		}
	}
	return ink > 0 && ink > white
}

const (
	gapAway  = iota // the line stands over neither fragment, or is of another size
	gapInked        // one fragment of the line runs across the gap
	gapWhite        // the line stands over both fragments, white at the gap
)

// lineAcross says how the line row stands over the gap between a and b,
// and where its fragments over them stand from top to bottom.
func lineAcross(row []frag, a, b frag) (how int, y0, y1 float64) {
	overA, overB := false, false
	y0, y1 = math.Inf(1), math.Inf(-1)
	for _, f := range row {
		if !sameSize(f.size, a.size) {
			continue
		}
		// A line of the same column runs from its left edge, or from
		// an indent's width left of a's (a's line starts a paragraph),
		// across both.
		if f.x0 <= a.x0+0.5*a.size && f.x0 >= a.x0-3*a.size && f.x1 >= b.x1-0.5*a.size {
			return gapInked, f.y0, f.y1
		}
		oa, ob := f.x0 < a.x1 && f.x1 > a.x0, f.x0 < b.x1 && f.x1 > b.x0
		if oa || ob {
			y0, y1 = math.Min(y0, f.y0), math.Max(y1, f.y1)
		}
		overA, overB = overA || oa, overB || ob
	}
	if overA && overB {
		return gapWhite, y0, y1
	}
	return gapAway, y0, y1
}

// joinFrags returns a and b, one after the other on a line, as one
// fragment with a space between them (none beside Chinese).
func joinFrags(a, b frag) frag {
	sep := " "
	if cjkJoin(a.text, b.text) {
		sep = ""
	}
	out := a
	out.text = a.text + sep + b.text
	out.x0, out.x1 = math.Min(a.x0, b.x0), math.Max(a.x1, b.x1)
	out.y0, out.y1 = math.Min(a.y0, b.y0), math.Max(a.y1, b.y1)
	out.size = math.Max(a.size, b.size)
	if utf8.RuneCountInString(b.text) > utf8.RuneCountInString(a.text) {
		out.font = b.font
	}
	out.mixed = a.mixed || b.mixed || a.font.bold != b.font.bold || a.font.italic != b.font.italic
	out.text = strings.TrimSpace(out.text)
	return out
}
