package source

import (
	"bytes"
	"crypto/sha256"
	"image"
	_ "image/jpeg" // DecodeConfig of the JPEGs pdftohtml passes through
	_ "image/png"  // and of the PNGs it writes for everything else
	"math"
	"slices"
	"strings"
)

// What is not a photograph among a PDF's images.
const (
	// maxMastheadArtShare: above the cover's first heading, an image
	// smaller than this share of the page is the masthead's artwork; a
	// larger one is too when drawn in flat colours (a banner), and the
	// cover's photograph, over its first article, otherwise.
	maxMastheadArtShare = 0.15
	// minPicturePixels: an image narrower or lower than this many pixels
	// is an icon, a bullet or a rule.
	minPicturePixels = 100
	// minPictureShare: an image covering less of its page is an ornament.
	minPictureShare = 0.02
	// maxPictureShare: an image covering more of its page is the page
	// itself (a whole-page advert, a scan) or its background.
	maxPictureShare = 0.85
	// coveredShare: of two images on one page, one that lies this much
	// inside the other is its frame or shadow, not another picture.
	coveredShare = 0.8
	// backgroundLines: an image with this many visual lines of text
	// printed over it is a background or a boxed advert, not a picture.
	backgroundLines = 2
	// edgeTolerance: points by which a line may overlap the picture's
	// edge and still stand beside it.
	edgeTolerance = 3
)

// pdfPicture is a photograph found on a page, before it is given to an
// article.
type pdfPicture struct {
	page    int
	box     rect
	data    []byte
	format  string // image.DecodeConfig's name: jpeg, png
	caption string
	// captionLines are the indexes in PDFText.Lines of its caption.
	captionLines []int
}

// findPictures picks the photographs among the images of pages (their
// files by name in files) and finds each one's caption among lines, page
// by page in the order each page draws them.
func (lx *lexicon) findPictures(pages []pdfPage, files map[string][]byte, lines []PDFLine) []pdfPicture {
	if len(files) == 0 {
		return nil
	}
	// The same bytes on two pages, or the same box on most pages, is a
	// logo or an ornament of the layout, never news.
	hashPages := map[[32]byte]map[int]bool{}
	boxPages := map[[4]int]map[int]bool{}
	for p, pg := range pages {
		for _, im := range pg.images {
			if b, ok := files[im.src]; ok {
				mark(hashPages, sha256.Sum256(b), p)
			}
			mark(boxPages, boxKey(im), p)
		}
	}
	var out []pdfPicture
	for p, pg := range pages {
		var kept []pdfPicture
		for _, im := range pg.images {
			b, ok := files[im.src]
			if !ok || pg.width <= 0 || pg.height <= 0 {
				continue
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
			if err != nil || cfg.Width < minPicturePixels || cfg.Height < minPicturePixels || isMask(b) {
				continue
			}
			box := rect{im.x0, im.y0, im.x1, im.y1}
			share := area(box) / (pg.width * pg.height)
			if share < minPictureShare || share > maxPictureShare {
				continue
			}
			if len(hashPages[sha256.Sum256(b)]) >= 2 || len(pages) >= 3 && len(boxPages[boxKey(im)])*2 > len(pages) {
				continue
			}
			over := textOver(box, p+1, lines)
			if over >= backgroundLines || p == 0 && aboveText(box, lines, StyleBody, StyleHeading, StyleSubhead) && (share < maxMastheadArtShare || cfg.Width*cfg.Height <= maxFlatArtPixels && flatArt(b)) {
				continue
			}
			if over > 0 && cfg.Width*cfg.Height <= maxFlatArtPixels && flatArt(b) && !off("panel-behind-text") {
				// Flat colour behind a line of text: a title's glow or
				// panel, drawn as an image.
				continue
			}
			// Of a frame and the photo in it, the photo has more in it:
			// the larger file is kept.
			if i := slices.IndexFunc(kept, func(k pdfPicture) bool { return covers(k.box, box) }); i >= 0 {
				if len(b) > len(kept[i].data) {
					kept[i] = pdfPicture{page: p + 1, box: box, data: b, format: format}
				}
				continue
			}
			kept = append(kept, pdfPicture{page: p + 1, box: box, data: b, format: format})
		}
		out = append(out, kept...)
	}
	// A caption is one picture's: the one it stands nearest to, on the
	// best side.
	body := bodyTextSize(lines)
	type claim struct {
		pic  int
		rank int
		gap  float64
	}
	claims := map[int]claim{}
	for i := range out {
		k, rank, gap := lx.captionOf(out[i], lines, body)
		if k < 0 {
			continue
		}
		if c, ok := claims[k]; !ok || rank < c.rank || rank == c.rank && gap < c.gap {
			claims[k] = claim{i, rank, gap}
		}
	}
	for k, c := range claims {
		out[c.pic].captionLines = lx.captionRun(lines, k, body, func(j int) bool { _, ok := claims[j]; return ok })
		var text string
		for _, j := range out[c.pic].captionLines {
			text = joinCaption(text, strings.TrimSpace(lines[j].Text))
		}
		out[c.pic].caption = text
	}
	return out
}

// isMask reports whether b is a PNG of one bit a pixel: pdftohtml writes
// a stencil mask, or a soft mask it could not apply, that way; no
// photograph is.
func isMask(b []byte) bool {
	const ihdrDepth = 24 // signature 8, length 4, type 4, width 4, height 4
	return len(b) > ihdrDepth && bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) && b[ihdrDepth] == 1
}

