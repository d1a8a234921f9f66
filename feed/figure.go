package feed

import (
	"html"
	"strconv"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// picturesAfter returns an article's pictures by the number of its
// blocks that come before each: where it stood in print, or after the
// first paragraph for one printed above the text (the title and first
// lines lead, as readers and feeds expect), or after the last block for
// one past the end.
func picturesAfter(a *bulletinfeed.Article) map[int][]bulletinfeed.Picture {
	if len(a.Pictures) == 0 {
		return nil
	}
	m := map[int][]bulletinfeed.Picture{}
	for _, p := range a.Pictures {
		k := min(max(p.After, 1), len(a.Blocks))
		m[k] = append(m[k], p)
	}
	return m
}

// mediaURL is the absolute URL of a picture's image or thumbnail.
func (s *publication) mediaURL(hash string, thumb bool) string { return s.abs(MediaPath(hash, thumb)) }

// figureHTML writes a picture as a feed's content shows it: a figure
// with an absolute image URL, so that readers that strip styles and
// resolve nothing still show it, and its caption.
func (s *publication) figureHTML(b *strings.Builder, p bulletinfeed.Picture) {
	caption := html.EscapeString(p.Caption)
	b.WriteString(`<figure><img src="`)
	b.WriteString(html.EscapeString(s.mediaURL(p.Hash, false)))
	b.WriteString(`" width="`)
	b.WriteString(strconv.Itoa(p.Width))
	b.WriteString(`" height="`)
	b.WriteString(strconv.Itoa(p.Height))
	b.WriteString(`" loading="lazy" alt="`)
	b.WriteString(caption)
	b.WriteString(`">`)
	if caption != "" {
		b.WriteString("<figcaption>")
		b.WriteString(caption)
		b.WriteString("</figcaption>")
	}
	b.WriteString("</figure>\n")
}

// figureView is a picture as an article's page shows it.
type figureView struct {
	Src, Caption  string
	Width, Height int
}

// bodyPart is a block or a picture of an article's page, in order.
type bodyPart struct {
	Block  *bulletinfeed.Block
	Figure *figureView
}

// bodyParts returns the blocks of a with its pictures in their places.
func (s *publication) bodyParts(a *bulletinfeed.Article) []bodyPart {
	after := picturesAfter(a)
	out := make([]bodyPart, 0, len(a.Blocks)+len(a.Pictures))
	figures := func(k int) {
		for _, p := range after[k] {
			out = append(out, bodyPart{Figure: &figureView{Src: s.href(MediaPath(p.Hash, false)), Caption: p.Caption, Width: p.Width, Height: p.Height}})
		}
	}
	figures(0)
	for i := range a.Blocks {
		out = append(out, bodyPart{Block: &a.Blocks[i]})
		figures(i + 1)
	}
	return out
}

// firstPicture returns the article's first picture, if it has one.
func firstPicture(a *bulletinfeed.Article) (bulletinfeed.Picture, bool) {
	if len(a.Pictures) == 0 {
		return bulletinfeed.Picture{}, false
	}
	return a.Pictures[0], true
}
