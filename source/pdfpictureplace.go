package source

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"

	"github.com/bulletinfeed/bulletinfeed"
)

// keyRunes: a line is known in an article by this many of its first
// letters, spaces aside.
const keyRunes = 24

// linePlace is where a line of the PDF ended up: its article and block
// (-1 for a heading).
type linePlace struct{ article, block int }

// attachPictures gives each picture of t to an article of articles: the
// one whose text stands over and under it in its column (the picture is
// inside the article's region), else the one over it when it ends a
// column, else the one beside it when it heads one, else the one whose
// text stands nearest on its page (see placePicture). Its caption goes with
// it, and a caption line that the text parse read as a paragraph leaves
// the article's text. The photographer of a credit in a caption (Photo by
// …, 摄影：…) becomes a byline of the article when the byline rules read
// it as one.
func (lx *lexicon) attachPictures(articles []*bulletinfeed.Article, t *PDFText) {
	if len(t.pictures) == 0 || len(articles) == 0 {
		return
	}
	where := map[string]linePlace{}
	for k, a := range articles {
		for _, h := range a.Headings {
			if key := textKey(h); key != "" {
				if _, ok := where[key]; !ok {
					where[key] = linePlace{k, -1}
				}
			}
		}
		for j, b := range a.Blocks {
			if key := textKey(b.Text); key != "" {
				if _, ok := where[key]; !ok {
					where[key] = linePlace{k, j}
				}
			}
		}
	}
	captions := map[int]bool{}
	for _, p := range t.pictures {
		for _, k := range p.captionLines {
			captions[k] = true
		}
	}
	type placed struct {
		pic     bulletinfeed.Picture
		article int
		order   int
	}
	var all []placed
	for i, p := range t.pictures {
		k, after, ok := placePicture(p, t.Lines, where, captions)
		if !ok {
			continue
		}
		pic := bulletinfeed.Picture{Caption: p.caption, After: after, Page: p.page, Data: p.data, Type: "image/" + p.format}
		all = append(all, placed{pic, k, i})
	}
	// Pictures keep the order of print within an article, by their
	// place among its blocks first.
	slices.SortStableFunc(all, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.article, b.article), cmp.Compare(a.pic.After, b.pic.After), cmp.Compare(a.order, b.order))
	})
	for _, p := range all {
		a := articles[p.article]
		if p.pic.Caption != "" {
			lx.takeCaption(a, &p.pic)
		}
		a.Pictures = append(a.Pictures, p.pic)
	}
}

// takeCaption removes from a the paragraph that is pic's caption, if the
// text parse read it as one (moving later pictures' places up), and makes
// a photographer's credit in it a byline.
func (lx *lexicon) takeCaption(a *bulletinfeed.Article, pic *bulletinfeed.Picture) {
	key := textKey(pic.Caption)
	for j, b := range a.Blocks {
		if textKey(b.Text) != key || strings.TrimSpace(b.Text) != pic.Caption {
			continue
		}
		a.Blocks = slices.Delete(a.Blocks, j, j+1)
		if pic.After > j {
			pic.After--
		}
		for i := range a.Pictures {
			if a.Pictures[i].After > j {
				a.Pictures[i].After--
			}
		}
		break
	}
	if bs, ok := lx.parseByline(pic.Caption); ok && lx.isPhotoCredit(bs) {
		for _, b := range bs {
			if !slices.Contains(a.Bylines, b) {
				a.Bylines = append(a.Bylines, b)
			}
		}
	}
}

// placePicture finds the article of p and the number of its blocks
// before it, from the lines of text around p on its page: over and under
// it in its column, and beside it.
func placePicture(p pdfPicture, lines []PDFLine, where map[string]linePlace, captions map[int]bool) (int, int, bool) {
	type near struct {
		place linePlace
		gap   float64
		found bool
	}
	var above, below, any near
	// Beside it: visual lines by article, and the first block of each
	// that stands there.
	beside := map[int]int{}
	besideFirst := map[int]near{}
	for i, l := range lines {
		if captions[i] || l.Role == StyleDropped {
			continue
		}
		pl, ok := where[textKey(l.Text)]
		if !ok {
			continue
		}
		for _, b := range l.boxes {
			if b.page != p.page {
				continue
			}
			inColumn := overlapX(b.rect, p.box) > 0.2*math.Min(b.x1-b.x0, p.box.x1-p.box.x0)
			switch {
			case inColumn && b.y1 <= p.box.y0+edgeTolerance:
				if g := p.box.y0 - b.y1; !above.found || g < above.gap {
					above = near{pl, g, true}
				}
			case inColumn && b.y0 >= p.box.y1-edgeTolerance:
				if g := b.y0 - p.box.y1; !below.found || g < below.gap {
					below = near{pl, g, true}
				}
			case !inColumn && overlapY(b.rect, p.box) > 0.5*(b.y1-b.y0):
				beside[pl.article]++
				if f, ok := besideFirst[pl.article]; !ok || b.y0 < f.gap {
					besideFirst[pl.article] = near{pl, b.y0, true}
				}
			}
			if g := boxGap(b.rect, p.box); !any.found || g < any.gap {
				any = near{pl, g, true}
			}
		}
	}
	side, sideN := near{}, 0
	for k, n := range beside {
		if n > sideN || n == sideN && k < side.place.article {
			side, sideN = besideFirst[k], n
		}
	}
	before := func(n near) (int, int, bool) { return n.place.article, max(0, n.place.block), true }
	after := func(n near) (int, int, bool) { return n.place.article, n.place.block + 1, true }
	switch {
	case above.found && below.found && above.place.article == below.place.article:
		// Inside the article's region: after the block over it, or after
		// a paragraph that runs on around it.
		return after(above)
	case above.found && below.found && below.place.block < 0:
		// A picture over another article's heading ends the article
		// before: a picture comes under its own heading.
		return after(above)
	case above.found && below.found:
		if side.found && (side.place.article == above.place.article || side.place.article == below.place.article) {
			return before(side)
		}
		if above.gap <= below.gap {
			return after(above)
		}
		return before(below)
	case above.found:
		// At the foot of a column: the end of the article over it.
		return after(above)
	case side.found:
		// At the head of a column, beside an article's text.
		return before(side)
	case below.found:
		return before(below)
	case any.found:
		return after(any)
	}
	return 0, 0, false
}

// boxGap is the distance between two boxes, 0 when they overlap.
func boxGap(a, b rect) float64 {
	dx := math.Max(0, math.Max(a.x0-b.x1, b.x0-a.x1))
	dy := math.Max(0, math.Max(a.y0-b.y1, b.y0-a.y1))
	return math.Hypot(dx, dy)
}

// textKey is how a line is found again in an article: its first letters
// without spaces, bullets or end marks, which the articles' rules may
// have dropped.
func textKey(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range stripBullet(strings.TrimSpace(s)) {
		if unicode.IsSpace(r) || r == '■' {
			continue
		}
		b.WriteRune(r)
		if n++; n == keyRunes {
			break
		}
	}
	if n < 4 {
		return "" // too short to tell one line from another
	}
	return b.String()
}
