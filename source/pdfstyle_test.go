package source_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// xmlPage builds the pdftohtml -xml of one A4 page from lines "font|top|left|text";
// fonts: 0 body 10 pt, 1 title 16 pt bold, 2 caption 7 pt, 3 body bold.
func xmlPage(lines ...string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
<page number="1" position="absolute" top="0" left="0" height="842" width="595">
	<fontspec id="0" size="10" family="Times" color="#000000"/>
	<fontspec id="1" size="16" family="Arial-BoldMT" color="#000000"/>
	<fontspec id="2" size="7" family="Times" color="#000000"/>
	<fontspec id="3" size="10" family="Times-Bold" color="#000000"/>
`)
	for _, l := range lines {
		f := strings.SplitN(l, "|", 4)
		height := map[string]string{"0": "11.5", "1": "18.4", "2": "8.1", "3": "11.5"}[f[0]]
		width := 5.2 * float64(len(f[3]))
		fmt.Fprintf(&b, `<text top="%s" left="%s" width="%.1f" height="%s" font="%s">%s</text>`+"\n", f[1], f[2], width, height, f[0], f[3])
	}
	b.WriteString("</page>\n</pdf2xml>\n")
	return []byte(b.String())
}

type staticXML []byte

func (x staticXML) XMLLayout(context.Context, []byte) ([]byte, error) { return x, nil }

// TestPDFTypography: without any credit line, the articles of a PDF come
// from its type: a larger bold line starts one, a bold line in the body's
// size is a subhead, small print under a picture is a caption kept out, a
// row of short cells is a table kept out, and a name after the last
// sentence signs the article.
func TestPDFTypography(t *testing.T) {
	page := xmlPage(
		"1|60|50|Harvest supper raises funds",
		"0|90|50|The harvest supper in the village hall was a great success this year, with over",
		"0|103|50|eighty people sitting down to eat and many more calling in for pudding.",
		"2|118|50|The tables laid out before the supper began",
		"0|133|50|Thanks go to everyone who cooked, served and washed up on the night.",
		"3|150|50|Next year",
		"0|165|50|We hope to hold the supper again in October, and will book the hall in June.",
		"0|180|50|Mary Jones",
		"0|200|50|Mon",
		"0|200|160|Tue",
		"0|200|270|Wed",
		"0|215|50|Flowers",
		"0|215|160|Brass",
		"0|215|270|Coffee",
		"1|240|50|New bench by the pond",
		"0|270|50|A new bench now stands by the pond, given in memory of a much loved neighbour.",
	)
	iss, err := source.Parse(strings.NewReader("%PDF-1.4\n%%EOF\n"), "harvest.pdf", source.Options{PDF: staticXML(page)})
	if err != nil {
		t.Fatal(err)
	}
	if len(iss.Articles) != 2 {
		for _, a := range iss.Articles {
			t.Logf("%q %v %v", a.Title, a.Bylines, a.Blocks)
		}
		t.Fatalf("%d articles, want 2", len(iss.Articles))
	}
	a := iss.Articles[0]
	if a.Title != "Harvest supper raises funds" {
		t.Errorf("title %q", a.Title)
	}
	if len(a.Bylines) != 1 || a.Bylines[0].Name != "Mary Jones" {
		t.Errorf("bylines %v, want the signature Mary Jones", a.Bylines)
	}
	var kinds []string
	for _, b := range a.Blocks {
		kinds = append(kinds, string(b.Kind)+":"+b.Text)
	}
	got := strings.Join(kinds, "\n")
	for _, want := range []string{
		"paragraph:The harvest supper in the village hall was a great success this year, with over eighty people sitting down to eat and many more calling in for pudding.",
		"subhead:Next year",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("blocks lack %q:\n%s", want, got)
		}
	}
	for _, gone := range []string{"The tables laid out", "Mon", "Flowers", "Mary Jones"} {
		if strings.Contains(got, gone) {
			t.Errorf("blocks keep %q (a caption, a table or the signature):\n%s", gone, got)
		}
	}
}

// TestPDFNoHeadingFallback: a PDF whose text is all in one style still
// gives its articles, one per page, never "no article found".
func TestPDFNoHeadingFallback(t *testing.T) {
	page := xmlPage(
		"0|60|50|Parish notes for the week: the hall is booked for Tuesday evening by the choir.",
		"0|73|50|Coffee is served after the morning service in the church room as usual.",
	)
	iss, err := source.Parse(strings.NewReader("%PDF-1.4\n%%EOF\n"), "notes.pdf", source.Options{PDF: staticXML(page)})
	if err != nil {
		t.Fatal(err)
	}
	if len(iss.Articles) != 1 || len(iss.Articles[0].Blocks) == 0 {
		t.Fatalf("got %d articles, want one for the page", len(iss.Articles))
	}
}

// TestPDFChineseSignature: a Chinese article signed at its end with ～ and
// a name keeps the name as its byline, not as a paragraph.
func TestPDFChineseSignature(t *testing.T) {
	page := xmlPage(
		"1|60|50|十种阅读圣经的方法",
		"0|90|50|不要只阅读词句，想想你所读的是什么。反复地阅读圣经，要经常阅读并阅读多次。",
		"0|105|50|～熊添财",
	)
	iss, err := source.Parse(strings.NewReader("%PDF-1.4\n%%EOF\n"), "zhoukan.pdf", source.Options{PDF: staticXML(page)})
	if err != nil {
		t.Fatal(err)
	}
	if len(iss.Articles) != 1 {
		t.Fatalf("%d articles", len(iss.Articles))
	}
	a := iss.Articles[0]
	if len(a.Bylines) != 1 || a.Bylines[0].Name != "熊添财" || len(a.Blocks) != 1 {
		t.Errorf("bylines %v blocks %v, want the signature 熊添财 and one paragraph", a.Bylines, a.Blocks)
	}
}
