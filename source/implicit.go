package source

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// Articles whose headings stand over no credit line are found by the
// issue's shape: an end credit closes the article before them, or the
// publication prints no credits at all (Options.NoCredits).

// maxHeadRun is the most heading lines an article found by its headings
// may have: kicker, title, subtitle or deck.
const maxHeadRun = 3

// maxArticleLines bounds how far back from an end credit the headings of
// its article are looked for.
const maxArticleLines = 400

// headRunAt reports whether an article's headings start at lines[p]: one to
// maxHeadRun heading lines (the last may be a deck), no credit among them,
// followed by a body line. It returns the index of that body line.
func (as *assembler) headRunAt(lines []line, credits [][]bulletinfeed.Byline, p int) (int, bool) {
	q := p
	subhead := false // the run stops at a numbered subhead
	title := p       // the first heading line under a banner
	if as.banners.matches(lines[p].text) {
		title = p + 1
	}
	for q < len(lines) && q-p < maxHeadRun && credits[q] == nil && as.headingLine(lines[q]) && !as.lx.isEndMark(lines[q].text) && !cutAtBreak(lines, q) {
		if q > title && !off("numbered-after-title") && ((isEnumerated(lines[q].text) && !isEnumerated(lines[title].text)) || (as.inSeries(lines[q]) && !as.inSeries(lines[title]))) {
			// 关于…的调研报告 / 一、基本情况, Class News / Year 1: a
			// numbered line under an unnumbered title is the first
			// part's subhead.
			subhead = true
			break
		}
		q++
	}
	// A deck that reads as a sentence closes the run: 社区义诊进楼门 /
	// 50余名医生走进12个小区，为老人测血压、查血糖。
	if q > p && q < len(lines) && q-p < maxHeadRun && credits[q] == nil && !off("deck") && !lines[q].listed && isDeck(lines[q].text) &&
		!isHeadingLike(lines[q].text, lines[q].width) && !as.bodyShaped(lines[q]) && !as.mayBeFirstParagraph(lines, q) && lines[q-1].width < lines[q].width && q+1 < len(lines) && (!as.headingLine(lines[q+1]) || cutAtBreak(lines, q+1)) {
		q++
	}
	if q == p || q >= len(lines) || credits[q] != nil || (as.headingLine(lines[q]) && !cutAtBreak(lines, q) && !subhead) {
		return 0, false
	}
	for k := p; k < q; k++ {
		if isLatinText(lines[k].text) && endsWithFunctionWord(lines[k].text) && !(k+1 == q && isTitleCase(lines[k].text) && lines[q].gapBefore && !lines[q].afterBreak && !off("title-case-heading")) {
			return 0, false
		}
	}
	return q, true
}

// mayBeFirstParagraph reports whether lines[q], under a title and with no
// credit line after it, reads as well as the first paragraph as a deck:
// it opens like a news lede (9月12日，…), or it is a whole sentence set
// apart from the title by a blank line, as paragraphs are, and no lede
// follows it. A deck with no credit to close the head needs to look like
// one: joined to its title, a summary without a full stop, or a sentence
// over the paragraph that opens the story (今年以来，…).
func (as *assembler) mayBeFirstParagraph(lines []line, q int) bool {
	if isLede(lines[q].text) {
		return true
	}
	if off("deck-apart") || !lines[q].gapBefore {
		return false
	}
	if q+1 < len(lines) && isLede(lines[q+1].text) {
		return false
	}
	t := strings.TrimRight(lines[q].text, closers)
	return strings.HasSuffix(t, "。") || strings.HasSuffix(t, "！") || (strings.HasSuffix(t, ".") && !endsWithAbbreviation(t))
}

// isLongSentence reports whether an English line that ends on an
// abbreviation's period is a sentence, not a headline: "Our Harvest Supper
// will be held in the church hall on Saturday at 7 p.m." A headline of
// eight words or more does not end with a period.
func isLongSentence(s string) bool {
	return !off("abbreviation-sentence") && strings.HasSuffix(s, ".") && isLatinText(s) && len(strings.Fields(s)) >= 8
}

