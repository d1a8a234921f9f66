package source_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/source/poppler"
)

// xmlPage builds the pdftohtml -xml of one A4 page from lines "font|top|left|text";
// fonts: 0 body 10 pt, 1 title 16 pt bold, 2 caption 7 pt, 3 body bold,
// 4 heading 14 pt bold.
func xmlPage(lines ...string) []byte { return xmlPages(lines) }

// xmlPages builds the pdftohtml -xml of A4 pages, each from its lines as
// xmlPage takes them. A run is 5.2 points wide a byte, as Times at 10 pt
// about is for Latin text.
func xmlPages(pages ...[]string) []byte {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
`)
	for n, lines := range pages {
		fmt.Fprintf(&b, `<page number="%d" position="absolute" top="0" left="0" height="842" width="595">`+"\n", n+1)
		if n == 0 {
			b.WriteString(`	<fontspec id="0" size="10" family="Times" color="#000000"/>
	<fontspec id="1" size="16" family="Arial-BoldMT" color="#000000"/>
	<fontspec id="2" size="7" family="Times" color="#000000"/>
	<fontspec id="3" size="10" family="Times-Bold" color="#000000"/>
	<fontspec id="4" size="14" family="Times-Bold" color="#000000"/>
`)
		}
		for _, l := range lines {
			f := strings.SplitN(l, "|", 4)
			height := map[string]string{"0": "11.5", "1": "18.4", "2": "8.1", "3": "11.5", "4": "16.1"}[f[0]]
			width := 5.2 * float64(len(f[3]))
			fmt.Fprintf(&b, `<text top="%s" left="%s" width="%.1f" height="%s" font="%s">%s</text>`+"\n", f[1], f[2], width, height, f[0], f[3])
		}
		b.WriteString("</page>\n")
	}
	b.WriteString("</pdf2xml>\n")
	return []byte(b.String())
}

func parseXMLPages(t *testing.T, name string, xml []byte) *bulletinfeed.Issue {
	t.Helper()
	iss, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), name, source.Options{PDF: staticXML(xml)})
	if err != nil {
		t.Fatal(err)
	}
	return iss
}

// titlesOf is the titles of iss's articles, joined by "|".
func titlesOf(iss *bulletinfeed.Issue) string {
	var titles []string
	for _, a := range iss.Articles {
		titles = append(titles, a.Title)
	}
	return strings.Join(titles, "|")
}

// mustContain fails the test for each of wants that got lacks.
func mustContain(t *testing.T, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("lacks %q:\n%s", w, got)
		}
	}
}

func allText(iss *bulletinfeed.Issue) string {
	var b strings.Builder
	for _, a := range iss.Articles {
		b.WriteString(strings.Join(a.Headings, "\n") + "\n")
		for _, bl := range a.Blocks {
			b.WriteString(string(bl.Kind) + ":" + bl.Text + "\n")
		}
	}
	return b.String()
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
	iss, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), "harvest.pdf", source.Options{PDF: staticXML(page)})
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
	iss, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), "notes.pdf", source.Options{PDF: staticXML(page)})
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
	iss, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), "zhoukan.pdf", source.Options{PDF: staticXML(page)})
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

// TestPDFSidebarNotInterleaved: a sidebar beside the text, its lines at
// the heights of the text's, is read as a block of its own, not line by
// line with the text.
func TestPDFSidebarNotInterleaved(t *testing.T) {
	page := xmlPage(
		"1|60|200|Village hall reopens after repairs",
		"0|90|200|The village hall reopened on Saturday after six months of",
		"3|90|40|Committee",
		"0|103|200|repairs to its roof and floor, paid for by the lottery grant",
		"0|103|40|Jane Smith",
		"0|116|200|and by the fundraising of the last two years in the village.",
		"0|116|40|Tom Brown",
		"0|129|200|Bookings for the autumn are open from Monday next week.",
		"0|129|40|Ann Green",
	)
	mustContain(t, allText(parseXMLPages(t, "hall.pdf", page)),
		"paragraph:The village hall reopened on Saturday after six months of repairs to its roof and floor, paid for by the lottery grant and by the fundraising of the last two years in the village.")
}

// TestPDFJustifiedText: a justified line comes as one run with wide
// spaces, or as runs of words set a wide space apart; either way its
// words are joined back with one space (not "evils / pertaining / to / a",
// as pdftotext cut univ-nssdtu-2020-12.pdf).
func TestPDFJustifiedText(t *testing.T) {
	page := xmlPage(
		"1|60|50|Social service in the district",
		"0|90|50|NSS  DTU  works  on  social  evils  pertaining  to  a  region,  and",
		"0|103|50|formulating",
		"0|103|111|and",
		"0|103|131|executing",
		"0|103|182|plans",
		"0|103|213|for",
		"0|103|234|them",
		"0|103|259|over the year.",
	)
	mustContain(t, allText(parseXMLPages(t, "nss.pdf", page)),
		"paragraph:NSS DTU works on social evils pertaining to a region, and formulating and executing plans for them over the year.")
}

// TestPDFPageNumberTwice: a page number printed at the top and at the
// bottom of each page is dropped both times, and so is a running title.
func TestPDFPageNumberTwice(t *testing.T) {
	page := func(n int, text string) []string {
		return []string{
			fmt.Sprintf("0|20|290|%d", n),
			"0|20|50|Haldon Views",
			"1|60|50|" + text,
			"0|90|50|The news of the month is that the bus service will run on Sundays again.",
			fmt.Sprintf("0|810|290|%d", n),
		}
	}
	got := allText(parseXMLPages(t, "haldon.pdf", xmlPages(page(2, "Bus service news"), page(3, "Garden club news"), page(4, "Choir news"))))
	for _, gone := range []string{"Haldon Views", ":2\n", ":3\n", ":4\n"} {
		if strings.Contains(got, gone) {
			t.Errorf("%q kept:\n%s", gone, got)
		}
	}
	if strings.Count(got, "paragraph:The news of the month") != 3 {
		t.Errorf("want three articles:\n%s", got)
	}
}

// TestPDFContentsBoxAndAdvert: a contents box (its label and entries) and
// an advert (short lines, a telephone number, prices) are no articles.
func TestPDFContentsBoxAndAdvert(t *testing.T) {
	page := xmlPage(
		"1|60|50|Inside this issue",
		"0|80|50|Harvest supper 2",
		"0|93|50|Bell ringers 3",
		"1|130|50|Harvest supper raises funds",
		"0|160|50|The harvest supper in the village hall was a great success this year.",
		"1|200|50|Stylers hair salon",
		"0|230|50|8 CHUDLEIGH RD, ALPHINGTON",
		"0|243|50|TEL: 01392 217658",
		"0|256|50|AFFORDABLE PRICES FOR ALL",
	)
	iss := parseXMLPages(t, "contents.pdf", page)
	if len(iss.Articles) != 1 || iss.Articles[0].Title != "Harvest supper raises funds" {
		t.Errorf("got %s", allText(iss))
	}
}

// TestPDFTypeDetails: a drop cap goes back into its paragraph, a
// letter-spaced heading is closed up, an end mark (■) is left out, and a
// postal address set large heads no article.
func TestPDFTypeDetails(t *testing.T) {
	page := xmlPage(
		"1|40|50|E P I C   R o b o t z   a t   t h e   l i b r a r y",
		"1|100|50|A",
		"0|102|70|n audience of over two hundred people came to the library to see the robots.",
		"0|115|50|The team showed how the robots are built and programmed. ■",
		"1|150|50|27 Lone Oak Ct. Bloomington, IL 61705",
		"0|180|50|Contact us at the address above, or by e-mail, for the next demonstration.",
	)
	iss := parseXMLPages(t, "epic.pdf", page)
	got := allText(iss)
	if len(iss.Articles) != 1 || iss.Articles[0].Title != "EPIC Robotz at the library" {
		t.Fatalf("want one article titled EPIC Robotz at the library:\n%s", got)
	}
	for _, want := range []string{
		"paragraph:An audience of over two hundred people came to the library to see the robots. The team showed how the robots are built and programmed.\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("lacks %q:\n%s", want, got)
		}
	}
}

// TestPDFSpacedChineseAndRunningTitle: a Chinese heading set with a space
// between its characters is closed up, and the publication's name printed
// over the text of most pages is no section.
func TestPDFSpacedChineseAndRunningTitle(t *testing.T) {
	page := func(title string) []string {
		return []string{
			"1|200|50|Parish Notes",
			"1|300|50|" + title,
			"0|330|50|The news of the month is that the bus service will run on Sundays again.",
		}
	}
	iss := parseXMLPages(t, "notes.pdf", xmlPages(page("讲 章 大 纲 ："), page("Garden club"), page("Choir news"), page("Bell ringers")))
	got := allText(iss)
	if len(iss.Articles) != 4 || iss.Articles[0].Title != "讲章大纲：" {
		t.Fatalf("want four articles, the first titled 讲章大纲：:\n%s", got)
	}
	for _, a := range iss.Articles {
		if a.Section != "" {
			t.Errorf("%q is in section %q: the running title is no section", a.Title, a.Section)
		}
	}
}

// TestPDFSignatureBeforeSidebar: a letter signed by its writer after a
// body and a post (委员会,主席何瑞庭), with the text of a sidebar read
// after it (set bold in a column of its own): the name is the byline and
// the sidebar no part of the letter.
func TestPDFSignatureBeforeSidebar(t *testing.T) {
	page := xmlPage(
		"1|60|50|圣愿学校我们的异象",
		"0|90|50|我很荣幸能有机会在今天的简报上写一篇关于圣愿学校的简介",
		"0|105|50|愿上帝祝福你们！",
		"0|120|50|圣公会建校委员会,主席何瑞庭",
		"3|90|330|联络我们",
		"3|105|330|电话：089-216051",
	)
	iss := parseXMLPages(t, "letter.pdf", page)
	if len(iss.Articles) != 1 {
		t.Fatalf("got %s", allText(iss))
	}
	a := iss.Articles[0]
	if len(a.Bylines) != 1 || a.Bylines[0].Name != "何瑞庭" || len(a.Blocks) != 1 {
		t.Errorf("bylines %v, blocks %v: want 何瑞庭 and the letter's one paragraph", a.Bylines, a.Blocks)
	}
}

// TestPDFWrappedHeadingAndStyleSpace: a title the layout reads as two
// lines set alike is one heading, and a bold lead-in run glued to the
// text after it keeps a space between them.
func TestPDFWrappedHeadingAndStyleSpace(t *testing.T) {
	page := xmlPage(
		"1|60|150|UTICA HIGH SCHOOL",
		"1|90|100|SOUNDING BOARD MEETINGS",
		"0|130|50|All parents are welcome to attend our monthly Sounding Board meetings.",
		"3|150|50|BOOK CLUB",
		"0|150|96.8|Tuesday, September 29, 2015, in the library.",
	)
	iss := parseXMLPages(t, "utica.pdf", page)
	got := allText(iss)
	if len(iss.Articles) != 1 || iss.Articles[0].Title != "UTICA HIGH SCHOOL SOUNDING BOARD MEETINGS" {
		t.Fatalf("want one article titled UTICA HIGH SCHOOL SOUNDING BOARD MEETINGS:\n%s", got)
	}
	if !strings.Contains(got, "BOOK CLUB Tuesday") {
		t.Errorf("the bold run and the text after it are glued:\n%s", got)
	}
}

// TestPDFAllSmallPrint: a PDF whose every line is small print still gives
// its text, as one article per page, never "no article found".
func TestPDFAllSmallPrint(t *testing.T) {
	iss := parseXMLPages(t, "small.pdf", xmlPage("2|60|50|Notes for the week, set small.", "2|73|50|Coffee after the service as usual."))
	if len(iss.Articles) != 1 || len(iss.Articles[0].Blocks) == 0 {
		t.Fatalf("got %s", allText(iss))
	}
}

// TestPDFLeadIns: a notice sheet with no heading set apart, each notice
// opening with a lead-in in the body's type, gives one article a notice.
func TestPDFLeadIns(t *testing.T) {
	iss := parseXMLPages(t, "notices.pdf", xmlPage(
		"0|40|50|Today: Second collection for Peter's Pence after every Mass.",
		"0|53|50|Envelopes are in the porch.",
		"0|80|50|Altar Servers: I was pleased to see some of our new servers at Mass.",
		"0|93|50|Thank you to all who trained them.",
		"0|120|50|Enquirers Group: If you are considering becoming a Catholic, come along.",
		"0|133|50|We meet on Tuesdays.",
		"0|160|50|Covenant with the Poor: After a visit to Palestine, Peter will talk to us.",
		"0|173|50|All are welcome to the talk in the hall.",
	))
	if titles := titlesOf(iss); titles != "Altar Servers|Enquirers Group|Covenant with the Poor" {
		t.Errorf("titles %s:\n%s", titles, allText(iss))
	}
}

// TestPDFBannerTitle: text under a section banner before any heading is
// an article titled by the banner; printed again over a later page, the
// banner heads the rest of the article it broke; a heading that ends
// "...Name" credits the name.
func TestPDFBannerTitle(t *testing.T) {
	iss := parseXMLPages(t, "chief.pdf", xmlPages(
		[]string{
			"1|160|50|From the Principal's Desk",
			"0|190|50|Welcome back to a new school year. We are glad to see you all again.",
		},
		[]string{
			"1|160|50|From the Principal's Desk",
			"1|215|50|Notes from the Career Facilitator...Patrice Wynn",
			"0|245|50|The college fair is on October 5th in the gymnasium, from six to eight.",
		},
		[]string{
			"1|160|50|From the Principal's Desk",
			"0|190|50|Bring your questions for the colleges, and your parents too, if they can come.",
		},
	))
	if len(iss.Articles) != 2 || iss.Articles[0].Title != "From the Principal's Desk" || iss.Articles[1].Title != "Notes from the Career Facilitator" ||
		len(iss.Articles[1].Bylines) != 1 || iss.Articles[1].Bylines[0].Name != "Patrice Wynn" || len(iss.Articles[1].Blocks) != 2 {
		for _, a := range iss.Articles {
			t.Logf("%q %q %v", a.Section, a.Title, a.Bylines)
		}
		t.Errorf("want the banner's letter and the facilitator's notes by Patrice Wynn")
	}
}

// TestPDFOddRuns: what a review broke the PDF reading with. Mirrored text
// (a negative width) read without recursing for ever; a drop cap beside
// three lines keeps them three; a credit set large over a numbered part
// stays a credit; control characters and soft hyphens are cleaned.
func TestPDFOddRuns(t *testing.T) {
	mirrored := strings.Replace(string(xmlPage(
		"1|60|50|Harvest supper",
		"0|90|50|The harvest supper raised a good sum for the church roof this year.",
		"0|120|150|Mirrored",
	)), `left="150" width="41.6"`, `left="150" width="-41.6"`, 1)
	iss := parseXMLPages(t, "mirror.pdf", []byte(mirrored))
	mustContain(t, allText(iss), "paragraph:The harvest supper raised a good sum")

	dropCap := xmlPage(
		"1|40|50|Bell ringers",
		"0|100|70|he first line of the notice goes on here and",
		"0|114|70|the second line of it goes on there, while",
		"0|128|70|the third line of the notice ends it all here.",
		"1|98|50|T",
	)
	mustContain(t, allText(parseXMLPages(t, "dropcap.pdf", []byte(strings.Replace(string(dropCap), `height="18.4" font="1">T<`, `height="42" font="1">T<`, 1)))),
		"paragraph:The first line of the notice goes on here and the second line of it goes on there, while the third line of the notice ends it all here.")

	credit := xmlPage(
		"1|40|50|Ten ways to read the Bible",
		"0|70|50|Reading the Bible well takes time, and these ways may help you.",
		"1|100|50|By Jane Doe",
		"1|130|50|1. Read slowly",
		"0|160|50|Do not only read the words: think about what you read.",
	)
	iss = parseXMLPages(t, "credit.pdf", credit)
	if len(iss.Articles) != 1 || len(iss.Articles[0].Bylines) != 1 || iss.Articles[0].Bylines[0].Name != "Jane Doe" {
		t.Errorf("want one article by Jane Doe:\n%s", allText(iss))
	}

	dirty := xmlPage(
		"1|40|50|Co-operation",
		"0|70|50|Some co\u00adoperation \u0001text that\u200b goes on.",
	)
	got := allText(parseXMLPages(t, "dirty.pdf", []byte(strings.NewReplacer(`\u00ad`, "\u00ad", `\u0001`, "\u0001", `\u200b`, "\u200b").Replace(string(dirty)))))
	mustContain(t, got, "paragraph:Some cooperation text that goes on.")
}

// TestPDFChattyWarnings: a PDF that pdftohtml reads while it writes more
// than 4 KB of warnings is read, not refused.
func TestPDFChattyWarnings(t *testing.T) {
	dir := t.TempDir()
	script := filepath.Join(dir, "pdftohtml")
	xml := string(xmlPage("1|60|50|Harvest supper", "0|90|50|The harvest supper raised a good sum for the church roof this year."))
	body := "#!/bin/sh\nfor i in $(seq 1 300); do echo \"Syntax Error (343): Unknown operator 'foo'\" >&2; done\ncat <<'EOF'\n" + xml + "EOF\n"
	if err := os.WriteFile(script, []byte(body), 0o755); err != nil {
		t.Fatal(err)
	}
	iss, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), "chatty.pdf", source.Options{PDF: poppler.Pdftohtml{Path: script}})
	if err != nil {
		t.Fatalf("a readable PDF with long warnings: %v", err)
	}
	if len(iss.Articles) != 1 {
		t.Errorf("%d articles", len(iss.Articles))
	}
}

// TestPDFGlossAndPullQuote: a line in brackets under a title set alike is
// its gloss, not the title; a pull quote set large that repeats the text
// starts no article.
func TestPDFGlossAndPullQuote(t *testing.T) {
	iss := parseXMLPages(t, "sermon.pdf", xmlPage(
		"1|60|50|立志跟从神",
		"1|85|50|(但以理1:8-21)",
		"0|120|50|但以理立志不以王的膳和王所饮的酒玷污自己。",
		"1|200|50|Senior Experience",
		"0|230|50|I am doing all I can to follow the advice of those who came before me and savor my final year.",
		"0|243|50|The seniors looked back at their four years at Lehigh and what they learned.",
		"1|280|50|I am doing all I can to follow the advice",
		"0|310|50|Every senior spoke about the brothers who had helped them most.",
	))
	if titles := titlesOf(iss); titles != "立志跟从神|Senior Experience" {
		t.Errorf("titles %s:\n%s", titles, allText(iss))
	}
}

// TestPDFLabelNotTitle: a label of a word or two set larger than the
// heading under it (a chapter's name over its letter) is no title.
func TestPDFLabelNotTitle(t *testing.T) {
	iss := parseXMLPages(t, "letter.pdf", xmlPage(
		"1|300|50|Chapter News",
		"4|330|50|Letter From The Master",
		"0|360|50|It is both an honor and a privilege to be the master of the chapter this year.",
	))
	if len(iss.Articles) != 1 || iss.Articles[0].Title != "Letter From The Master" {
		t.Errorf("got %s", allText(iss))
	}
}

// TestPDFShortSignatures: a letter signed with a first name after its
// close (Thank you, Samuel), and a recipe signed after "Bon appetit".
func TestPDFShortSignatures(t *testing.T) {
	iss := parseXMLPages(t, "kenn.pdf", xmlPage(
		"1|100|50|News from Samuel",
		"0|130|50|Yesterday I went to the graduation of the Bible school in the town.",
		"0|143|50|It was a short course of three months.",
		"0|170|50|Thank you, Samuel",
		"1|220|50|Peach Pudding",
		"0|250|50|Peel the fruit, cut it up and put it in a dish with the cream and the sugar.",
		"0|263|50|Bake it for twenty minutes.",
		"3|290|50|Bon appetit",
		"0|317|50|Maureen Bate",
	))
	if len(iss.Articles) != 2 {
		t.Fatalf("got %s", allText(iss))
	}
	for i, want := range []string{"Samuel", "Maureen Bate"} {
		if a := iss.Articles[i]; len(a.Bylines) != 1 || a.Bylines[0].Name != want {
			t.Errorf("%q: bylines %v, want %s", a.Title, a.Bylines, want)
		}
	}
}

// A sentence that goes on in a line starting in lower case continues its
// paragraph, however far that line is set in: text wrapped beside a
// picture. A line set in that starts a sentence still starts a paragraph.
func TestPDFLowercaseLineContinues(t *testing.T) {
	page := xmlPage(
		"1|60|50|Period poverty drive",
		"0|90|50|The drive was organised by the volunteers to explain how sanitary napkins and other",
		"0|103|230|products harm the environment, and to show",
		"0|116|230|friendlier alternatives for them.",
		"0|131|70|A second paragraph starts with an indent and runs on to the end of its line so",
		"0|144|50|that the column is full and the text goes on here until its sentence ends.",
	)
	got := allText(parseXMLPages(t, "drive.pdf", page))
	mustContain(t, got,
		"paragraph:The drive was organised by the volunteers to explain how sanitary napkins and other products harm the environment, and to show friendlier alternatives for them.\n",
		"paragraph:A second paragraph starts with an indent")
}

// A caption set inside the text column, in smaller type, breaks a
// paragraph in reading order; the line after it that starts in lower case
// takes the paragraph up again. A line after a caption that starts a
// sentence starts a paragraph of its own.
func TestPDFParagraphGoesOnPastACaption(t *testing.T) {
	page := xmlPage(
		"1|60|50|Robots at the library",
		"0|90|50|An audience of over two hundred people came to see the robots on Saturday, and",
		"0|103|50|many of them stayed to ask how the team builds them and how",
		"2|118|50|A group of children passing the ball back and forth",
		"0|133|50|dependent it is on the sponsors who pay for the parts each season.",
		"0|150|50|The next show will be held at the town hall in the spring, and everyone is",
		"0|163|50|welcome to come along and try driving one of the robots themselves.",
		"2|178|50|The team at the town hall last year",
		"0|193|50|Tickets are free and can be booked at the library desk from Monday on.",
	)
	got := allText(parseXMLPages(t, "robots.pdf", page))
	mustContain(t, got,
		"and how dependent it is on the sponsors who pay for the parts each season.\n",
		"paragraph:Tickets are free and can be booked")
	if strings.Contains(got, "paragraph:dependent") {
		t.Errorf("the paragraph broke at the caption:\n%s", got)
	}
}

// Lines that each open with a day and month and say what happens are the
// items of a list of events, however they end; a line of a paragraph that
// happens to open with a date goes on with it.
func TestPDFDateLedItems(t *testing.T) {
	page := xmlPage(
		"1|60|50|Forthcoming events",
		"0|90|50|We hope to meet in person again soon, and the committee has planned these for",
		"0|103|50|20 July and after, Covid and God willing:",
		"0|118|50|20 July social meeting in the village hall 7.30 pm",
		"0|131|50|30 July croquet at Sue's with cheese and wine 6 pm",
		"0|144|50|14 August garden party at Marshall Farm 3-5 pm",
	)
	got := allText(parseXMLPages(t, "events.pdf", page))
	mustContain(t, got,
		"planned these for 20 July and after, Covid and God willing:\n",
		"paragraph:20 July social meeting in the village hall 7.30 pm\n",
		"paragraph:30 July croquet at Sue's with cheese and wine 6 pm\n",
		"paragraph:14 August garden party at Marshall Farm 3-5 pm\n")
}

// A hyphen set as a bullet before Chinese text opens an item of a list:
// no wrapped line of Chinese starts with one.
func TestPDFHyphenBulletBeforeChinese(t *testing.T) {
	page := xmlPage(
		"1|60|50|华人新年崇拜",
		"0|90|50|年初二的崇拜时间安排如下，请弟兄姊妹互相转告，准时出席",
		"0|103|50|-客语堂崇拜照常时间：早上七时",
		"0|116|50|-英文堂与国文堂联合崇拜时间：早上九时半",
	)
	got := allText(parseXMLPages(t, "cny.pdf", page))
	mustContain(t, got, "paragraph:客语堂崇拜照常时间：早上七时\n", "paragraph:英文堂与国文堂联合崇拜时间：早上九时半\n")
}

// A picture's credit or caption told by its words (Photo by …, Cartoon
// by …, 图为…, …摄) is no part of the text, even set in the body's type
// between two of its lines.
func TestPDFPictureLinesAreNoText(t *testing.T) {
	page := xmlPage(
		"1|60|50|Harvest supper raises funds",
		"0|90|50|The harvest supper in the village hall was a great success this year, with over",
		"0|103|50|eighty people sitting down to eat and many more calling in for pudding.",
		"0|118|50|Photo by Hal Corin",
		"0|133|50|Thanks go to everyone who cooked, served and washed up on the night.",
		"0|148|50|Cartoon by Hal Corin",
		"0|163|50|The photographs by our members will be shown at the next meeting of the club.",
	)
	got := allText(parseXMLPages(t, "harvest.pdf", page))
	mustContain(t, got,
		"calling in for pudding.\nparagraph:Thanks go to everyone",
		"paragraph:The photographs by our members will be shown")
	if strings.Contains(got, "Hal Corin") {
		t.Errorf("a picture's credit was read as text:\n%s", got)
	}
	for _, s := range []string{"Photo by Hal Corin", "Photos: Jane Doe", "(Photo courtesy of the Gazette)", "摄影：蒋涛", "图为市民在公园内散步", "王芳 摄"} {
		if !source.IsPictureLine(s) {
			t.Errorf("%q is not taken for a picture's line", s)
		}
	}
	for _, s := range []string{"The photographs by our members will be shown.", "Photography club meets on Tuesday", "图书馆开放时间"} {
		if source.IsPictureLine(s) {
			t.Errorf("%q is taken for a picture's line", s)
		}
	}
}

// A Wingdings bullet that the text layer gives as ¨ opens a list item and
// is no part of it.
func TestPDFWingdingsBulletAsDiaeresis(t *testing.T) {
	page := xmlPage(
		"1|60|50|Schedule changes",
		"0|90|50|Schedule changes will be allowed only for the following reasons:",
		"0|105|50|¨ The student failed a semester of a full-year course.",
		"0|120|50|¨ The schedule is incomplete",
		"0|135|50|¨ The schedule must be modified for math placement.",
	)
	got := allText(parseXMLPages(t, "schedule.pdf", page))
	mustContain(t, got, "paragraph:The student failed a semester of a full-year course.\n", "paragraph:The schedule is incomplete\n")
	if strings.Contains(got, "¨") {
		t.Errorf("the bullet is in the text:\n%s", got)
	}
}

// Numbered parts set like the text, each a short line over the sentences
// of its part, are subheads; they were once read into the line after them
// ("1. Mowing The grass will be cut …").
func TestPDFNumberedPartsSetLikeTheText(t *testing.T) {
	page := xmlPage(
		"1|60|50|Caring for the churchyard",
		"0|90|50|The churchyard group met in March and agreed a plan for the year in three parts.",
		"0|105|50|1. Mowing",
		"0|120|50|The grass will be cut every second week from April to September by volunteers.",
		"0|135|50|2. Wild flowers",
		"0|150|50|A strip by the north wall will be left uncut for the wild flowers and the bees.",
	)
	got := allText(parseXMLPages(t, "churchyard.pdf", page))
	mustContain(t, got, "subhead:1. Mowing\nparagraph:The grass will be cut", "subhead:2. Wild flowers\nparagraph:A strip by the north wall")
}

// TestPDFLeadInsWrappedAndContinued: on a notice sheet set all in the
// text's type, a lead-in wrapped over two lines is one heading (with a
// quoted name after it), a name and a colon that go on a sentence cut
// mid-line are no lead-in, the masthead's contact line is no notice, and
// a short line alone ending on no stop heads the notice under it.
func TestPDFLeadInsWrappedAndContinued(t *testing.T) {
	iss := parseXMLPages(t, "stmary.pdf", xmlPage(
		"0|40|50|Parish Office: Mrs Ann Hale 01632 960 118 office@stmary.example Mon to Thu",
		"0|70|50|Flower Rota: Thank you to all who did the flowers for Pentecost.",
		"0|83|50|The list for July is in the porch.",
		"0|110|50|Diocesan Youth",
		"0|123|50|Pilgrimage: ‘Walking with Saint Cuthbert’: 3rd to 9th August. Young people aged 16 to 25 are invited.",
		"0|150|50|We have had a kind message this week from",
		"0|163|50|Margaret: “Thank you for all the cards and prayers while I was in hospital.”",
		"0|190|50|Summer fair needs helpers this year!",
		"0|203|50|Please put your name on the list at the back of the church if you can help on the day.",
		"0|230|50|Choir: New voices are always welcome at our practice on Thursdays.",
		"0|243|50|Come and sing with us; no audition is needed.",
		"0|256|50|Jenny Marsh",
	))
	want := "Flower Rota|Diocesan Youth Pilgrimage: ‘Walking with Saint Cuthbert’|Summer fair needs helpers this year!|Choir"
	if got := titlesOf(iss); got != want {
		t.Errorf("titles %q, want %q:\n%s", got, want, allText(iss))
	}
	mustContain(t, allText(iss), "from Margaret: “Thank you for all the cards")
	if choir := iss.Articles[len(iss.Articles)-1]; len(choir.Bylines) != 1 || choir.Bylines[0].Name != "Jenny Marsh" {
		t.Errorf("the choir's notice signed by Jenny Marsh: bylines %v\n%s", choir.Bylines, allText(iss))
	}
}

// TestPDFTableCellsKeptOut: a duty rota's rows of fewer cells (two names
// where a date is not repeated) are the table's too, however few their
// cells: they stand in its band, between its edges, in its type; the
// notice after the table keeps its text.
func TestPDFTableCellsKeptOut(t *testing.T) {
	iss := parseXMLPages(t, "rota.pdf", xmlPage(
		"1|60|50|Duty rota",
		"0|100|50|Date", "0|100|200|Reader", "0|100|350|Sidesmen",
		"0|115|50|7 July", "0|115|200|Ann Lee", "0|115|350|Tom Hart",
		"0|130|50|14 July", "0|130|200|Bob Fry", "0|130|350|Sue Pym",
		"0|145|200|Jo Webb", "0|145|350|Max Orr",
		"0|160|50|21 July", "0|160|200|Kim Ash", "0|160|350|Ian Roe",
		"1|200|50|Harvest supper",
		"0|225|50|Tickets for the harvest supper on Saturday are on sale after every Mass.",
	))
	text := allText(iss)
	if strings.Contains(text, "Jo Webb") || strings.Contains(text, "Max Orr") {
		t.Errorf("a row of the rota is read as text:\n%s", text)
	}
	mustContain(t, text, "paragraph:Tickets for the harvest supper on Saturday are on sale after every Mass.")
}

// TestPDFSentenceNoHeading: the steps of instructions set large (2. Click
// on the Email Notification tab.) and a sentence set as large as the
// headings are text of the article above them, not titles: a headline has
// no full stop.
func TestPDFSentenceNoHeading(t *testing.T) {
	iss := parseXMLPages(t, "steps.pdf", xmlPage(
		"1|60|50|PowerSchool e-mail system",
		"0|85|50|Parents can have grades sent to them by e-mail each week.",
		"4|110|50|1. Log on to the parent portal.",
		"4|130|50|2. Click on the Email Notification tab.",
		"0|150|50|Choose how often you want the e-mails to come.",
		"4|175|50|Forms must be returned to the office by Friday.",
		"1|210|50|Book club",
		"0|235|50|The book club meets in the library on the first Tuesday of the month.",
	))
	if got := titlesOf(iss); got != "PowerSchool e-mail system|Book club" {
		t.Errorf("titles %q, want the two articles:\n%s", got, allText(iss))
	}
}
