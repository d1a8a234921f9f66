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

// TestPDFIndentReach: a Chinese paragraph's first line, indented by two
// of its characters (23 points at 11.5 a character, as pdftohtml rounds
// the edges), stands in the column of the lines under it, not in the
// title's over it, and the paragraph goes on past it.
func TestPDFIndentReach(t *testing.T) {
	fonts := `<fontspec id="0" size="11" family="LiSongPro" color="#000000"/>
<fontspec id="1" size="30" family="MElleHK-Medium" color="#0e465b"/>
`
	runs := `<text top="60" left="94" width="300" height="40" font="1">寄居的我 同住的神</text>
<text top="120" left="80" width="151" height="11" font="0">我父母都是基督徒，我從小</text>
<text top="134" left="57" width="175" height="11" font="0">在教會長大。他們給我取名為「雨</text>
<text top="148" left="57" width="175" height="11" font="0">虹」是希望我記得上帝的信實與慈</text>
<text top="162" left="57" width="175" height="11" font="0">愛，祂以彩虹為記號與人和所有生</text>
<text top="176" left="57" width="105" height="11" font="0">物立了永遠的約。</text>
<text top="190" left="80" width="151" height="11" font="0">在我小學期間，母親得了乳癌，</text>
<text top="204" left="57" width="140" height="11" font="0">我眼看著她經歷病痛。</text>
`
	// The cover before it, whose largest line is the nameplate.
	cover := `<text top="40" left="57" width="200" height="40" font="1">院訊</text>
<text top="120" left="57" width="175" height="11" font="0">本期介紹新老師與今年的畢業生。</text>
</page>
<page number="2" position="absolute" top="0" left="0" height="595" width="419">
`
	got := allText(parseXMLPages(t, "yuanxun.pdf", rawPage(fonts, cover+runs)))
	mustContain(t, got, "paragraph:我父母都是基督徒，我從小在教會長大。他們給我取名為「雨虹」是希望我記得上帝的信實與慈愛，祂以彩虹為記號與人和所有生物立了永遠的約。\n")
}

// TestPDFWrappedWeakStop: a line of English that stops on a semicolon
// short of its column's edge, where the next line's first word would not
// have fitted, was wrapped there: the paragraph goes on. A short line on
// a colon with room left for the next word did end its paragraph.
func TestPDFWrappedWeakStop(t *testing.T) {
	page := xmlPage(
		"1|60|50|New groups in the village",
		"0|90|50|Did you know? The parish council has agreed to fund three new groups",
		"0|103|50|in the villages of the benefice this year, after a vote at its annual",
		"0|116|50|meeting in May, each to be led by a volunteer: Young Carers;",
		"0|129|50|Bereavement Support Group; and the Over Sixties Lunch Club.",
		"0|142|50|They meet on these evenings:",
		"0|155|50|Monday and Thursday in the village hall, from seven until nine.",
	)
	got := allText(parseXMLPages(t, "groups.pdf", page))
	mustContain(t, got,
		"paragraph:Did you know? The parish council has agreed to fund three new groups in the villages of the benefice this year, after a vote at its annual meeting in May, each to be led by a volunteer: Young Carers; Bereavement Support Group; and the Over Sixties Lunch Club.\n",
		"paragraph:They meet on these evenings:\n")
}

// TestPDFBulletReach: a dash that marks an empty cell of a table in the
// left column is no bullet of the line beside it across the gutter: the
// names in the right column, wrapped over four lines, are one paragraph.
func TestPDFBulletReach(t *testing.T) {
	fonts := `<fontspec id="0" size="12" family="KaiTi" color="#000000"/>
<fontspec id="1" size="13" family="KaiTi" color="#000000"/>
`
	runs := `<text top="444" left="250" width="120" height="13" font="1">为病患者祷告:</text>
<text top="471" left="18" width="84" height="12" font="0">国文部青少团契</text>
<text top="471" left="139" width="10" height="10" font="0">- </text>
<text top="471" left="219" width="168" height="12" font="0">杨楚贵,苏乃博,林春梅,刘石金,</text>
<text top="484" left="18" width="96" height="12" font="0">中英文部青少团契</text>
<text top="484" left="139" width="10" height="10" font="0">- </text>
<text top="484" left="219" width="168" height="12" font="0">邱国俊,潘春明,陈宏标,郑观发,</text>
<text top="497" left="18" width="96" height="12" font="0">华美园区青少团契</text>
<text top="497" left="139" width="10" height="10" font="0">- </text>
<text top="497" left="219" width="168" height="12" font="0">邢福吉,梁佩诗,陈美娥,刘梅玉,</text>
<text top="510" left="18" width="60" height="12" font="0">少年军事工</text>
<text top="510" left="139" width="10" height="10" font="0">- </text>
<text top="510" left="282" width="42" height="12" font="0">戴玉明.</text>
`
	got := allText(parseXMLPages(t, "weekly.pdf", rawPage(fonts, runs)))
	mustContain(t, got, "杨楚贵,苏乃博,林春梅,刘石金,邱国俊,潘春明,陈宏标,郑观发,邢福吉,梁佩诗,陈美娥,刘梅玉,戴玉明.\n")
}

// TestPDFWrappedStyleChange: an italic line that stops short only because
// the mail address after it, set upright, did not fit is no heading over
// the text: the sentence goes on in the next line.
func TestPDFWrappedStyleChange(t *testing.T) {
	fonts := `<fontspec id="0" size="14" family="ArialNarrow" color="#000000"/>
<fontspec id="1" size="14" family="ArialNarrow-Italic" color="#000000"/>
<fontspec id="2" size="20" family="ArialNarrow-Bold" color="#000000"/>
`
	runs := `<text top="40" left="57" width="200" height="24" font="2"><b>From the Rector</b></text>
<text top="80" left="57" width="480" height="16" font="1"><i>The new rota for the summer is on the board at the back of the church, and</i></text>
<text top="96" left="57" width="470" height="16" font="1"><i>I would be glad of any help on the Sundays that are still empty. Write to me</i></text>
<text top="112" left="57" width="330" height="16" font="1"><i>with the dates you can manage, on line, on</i></text>
<text top="128" left="57" width="350" height="16" font="0">rector.stmarys@example.org or by a note in the vestry.</text>
<text top="144" left="57" width="480" height="16" font="0">The parish office is open on Tuesday and Thursday mornings from nine.</text>
`
	got := allText(parseXMLPages(t, "rector.pdf", rawPage(fonts, runs)))
	mustContain(t, got, "Write to me with the dates you can manage, on line, on rector.stmarys@example.org or by a note in the vestry.\n")
}