// isTitleCase reports whether every word of s is capitalised, as in a
// headline ("Please Pray For"), where a line cut mid-sentence ends on a
// lower-case word.
func isTitleCase(s string) bool {
	f := strings.Fields(s)
	for _, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return len(f) >= 2
}

// cutAtBreak reports whether lines[k] stops mid-sentence right before a
// page break: the first half of a paragraph, whatever its shape.
func cutAtBreak(lines []line, k int) bool {
	return !off("cut-at-break") && k+1 < len(lines) && lines[k+1].afterBreak && !endsSentence(lines[k].text)
}

// headingLine reports whether l can be a heading line, by its words and by
// its place in the layout.
func (as *assembler) headingLine(l line) bool {
	return isHeadingLike(l.text, l.width) && !as.bodyShaped(l) && !l.listed && !(isListItem(l.text) && !off("bullet-not-heading")) && !isLongSentence(l.text)
}

// bodyShaped reports whether the layout shows l to be a line of a
// paragraph, whatever its words: it fills the column, or it is indented
// where paragraphs start indented.
func (as *assembler) bodyShaped(l line) bool {
	return !off("body-shaped") && (as.lay.full(l) || (as.lay.indents && l.indented))
}

// endCredit returns the bylines of lines[i] read as the credit that closes
// an article: a credit line ((通讯员 张三), 文/张三, （作者单位：…）, By Jane
// Doe), bare names in brackets ((张三 李四)) or an English signature
// (— Jane Doe, Jane Doe, Churchwarden), after a line of body text.
func (as *assembler) endCredit(lines []line, credits [][]bulletinfeed.Byline, i int) []bulletinfeed.Byline {
	if i == 0 || off("end-credit") {
		return nil
	}
	prev := lines[i-1]
	if credits[i] != nil && as.lx.isProductionCredit(credits[i]) {
		return nil // the page's makers: furniture
	}
	if credits[i] != nil && as.lx.isPhotoCredit(credits[i]) {
		// A photo credit may follow its caption: 图为市民在公园内散步.
		return credits[i]
	}
	if credits[i-1] == nil && isHeadingLike(prev.text, prev.width) && !isValediction(prev.text) {
		return nil
	}
	if credits[i] != nil {
		return credits[i]
	}
	s := lines[i].text
	if displayWidth(s) > 40 {
		return nil
	}
	if t := stripCreditDecoration(s); t != s && !off("bracketed-names") {
		if bs, ok := as.lx.parsePostCredit(t); ok {
			return bs
		}
		if bs, ok := as.lx.parseUnitCredit(t); ok {
			return bs
		}
		if bs, ok := as.lx.parseNameOnlyByline(t); ok {
			return bs
		}
	}
	if !off("signature") {
		if name, ok := as.lx.englishSignature(s); ok {
			return []bulletinfeed.Byline{{Name: name}}
		}
	}
	if as.bareSignature(lines, i) {
		return []bulletinfeed.Byline{{Name: s}}
	}
	return nil
}

// bareSignature reports whether lines[i] is a name alone that signs the
// text above it (an editor's letter: … welcome by 15 November. / Clare
// Whitfield / Church News): after a sentence or a complimentary close, and
// before a configured banner or the end of the text, where no subhead can
// stand.
func (as *assembler) bareSignature(lines []line, i int) bool {
	if off("bare-signature") || i == 0 {
		return false
	}
	s, prev := lines[i].text, lines[i-1].text
	n := len(strings.Fields(s))
	if n < 2 || n > 4 || !isLatinText(s) || !isEnglishName(s) || (!endsSentence(prev) && !isValediction(prev)) {
		return false
	}
	return i+1 == len(lines) || as.banners.matches(lines[i+1].text)
}

// signsAbove reports whether lines[j] is an English signature closing the
// text above it, which no heading run of the article below takes in.
func (as *assembler) signsAbove(lines []line, j int) bool {
	if j == 0 || off("signature-not-heading") || (!endsSentence(lines[j-1].text) && !isValediction(lines[j-1].text)) {
		return false
	}
	if _, ok := as.lx.englishSignature(lines[j].text); ok && !off("signature") {
		return true
	}
	return as.bareSignature(lines, j)
}

