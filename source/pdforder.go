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
		// an indent) and mostly over it, goes on in its column.
		overlap := math.Min(x1, prevX1) - math.Max(x0, prevX0)
		if col < 0 || math.Abs(x0-prevX0) > 2*body || overlap < 0.5*math.Min(x1-x0, prevX1-prevX0) {
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
		right := math.Inf(-1)
		if len(rights) >= 3 {
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
	if at, ok := widestGap(fs, horizontal); ok && at.width >= minGutter {
		cutAt(fs, at, horizontal, leaves)
		return
	}
	if at, ok := widestGap(fs, vertical); ok && at.width > 0 {
		cutAt(fs, at, vertical, leaves)
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

// cutAt cuts fs at the gap along the axis span gives, and reads what
// stands before it (left of it, above it) first.
func cutAt(fs []frag, at gap, span func(frag) (float64, float64), leaves *[][]frag) {
	var before, after []frag
	for _, f := range fs {
		if _, end := span(f); end <= at.start {
			before = append(before, f)
		} else {
			after = append(after, f)
		}
	}
	if len(before) == 0 || len(after) == 0 {
		// No fragment on one side: nothing to cut (a box that is no box).
		*leaves = append(*leaves, fs)
		return
	}
	xyCut(before, leaves)
	xyCut(after, leaves)
}

type gap struct{ start, width float64 }

// widestGap finds the widest strip that no fragment covers between the
// first and the last, along the axis span gives.
func widestGap(fs []frag, span func(frag) (float64, float64)) (gap, bool) {
	type iv struct{ a, b float64 }
	ivs := make([]iv, len(fs))
	for i, f := range fs {
		a, b := span(f)
		ivs[i] = iv{a, b}
	}
	slices.SortFunc(ivs, func(x, y iv) int { return cmpFloat(x.a, y.a) })
	var best gap
	found := false
	end := ivs[0].b
	for _, v := range ivs[1:] {
		if v.a > end {
			if w := v.a - end; w > best.width {
				best, found = gap{start: end, width: w}, true
			}
		}
		end = math.Max(end, v.b)
	}
	return best, found
}