func mark[K comparable](m map[K]map[int]bool, k K, page int) {
	if m[k] == nil {
		m[k] = map[int]bool{}
	}
	m[k][page] = true
}

// boxKey is an image's box rounded to 2 points, so that an ornament set
// at the same place on every page is known whatever the rounding.
func boxKey(im pdfImage) [4]int {
	r := func(f float64) int { return int(math.Round(f / 2)) }
	return [4]int{r(im.x0), r(im.y0), r(im.x1), r(im.y1)}
}

func area(r rect) float64 { return math.Max(0, r.x1-r.x0) * math.Max(0, r.y1-r.y0) }

func intersect(a, b rect) rect {
	return rect{math.Max(a.x0, b.x0), math.Max(a.y0, b.y0), math.Min(a.x1, b.x1), math.Min(a.y1, b.y1)}
}

// covers reports whether a and b are one picture drawn twice: a frame
// and its photo, a shadow and its image.
func covers(a, b rect) bool {
	small := math.Min(area(a), area(b))
	return small > 0 && area(intersect(a, b)) >= coveredShare*small
}

// textOver counts the visual lines of text on page that stand inside
// box: text printed over an image.
func textOver(box rect, page int, lines []PDFLine) int {
	n := 0
	for _, l := range lines {
		if l.Role == StyleDropped {
			continue
		}
		for _, b := range l.boxes {
			if b.page == page && area(b.rect) > 0 && area(intersect(b.rect, box)) >= 0.8*area(b.rect) {
				n++
			}
		}
	}
	return n
}

// aboveText reports whether box on the first page stands above its first
// line of the roles given (its middle does: art has white space in its
// box); above the first heading or paragraph, it is the masthead's
// artwork.
func aboveText(box rect, lines []PDFLine, roles ...string) bool {
	for _, l := range lines {
		if len(l.boxes) == 0 || l.boxes[0].page != 1 {
			continue
		}
		if slices.Contains(roles, l.Role) {
			if l.boxes[0].y0 < (box.y0+box.y1)/2 {
				return false
			}
		}
	}
	return true
}

func overlapX(a, b rect) float64 { return math.Max(0, math.Min(a.x1, b.x1)-math.Max(a.x0, b.x0)) }
func overlapY(a, b rect) float64 { return math.Max(0, math.Min(a.y1, b.y1)-math.Max(a.y0, b.y0)) }

// maxFlatArtPixels bounds the images flatArt decodes: a larger one is left
// to package media, which refuses what is too large to decode.
const maxFlatArtPixels = 40_000_000

// flatArt reports whether the image in b is drawn in a few flat colours,
// as a banner or an emblem is: sampled on a grid of 64 × 64 points, the
// four commonest of its colours (to 4 bits a channel) cover 70 % of it or
// more. A photograph, even a dark one, has no four colours covering half.
// An image that cannot be decoded is not flat.
func flatArt(b []byte) bool {
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return false
	}
	r := img.Bounds()
	if r.Dx() <= 0 || r.Dy() <= 0 {
		return false
	}
	const grid = 64
	counts := map[[3]uint8]int{}
	for gy := 0; gy < grid; gy++ {
		for gx := 0; gx < grid; gx++ {
			cr, cg, cb, _ := img.At(r.Min.X+gx*r.Dx()/grid, r.Min.Y+gy*r.Dy()/grid).RGBA()
			counts[[3]uint8{uint8(cr >> 12), uint8(cg >> 12), uint8(cb >> 12)}]++
		}
	}
	top := make([]int, 0, len(counts))
	for _, n := range counts {
		top = append(top, n)
	}
	slices.Sort(top)
	slices.Reverse(top)
	sum := 0
	for _, n := range top[:min(4, len(top))] {
		sum += n
	}
	return float64(sum) >= 0.7*grid*grid
}