// englishSignature reads the name that signs an English article: "— Jane
// Doe", "- Rev. Margaret O'Neill", "Jane Doe, Churchwarden".
func (lx *lexicon) englishSignature(s string) (string, bool) {
	if t := strings.TrimLeft(s, "—–-~ "); t != s && t != "" {
		if i := strings.IndexByte(t, ','); i > 0 && lx.isJobTitle(strings.TrimSpace(t[i+1:])) {
			t = strings.TrimSpace(t[:i])
		}
		return t, isEnglishName(t)
	}
	if i := strings.IndexByte(s, ','); i > 0 && lx.isJobTitle(strings.TrimSpace(s[i+1:])) && len(strings.Fields(s[i+1:])) <= 3 {
		n := strings.TrimSpace(s[:i])
		return n, isEnglishName(n)
	}
	if i := strings.IndexByte(s, ','); i > 0 && !off("signature-address") && isAddress(s[i+1:]) {
		// Gordon Pike, Fernleigh Close: a letter signed with the
		// writer's street.
		n := strings.TrimSpace(s[:i])
		return n, len(strings.Fields(n)) >= 2 && isEnglishName(n)
	}
	return "", false
}

// isAddress reports whether s reads as a street or place after a letter
// writer's name: one to four words, each capitalised or a house number,
// with commas between parts (12 Mill Road, Ashcombe).
func isAddress(s string) bool {
	words := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(words) == 0 || len(words) > 5 {
		return false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !unicode.IsDigit(c) && !strings.ContainsRune("'’-", c) {
				return false
			}
		}
	}
	return true
}

// addEndCredits finds the credits printed at the end of articles and the
// articles they reveal. A credit line after body text closes the article
// above when the next article's headings follow it (or the text ends):
// a shared photo credit between two articles, 摄影 张三, is the upper
// one's. An article with no credit under its title ends at its end credit,
// and the headings after that credit start the next article; so do the
// headings after any end credit whose own article ends with one. The first
// article of an issue that closes with an end credit starts at the top.
// tails holds, by line, the bylines of each end credit.
func (as *assembler) addEndCredits(lines []line, credits [][]bulletinfeed.Byline, starts []*start) ([]*start, [][]bulletinfeed.Byline) {
	n := len(lines)
	tails := make([][]bulletinfeed.Byline, n)
	headRun := make(map[int]bool, len(starts))
	for _, st := range starts {
		headRun[st.run] = true
	}
	ends := make([][]bulletinfeed.Byline, n) // end-credit candidates
	for i := 1; i < n; i++ {
		ends[i] = as.endCredit(lines, credits, i)
	}
	// nextClose[i] is the first line at or after i of an end credit that
	// stands before headings or the end of the text: one that closes an
	// article.
	nextClose := make([]int, n+1)
	nextClose[n] = n
	for i := n - 1; i >= 0; i-- {
		nextClose[i] = nextClose[i+1]
		if ends[i] != nil && (i+1 == n || headRun[i+1] || as.isEnd(lines, i+1)) {
			nextClose[i] = i
		} else if ends[i] != nil {
			if _, ok := as.headRunAt(lines, credits, i+1); ok {
				nextClose[i] = i
			}
		}
	}
	out := make([]*start, 0, len(starts))
	si := 0
	var cur *start
	for i := 0; i < n; i++ {
		if si < len(starts) && starts[si].run == i {
			cur = starts[si]
			out = append(out, cur)
			si++
			i = cur.body - 1
			continue
		}
		if ends[i] == nil {
			continue
		}
		nextRun := n
		if si < len(starts) {
			nextRun = starts[si].run
		}
		var next *start
		switch {
		case i+1 == nextRun || as.isEnd(lines, i+1):
		case i+1 < n && ends[i+1] != nil && nextClose[i+1] == i+1:
			// 通讯员 张三 / 摄影 李四: the first of two end credits.
		default:
			q, ok := as.headRunAt(lines, credits, i+1)
			if !ok || q >= nextRun {
				continue // a credit inside a body: a photo credit, kept as text
			}
			if cur != nil && !cur.implicit && nextClose[i+1] >= nextRun {
				// Under a credited article, headings after its photo
				// credit are a subhead unless their own article ends
				// with a credit too.
				continue
			}
			next = implicitStart(i+1, q)
		}
		if cur != nil && !cur.implicit && !off("uncredited-article") && as.lx.namesAuthor(ends[i]) {
			// 通讯员 张三 at the end of what seemed the credited article's
			// body: the last headings set apart before it start an
			// article of its own, which it closes.
			if p := as.lastHeadRun(lines, credits, cur.body, i); p > 0 {
				q, _ := as.headRunAt(lines, credits, p)
				cur = implicitStart(p, q)
				out = append(out, cur)
			}
		}
		if cur == nil {
			first := as.topStart(lines, credits, i)
			if first == nil {
				continue
			}
			cur = first
			out = append(out, cur)
		}
		tails[i] = ends[i]
		if next != nil {
			out = append(out, next)
			cur = next
			i = next.body - 1
		}
	}
	return out, tails
}

