package source

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// markFurniture finds what is not an article's text: the masthead on the
// first page, section banners (a heading printed on several pages, or a
// configured banner) and a contents box with what follows its label up to
// the next heading.
func (lx *lexicon) markFurniture(lines []PDFLine, npages int, body bodyStyle, banners *bannerSet) {
	lx.markContents(lines)
	markPullQuotes(lines)
	// pages holds the pages each heading is printed on, in its style;
	// wordPages the pages its words are printed on, in any style.
	pages, wordPages := map[string]map[int]bool{}, map[string]map[int]bool{}
	for _, l := range lines {
		if l.Role == StyleHeading {
			addPage(pages, recurrenceKey(l), l.Page)
			addPage(wordPages, pdfBannerKey(l.Text), l.Page)
		}
	}
	// largest is the largest heading outside the top of the cover (page
	// 1 before its first text), where the nameplate stands.
	largest := 0.0
	for i, l := range lines {
		if l.Role == StyleHeading && !atCoverTop(lines, i) {
			largest = math.Max(largest, l.Size)
		}
	}
	// coverLargest is the largest heading at the top of the cover: the
	// nameplate, where one is set; the cover's lead title under it is
	// set smaller, though larger than every heading inside.
	coverLargest := 0.0
	for i, l := range lines {
		if l.Role == StyleHeading && atCoverTop(lines, i) {
			coverLargest = math.Max(coverLargest, l.Size)
		}
	}
	joinDropCaps(lines)
	// The cover's nameplate: a heading at the top of page 1 set larger
	// than any other heading (or, with none, two and a half times the
	// body's size).
	for i := range lines {
		l := &lines[i]
		key := recurrenceKey(*l)
		switch {
		case l.Role == StyleFurniture:
		case (l.Role == StyleHeading || l.Role == StyleSubhead) && (isContactLine(l.Text) || isPostalAddress(l.Text)):
			l.Role, l.Why = StyleFurniture, "an address or a contact line"
		case banners.matches(l.Text) || banners.matches(key):
			l.Role, l.Why = StyleBanner, "a configured banner"
		case atCoverTop(lines, i) && l.Role == StyleHeading && l.Size > largest*1.05 && (largest > 0 || l.Size > 2.5*body.size) && !off("masthead-size") && (l.Size > 0.9*coverLargest || off("cover-lead-title")):
			l.Role, l.Why = StyleMasthead, "the largest text, at the top of the cover only"
		case atCoverTop(lines, i) && l.Role == StyleHeading && onlyBefore(lines, 0, i, StyleFurniture, StyleDropped) && l.Size > 2.5*body.size && len(wordPages[pdfBannerKey(l.Text)]) >= 2 && !off("nameplate-again"):
			// An advert inside may be set larger still; the first line
			// of the cover, set large and printed again on a later page
			// (its back, its contact box), is the publication's name.
			l.Role, l.Why = StyleMasthead, "the cover's first line, large, printed again inside: the publication's name"
		case l.Role == StyleHeading && len(pages[key]) >= 4 && len(pages[key])*2 > npages && !off("running-title"):
			l.Role, l.Why = StyleFurniture, "a heading on most pages: the running title"
		case l.Role == StyleHeading && len(pages[key]) >= 2 && !off("recurring-banner"):
			l.Role, l.Why, l.mark = StyleBanner, recurringWhy, markRecurring
		case l.Page == 1 && l.Role != StyleBody && lx.isMastheadWords(l.Text):
			l.Role, l.Why = StyleMasthead, "names the publication or the issue"
		case atCoverTop(lines, i) && l.Role != StyleBody && (lx.looksLikeDateLine(l.Text) || hasFullDate(l.Text)) && !off("masthead-date"):
			l.Role, l.Why = StyleMasthead, "the issue's date on the cover"
		}
	}
	markBannerStyle(lines)
	markPageBanners(lines)
	// A heading set straight over the nameplate at the top of the cover
	// is part of it (N S S - D T U over NEWSLETTER); a title comes after
	// it, never before.
	for i := len(lines) - 2; i >= 0 && !off("over-nameplate"); i-- {
		if lines[i].Role == StyleHeading && lines[i+1].Role == StyleMasthead && atCoverTop(lines, i) && onlyBefore(lines, 0, i, StyleFurniture, StyleDropped, StyleMasthead) {
			lines[i].Role, lines[i].Why = StyleMasthead, "a heading set over the nameplate at the top of the cover"
		}
	}
	// The publication's name printed again on later pages is its running
	// title or footer, not a section nor a line of text.
	names := map[string]bool{}
	for _, l := range lines {
		if l.Role == StyleMasthead {
			names[pdfBannerKey(l.Text)] = true
		}
	}
	for i := range lines {
		if lines[i].Role != StyleMasthead && names[pdfBannerKey(lines[i].Text)] && !off("running-title") {
			lines[i].Role, lines[i].Why = StyleFurniture, "the publication's name again: its running title"
		}
	}
}

