package source_test

import "testing"

// TestPDFHangingIndent: an item of a prayer list whose next line is set
// back under its bullet, left of the item's first words though in from
// the heading's edge, goes on there, though it starts with a capital
// (a name, or any line of Chinese); it is no paragraph of its own.
func TestPDFHangingIndent(t *testing.T) {
	fonts := `<fontspec id="0" size="11" family="Georgia" color="#000000"/>
<fontspec id="1" size="14" family="Georgia-Bold" color="#000000"/>
`
	runs := `<text top="40" left="21" width="160" height="17" font="1"><b>Prayer requests</b></text>
<text top="70" left="21" width="300" height="13" font="0">Please remember in your prayers this week:</text>
<text top="90" left="26" width="5" height="13" font="0">•</text>
<text top="90" left="44" width="330" height="13" font="0">for the Rev. Anne Lowe, Dr Peter Grant and the Rev.</text>
<text top="106" left="30" width="250" height="13" font="0">Mary Okafor as they prepare for the mission in Uganda.</text>
<text top="122" left="26" width="5" height="13" font="0">•</text>
<text top="122" left="44" width="300" height="13" font="0">all who are sick at home or in hospital.</text>
<text top="138" left="26" width="5" height="13" font="0">•</text>
<text top="138" left="44" width="260" height="13" font="0">the families of those who have died.</text>
`
	got := allText(parseXMLPages(t, "prayers.pdf", rawPage(fonts, runs)))
	mustContain(t, got, "paragraph:for the Rev. Anne Lowe, Dr Peter Grant and the Rev. Mary Okafor as they prepare for the mission in Uganda.\n")
}
