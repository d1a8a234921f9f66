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
