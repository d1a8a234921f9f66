package source

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// printedDate is a date printed on an issue's masthead. A masthead that
// names only the month (二○二四年六月, June 2024) gives day 1 with
// dayKnown false, so that a file name naming the day of that month can
// refine it.
type printedDate struct {
	y, m, d  int
	dayKnown bool
}

// Bounds of the masthead of a text issue: the lines before its first
// article, at most maxMastheadLines of them. A masthead line is short;
// longer lines before the first article are an introduction whose dates
// are news, not the issue's.
const (
	maxMastheadLines     = 8
	maxMastheadDateWidth = 80
)

// mastheadDate returns the first date printed in the masthead of a text
// issue: the lines before first, the first article, starts (its banner
// or its first heading), and those of its heading lines that read as a
// masthead's, since a masthead the parser did not tell apart is taken
// for the first article's headings. A date in an article's text
// ("2023年5月1日起施行") never dates the issue.
func (lx *lexicon) mastheadDate(lines []line, first *bulletinfeed.Article) (printedDate, bool) {
	n := 0
	for _, l := range lines {
		if startsArticle(l.text, first) {
			break
		}
		if n++; n > maxMastheadLines {
			return printedDate{}, false
		}
		if l.width > maxMastheadDateWidth {
			continue
		}
		if pd, ok := findPrintedDate(l.text); ok {
			return pd, true
		}
	}
	for _, h := range first.Headings {
		if !lx.mastheadShaped(h) {
			continue
		}
		if pd, ok := findPrintedDate(h); ok {
			return pd, true
		}
	}
	return printedDate{}, false
}

// issueLabel matches an English issue number: Issue 27, No. 4, Vol. 12.
var issueLabel = regexp.MustCompile(`(?i)\b(issue|no\.|vol\.?|volume|edition)\s*\d`)

// mastheadShaped reports whether a heading line reads as a masthead's
// rather than an article's: it numbers the issue (第9期, Issue 27) or is
// mostly a date.
func (lx *lexicon) mastheadShaped(s string) bool {
	return displayWidth(s) <= maxMastheadDateWidth && (isIssueNumber(s) || issueLabel.MatchString(s) || lx.looksLikeDateLine(s))
}

// startsArticle reports whether s is the first line of a: its banner, or
// its first heading or the first line of it when it wraps.
func startsArticle(s string, a *bulletinfeed.Article) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	return s == a.Section || (len(a.Headings) > 0 && strings.HasPrefix(a.Headings[0], s))
}

// pdfMastheadDate returns the first date printed at the top of the
// first page of a PDF issue: on a line the layout marked as masthead
// (markFurniture), else on a line of the first page above its first
// heading (a nameplate set as plain text: Harbourside News, Summer 2024),
// else in the running head of the first page (Parish News, Spring 2024),
// which names the issue as the masthead does.
func pdfMastheadDate(t *PDFText) (printedDate, bool) {
	var top []string
	for _, l := range t.Lines {
		if l.Role == StyleMasthead {
			top = append(top, l.Text)
		}
	}
	for _, l := range t.Lines {
		if l.Page != 1 || l.Role == StyleHeading {
			break
		}
		if l.Role != StyleMasthead && utf8.RuneCountInString(l.Text) <= maxMastheadDateWidth {
			top = append(top, l.Text)
		}
	}
	for i, l := range t.Dropped {
		if atCoverTop(t.Dropped, i) && !isPageNumber(l.Text) {
			top = append(top, l.Text)
		}
	}
	for _, s := range top {
		if pd, ok := findPrintedDate(s); ok {
			return pd, true
		}
	}
	return printedDate{}, false
}

// Patterns of a printed date. Each is searched for anywhere in a line, so
// that 第42期 2024年10月18日 星期五 and Friday 14 June 2024 · Issue 31 both
// give their date.
var (
	// 2024年9月20日, 2024年6月, 二○二四年六月, 二〇二四年九月二十日. The
	// year in Chinese numerals is written digit by digit; months and days
	// in the counting form (十二, 二十一).
	hanDate = regexp.MustCompile(`([0-9〇○零Ｏ一二三四五六七八九]{4})\s*年\s*([0-9一二三四五六七八九十]{1,3})\s*月(?:\s*([0-9一二三四五六七八九十]{1,3})\s*[日号])?`)
	// 2024-09-20, 2024.9.20, 2024/09/20: a whole date, not a year and
	// month (2024/25 is a financial year).
	isoDate = regexp.MustCompile(`(?:^|[^0-9])(\d{4})([-./])(\d{1,2})([-./])(\d{1,2})(?:[^0-9]|$)`)
	// 4 December 2014, 30th June 2019.
	dayMonthYear = regexp.MustCompile(`(?i)\b(\d{1,2})(?:st|nd|rd|th)?\s+(` + monthAlternation + `)\.?,?\s+(\d{4})\b`)
	// December 4, 2014; Sept. 4th 2014.
	monthDayYear = regexp.MustCompile(`(?i)\b(` + monthAlternation + `)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`)
	// November 2024.
	monthYear = regexp.MustCompile(`(?i)\b(` + monthAlternation + `)\.?,?\s+(\d{4})\b`)
	// Autumn 2024: a quarterly names its season.
	// Advent 2024: a parish magazine names the church's season.
	seasonYear = regexp.MustCompile(`(?i)\b(spring|summer|autumn|fall|winter|advent|christmas|epiphany|lent|easter|pentecost|harvest)\s+(\d{4})\b`)
)

