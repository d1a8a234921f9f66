package source_test

import (
	"strconv"
	"strings"
	"testing"
)

// TestPDFPartHeadingStyle: under a title set large, a smaller heading
// straight under it and a later one in the same style head the parts of
// the one article (a talk written up in two parts), not two articles.
func TestPDFPartHeadingStyle(t *testing.T) {
	fonts := `<fontspec id="0" size="11" family="Georgia" color="#000000"/>
<fontspec id="1" size="36" family="GillSans-Bold" color="#98499c"/>
<fontspec id="2" size="14" family="GillSans" color="#000000"/>
`
	lines := func(top int, texts ...string) string {
		var b strings.Builder
		for i, s := range texts {
			b.WriteString(`<text top="` + strconv.Itoa(top+14*i) + `" left="57" width="` + strconv.Itoa(5*len(s)) + `" height="11.5" font="0">` + s + "</text>\n")
		}
		return b.String()
	}
	runs := `<text top="40" left="57" width="200" height="44" font="1">Parish News</text>
` + lines(100, "The parish council met on Tuesday and agreed the budget for the",
		"coming year, with thanks to the treasurer for her careful work.") + `</page>
<page number="2" position="absolute" top="0" left="0" height="595" width="419">
<text top="40" left="57" width="330" height="44" font="1">Building families</text>
<text top="100" left="57" width="250" height="17" font="2">Faith grows in a community</text>
` + lines(122, "Our speaker began with the letter to the Ephesians: faith grows",
		"first in the family of the church, and only then in our homes,",
		"where children see what their parents truly live by.") + `<text top="180" left="57" width="250" height="17" font="2">Teaching that shapes a life</text>
` + lines(202, "She then turned to Christian education, which is more than Sunday",
		"school: it is the whole of a life formed in Christ, at home and in",
		"the world, and it begins with the teachers themselves.")
	iss := parseXMLPages(t, "talk.pdf", rawPage(fonts, runs))
	if got := titlesOf(iss); got != "Parish News|Building families" && got != "Building families" {
		t.Errorf("titles %q, want the talk as one article", got)
	}
	got := allText(iss)
	mustContain(t, got, "subhead:Faith grows in a community\n", "subhead:Teaching that shapes a life\n",
		"paragraph:She then turned to Christian education, which is more than Sunday school: it is the whole of a life formed in Christ, at home and in the world, and it begins with the teachers themselves.\n")
}

// TestPDFSizeApart: a Chinese title with its English name set far
// smaller at its top right, on a baseline of its own, is the title
// alone; the English name is no part of it.
func TestPDFSizeApart(t *testing.T) {
	fonts := `<fontspec id="0" size="11" family="LiSongPro" color="#000000"/>
<fontspec id="1" size="48" family="FZLTTHB" color="#0e465b"/>
<fontspec id="2" size="18" family="GillSans-Bold" color="#0e465b"/>
<fontspec id="3" size="24" family="FZLTTHB" color="#000000"/>
`
	runs := `<text top="40" left="57" width="200" height="30" font="3">院訊</text>
<text top="100" left="57" width="175" height="11" font="0">本期介紹今年秋季推出的新學位。</text>
</page>
<page number="2" position="absolute" top="0" left="0" height="595" width="419">
<text top="112" left="38" width="249" height="58" font="1"><b>神學精要碩士</b></text>
<text top="120" left="291" width="120" height="22" font="2"><b>Master of Theological</b></text>
<text top="142" left="291" width="110" height="22" font="2"><b>Essentials (MTE)</b></text>
<text top="200" left="38" width="330" height="11" font="0">基督工人神學院推出的最新學位，就是為了裝備信徒成為</text>
<text top="214" left="38" width="200" height="11" font="0">教會中合神心意的工人。</text>
`
	iss := parseXMLPages(t, "degree.pdf", rawPage(fonts, runs))
	if got := titlesOf(iss); !strings.HasSuffix(got, "神學精要碩士") {
		t.Errorf("titles %q, want the Chinese title alone", got)
	}
}
