package source_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

// featurePages is the pdftohtml -xml of two pages of a parish magazine:
// a notice, then a feature set as magazines set them. Its introduction
// stands over its title, beside the magazine's banner, in smaller type than the body, opening with a
// drop cap glued to its first words and two lines set beside the cap; its
// credit is set large between the introduction and the title; the
// title's box, as tall as its font's ascent and descent, reaches a point
// into the two columns under it, whose lines stand at one height.
func featurePages() []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
<page number="1" position="absolute" top="0" left="0" height="842" width="595">
<fontspec id="0" size="11" family="Georgia" color="#000000"/>
<fontspec id="1" size="10" family="Georgia-Bold" color="#1f221d"/>
<fontspec id="2" size="36" family="Georgia-Bold" color="#1f221d"/>
<fontspec id="3" size="18" family="GillSans" color="#6b6b6b"/>
<fontspec id="4" size="48" family="GillSans-Bold" color="#0e465b"/>
<fontspec id="5" size="24" family="GillSans-Bold" color="#00a9c5"/>
`)
	run := func(top, left, width, height float64, font int, text string) {
		fmt.Fprintf(&b, `<text top="%g" left="%g" width="%g" height="%g" font="%d">%s</text>`+"\n", top, left, width, height, font, text)
	}
	// Page 1: the notice, under the magazine's banner.
	run(40, 57, 130, 30, 5, "PARISH LIFE")
	run(100, 57, 200, 21, 3, "Flower rota")
	notice := []string{
		"The flower rota for the summer months is now on the board at",
		"the back of the church. Please add your name for a Sunday if you",
		"can, and speak to Margaret if you would like to learn to arrange.",
	}
	for i, l := range notice {
		run(130+14*float64(i), 57, 5.2*float64(len(l)), 11.5, 0, l)
	}
	b.WriteString("</page>\n")
	b.WriteString(`<page number="2" position="absolute" top="0" left="0" height="842" width="595">` + "\n")
	// The banner stands at the top right, beside the introduction.
	run(55, 440, 130, 30, 5, "PARISH LIFE")
	// The introduction: a drop cap, two lines beside it, two under it.
	run(96, 55, 31, 37, 2, "T")
	run(100, 86, 242, 10.4, 1, "he choir spent a week in May singing at")
	run(116, 86, 242, 10.4, 1, "the evening services in Salisbury Cathedral.")
	run(132, 56, 272, 10.4, 1, "They stood in for the cathedral's own singers")
	run(148, 56, 200, 10.4, 1, "while they were away on tour.")
	run(180, 60, 180, 21, 3, "By Anne Hale")
	run(212, 57, 440, 59, 4, "A week of evensongs")
	left := []string{
		"We sang eight services in all, with a full rehearsal",
		"each afternoon in the quire under the eye of the",
		"cathedral's organist, who had chosen music that he",
		"knew we could learn in the time we had, and who was",
		"patient with our basses when the Stanford went",
	}
	right := []string{
		"astray on the first evening. By the Friday we had",
		"found our feet, and the congregation stayed to thank",
		"us after the last anthem.",
		"Our thanks to everyone who drove us there and back.",
	}
	for i, l := range left {
		run(270+14*float64(i), 57, 233, 11.5, 0, l)
	}
	for i, l := range right {
		w := 233.0
		if i == 2 || i == 3 {
			w = 5.0 * float64(len(l))
		}
		run(270+14*float64(i), 305, w, 11.5, 0, l)
	}
	b.WriteString("</page>\n</pdf2xml>\n")
	return []byte(b.String())
}

// featureArticle parses featurePages and returns its articles by title.
func featureArticles(t *testing.T) map[string]*bulletinfeed.Article {
	t.Helper()
	iss := parseXMLPages(t, "magazine.pdf", featurePages())
	out := map[string]*bulletinfeed.Article{}
	for _, a := range iss.Articles {
		out[a.Title] = a
	}
	return out
}

func paragraphs(a *bulletinfeed.Article) []string {
	var ps []string
	if a == nil {
		return nil
	}
	for _, bl := range a.Blocks {
		if bl.Kind == bulletinfeed.Paragraph {
			ps = append(ps, bl.Text)
		}
	}
	return ps
}

const featureIntro = "The choir spent a week in May singing at the evening services in Salisbury Cathedral. They stood in for the cathedral's own singers while they were away on tour."

// TestPDFTitleOverColumns: a title whose box reaches a point into the two
// columns under it is cut from them where its letters end, and the
// columns are read one after the other, not line by line across.
func TestPDFTitleOverColumns(t *testing.T) {
	a := featureArticles(t)["A week of evensongs"]
	mustContain(t, strings.Join(paragraphs(a), "\n"),
		"We sang eight services in all, with a full rehearsal each afternoon in the quire under the eye of the cathedral's organist, who had chosen music that he knew we could learn in the time we had, and who was patient with our basses when the Stanford went astray on the first evening. By the Friday we had found our feet, and the congregation stayed to thank us after the last anthem.")
}

// TestPDFDropCapRun: a drop cap glued to its paragraph's first words is
// a letter of it, not its size: the introduction it opens is one
// paragraph of text, its lines beside the cap and under it joined, though
// set smaller than the body, where small type alone is a caption.
func TestPDFDropCapRun(t *testing.T) {
	as := featureArticles(t)
	var all []string
	for _, a := range as {
		all = append(all, paragraphs(a)...)
	}
	mustContain(t, strings.Join(all, "\n")+"\n", featureIntro+"\n")
	if _, ok := as["A week of evensongs"]; !ok {
		t.Errorf("no article titled by the feature's title: %v", as)
	}
}

// TestPDFIntroductionOverTitle: a paragraph that opens with a drop cap
// over a title, with only its credit between, opens the article under the
// title; it does not end the article before.
func TestPDFIntroductionOverTitle(t *testing.T) {
	as := featureArticles(t)
	ps := paragraphs(as["A week of evensongs"])
	if len(ps) == 0 || ps[0] != featureIntro {
		t.Errorf("the feature's paragraphs %q, want the introduction first", ps)
	}
	if got := paragraphs(as["Flower rota"]); len(got) != 1 {
		t.Errorf("the notice's paragraphs %q, want its one", got)
	}
}

// TestPDFCreditOverTitle: a credit set large at the top of a page, over
// the title, before any text of the page but an introduction, credits the
// article under the title, not the one the page before ended with.
func TestPDFCreditOverTitle(t *testing.T) {
	as := featureArticles(t)
	if a := as["A week of evensongs"]; a == nil || len(a.Bylines) != 1 || a.Bylines[0].Name != "Anne Hale" {
		t.Errorf("the feature's credits: %+v", a)
	}
	if a := as["Flower rota"]; a == nil || len(a.Bylines) != 0 {
		t.Errorf("the notice's credits: %+v", a)
	}
}

// TestPDFColumnMeasure: a short notice of two lines under a heading
// wider than its column is measured by its own lines: its first line,
// which ends a sentence where the column ends, did not end the paragraph.
func TestPDFColumnMeasure(t *testing.T) {
	page := xmlPages([]string{
		"1|60|57|Harvest supper",
		"0|90|57|The harvest supper in the village hall raised enough this year to",
		"0|103|57|repair the lych gate, with thanks to all who cooked and served.",
		"0|116|57|Tickets for next year will be on sale from the first of August.",
	}, []string{
		"1|60|57|Thursday choir practice moves to the church hall",
		"0|90|57|Practice moves to the hall next week.",
		"0|103|57|The vestry is too cold.",
	})
	got := allText(parseXMLPages(t, "notices.pdf", page))
	mustContain(t, got, "paragraph:Practice moves to the hall next week. The vestry is too cold.\n")
}
