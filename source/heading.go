package source

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxHeadingWidth bounds a heading line: 45 Chinese characters or 90 Latin
// ones. Longer lines are paragraphs.
const maxHeadingWidth = 90

// isHeadingLike reports whether a line can be one of an article's heading
// lines (or a section banner): short, and not ending the way a sentence of
// body text ends. A headline may end with a question or exclamation mark.
func isHeadingLike(s string, width int) bool {
	if width > maxHeadingWidth || startsLikeContinuation(s) {
		return false
	}
	t := strings.TrimRight(s, closers)
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case '。', '．', '；', ';', '：', ':', '，', ',', '、':
		return false
	case '.':
		if !endsWithAbbreviation(t) {
			return false
		}
	}
	return !strings.Contains(s, "。")
}

// maxDeckWidth bounds a deck, the summary line under a title: 50 Chinese
// characters. A longer line is the first paragraph.
const maxDeckWidth = 100

// isDeck reports whether s reads as a deck rather than a headline: a
// sentence summarising the story, with a clause mark inside it or a full
// stop at its end, short enough to be set as a heading.
func isDeck(s string) bool {
	if displayWidth(s) > maxDeckWidth || startsLikeContinuation(s) || isEnumerated(s) {
		return false
	}
	t := strings.TrimRight(s, closers)
	// One sentence at most: a full stop only at the end.
	if i := strings.IndexAny(t, "。！？"); i >= 0 && i+len("。") < len(t) {
		return false
	}
	if strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":") || strings.HasSuffix(t, "，") || strings.HasSuffix(t, ",") || strings.HasSuffix(t, "、") {
		return false
	}
	return strings.ContainsAny(t, "，；,;") || strings.HasSuffix(t, "。") || (strings.HasSuffix(t, ".") && !endsWithAbbreviation(t))
}

// isLede reports whether s opens the way a news report's first sentence
// does, with a clause of time, date or purpose before its first comma:
// 9月12日，… 晚上7点，… 为方便群众就医，…. Such a line under a title with
// no credit line after it is the first paragraph, however short.
func isLede(s string) bool {
	if off("lede") {
		return false
	}
	clause, ok := firstClause(s, 60)
	if !ok {
		return false
	}
	for _, w := range ledeOpeners {
		if strings.HasPrefix(clause, w) {
			return true
		}
	}
	return hasDateOrTime(clause)
}

// firstClause returns s up to its first comma when that comma comes
// after at most max bytes.
func firstClause(s string, max int) (string, bool) {
	i := strings.IndexAny(s, "，,")
	if i <= 0 || i > max {
		return "", false
	}
	return s[:i], true
}

// hasDateOrTime reports whether s holds a figure followed by a unit of
// date or time: 9月12日, 2024年9月, 7点, 18时.
func hasDateOrTime(s string) bool {
	digits := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case digits && strings.ContainsRune("年月日点时", r):
			return true
		default:
			digits = false
		}
	}
	return false
}

// chooseTitle picks the main heading line. With three lines the middle one
// is the title between a kicker and a subtitle. With two, a short
// slogan-like kicker stands over an informative title ("水清岸绿河畅景美" over
// "河西区持续改善区域水环境质量"), or an informative title over a subtitle;
// the more informative line wins.
func (lx *lexicon) chooseTitle(headings []string) string {
	switch len(headings) {
	case 0:
		return ""
	case 1:
		return headings[0]
	case 2:
		a, b := headings[0], headings[1]
		if !off("kicker-mark") && isKickerMark(a) {
			return b
		}
		if !off("subtitle-mark") && isSubtitleMark(b) {
			return a
		}
		if !off("deck") && isDeck(b) && !isDeck(a) {
			// 社区义诊进楼门 / 50余名医生走进12个小区，为老人测血压、查血糖。:
			// the line that reads as a sentence summarises the story.
			return a
		}
		if !off("enumeration-deck") && strings.Count(b, "、") >= 2 && !strings.Contains(a, "、") && !isParallelSlogan(b) {
			// 智慧病房上线运行 / 患者在床旁就能查费用、看报告、呼叫护士:
			// a line that lists what the story tells is its deck.
			return a
		}
		if isLatinText(a) && isLatinText(b) && !off("english-kicker") {
			// English decks are often longer than their headline; only a
			// short label over the headline is a kicker.
			if isEnglishKicker(a) {
				return b
			}
			return a
		}
		if lx.informativeness(b) > lx.informativeness(a) {
			return b
		}
		return a
	default:
		return headings[len(headings)/2]
	}
}

// isSubtitleMark: a subtitle often opens with a dash: ——记河西区志愿者.
func isSubtitleMark(s string) bool {
	return strings.HasPrefix(s, "—") || strings.HasPrefix(s, "--") || strings.HasPrefix(s, "－")
}

// isKickerMark: a kicker may end with a colon or be bracketed: 【聚焦】.
func isKickerMark(s string) bool {
	return strings.HasSuffix(s, "：") || strings.HasSuffix(s, ":") || (strings.HasPrefix(s, "【") && strings.HasSuffix(s, "】"))
}

