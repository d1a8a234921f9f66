package source

import (
	"math"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// How a picture's caption is told from the text around it.
const (
	// captionGap: a caption stands at most this many of its own text
	// heights from the picture's edge.
	captionGap = 1.5
	// maxCaptionRunes, maxCaptionHan: a caption is a line or two of
	// text (the longest in the corpus is 131 letters); longer text beside
	// a picture is a pull quote or the body. Chinese says as much in a
	// third of the characters.
	maxCaptionRunes = 300
	maxCaptionHan   = 60
)

// captionWords matches a caption by its words: one opening 图为, Photo:
// or (Photo: …), or ending with 摄 (the photographer's credit).
var captionWords = regexp.MustCompile(`(?i)^(?:图为|\(?photos?\s*:|（图)|摄\)?$|摄）$`)

// bodyTextSize is the size most of the body text is set in.
func bodyTextSize(lines []PDFLine) float64 {
	chars := map[float64]int{}
	for _, l := range lines {
		if l.Role == StyleBody {
			chars[math.Round(l.Size*10)/10] += len(l.Text)
		}
	}
	best, n := 0.0, 0
	for size, c := range chars {
		if c > n || c == n && size < best {
			best, n = size, c
		}
	}
	return best
}

// captionOf returns the index of the line that is pic's caption, or -1:
// a line touching the picture (just under it, else beside it, else just
// over it) that is set as a caption (smaller or italic, see pdfstyle.go)
// or says it is one by its words (图为…, Photo: …, … 摄).
func (lx *lexicon) captionOf(pic pdfPicture, lines []PDFLine, body float64) (int, int, float64) {
	best, bestRank, bestGap := -1, 3, math.Inf(1)
	for i, l := range lines {
		if len(l.boxes) == 0 || l.boxes[0].page != pic.page || !lx.isCaption(l, body) {
			continue
		}
		b := l.boxes[0].rect // a caption's first line touches the picture
		h := math.Max(b.y1-b.y0, 1)
		rank, gap := 3, math.Inf(1)
		switch {
		case b.y0 >= pic.box.y1-edgeTolerance && overlapX(b, pic.box) > 0.5*(b.x1-b.x0):
			rank, gap = 0, b.y0-pic.box.y1
		case overlapY(b, pic.box) > 0.5*h && (b.x0 >= pic.box.x1-edgeTolerance || b.x1 <= pic.box.x0+edgeTolerance):
			rank, gap = 1, math.Max(b.x0-pic.box.x1, pic.box.x0-b.x1)
		case l.boxes[len(l.boxes)-1].y1 <= pic.box.y0+edgeTolerance && overlapX(b, pic.box) > 0.5*(b.x1-b.x0):
			rank, gap = 2, pic.box.y0-l.boxes[len(l.boxes)-1].y1
		}
		if rank == 3 || gap > captionGap*h {
			continue
		}
		if rank < bestRank || rank == bestRank && gap < bestGap {
			best, bestRank, bestGap = i, rank, gap
		}
	}
	return best, bestRank, bestGap
}

// isCaption reports whether l is set or worded as a picture's caption:
// small print, italic text among the body's (not an italic heading, nor
// a pull quote set apart), small print in a sidebar, or the words of a
// caption.
func (lx *lexicon) isCaption(l PDFLine, body float64) bool {
	text := strings.TrimSpace(l.Text)
	if text == "" || utf8.RuneCountInString(text) > maxCaptionRunes || hanCount(text) > maxCaptionHan {
		return false
	}
	// A writer's or translator's credit set small under a portrait
	// (文/…, 金甌姐妹翻譯) is the article's, not the picture's; a
	// photographer's is the picture's.
	for _, credit := range []func(string) ([]bulletinfeed.Byline, bool){lx.parseByline, lx.headCredit} {
		if bs, ok := credit(text); ok && !lx.isPhotoCredit(bs) {
			return false
		}
	}
	switch {
	case l.Role == StyleCaption, isPictureLine(text), captionWords.MatchString(text):
		return true
	case l.Italic && l.Role == StyleBody:
		return true
	case l.Role == StyleFurniture && !l.Bold && body > 0 && l.Size < body-sizeTolerance:
		return true
	}
	return false
}

// hanCount is the number of Chinese characters in s.
func hanCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			n++
		}
	}
	return n
}

// captionRun returns the lines of the caption that starts at line k: it
// and the lines right under it set the same way (a caption of two or
// three lines that the layout did not join), unless another picture
// claims them.
func (lx *lexicon) captionRun(lines []PDFLine, k int, body float64, claimed func(int) bool) []int {
	run := []int{k}
	for j := k + 1; j < len(lines); j++ {
		prev, l := lines[j-1], lines[j]
		if claimed(j) || l.Role != lines[k].Role || len(l.boxes) == 0 || len(prev.boxes) == 0 || !lx.isCaption(l, body) {
			break
		}
		a, b := prev.boxes[len(prev.boxes)-1], l.boxes[0]
		h := math.Max(b.y1-b.y0, 1)
		if a.page != b.page || b.y0 < a.y1-edgeTolerance || b.y0-a.y1 > captionGap*h || overlapX(a.rect, b.rect) <= 0 {
			break
		}
		run = append(run, j)
	}
	return run
}

// joinCaption joins the lines of a caption: with a space between words,
// without one between Chinese characters.
func joinCaption(a, b string) string {
	if a == "" {
		return b
	}
	r, _ := utf8.DecodeLastRuneInString(a)
	s, _ := utf8.DecodeRuneInString(b)
	if isWide(r) && isWide(s) {
		return a + b
	}
	return a + " " + b
}
