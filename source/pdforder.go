package source

import (
	"math"
	"slices"
)

// minGutter is the narrowest white strip, in points, that separates two
// columns or a sidebar from the text beside it. Spaces between words are
// never this wide once a line is split at its gaps.
const minGutter = 6.0

// xyOrder returns a page's fragments in reading order by recursive XY-cut:
// a region is cut at a white strip from its top to its bottom (a gutter)
// into left and right parts, read left first; failing that, at its widest
// white strip across its whole width into upper and lower parts. Each part
// is cut again until none can be. A sidebar, a box or a column is so read
// as a block, whatever lines of the text beside it stand at its height.
//
// The parts that stand one above the other with the same left edge are
// then one column: its fragments share the column's left edge and the
// right edge most of its full lines reach, from which indents and short
// last lines are judged.
func xyOrder(fs []frag, body float64) []frag {
	var leaves [][]frag
	xyCut(slices.Clone(fs), &leaves)
	out := make([]frag, 0, len(fs))
	col := -1
	var prevX0, prevX1 float64
	for _, leaf := range leaves {
		x0, x1 := math.Inf(1), math.Inf(-1)
		for _, f := range leaf {
			x0, x1 = math.Min(x0, f.x0), math.Max(x1, f.x1)
		}
		// A part under the one before, starting at its left edge (within
		// an indent: two characters, a Chinese paragraph's first line,
		// give or take the point to which pdftohtml rounds each edge)
		// and mostly over it, goes on in its column.
		reach := 2 * body
		if !off("indent-reach") {
			reach += 1
		}
		overlap := math.Min(x1, prevX1) - math.Max(x0, prevX0)
		if col < 0 || math.Abs(x0-prevX0) > reach || overlap < 0.5*math.Min(x1-x0, prevX1-prevX0) {
			col++
			prevX0, prevX1 = x0, x1
		} else {
			prevX0, prevX1 = math.Min(prevX0, x0), math.Max(prevX1, x1)
		}
		for _, f := range leaf {
			f.col = col
			out = append(out, f)
		}
	}
	// Each column's edges.
	for c := 0; c <= col; c++ {
		left := math.Inf(1)
		var rights []float64
		for _, f := range out {
			if f.col != c {
				continue
			}
			left = math.Min(left, f.x0)
			if sameSize(f.size, body) {
				rights = append(rights, f.x1)
			}
		}
		enough := 3
		if len(rights) < 3 && !off("column-type") {
			// A column of few lines, or of text set in another size
			// than the page's body (an introduction, a box), is
			// measured by its own lines in its own type, not by a
			// title over it.
			rights, enough = columnRights(out, c), 2
		}
		right := math.Inf(-1)
		if len(rights) >= enough {
			slices.Sort(rights)
			right = rights[len(rights)*3/4]
		} else {
			for _, f := range out {
				if f.col == c {
					right = math.Max(right, f.x1)
				}
			}
		}
		for i := range out {
			if out[i].col == c {
				out[i].left, out[i].right = left, right
			}
		}
	}
	return out
}

// xyCut appends the leaves of region fs to leaves, in reading order.
func xyCut(fs []frag, leaves *[][]frag) {
	if len(fs) <= 1 {
		if len(fs) == 1 {
			*leaves = append(*leaves, fs)
		}
		return
	}
	horizontal := func(f frag) (float64, float64) { return f.x0, f.x1 }
	vertical := func(f frag) (float64, float64) { return f.y0, f.y1 }
	if gaps := widestGaps(fs, horizontal, minGutter); len(gaps) > 0 {
		cutAt(fs, gaps, horizontal, leaves)
		return
	}
	if gaps := underTitle(fs); len(gaps) > 0 {
		cutAt(fs, gaps, vertical, leaves)
		return
	}
	if gaps := widestGaps(fs, vertical, 0); len(gaps) > 0 {
		cutAt(fs, gaps, vertical, leaves)
		return
	}
	// No white strip across the region: lines at one height, top down.
	slices.SortStableFunc(fs, func(a, b frag) int {
		if c := cmpFloat(a.y0, b.y0); c != 0 {
			return c
		}
		return cmpFloat(a.x0, b.x0)
	})
	*leaves = append(*leaves, fs)
}

// cutAt cuts fs at the gaps (in order along the axis span gives) and reads
// the parts in that order: left to right, top down.
func cutAt(fs []frag, gaps []gap, span func(frag) (float64, float64), leaves *[][]frag) {
	parts := make([][]frag, len(gaps)+1)
	for _, f := range fs {
		start, _ := span(f)
		k, _ := slices.BinarySearchFunc(gaps, start, func(g gap, x float64) int { return cmpFloat(g.start, x) })
		parts[k] = append(parts[k], f)
	}
	for _, part := range parts {
		if len(part) == len(fs) {
			// Nothing on the other sides: no cut (a box that is no box).
			*leaves = append(*leaves, fs)
			return
		}
	}
	for _, part := range parts {
		xyCut(part, leaves)
	}
}

type gap struct{ start, width float64 }

// widestGaps finds the strips that no fragment covers between the first
// and the last along the axis span gives, at least min wide, and returns
// the widest of them, in order: all that are nearly as wide as the widest,
// so that a page of evenly spaced lines is cut once, not once a line.
func widestGaps(fs []frag, span func(frag) (float64, float64), min float64) []gap {
	type iv struct{ a, b float64 }
	ivs := make([]iv, len(fs))
	for i, f := range fs {
		a, b := span(f)
		ivs[i] = iv{a, b}
	}
	slices.SortFunc(ivs, func(x, y iv) int { return cmpFloat(x.a, y.a) })
	var all []gap
	widest := 0.0
	end := ivs[0].b
	for _, v := range ivs[1:] {
		if v.a > end {
			g := gap{start: end, width: v.a - end}
			all = append(all, g)
			widest = math.Max(widest, g.width)
		}
		end = math.Max(end, v.b)
	}
	if widest <= 0 || widest < min {
		return nil
	}
	var out []gap
	for _, g := range all {
		if g.width >= 0.95*widest {
			out = append(out, g)
		}
	}
	return out
}

// underTitle returns where a region with no white strip across it is cut
// under a title set large that spans its columns: a run's box holds its
// font's whole ascent and descent, more than its letters fill, and a
// large title's box may reach a point into the columns under it (a drop
// cap's top). Without the fifth of their height at either end, the boxes
// leave white under the title; the cut is taken only there, under type
// at least half as large again as the body's, where the columns begin.
func underTitle(fs []frag) []gap {
	if off("tight-boxes") {
		return nil
	}
	inner := func(f frag) (float64, float64) {
		d := 0.2 * (f.y1 - f.y0)
		return f.y0 + d, f.y1 - d
	}
	var out []gap
	for _, g := range widestGaps(fs, inner, 0) {
		for _, f := range fs {
			_, bottom := inner(f)
			if math.Abs(bottom-g.start) < 0.01 && f.body > 0 && f.size > 1.5*f.body {
				out = append(out, g)
				break
			}
		}
	}
	return out
}

// columnRights returns the right edges of the lines of column c set in
// its most common size, by bytes of text.
func columnRights(fs []frag, c int) []float64 {
	count := map[float64]int{}
	for _, f := range fs {
		if f.col == c {
			count[math.Round(f.size*4)/4] += len(f.text)
		}
	}
	best, n := 0.0, -1
	for s, k := range count {
		if k > n || (k == n && s < best) {
			best, n = s, k
		}
	}
	var rights []float64
	for _, f := range fs {
		if f.col == c && sameSize(f.size, best) {
			rights = append(rights, f.x1)
		}
	}
	return rights
}