// markBannerStyle makes a banner of every heading set as a banner printed
// on several pages is set, where it stands on its page: the columns of a
// publication share one band (BABC集萃 on five pages, 畢業感言 and 新老師
// 介紹 once each, all at the top left in one face and size).
func markBannerStyle(lines []PDFLine) {
	if off("banner-style") {
		return
	}
	type place struct {
		font, color string
		size, top   float64
		bold        bool
	}
	var seen []place
	for _, l := range lines {
		if l.Role == StyleBanner && l.mark == markRecurring {
			seen = append(seen, place{l.Font, l.Color, l.Size, l.Top, l.Bold})
		}
	}
	for i := range lines {
		l := &lines[i]
		if l.Role != StyleHeading || !shortLabel(l.Text) {
			continue
		}
		for _, p := range seen {
			// Where it stands: where the banners stand, or, on the cover,
			// under the nameplate over all the rest (the band sits lower
			// there).
			if p.font == l.Font && p.color == l.Color && p.bold == l.Bold && sameSize(p.size, l.Size) && (math.Abs(p.top-l.Top) < 0.01 || (l.Page == 1 && firstOnPage(lines, i))) {
				l.Role, l.Why = StyleBanner, "set as a banner printed on several pages is, where it stands"
				break
			}
		}
	}
}

// recurringWhy marks a heading found a banner by its printing on several
// pages.
const recurringWhy = "a heading printed on several pages"

// pageBannerWhy marks a banner that names the notices of its page only.
const pageBannerWhy = "a short heading over a larger one, whose style heads more articles on the page: the page's section"

// markPageBanners finds a section's name printed once over a page of
// notices (家事报告 over 欢迎大家, 飞机场区关怀小组 …; PAST EVENTS over
// the event tiles): a short heading set straight over one of another
// size, smaller than it or heading the page, when at least two more
// headings in that other style open text further down the page. A kicker
// over one article stands over a heading whose style heads nothing else
// there.
func markPageBanners(lines []PDFLine) {
	if off("page-banner") {
		return
	}
	for i := 0; i+1 < len(lines); i++ {
		l, next := lines[i], lines[i+1]
		if l.Role != StyleHeading || next.Role != StyleHeading || next.Page != l.Page || sameSize(next.Size, l.Size) || !shortLabel(l.Text) {
			continue
		}
		if next.Size < l.Size && !firstOnPage(lines, i) {
			// Set larger, it may be a title over its deck; heading its
			// page (PAST EVENTS over the tiles), it names them all.
			continue
		}
		more := 0
		for j := i + 2; j < len(lines) && lines[j].Page == l.Page; j++ {
			if lines[j].Role == StyleHeading && sameSize(lines[j].Size, next.Size) && lines[j].Bold == next.Bold && opensText(lines, j+1) {
				more++
			}
		}
		if more >= 2 {
			lines[i].Role, lines[i].Why, lines[i].mark = StyleBanner, pageBannerWhy, markPageBanner
		}
	}
}

// firstOnPage reports whether lines[i] is the first line of its page but
// for furniture, dropped lines and the masthead.
func firstOnPage(lines []PDFLine, i int) bool {
	from := i
	for from > 0 && lines[from-1].Page == lines[i].Page {
		from--
	}
	return onlyBefore(lines, from, i, StyleFurniture, StyleDropped, StyleMasthead)
}

// shortLabel reports whether s is short enough to name a section: four
// words, or eight Chinese characters.
func shortLabel(s string) bool {
	s = strings.TrimRight(strings.TrimSpace(s), ":：")
	if firstHan(s) != 0 {
		return utf8.RuneCountInString(s) <= 8
	}
	return len(strings.Fields(s)) <= 4
}

