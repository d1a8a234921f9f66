package source_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// sectionTitles is each article's section and title, "section/title",
// joined by "|".
func sectionTitles(iss *bulletinfeed.Issue) string {
	var out []string
	for _, a := range iss.Articles {
		out = append(out, a.Section+"/"+a.Title)
	}
	return strings.Join(out, "|")
}

// rawPage is the pdftohtml -xml of one A5 page holding runs as given.
func rawPage(fonts, runs string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<pdf2xml producer="poppler" version="22.12.0">
<page number="1" position="absolute" top="0" left="0" height="595" width="419">
` + fonts + runs + `</page>
</pdf2xml>
`)
}

// TestPDFSidewaysText: a band of text set sideways down the margin (NEWS @
// UTICA, run by run with no width, as pdftohtml gives a line turned 90°)
// is no part of the article beside it, and does not break it up.
func TestPDFSidewaysText(t *testing.T) {
	fonts := `<fontspec id="0" size="10" family="Times" color="#000000"/>
<fontspec id="1" size="16" family="Arial-BoldMT" color="#000000"/>
<fontspec id="2" size="18" family="Arial-BoldMT" color="#000000"/>
`
	var runs strings.Builder
	runs.WriteString(`<text top="40" left="60" width="250" height="18.4" font="1">Library opens on Saturdays</text>
<text top="70" left="60" width="300" height="11.5" font="0">The school library will open on Saturday mornings from</text>
<text top="83" left="60" width="300" height="11.5" font="0">next month, when parents may borrow books with their</text>
<text top="96" left="60" width="220" height="11.5" font="0">children between nine and twelve.</text>
<text top="109" left="60" width="300" height="11.5" font="0">Volunteers to keep it open are wanted; please write to</text>
<text top="122" left="60" width="200" height="11.5" font="0">the office if you can help.</text>
`)
	// Down the margin, bottom to top: each run starts higher up.
	for i, w := range []string{"NE", "W", "S @ U", "TICA", "*", "NE", "W", "S @ U", "TICA"} {
		top := 560 - 40*i
		runs.WriteString(`<text top="` + strconv.Itoa(top) + `" left="20" width="-0.000001" height="18.5" font="2">` + w + `</text>` + "\n")
	}
	got := allText(parseXMLPages(t, "utica.pdf", rawPage(fonts, runs.String())))
	mustContain(t, got, "paragraph:The school library will open on Saturday mornings from next month, when parents may borrow books with their children between nine and twelve.")
	for _, bad := range []string{"TICA", "NE"} {
		if strings.Contains(got, bad+"\n") || strings.Contains(got, ":"+bad) {
			t.Errorf("the sideways band came through as %q:\n%s", bad, got)
		}
	}
}

// TestPDFCentredLinesJoin: a verse set centred in a box, its first line
// shorter than its second and stopping on a comma, is one paragraph, not
// one per line (zh-cogs-zhoukan-2018-01-27.pdf, page 4).
func TestPDFCentredLinesJoin(t *testing.T) {
	fonts := `<fontspec id="0" size="13" family="KaiTi" color="#000000"/>
<fontspec id="1" size="12" family="PMingLiU" color="#000000"/>
<fontspec id="2" size="16" family="SimHei" color="#000000"/>
`
	runs := `<text top="20" left="150" width="64" height="16" font="2"><b>代祷事项</b></text>
<text top="48.7" left="63.9" width="288.2" height="12" font="1">這稱為我名下的子民，若是自卑、禱告，尋求我的面，</text>
<text top="64.6" left="26.3" width="360.3" height="12" font="1">轉離他們的惡行，我必從天上垂聽，赦免他們的罪，醫治他們的地。</text>
<text top="110" left="26.3" width="169" height="16" font="2"><b>为本国代祷：非法移民</b></text>
<text top="130" left="26.3" width="364" height="13" font="0">数千无证件的劳工（非法移民），特别是在沙巴州，造成了大规</text>
<text top="146" left="26.3" width="130" height="13" font="0">模的社会问题。</text>
<text top="162" left="26.3" width="182" height="13" font="0">儿童因着没有证件而不能上学。</text>
<text top="178" left="26.3" width="364" height="13" font="0">在沙巴主要的城市街道上满佈他们的行踪，也有许多孩子在街</text>
<text top="194" left="26.3" width="130" height="13" font="0">上流浪乞讨。</text>
`
	got := allText(parseXMLPages(t, "cogs.pdf", rawPage(fonts, runs)))
	mustContain(t, got, "這稱為我名下的子民，若是自卑、禱告，尋求我的面，轉離他們的惡行，我必從天上垂聽，赦免他們的罪，醫治他們的地。")
}

// TestPDFTitleInTwoHalves: a title set in two sizes, its first half
// ending on a colon, is one title; a desk's prefix is not joined.
func TestPDFTitleInTwoHalves(t *testing.T) {
	page := xmlPage(
		"4|60|50|Lent appeal:",
		"1|80|50|Water for Malawi",
		"0|110|50|Our Lent appeal this year raised enough for two new wells in the",
		"0|123|50|villages we have supported since 2015, and the diocese has matched",
		"0|136|50|every pound we gave.",
		"1|200|50|Summer fete",
		"0|230|50|The fete will be held on the green on the last Saturday of June,",
		"0|243|50|with stalls, a tug of war and teas in the hall.",
	)
	got := titlesOf(parseXMLPages(t, "lent.pdf", page))
	if got != "Lent appeal: Water for Malawi|Summer fete" {
		t.Errorf("titles %q", got)
	}
	// A first half that stops on "the" goes on, set smaller or larger.
	page = xmlPage(
		"4|60|50|Notes from the",
		"1|80|50|CAREER FACILITATOR",
		"0|110|50|Juniors may sign up for the career fair in the counseling office",
		"0|123|50|until Friday; buses leave at eight on the morning of the fair.",
	)
	if got := titlesOf(parseXMLPages(t, "notes.pdf", page)); got != "Notes from the CAREER FACILITATOR" {
		t.Errorf("titles %q", got)
	}
}

// TestPDFBannerOverResumedText: a banner at the top of the next page
// (a column's name set large) stands over text that goes on with the
// sentence the page before cut; it starts no article, and the paragraph
// is whole (zh-cwts-yuanxun-2024-06.pdf, 院長的話).
func TestPDFBannerOverResumedText(t *testing.T) {
	// Body lines of the full measure, about 64 characters.
	line := func(top int, text string) string { return fmt.Sprintf("0|%d|50|%s", top, text) }
	page1 := []string{
		"1|60|50|The organ is mended at last",
		line(90, "After two years of silence the organ played again on Sunday, and"),
		line(103, "the choir sang with it for the first time since the storm broke in"),
		line(116, "through the roof above the loft. The repairs cost more than we had"),
		line(129, "hoped, and we thank everyone who gave to the appeal, which raised"),
	}
	page2 := []string{
		"1|40|50|Parish news",
		line(80, "the whole sum by Easter. The organist will give a recital in June."),
		"1|140|50|Summer fete",
		line(170, "The fete will be held on the green on the last Saturday of June,"),
		line(183, "with stalls, a tug of war and teas in the hall. All are welcome."),
	}
	iss := parseXMLPages(t, "organ.pdf", xmlPages(page1, page2))
	if got := titlesOf(iss); got != "The organ is mended at last|Summer fete" {
		t.Errorf("titles %q", got)
	}
	mustContain(t, allText(iss), "which raised the whole sum by Easter.")
}

// TestPDFPageBanner: a short heading set over a larger one, on a page
// whose notices are headed in that larger style, names the page's
// section; the next page's article is under none.
func TestPDFPageBanner(t *testing.T) {
	page1 := []string{
		"4|40|50|Notices",
		"1|62|50|Coffee morning",
		"0|90|50|Coffee and cake in the hall after the ten o'clock service.",
		"1|130|50|Bible study",
		"0|158|50|We meet on Wednesdays at half past seven in the vicarage.",
		"1|198|50|Flower rota",
		"0|226|50|The new rota for the summer is on the board by the door.",
	}
	page2 := []string{
		"1|40|50|A new roof for the tower",
		"0|70|50|The appeal for the tower roof has reached its target, and the",
		"0|83|50|work will start in September when the bells fall silent.",
	}
	// Set larger, heading its page, over the tiles of past events.
	page3 := []string{
		"1|100|50|Past events",
		"4|140|50|Quiz night",
		"0|165|50|Sixty people came to the quiz, and the Smiths won it again.",
		"4|200|50|Carol service",
		"0|225|50|The church was full for the carols on the Sunday before Christmas.",
		"4|260|50|Nativity play",
		"0|285|50|The children of the Sunday school acted the nativity in the church.",
	}
	// Set larger below other text: a label over a title (Harvest, left
	// out of the title as a label), no section.
	page4 := []string{
		"4|100|50|Choir practice",
		"0|125|50|The choir practises on Thursdays at seven in the church itself.",
		"1|170|50|Harvest",
		"4|195|50|Thank you for every gift",
		"0|220|50|The food went to the food bank in town on the Monday after.",
		"4|255|50|Bell ringers",
		"0|280|50|The ringers need two more hands for the Sunday morning peal.",
		"4|315|50|Lost property",
		"0|340|50|A blue umbrella and a pair of gloves wait in the vestry.",
	}
	iss := parseXMLPages(t, "notices.pdf", xmlPages(page1, page2, page3, page4))
	got := sectionTitles(iss)
	want := "Notices/Coffee morning|Notices/Bible study|Notices/Flower rota|/A new roof for the tower|Past events/Quiz night|Past events/Carol service|Past events/Nativity play|/Choir practice|/Thank you for every gift|/Bell ringers|/Lost property"
	if got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestPDFBannerStyle: a column's name printed once, in the face, size and
// place of a banner printed on several pages, is a banner too.
func TestPDFBannerStyle(t *testing.T) {
	page := func(band, title string) []string {
		return []string{
			"4|100|50|" + band,
			"1|140|50|" + title,
			"0|170|50|The school's news of the month, set in the body's face and size.",
			"0|183|50|It goes on for a second line, as articles do in every issue.",
		}
	}
	iss := parseXMLPages(t, "bands.pdf", xmlPages(page("Around town", "New library"), page("Around town", "Bus times"), page("Sport", "Cup final")))
	got := sectionTitles(iss)
	if want := "Around town/New library|Around town/Bus times|Sport/Cup final"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestPDFColonBox: a box's label ending on a colon, with its items set as
// large as it, over the next article's title, is an article of its own:
// the items are its paragraphs, and the last heading titles the text.
func TestPDFColonBox(t *testing.T) {
	page := xmlPage(
		"4|60|50|This term at the club:",
		"4|100|50|Forty new members",
		"4|140|50|Two cups won",
		"1|190|50|Keep in touch",
		"0|220|50|The club's calendar is on its website, and members may write to",
		"0|233|50|the secretary for a copy of the fixtures list for the new season.",
	)
	iss := parseXMLPages(t, "club.pdf", page)
	if got := titlesOf(iss); got != "This term at the club:|Keep in touch" {
		t.Fatalf("titles %q", got)
	}
	if got := allText(iss); !strings.Contains(got, "paragraph:Two cups won") {
		t.Errorf("the box's items are not its paragraphs:\n%s", got)
	}
}

// TestPDFColonParts: three or more headings that each name a part before
// a colon, under the page's heading, are that article's subheads (a
// prayer list), not articles of their own.
func TestPDFColonParts(t *testing.T) {
	page := xmlPage(
		"4|60|50|Prayer list",
		"0|85|50|Please remember in your prayers this week:",
		"1|110|50|For the world: Croatia",
		"0|135|50|For the people who lost their homes in the earthquake.",
		"1|160|50|For our country: the floods",
		"0|185|50|For the families in the valleys still out of their homes.",
		"1|210|50|For the parish: the sick",
		"0|235|50|For Mary, John and Peter, and all who are in hospital.",
	)
	iss := parseXMLPages(t, "prayers.pdf", page)
	if got := titlesOf(iss); got != "Prayer list" {
		t.Fatalf("titles %q", got)
	}
	mustContain(t, allText(iss), "subhead:For the world: Croatia", "subhead:For the parish: the sick")

	// The last part a label alone on its colon, its list of names under
	// it: one of the parts.
	page = xmlPage(
		"4|60|50|Prayer list",
		"0|85|50|Please remember in your prayers this week:",
		"1|110|50|For the world: Croatia",
		"0|135|50|For the people who lost their homes in the earthquake.",
		"1|160|50|For our country: the floods",
		"0|185|50|For the families in the valleys still out of their homes.",
		"1|210|50|For the parish: the sick",
		"0|235|50|For all who are in hospital and those who care for them.",
		"1|260|50|For the sick:",
		"0|285|50|Mary Ellis, John Hart, Peter Nolan, Ruth Bailey, Anne Cole.",
	)
	iss = parseXMLPages(t, "prayers.pdf", page)
	if got := titlesOf(iss); got != "Prayer list" {
		t.Errorf("with a label alone: titles %q", got)
	}
	mustContain(t, allText(iss), "subhead:For the sick:")

	// Notices that each name what before a colon, sharing nothing, stay
	// notices.
	page = xmlPage(
		"4|60|50|This week",
		"0|85|50|News of the parish for the week ahead, in brief.",
		"1|110|50|Coffee morning: Thursday",
		"0|135|50|Coffee and cake in the hall after the ten o'clock service.",
		"1|160|50|Choir: new members",
		"0|185|50|The choir would welcome new voices, especially tenors.",
		"1|210|50|Fete: Saturday 12 July",
		"0|235|50|Stalls, teas and a tug of war on the green from two.",
	)
	if got := titlesOf(parseXMLPages(t, "notices.pdf", page)); got != "This week|Coffee morning: Thursday|Choir: new members|Fete: Saturday 12 July" {
		t.Errorf("notices: titles %q", got)
	}
}

// TestPDFNumberedOutline: a sermon's outline printed all in one size over
// no body text, a title over numbered parts and lettered questions, is an
// article: the parts are subheads, the questions paragraphs.
func TestPDFNumberedOutline(t *testing.T) {
	page := xmlPages([]string{
		"1|20|50|St Mary's News",
		"4|60|50|Harvest thanksgiving",
		"0|90|50|The harvest service will be held on Sunday at ten, with the",
		"0|103|50|children's choir, and the gifts will go to the food bank in",
		"0|116|50|town on the Monday after. Tins, packets and jars are welcome,",
		"0|129|50|and so is fruit from your gardens and allotments, which the",
		"0|142|50|food bank can give out the same week. Please bring the gifts",
		"0|155|50|to the church on the Saturday morning between ten and twelve,",
		"0|168|50|when the flower team will be decorating the church for it.",
	}, []string{
		"4|60|50|Following the call",
		"4|90|50|1. The call",
		"4|120|50|2. The cost",
		"4|150|50|3. The reward",
		"4|190|50|Questions:",
		"4|220|50|a. Who was Daniel, and what did he refuse at the king's table?",
		"4|250|50|b. What does drawing a line mean for us in our own",
		"4|268|50|work and homes today?",
	})
	iss := parseXMLPages(t, "outline.pdf", page)
	if got := titlesOf(iss); got != "Harvest thanksgiving|Following the call" {
		t.Fatalf("titles %q", got)
	}
	mustContain(t, allText(iss), "subhead:1. The call", "subhead:3. The reward",
		"paragraph:b. What does drawing a line mean for us in our own work and homes today?")
}

// TestPDFDeliberateBreak: a heading line that stops where the next line's
// first word would have fitted was broken on purpose: a label over the
// title, which is the second line. A title that wrapped at the column's
// edge stays one title.
func TestPDFDeliberateBreak(t *testing.T) {
	body := []string{
		"0|120|50|The vicar writes each month about the life of the parish and",
		"0|133|50|of the church's year, and this month about the new roof fund.",
	}
	page := xmlPage(append([]string{"1|60|50|St Mary's Church", "1|85|50|Vicar's Letter"}, body...)...)
	iss := parseXMLPages(t, "letter.pdf", page)
	if got := titlesOf(iss); got != "Vicar's Letter" {
		t.Errorf("titles %q", got)
	}
	if got := strings.Join(iss.Articles[0].Headings, "|"); got != "St Mary's Church|Vicar's Letter" {
		t.Errorf("headings %q", got)
	}
	wrapped := xmlPage(append([]string{"1|60|50|Volunteers restore the old riverside footpath by the", "1|85|50|mill"}, body...)...)
	if got := titlesOf(parseXMLPages(t, "wrapped.pdf", wrapped)); got != "Volunteers restore the old riverside footpath by the mill" {
		t.Errorf("wrapped title %q", got)
	}
}

// TestPDFOrphanBanner: a heading printed over a list of names on two
// pages is the title of what is left out (an honour roll), not the
// section of the article after it.
func TestPDFOrphanBanner(t *testing.T) {
	roll := func(title string) []string {
		return []string{
			"4|100|50|" + title,
			"0|140|50|Luna Abdulghani Jenna Agosta Hassain Aliahmad Dylan Alley",
			"0|153|50|Edith Alvarez Annabel Aquino Valerie Arcori Cameron Avis",
			"0|166|50|Shelby Davies",
		}
	}
	news := []string{
		"1|100|50|Book club",
		"0|130|50|The book club meets in the library on the first Monday of each",
		"0|143|50|month; this month it reads a novel set in the American South.",
	}
	iss := parseXMLPages(t, "roll.pdf", xmlPages(roll("11th Grade Honor Roll"), roll("10th Grade Honor Roll"), news))
	got := sectionTitles(iss)
	if want := "/Book club"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestPDFFieldLine: a notice's field (Date: …, 日期: …) that stops short
// stands alone, though it ends no sentence and the next line does not
// open a list.
func TestPDFFieldLine(t *testing.T) {
	page := xmlPage(
		"1|60|50|Annual meeting",
		"0|90|50|Date: Sunday 22 March",
		"0|103|50|all ministry leaders please hand in their reports by the sixteenth",
		"0|116|50|of February, at the office or by email.",
	)
	mustContain(t, allText(parseXMLPages(t, "meeting.pdf", page)),
		"paragraph:Date: Sunday 22 March\n", "paragraph:all ministry leaders please hand in")
}

// TestPDFOnlySidewaysText: a PDF whose every run is set sideways (a page
// of vertical writing) is refused for that, not called a scan.
func TestPDFOnlySidewaysText(t *testing.T) {
	page := rawPage(`<fontspec id="0" size="12" family="SimSun" color="#000000"/>
`, `<text top="500" left="300" width="0" height="12" font="0">主日崇拜</text>
<text top="452" left="300" width="0" height="12" font="0">欢迎大家</text>
`)
	_, err := source.Parse(context.Background(), strings.NewReader("%PDF-1.4\n%%EOF\n"), "vertical.pdf", source.Options{PDF: staticXML(page)})
	if err == nil || !strings.Contains(err.Error(), "set vertically or turned sideways") || strings.Contains(err.Error(), "OCR") {
		t.Fatalf("got %v, want the sideways refusal", err)
	}
}