// addLedeStarts adds, inside the body of a credited article, an article at
// an unnumbered heading set apart from the text before it whose next line
// opens like a news report with its date or time (11月，…) and restates
// the heading (楼道“微更新” / 11月，社区在9栋老楼开展楼道“微更新”…): a
// short item printed without a credit, not a subhead of the article above.
func (as *assembler) addLedeStarts(lines []line, credits [][]bulletinfeed.Byline, starts []*start) []*start {
	if off("restated-title") {
		return starts
	}
	out := make([]*start, 0, len(starts))
	for k, st := range starts {
		out = append(out, st)
		if st.implicit {
			continue
		}
		end := len(lines)
		if k+1 < len(starts) {
			end = starts[k+1].run
		}
		var box *start
		if p, ok := as.listBoxAt(lines, credits, st.body+1, end); ok {
			box = implicitStart(p, p+1)
			end = p
		}
		for p := st.body + 1; p < end; p++ {
			if credits[p] != nil || !endsSentence(lines[p-1].text) || isEnumerated(lines[p].text) || isListItem(lines[p].text) {
				continue
			}
			q, ok := as.headRunAt(lines, credits, p)
			if !ok || q != p+1 || q >= end {
				continue
			}
			chinese := opensWithDate(lines[q].text) && restates(lines[q].text, lines[p].text)
			// Awards Night / The club awards night is on Friday …, the
			// last text before the next article: an English notice
			// after a By-lined report, which a subhead would not end.
			english := !off("restated-notice") && oneParagraph(lines, q, end) && isLatinText(lines[p].text) && restatesWord(lines[q].text, lines[p].text)
			if !chinese && !english {
				continue
			}
			out = append(out, implicitStart(p, q))
		}
		if box != nil {
			out = append(out, box)
		}
	}
	return out
}

// listBoxAt returns the heading of a list box that ends a credited
// article's text (Services in November / Sunday 3rd – All Saints, 10 a.m.
// / …): a heading set apart after a whole sentence over an unbulleted
// English list, one item to a line, that runs to the next article or the
// end. A box of dates or service times stands apart from the report above
// it, which a subhead over a list would continue.
func (as *assembler) listBoxAt(lines []line, credits [][]bulletinfeed.Byline, from, end int) (int, bool) {
	if off("list-box") || end-from < 3 {
		return 0, false
	}
	p := end - 1
	for p > from && lines[p].listed && credits[p] == nil {
		p--
	}
	if end-p-1 < 2 || !lines[p+1].gapBefore || credits[p] != nil || !as.headingLine(lines[p]) || !lines[p].gapBefore || isEnumerated(lines[p].text) || !isLatinText(lines[p].text) {
		return 0, false
	}
	if prev := lines[p-1]; !endsSentence(prev.text) && !endsOnFinalAbbreviation(prev.text) {
		return 0, false
	}
	return p, true
}