// stripFolio takes off a page number printed before a kicker (02 院長的話,
// 3 | News), unless nothing else is there.
func stripFolio(s string) string {
	s = strings.TrimSpace(s)
	t := strings.TrimLeft(s, "0123456789 |·•-–")
	if t == "" {
		return s
	}
	// A number is taken off whole: 11th Grade Honor Roll keeps its 11th
	// (the year before it goes), 2号 its 2.
	if cut := len(s) - len(t); cut > 0 && !strings.ContainsAny(s[cut-1:cut], " |·•-–") && !off("whole-folio") {
		if r, _ := utf8.DecodeRuneInString(t); unicode.IsLetter(r) && !isHan(r) {
			cut = strings.LastIndexAny(s[:cut], " |·•-–") + 1
			t = s[cut:]
			if strings.TrimSpace(s[:cut]) == "" {
				return s
			}
		}
	}
	return strings.TrimSpace(t)
}

// pdfBannerKey is a heading's text without a page number printed beside it
// (02 院長的話) and without digits, so that a banner is known on every page.
func pdfBannerKey(s string) string {
	return strings.ToLower(digitless(stripFolio(s)))
}

func addPage(m map[string]map[int]bool, key string, page int) {
	if m[key] == nil {
		m[key] = map[int]bool{}
	}
	m[key][page] = true
}

// recurrenceKey is what makes a heading the same on several pages: its
// words (pdfBannerKey) set in the same size and weight. A banner recurs
// as it was set; the same words set otherwise (St ANDREW'S CHURCH over
// its own page, St Andrew's Church over the churchwarden's jottings) are
// two headings.
func recurrenceKey(l PDFLine) string {
	k := pdfBannerKey(l.Text)
	if off("same-style-recurrence") {
		return k
	}
	return fmt.Sprintf("%s|%.0f|%t", k, l.Size, l.Bold)
}

// isContentsLabel reports whether s heads a table of contents: Inside
// this issue, 本期导读.
func (lx *lexicon) isContentsLabel(s string) bool {
	if off("contents-box") {
		return false
	}
	k := strings.ToLower(strings.ReplaceAll(strings.TrimRight(s, ":： "), " ", ""))
	return lx.contents[k] || lx.contents[strings.TrimSuffix(k, "thisissue")] || lx.contents[k+"thisissue"]
}