// seasonMonths are the first months of the seasons a quarterly names, as
// the meteorological seasons begin: Winter 2024 is the winter that begins
// in December 2024.
var seasonMonths = map[string]int{"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12,
	// The church's seasons, by the month they mostly fall in.
	"advent": 12, "christmas": 12, "epiphany": 1, "lent": 3, "easter": 4, "pentecost": 6, "harvest": 9}

// monthAlternation lists the English month names a masthead spells,
// longest first so that the regexp prefers "September" to "Sep".
const monthAlternation = `january|february|march|april|may|june|july|august|september|october|november|december|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec`

// findPrintedDate returns the first calendar date printed in s, in the
// forms above. A year and month alone give the first of the month.
func findPrintedDate(s string) (printedDate, bool) {
	s = asciiDigits(s)
	type hit struct {
		at int
		pd printedDate
	}
	var best *hit
	consider := func(at int, pd printedDate) {
		if !validDate(pd) {
			return
		}
		// At one offset a whole date beats its month: "4 December 2014"
		// is never read as December 2014.
		if best == nil || at < best.at || (at == best.at && pd.dayKnown && !best.pd.dayKnown) {
			best = &hit{at, pd}
		}
	}
	for _, sm := range hanDate.FindAllStringSubmatchIndex(s, -1) {
		y, ok1 := hanYear(s[sm[2]:sm[3]])
		m, ok2 := hanNumber(s[sm[4]:sm[5]])
		pd := printedDate{y: y, m: m, d: 1}
		if sm[6] >= 0 {
			d, ok := hanNumber(s[sm[6]:sm[7]])
			pd.d, pd.dayKnown = d, ok
			ok2 = ok2 && ok
		}
		if ok1 && ok2 {
			consider(sm[0], pd)
		}
	}
	for _, sm := range isoDate.FindAllStringSubmatchIndex(s, -1) {
		if s[sm[4]:sm[5]] != s[sm[8]:sm[9]] { // 2024-09.20 is no date
			continue
		}
		y, _ := strconv.Atoi(s[sm[2]:sm[3]])
		m, _ := strconv.Atoi(s[sm[6]:sm[7]])
		d, _ := strconv.Atoi(s[sm[10]:sm[11]])
		consider(sm[2], printedDate{y, m, d, true})
	}
	english := map[*regexp.Regexp][3]int{ // the groups of day, month, year
		dayMonthYear: {1, 2, 3},
		monthDayYear: {2, 1, 3},
		monthYear:    {0, 1, 2},
	}
	if !off("english-date") {
		for re, g := range english {
			for _, sm := range re.FindAllStringSubmatchIndex(s, -1) {
				pd := printedDate{m: monthNumber(s[sm[2*g[1]]:sm[2*g[1]+1]]), d: 1}
				pd.y, _ = strconv.Atoi(s[sm[2*g[2]]:sm[2*g[2]+1]])
				if g[0] > 0 {
					pd.d, _ = strconv.Atoi(s[sm[2*g[0]]:sm[2*g[0]+1]])
					pd.dayKnown = true
				}
				// "4 December 2014" holds "December 2014" too, at a later
				// offset: the earlier, whole date wins.
				consider(sm[0], pd)
			}
		}
	}
	for _, sm := range seasonYear.FindAllStringSubmatch(s, -1) {
		y, _ := strconv.Atoi(sm[2])
		consider(strings.Index(s, sm[0]), printedDate{y: y, m: seasonMonths[strings.ToLower(sm[1])], d: 1})
	}
	if best == nil {
		return printedDate{}, false
	}
	return best.pd, true
}

func validDate(pd printedDate) bool {
	return pd.y >= bulletinfeed.MinYear && pd.y <= bulletinfeed.MaxYear && pd.m >= 1 && pd.m <= 12 &&
		pd.d >= 1 && pd.d <= daysIn(pd.y, pd.m)
}

// hanDigits are the digits of a year written in Chinese numerals (二○二四)
// or Arabic ones; ○ (U+25CB) is how most typesetting writes 〇.
var hanDigits = map[rune]int{
	'0': 0, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7, '8': 8, '9': 9,
	'〇': 0, '○': 0, '零': 0, 'Ｏ': 0,
	'一': 1, '二': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9,
}

// hanYear reads a year written digit by digit.
func hanYear(s string) (int, bool) {
	y := 0
	for _, r := range s {
		d, ok := hanDigits[r]
		if !ok {
			return 0, false
		}
		y = y*10 + d
	}
	return y, true
}

// hanNumber reads a month or day: Arabic digits, or Chinese numerals in
// the counting form up to 三十一 (十 is ten, 二十一 is twenty-one).
func hanNumber(s string) (int, bool) {
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	tens, units, seenTen := 0, 0, false
	for _, r := range s {
		switch d, ok := hanDigits[r]; {
		case r == '十' && !seenTen:
			seenTen = true
			tens = max(units, 1)
			units = 0
		case ok && r > '9' && units == 0:
			units = d
		default:
			return 0, false
		}
	}
	return tens*10 + units, utf8.RuneCountInString(s) > 0
}

// monthNumber returns the number of an English month name or its
// abbreviation, as monthAlternation spells them.
func monthNumber(name string) int {
	name = strings.ToLower(name)
	for i, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		if strings.HasPrefix(name, m) {
			return i + 1
		}
	}
	return 0
}

// asciiDigits turns full-width digits (２０２４年) into ASCII ones.
func asciiDigits(s string) string {
	if !strings.ContainsAny(s, "０１２３４５６７８９") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return '0' + (r - '０')
		}
		return r
	}, s)
}
