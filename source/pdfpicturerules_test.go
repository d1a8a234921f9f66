package source_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// imageXML is a PDFImageExtractor of fixed XML and image files.
type imageXML struct {
	xml   []byte
	files map[string][]byte
}

var _ source.PDFImageExtractor = imageXML{}

func (x imageXML) XMLLayout(context.Context, []byte) ([]byte, error) { return x.xml, nil }
func (x imageXML) XMLLayoutImages(context.Context, []byte) ([]byte, map[string][]byte, error) {
	return x.xml, x.files, nil
}

// pngOf is a PNG of w×h pixels, its colour told by seed so that two
// seeds give two files.
func pngOf(t *testing.T, w, h int, seed uint8) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{seed, uint8(x), uint8(y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// maskPNG is a PNG of one bit a pixel, as pdftohtml writes a mask.
func maskPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White})
	for y := range h {
		for x := range w {
			img.SetColorIndex(x, y, uint8((x/7+y/5)%2))
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// withImages puts <image top left width height src> elements (given as
// "page|top|left|width|height|src") into the pages of xml.
func withImages(xml []byte, images ...string) []byte {
	pages := strings.SplitAfter(string(xml), "</page>\n")
	for _, im := range images {
		var page int
		var top, left, w, h float64
		var src string
		fmt.Sscanf(strings.ReplaceAll(im, "|", " "), "%d %g %g %g %g %s", &page, &top, &left, &w, &h, &src)
		tag := fmt.Sprintf(`<image top="%g" left="%g" width="%g" height="%g" src="/tmp/x/%s"/>`+"\n", top, left, w, h, src)
		p := pages[page-1]
		pages[page-1] = strings.Replace(p, "</page>", tag+"</page>", 1)
	}
	return []byte(strings.Join(pages, ""))
}

// TestPictureRules: of a PDF's images only photographs are kept, each
// with the caption set under it, in the article whose text holds it; an
// image under 100×100 pixels, one under 2 % of its page, one covering
// the page, one with text printed over it, one repeated on every page
// (a logo) and a mask are not, and a caption leaves the article's text.
func TestPictureRules(t *testing.T) {
	// Each page's text is its own: the same lines on every page would
	// be running heads.
	text := func(title string) []string {
		w := strings.Fields(title)[0]
		return []string{
			"1|120|50|" + title,
			"0|150|50|" + w + " The harvest supper in the village hall was a great success this year, with over",
			"0|163|50|" + w + " eighty people sitting down to eat and many more calling in for pudding.",
			"2|378|50|The tables laid out before the " + w + " began",
			"0|390|50|" + w + " Thanks go to everyone who cooked, served and washed up on the night itself.",
			"0|405|50|" + w + " We hope to hold the supper again in October, and will book the hall in June.",
			"0|560|50|" + w + " A new bench now stands by the pond, given in memory of a much loved neighbour.",
			"0|573|50|" + w + " It was made by the carpenter of the next village from an oak felled in the storm.",
		}
	}
	xml := xmlPages(text("Harvest supper raises funds"), text("Bench by the pond"), text("Carol singing"))
	xml = withImages(xml,
		"1|180|50|300|190|photo.png",  // under the first paragraph, its caption under it
		"1|640|50|300|190|small.png",  // 80×80 pixels
		"1|700|400|40|40|tiny.png",    // under 2 % of the page
		"2|0|0|595|842|page.png",      // the whole page: an advert
		"2|555|40|460|40|behind.png",  // two lines printed over it
		"1|760|400|150|60|logo.png",   // on every page: a logo
		"2|760|400|150|60|logo.png",   //
		"3|760|400|150|60|logo.png",   //
		"3|420|50|300|130|second.png", // under the third paragraph, no caption
		"3|640|50|300|150|mask.png",   // one bit a pixel: a mask
	)
	files := map[string][]byte{
		"photo.png":  pngOf(t, 400, 250, 1),
		"small.png":  pngOf(t, 80, 80, 2),
		"tiny.png":   pngOf(t, 300, 300, 3),
		"page.png":   pngOf(t, 600, 850, 4),
		"behind.png": pngOf(t, 400, 120, 5),
		"logo.png":   pngOf(t, 300, 120, 6),
		"second.png": pngOf(t, 300, 130, 7),
		"mask.png":   maskPNG(t, 300, 150),
	}
	for _, pictures := range []bool{false, true} {
		iss, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), "harvest.pdf",
			source.Options{PDF: imageXML{xml, files}, Pictures: pictures})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range iss.Articles {
			for _, p := range a.Pictures {
				got = append(got, fmt.Sprintf("%s|p%d|after %d|%s|%d bytes|%q", a.Title, p.Page, p.After, p.Type, len(p.Data), p.Caption))
				for _, b := range a.Blocks {
					if p.Caption != "" && b.Text == p.Caption {
						t.Errorf("caption %q is also a paragraph", p.Caption)
					}
				}
			}
		}
		want := []string{
			fmt.Sprintf(`Harvest supper raises funds|p1|after 1|image/png|%d bytes|"The tables laid out before the Harvest began"`, len(files["photo.png"])),
			fmt.Sprintf(`Carol singing|p3|after 3|image/png|%d bytes|""`, len(files["second.png"])),
		}
		if !pictures {
			want = nil
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("pictures %v:\ngot  %q\nwant %q", pictures, got, want)
		}
	}
}

// TestPictureCredit: a caption that credits a photographer (Photo by …,
// 摄影：…) makes a byline of the article, and is the picture's caption.
func TestPictureCredit(t *testing.T) {
	xml := withImages(xmlPage(
		"1|120|50|Bell tower repairs under way",
		"0|150|50|Work began on Monday on the bell tower, which has been closed since the storm",
		"0|163|50|of last winter brought down part of its parapet and two of the louvres.",
		"2|378|50|Photo by Hal Corin",
		"0|390|50|The scaffolding will stay up until Easter, and the bells will not ring until then.",
	), "1|180|50|300|190|tower.png")
	iss, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), "tower.pdf",
		source.Options{PDF: imageXML{xml, map[string][]byte{"tower.png": pngOf(t, 400, 250, 1)}}, Pictures: true})
	if err != nil {
		t.Fatal(err)
	}
	a := iss.Articles[0]
	if len(a.Pictures) != 1 || a.Pictures[0].Caption != "Photo by Hal Corin" {
		t.Fatalf("pictures %+v", a.Pictures)
	}
	found := false
	for _, b := range a.Bylines {
		found = found || b.Name == "Hal Corin"
	}
	if !found {
		t.Errorf("bylines %+v, want Hal Corin's photo credit", a.Bylines)
	}
}