// isMastheadWords reports whether s names a publication or an issue:
// "Fall 2009 Newsletter", "Volume 1, Issue 1", "院訊".
func (lx *lexicon) isMastheadWords(s string) bool {
	if off("masthead-words") || utf8.RuneCountInString(s) > 80 {
		return false
	}
	low := strings.ToLower(s)
	for _, w := range lx.MastheadWords {
		w = strings.ToLower(w)
		i := strings.Index(low, w)
		if i < 0 {
			continue
		}
		if isHan(firstRune(w)) {
			return true
		}
		// An English word counts whole.
		before, _ := utf8.DecodeLastRuneInString(low[:i])
		after, _ := utf8.DecodeRuneInString(low[i+len(w):])
		if !unicode.IsLetter(before) && !unicode.IsLetter(after) {
			return true
		}
	}
	return false
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// joinDropCaps puts a drop cap (one large letter or Chinese character
// beside a paragraph's first lines) back at the start of the paragraph
// that follows it.
func joinDropCaps(lines []PDFLine) {
	if off("drop-cap") {
		return
	}
	for i := 0; i+1 < len(lines); i++ {
		l := &lines[i]
		if l.Role != StyleHeading || utf8.RuneCountInString(strings.TrimSpace(l.Text)) != 1 || !hasWordChar(l.Text) {
			continue
		}
		for j := i + 1; j < len(lines) && j <= i+3 && lines[j].Page == l.Page; j++ {
			if lines[j].Role == StyleBody {
				lines[j].Text = strings.TrimSpace(l.Text) + lines[j].Text
				l.Role, l.Why = StyleFurniture, "a drop cap, put back in its paragraph"
				break
			}
		}
	}
}

// markContents marks a contents box: its label (Inside this issue, 目录)
// and the entries under it, short lines in a size no larger than the
// label's, up to the first paragraph of text, a heading set as the label
// is or larger, or the end of its page.
func (lx *lexicon) markContents(lines []PDFLine) {
	for i := 0; i < len(lines); i++ {
		l := &lines[i]
		if (l.Role != StyleHeading && l.Role != StyleSubhead) || !lx.isContentsLabel(l.Text) {
			continue
		}
		l.Role, l.Why = StyleFurniture, "the label of a contents box"
		for j := i + 1; j < len(lines) && lines[j].Page == l.Page; j++ {
			e := &lines[j]
			if e.Size > l.Size+sizeTolerance || (e.Role == StyleHeading && e.Font == l.Font && sameSize(e.Size, l.Size)) || (e.Role == StyleBody && utf8.RuneCountInString(e.Text) > 80) {
				break
			}
			e.Role, e.Why = StyleFurniture, "in a contents box"
			i = j
		}
	}
}

// markPullQuotes marks the pull quotes: lines set large that repeat words
// of the text on their page or the pages beside it ("I am doing all / I
// can to follow …"), each run of them in one style taken together.
func markPullQuotes(lines []PDFLine) {
	if off("pull-quote") {
		return
	}
	text := map[int]*strings.Builder{}
	for _, l := range lines {
		if l.Role == StyleBody {
			if text[l.Page] == nil {
				text[l.Page] = &strings.Builder{}
			}
			text[l.Page].WriteString(quoteKey(l.Text))
		}
	}
	near := func(page int, key string) bool {
		for p := page - 1; p <= page+1; p++ {
			if b := text[p]; b != nil && strings.Contains(b.String(), key) {
				return true
			}
		}
		return false
	}
	for i := 0; i < len(lines); {
		if lines[i].Role != StyleHeading {
			i++
			continue
		}
		j := i + 1
		for j < len(lines) && lines[j].Role == StyleHeading && lines[j].Page == lines[i].Page && sameSize(lines[j].Size, lines[i].Size) && lines[j].Italic == lines[i].Italic && lines[j].Bold == lines[i].Bold {
			j++
		}
		var run strings.Builder
		for k := i; k < j; k++ {
			run.WriteString(quoteKey(lines[k].Text))
		}
		if key := run.String(); utf8.RuneCountInString(key) >= 24 && near(lines[i].Page, key) {
			for k := i; k < j; k++ {
				lines[k].Role, lines[k].Why = StyleFurniture, "a pull quote: it repeats the text"
			}
		}
		i = j
	}
}

// quoteKey is s as a pull quote is compared: letters and digits only,
// lower case.
func quoteKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// coverTop is the share of the cover's height, from its top, where its
// nameplate and date stand.
const coverTop = 0.3

// atCoverTop reports whether lines[i] stands at the top of page 1.
// onlyBefore reports whether every line of lines[from:i] has one of the
// roles given: nothing but furniture, say, stands before lines[i].
func onlyBefore(lines []PDFLine, from, i int, roles ...string) bool {
	for _, l := range lines[from:i] {
		if !slices.Contains(roles, l.Role) {
			return false
		}
	}
	return true
}

func atCoverTop(lines []PDFLine, i int) bool {
	return lines[i].Page == 1 && lines[i].Top < coverTop
}

// postcode ends an address: a US ZIP (IL 61705), a UK postcode (EX6 7XR),
// a Canadian one (K1A 0B1) or a Chinese one (邮编 300000).
var postcode = regexp.MustCompile(`(?:\b[A-Z]{2} \d{5}(?:-\d{4})?|\b[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|\b[A-Z]\d[A-Z] \d[A-Z]\d|\d{6})$`)

// isPostalAddress reports whether s is a postal address on one line: 27
// Lone Oak Ct. Bloomington, IL 61705.
func isPostalAddress(s string) bool {
	if off("postal-address") || utf8.RuneCountInString(s) > 100 {
		return false
	}
	return postcode.MatchString(strings.TrimSpace(s)) && strings.Contains(s, ",")
}

var (
	phoneNumber = regexp.MustCompile(`(?i)(?:tel|phone|电话|電話|联络|聯絡)\s*[:：.]?\s*[+(]?\d|\d{3,5}[ -]?\d{3}[ -]?\d{3,4}`)
	price       = regexp.MustCompile(`[£$€¥]\s?\d|\d\s?(?:元|円)|\bRM\s?\d|(?i)\bprices?\b|价格|價格|优惠|優惠`)
)

// dropAdverts leaves out the articles that are adverts: a short box that
// gives a telephone number and, besides, prices or words set in capitals (8 CHUDLEIGH RD … TEL:01392 217658 … Affordable prices).
func dropAdverts(as []*bulletinfeed.Article) []*bulletinfeed.Article {
	if off("advert") {
		return as
	}
	out := as[:0]
	orphan := "" // a banner whose own text was left out
	for _, a := range as {
		if orphan != "" && a.Section == orphan {
			a.Section = ""
		} else if a.Section != orphan {
			orphan = ""
		}
		if !isAdvert(a) && !isRoster(a) && !isContactBox(a) && !isStatistic(a) {
			out = append(out, a)
			continue
		}
		if a.Section != "" && a.Title == a.Section && !off("orphan-banner") {
			// 10th Grade Honor Roll over a list of names: the banner was
			// the title of what was left out, not the section of the
			// articles after it.
			orphan = a.Section
		}
	}
	return out
}

// reachLine matches a line that says where to reach the publisher: a web
// address, a mail address, a social page, a telephone.
var reachLine = regexp.MustCompile(`(?i)^(?:website|web|facebook|twitter|instagram|x|email|e-mail|tel|telephone|phone|fax|网站|網站|电邮|電郵|电话|電話)\s*[:：]|www\.|https?://|\S@\S+\.\S`)

// isContactBox reports whether a is the publisher's contact box: every
// paragraph is a way to reach it (Website: …, Email: …, Facebook: …) or
// a short label over them (Contact Us), two of them at least; or its
// title is a postal address.
func isContactBox(a *bulletinfeed.Article) bool {
	if off("contact-box") || len(a.Blocks) == 0 {
		return false
	}
	if isPostalAddress(a.Title) {
		return true
	}
	reach := 0
	for _, b := range a.Blocks {
		t := strings.TrimSpace(b.Text)
		switch {
		case reachLine.MatchString(t) && len(strings.Fields(t)) <= 12:
			reach++
		case len(strings.Fields(t)) <= 3 && !endsSentence(t):
		default:
			return false
		}
	}
	return reach >= 2
}

// statistic matches a bare count (193, 1,141): a figure of a table of
// attendance or of numbers, set large over its label.
var statistic = regexp.MustCompile(`^\d{1,3}(?:,\d{3})*$|^\d{5,}$`)

// isStatistic reports whether a is titled by a bare count: the box of a
// table of figures (193 over 主日崇拜, 69 over 圣餐人数), not an article.
// A year (2024) may title a retrospective and is not one.
func isStatistic(a *bulletinfeed.Article) bool {
	t := strings.TrimSpace(a.Title)
	return !off("statistic-title") && statistic.MatchString(t)
}

// isRoster reports whether every paragraph of a is a list of names (a
// sidebar of the committee, the staff, the board: Teddy Amoloza Bob
// Clary, Treasurer Sanae Ferrier …): words nearly all capitalised, or
// Chinese names of two to four characters set apart, with no sentence's
// end. Such a box is the publication's, not an article.
func isRoster(a *bulletinfeed.Article) bool {
	if off("roster") || len(a.Blocks) == 0 {
		return false
	}
	words, lists := 0, 0
	for _, b := range a.Blocks {
		switch {
		case b.Kind != bulletinfeed.Paragraph:
			return false
		case rosterText(b.Text):
			lists++
		case !oneName(b.Text):
			return false
		}
		words += len(strings.Fields(b.Text))
	}
	return lists > 0 && words >= 5
}

// oneName reports whether s is a name alone on its line (Shelby Davies),
// which a list of names holds among its rows.
func oneName(s string) bool {
	fs := strings.Fields(s)
	if len(fs) == 0 || len(fs) > 3 || strings.ContainsAny(s, ".!?。！？") {
		return false
	}
	for _, w := range fs {
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsUpper(r) && !isHan(r) {
			return false
		}
	}
	return true
}

// rosterText reports whether s reads as a list of names.
func rosterText(s string) bool {
	s = strings.TrimSpace(s)
	if r, _ := utf8.DecodeLastRuneInString(s); strings.ContainsRune(".!?。！？；;", r) || strings.ContainsAny(s, "。，") {
		return false
	}
	fs := strings.Fields(s)
	if len(fs) < 4 {
		return false
	}
	caps, han := 0, 0
	for _, w := range fs {
		if functionWords[strings.ToLower(strings.Trim(w, ",;:"))] {
			// All Welcome, Tea And Cakes Served: words set in title
			// case, a notice's, not a list of names.
			return false
		}
		r, _ := utf8.DecodeRuneInString(w)
		switch n := utf8.RuneCountInString(w); {
		case isHan(r) && n >= 2 && n <= 4:
			han++
		case unicode.IsUpper(r):
			caps++
		}
	}
	return caps*10 >= len(fs)*9 || han*10 >= len(fs)*9
}

func isAdvert(a *bulletinfeed.Article) bool {
	var text strings.Builder
	runes := 0
	for _, b := range a.Blocks {
		text.WriteString(b.Text)
		text.WriteByte('\n')
		runes += utf8.RuneCountInString(b.Text)
	}
	s := text.String()
	if len(a.Blocks) == 0 || runes > 400 || !phoneNumber.MatchString(s) {
		return false
	}
	upper, letters := 0, 0
	for _, r := range s {
		if unicode.IsLetter(r) && r < 0x2E80 {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return price.MatchString(s) || (letters > 40 && upper*2 > letters)
}