// opensWithDate reports whether s opens with a clause of date or time:
// 11月，… 9月12日，… 晚上7点，…
func opensWithDate(s string) bool {
	clause, ok := firstClause(s, 40)
	return ok && hasDateOrTime(clause)
}

// restates reports whether the paragraph's first line repeats the
// heading's last four characters or more, as a report's first sentence
// names what its title does.
func restates(para, heading string) bool {
	h := []rune(strings.TrimSpace(heading))
	if len(h) < 4 || isLatinText(heading) {
		return false
	}
	return strings.Contains(para, string(h[len(h)-4:]))
}

// oneParagraph reports whether lines[q:end] are one paragraph: every line
// but the last stops mid-sentence, cut by a page or column break.
func oneParagraph(lines []line, q, end int) bool {
	if q >= end {
		return false
	}
	for k := q; k+1 < end; k++ {
		if endsSentence(lines[k].text) {
			return false
		}
	}
	return true
}

// restatesWord reports whether an English paragraph names what its heading
// does: a word of five letters or more of the heading, or its first five
// letters (collection, collected), stands in it.
func restatesWord(para, heading string) bool {
	p := strings.ToLower(para)
	for _, w := range strings.Fields(strings.ToLower(heading)) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if len(w) >= 5 && strings.Contains(p, w[:5]) {
			return true
		}
	}
	return false
}

// lastHeadRun returns the last line in (from, to) where unnumbered
// headings set apart from the text before them start, or 0.
func (as *assembler) lastHeadRun(lines []line, credits [][]bulletinfeed.Byline, from, to int) int {
	// An article is rarely longer than maxArticleLines lines of print;
	// the bound keeps an issue of many end credits linear.
	for p := to - 2; p > max(from, to-maxArticleLines); p-- {
		if credits[p] != nil || !endsSentence(lines[p-1].text) || isEnumerated(lines[p].text) || isListItem(lines[p].text) {
			continue
		}
		if q, ok := as.headRunAt(lines, credits, p); ok && q < to {
			return p
		}
	}
	return 0
}

// namesAuthor reports whether a credit names who wrote: a person with a
// writer's role or none, or the author's unit; not a photographer, not the
// paper an article is taken from (来源：天津日报).
func (lx *lexicon) namesAuthor(bs []bulletinfeed.Byline) bool {
	for _, b := range bs {
		if lx.photoRoles[strings.ToLower(b.Role)] || ((lx.orgPrefixRoles[b.Role] || lx.orgSuffixRoles[b.Role]) && !slices.Contains(lx.AuthorUnitRoles, b.Role)) {
			return false
		}
	}
	return len(bs) > 0
}

// isPhotoCredit reports whether every byline credits pictures only.
func (lx *lexicon) isPhotoCredit(bs []bulletinfeed.Byline) bool {
	for _, b := range bs {
		if !lx.photoRoles[strings.ToLower(b.Role)] {
			return false
		}
	}
	return len(bs) > 0
}

// isEnd reports whether nothing but end marks follow lines[i-1].
func (as *assembler) isEnd(lines []line, i int) bool {
	for ; i < len(lines); i++ {
		if !as.lx.isEndMark(lines[i].text) {
			return false
		}
	}
	return true
}

// topStart returns the start of an issue's first article when no credit
// under its headings marks it: the short lines at the top before the first
// body line, which splitRun divides into masthead and headings. end is the
// line of the article's end credit.
func (as *assembler) topStart(lines []line, credits [][]bulletinfeed.Byline, end int) *start {
	q := 0
	for q < end && credits[q] == nil && (as.headingLine(lines[q]) || (as.lx.isMastheadOrContents(lines[q].text) && !off("masthead-issue-date"))) && !cutAtBreak(lines, q) && !(q > 0 && as.inSeries(lines[q])) {
		q++
	}
	if q > 0 && q+1 < end && credits[q] == nil && !off("deck") && !lines[q].listed && isDeck(lines[q].text) && !as.bodyShaped(lines[q]) && !as.mayBeFirstParagraph(lines, q) && lines[q-1].width < lines[q].width && (!as.headingLine(lines[q+1]) || cutAtBreak(lines, q+1)) {
		q++ // the title's deck
	}
	if q == 0 || q >= end || credits[q] != nil {
		return nil
	}
	return implicitStart(max(0, q-maxRunLines), q)
}

