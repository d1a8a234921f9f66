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

// chooseTitle picks the main heading line. With three lines the middle one
// is the title between a kicker and a subtitle. With two, a short
// slogan-like kicker stands over an informative title ("水清岸绿河畅景美" over
// "河西区持续改善区域水环境质量"), or an informative title over a subtitle;
// the more informative line wins.
func chooseTitle(headings []string) string {
	switch len(headings) {
	case 0:
		return ""
	case 1:
		return headings[0]
	case 2:
		a, b := headings[0], headings[1]
		if isSubtitleMark(b) || isKickerMark(a) {
			if isKickerMark(a) {
				return b
			}
			return a
		}
		if isLatinText(a) && isLatinText(b) {
			// English decks are often longer than their headline; only a
			// short label over the headline is a kicker.
			if isEnglishKicker(a) {
				return b
			}
			return a
		}
		if informativeness(b) > informativeness(a) {
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

// newsWords mark a Chinese line that reports something: an actor (a
// district, a company, a committee) or an event (召开, 启动, 签订).
var newsWords = []string{
	"召开", "举办", "举行", "启动", "开幕", "闭幕", "开业", "签订", "签署", "落户", "发布", "出台",
	"开展", "完成", "成立", "揭牌", "通过", "部署", "会议", "活动", "获得", "荣获", "入选", "走访",
	"调研", "考察", "检查", "视察", "慰问", "看望", "推进", "持续", "制定", "印发", "公布", "建成",
	"区", "市", "县", "镇", "街道", "社区", "村", "公司", "集团", "银行", "学校", "大学", "医院",
	"委员会", "区委", "政府", "局", "中心",
}

// informativeness scores how much a heading line tells: its length, words of
// news, numbers; a line of two short parallel phrases ("政企联手 合作共赢")
// scores low, as slogans do.
func informativeness(s string) int {
	score := utf8.RuneCountInString(s) * 2
	for _, w := range newsWords {
		if strings.Contains(s, w) {
			score += 3
		}
	}
	if strings.ContainsAny(s, "0123456789") {
		score += 2
	}
	if isParallelSlogan(s) {
		score -= 12
	}
	switch {
	case startsWithSubject(s):
		// 河西区召开…, 友谊路街道解决…: a title names who acted.
		score += 10
	case startsWithExhortation(s):
		// 扎实推动…, 全力打造…: a subtitle or kicker says what to do,
		// with no one doing it.
		score -= 4
	}
	return score
}

// exhortations open the lines that urge rather than report.
var exhortations = []string{"加强", "全力", "扎实", "持续", "加快", "着力", "奋力", "全面", "积极", "不断", "切实", "深入", "推动", "打造", "建设", "提升", "优化", "聚焦", "践行", "助力", "奋进", "凝心", "喜迎", "争创", "决胜", "坚持", "坚定", "携手", "共建", "共创", "用心", "守护", "让", "把", "为"}

func startsWithExhortation(s string) bool {
	for _, e := range exhortations {
		if strings.HasPrefix(s, e) {
			return true
		}
	}
	return false
}

// adminSuffixes end the names of the places and bodies that act in a
// district bulletin's titles.
var adminSuffixes = []string{"街道", "社区", "区", "市", "县", "镇", "乡", "村"}

// startsWithSubject reports whether s opens by naming a place or a body:
// 河西区, 天津市, 友谊路街道, 梅江社区, or 区委, 区政府, 我区.
func startsWithSubject(s string) bool {
	for _, p := range []string{"区委", "区政府", "区人大", "区政协", "区领导", "市委", "市政府", "我区", "我市", "我县", "我镇"} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	if startsWithExhortation(s) {
		return false
	}
	head := []rune(s)
	if len(head) > 7 {
		head = head[:7]
	}
	for i := 2; i <= len(head); i++ {
		prefix := string(head[:i])
		for _, suf := range adminSuffixes {
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