func isLatinText(s string) bool {
	latin, other := 0, 0
	for _, r := range s {
		switch {
		case r < 0x250 && unicode.IsLetter(r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin > 0 && other == 0
}

// isEnglishKicker: a label of up to three words, or one set in capitals.
func isEnglishKicker(s string) bool {
	if len(strings.Fields(s)) <= 3 {
		return true
	}
	return strings.ToUpper(s) == s
}

// Weights of informativeness. A heading line scores two points a
// character, so the weights below read as "worth so many characters".
const (
	// scorePerRune: a longer line tells more, other things equal.
	scorePerRune = 2
	// scoreNewsWord: each word of news (召开, 社区, 公司) is worth one and a
	// half characters; a title names an event or an actor, a slogan neither.
	scoreNewsWord = 3
	// scoreNumber: figures (50余名, 12个小区, 2023年) report; slogans have none.
	scoreNumber = 2
	// scoreParallelSlogan: two short parallel phrases (政企联手 合作共赢)
	// are a kicker, however long: the penalty outweighs six characters.
	scoreParallelSlogan = -12
	// scoreSubject: a line that opens by naming who acted (河西区召开…,
	// 友谊路街道解决…) is the title, over a longer slogan or subtitle.
	scoreSubject = 10
	// scoreExhortation: a line that opens by urging (扎实推动…, 全力打造…)
	// says what to do with no one doing it: a kicker or subtitle.
	scoreExhortation = -4
)

// informativeness scores how much a heading line tells: its length, words of
// news, numbers; a line of two short parallel phrases ("政企联手 合作共赢")
// scores low, as slogans do.
func (lx *lexicon) informativeness(s string) int {
	score := utf8.RuneCountInString(s) * scorePerRune
	if !off("news-words") {
		for _, w := range lx.NewsWords {
			if strings.Contains(s, w) {
				score += scoreNewsWord
			}
		}
	}
	if !off("numbers-inform") && strings.ContainsAny(s, "0123456789") {
		score += scoreNumber
	}
	if !off("parallel-slogan") && isParallelSlogan(s) {
		score += scoreParallelSlogan
	}
	switch {
	case !off("subject-first") && lx.startsWithSubject(s):
		score += scoreSubject
	case !off("exhortation") && lx.startsWithExhortation(s):
		score += scoreExhortation
	}
	return score
}

func (lx *lexicon) startsWithExhortation(s string) bool {
	for _, e := range lx.Exhortations {
		if strings.HasPrefix(s, e) {
			return true
		}
	}
	return false
}

// startsWithSubject reports whether s opens by naming a place or a body:
// 河西区, 天津市, 友谊路街道, 梅江社区, or 区委, 区政府, 我区.
func (lx *lexicon) startsWithSubject(s string) bool {
	for _, p := range lx.SubjectPrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	if lx.startsWithExhortation(s) {
		return false
	}
	head := []rune(s)
	if len(head) > 7 {
		head = head[:7]
	}
	for i := 2; i <= len(head); i++ {
		prefix := string(head[:i])
		for _, suf := range lx.PlaceSuffixes {
			if strings.HasSuffix(prefix, suf) && len([]rune(prefix)) > len([]rune(suf)) {
				return true
			}
		}
	}
	return false
}

// isParallelSlogan reports lines made of short Chinese phrases set apart by
// spaces: 踔厉奋发 只争朝夕, 十项行动 奋进新征程.
func isParallelSlogan(s string) bool {
	parts := strings.Fields(s)
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		n := 0
		for _, r := range p {
			if !isHan(r) {
				return false
			}
			n++
		}
		if n > 6 {
			return false
		}
	}
	return true
}

// maxSeriesWidth bounds a heading of a numbered series: a label and its
// number (Year 3, Step 2), not a title that happens to differ from
// another only in a figure (1号楼加装电梯完工 / 3号楼加装电梯开工).
const maxSeriesWidth = 16

// seriesHeadings finds the short heading lines that differ from another
// only in a number (Year 1, Year 3, Year 5; Step 1, Step 2), each over a
// paragraph: the subheads of one article, numbered as a series. Running
// heads, whose page number changes too, were dropped before.
func seriesHeadings(lines []line) map[string]bool {
	if off("numbered-series") {
		return nil
	}
	texts := make(map[string]map[string]bool)
	for i, l := range lines {
		if l.listed || l.width > maxSeriesWidth || !endsWithFigure(l.text) || !strings.ContainsAny(l.text, "0123456789") || !isHeadingLike(l.text, l.width) ||
			i+1 >= len(lines) || (isHeadingLike(lines[i+1].text, lines[i+1].width) && !cutAtBreak(lines, i+1)) {
			continue
		}
		k := normalizeDigits(l.text)
		if texts[k] == nil {
			texts[k] = make(map[string]bool)
		}
		texts[k][l.text] = true
	}
	out := make(map[string]bool)
	for k, ts := range texts {
		if len(ts) >= 2 {
			out[k] = true
		}
	}
	return out
}

// inSeries reports whether l is a heading of a numbered series.
func (as *assembler) inSeries(l line) bool {
	return as.series[normalizeDigits(l.text)] && strings.ContainsAny(l.text, "0123456789")
}