// addHeadingStarts adds, for a publication that prints no credits, an
// article at every heading set apart from the text before it: after a
// line that ends a sentence, or at the top. Numbered headings start
// articles at the top level of numbering (一、 or 1. when the first
// article's title is so numbered) and are subheads below it.
func (as *assembler) addHeadingStarts(lines []line, credits [][]bulletinfeed.Byline, starts []*start) []*start {
	if off("no-credits") {
		return starts
	}
	taken := make([]bool, len(lines)) // lines of a credited article's head
	for _, st := range starts {
		for i := st.run; i < st.body; i++ {
			taken[i] = true
		}
	}
	top := -1
	var found []*start
	for i := 0; i < len(lines); i++ {
		if taken[i] {
			continue
		}
		var st *start
		if i == 0 {
			st = as.topStart(lines, credits, len(lines))
			if st == nil {
				continue
			}
		} else {
			prev := lines[i-1]
			// "… by 8 a.m." / blank line / a heading: a.m. ends the
			// sentence there.
			amEnd := !off("final-abbreviation-heading") && lines[i].gapBefore && endsOnFinalAbbreviation(prev.text)
			// An end credit (（南苑社区 贺丽娟 冯涛）) is no heading; the
			// headings after it start the next article.
			endCredit := !off("end-credit-no-heading") && as.endCredit(lines, credits, i-1) != nil
			if !endCredit && !endsSentence(prev.text) && !amEnd && credits[i-1] == nil && !as.lx.isEndMark(prev.text) && !prev.listed {
				continue
			}
			if !off("end-credit-no-heading") && endsSentence(prev.text) && as.endCredit(lines, credits, i) != nil {
				continue
			}
			q, ok := as.headRunAt(lines, credits, i)
			if !ok || taken[q-1] || isListItem(lines[i].text) || lines[i].width > maxHeadingWidth || (as.inSeries(lines[i]) && !off("numbered-series")) {
				// A heading of a numbered series (Year 1, Year 3) is a
				// subhead of the article its first one opens.
				continue
			}
			st = implicitStart(i, q)
		}
		level := numberLevel(lines[st.credit-1].text)
		if !off("banner-numbering") && as.underBanner(lines, st) {
			// A section numbers its articles afresh, or not at all.
			top = -1
		}
		if top < 0 {
			top = level
		} else if !off("numbering-level") && (level > top || (level == 0 && top > 0)) {
			continue // a subhead below the top level
		}
		found = append(found, st)
		i = st.body - 1
	}
	if len(found) == 0 {
		return starts
	}
	out := append(slices.Clone(starts), found...)
	slices.SortFunc(out, func(a, b *start) int { return a.run - b.run })
	// A credited article's start wins over headings inside its run.
	merged := out[:0]
	for _, st := range out {
		if last := lastStart(merged); last != nil && st.run < last.body {
			continue
		}
		merged = append(merged, st)
	}
	return merged
}

// underBanner reports whether a configured banner stands in st's run or
// right before it.
func (as *assembler) underBanner(lines []line, st *start) bool {
	if as.banners.empty() {
		return false
	}
	for i := max(0, st.run-1); i < st.credit; i++ {
		if as.banners.matches(lines[i].text) {
			return true
		}
	}
	return false
}

// numberLevel is how deep a numbered heading stands: 1 for 一、, 2 for
// （一）, 3 for 1. or 1、, 4 for （1）; 0 when it is not numbered.
func numberLevel(s string) int {
	if !isEnumerated(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s)
	bracket := r == '（' || r == '('
	if bracket {
		r, _ = utf8.DecodeRuneInString(s[utf8.RuneLen(r):])
	}
	latin := r >= '0' && r <= '9'
	switch {
	case !latin && !bracket:
		return 1
	case !latin:
		return 2
	case !bracket:
		return 3
	}
	return 4
}
