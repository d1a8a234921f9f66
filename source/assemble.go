package source

import (
	"strings"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// maxRunLines bounds how far back from a credit line heading lines are
// looked for; more short lines than that in a row are a table of contents
// or a masthead, not headings.
const maxRunLines = 8

// start is where one article begins: a run of short lines (leftovers, a
// section banner, then one to three headings) followed by credit lines, or
// by a first paragraph that opens with a dateline credit.
type start struct {
	run      int // first line of the run before the credit
	credit   int // first credit line
	body     int // first body line
	bylines  []bulletinfeed.Byline
	headings []string
	banner   string // section banner directly before the headings, if any
	// implicit: no credit line or dateline starts the article; its
	// headings do, where the shape says so (an end credit before
	// them, or a publication without credits).
	implicit bool
}

// implicitStart is the start of an article that no credit line opens:
// its headings are the run from line run, its body begins at line body.
func implicitStart(run, body int) *start {
	return &start{run: run, credit: body, body: body, bylines: []bulletinfeed.Byline{}, implicit: true}
}

// placement is where an article and its blocks begin in the file, for
// errors that name a line.
type placement struct {
	line   int   // the first line of the article's run: banner, headings
	blocks []int // the first line of each block
}

// assembler finds the articles of one issue with the publication's
// vocabulary, banners and credit style.
type assembler struct {
	lx        *lexicon
	banners   *bannerSet
	noCredits bool
	lay       layout
	// series holds the headings that differ only in a number from
	// another heading of the issue in place (Year 1, Year 3): see
	// seriesHeadings.
	series map[string]bool
}

// assemble finds the articles in the cleaned lines of an issue, with where
// each begins.
func (as *assembler) assemble(lines []line) ([]*bulletinfeed.Article, []placement) {
	lines = as.lx.joinSignatureTitles(lines)
	as.lay = detectLayout(lines)
	markLists(lines, as.lay)
	as.series = seriesHeadings(lines)
	credits := as.findCredits(lines)
	starts := as.dropCaptionStarts(lines, as.findStarts(lines, credits))
	var tails [][]bulletinfeed.Byline
	if as.noCredits {
		starts = as.addHeadingStarts(lines, credits, starts)
	}
	starts = as.addBannerStarts(lines, credits, starts)
	starts, tails = as.addEndCredits(lines, credits, starts)
	starts = as.addLedeStarts(lines, credits, starts)
	if len(starts) == 0 {
		return nil, nil
	}
	var places []placement
	lay := as.lay
	var articles []*bulletinfeed.Article
	section := ""
	for k, st := range starts {
		as.splitRun(lines, st, k == 0)
		if st.banner != "" {
			section = st.banner
		}
		end := len(lines)
		if k+1 < len(starts) {
			end = starts[k+1].run
		}
		if len(st.headings) == 0 {
			// An article found by its headings alone whose every line
			// was masthead: the lines are no article.
			continue
		}
		body, next, bylines := as.bodyLines(lines[st.body:end], credits[st.body:end], tails[st.body:end])
		blocks, blockLines := buildBlocks(body, lay)
		a := &bulletinfeed.Article{
			Section:  section,
			Headings: st.headings,
			Title:    as.lx.chooseTitle(st.headings),
			Bylines:  append(st.bylines, bylines...),
			Blocks:   blocks,
		}
		places = append(places, placement{line: lines[st.run].num, blocks: blockLines})
		if a.Bylines == nil {
			a.Bylines = []bulletinfeed.Byline{}
		}
		articles = append(articles, a)
		if next != "" {
			// A banner printed after this article's body heads the next one.
			section = next
		}
	}
	return articles, places
}

// findCredits parses every line that may be a credit line.
func (as *assembler) findCredits(lines []line) [][]bulletinfeed.Byline {
	lx := as.lx
	credits := make([][]bulletinfeed.Byline, len(lines))
	for i, l := range lines {
		if l.width > maxBylineWidth {
			continue
		}
		if bs, ok := lx.parseByline(l.text); ok {
			credits[i] = bs
		}
	}
	// Names printed with no title count only between a heading line and a
	// body paragraph.
	for i := 1; i+1 < len(lines); i++ {
		if off("bare-names") || credits[i] != nil || credits[i-1] != nil || !isHeadingLike(lines[i-1].text, lines[i-1].width) || (isHeadingLike(lines[i+1].text, lines[i+1].width) && !cutAtBreak(lines, i+1)) {
			continue
		}
		if bs, ok := lx.parseNameOnlyByline(lines[i].text); ok {
			credits[i] = bs
		}
	}
	return credits
}

// findStarts walks the lines and returns where articles begin.
func (as *assembler) findStarts(lines []line, credits [][]bulletinfeed.Byline) []*start {
	lx := as.lx
	var starts []*start
	floor := 0 // lines before floor belong to an earlier start's head
	for i := 0; i < len(lines); i++ {
		dateline := credits[i] == nil && as.lx.isDatelineStart(lines[i].text)
		if credits[i] == nil && !dateline {
			continue
		}
		if last := lastStart(starts); credits[i] != nil && last != nil && i == last.body && !off("second-credit") {
			// A second credit line: 通讯员 王一 / 摄影 李二.
			last.bylines = append(last.bylines, credits[i]...)
			last.body = i + 1
			floor = i + 1
			continue
		}
		j := i - 1
		bodyNext := dateline || (i+1 < len(lines) && credits[i+1] == nil && !isHeadingLike(lines[i+1].text, lines[i+1].width))
		if !bodyNext && i+1 < len(lines) && credits[i+1] == nil {
			// A short first paragraph, or one cut by a page break,
			// follows the credit unless the next article's headings do.
			_, heads := as.headRunAt(lines, credits, i+1)
			bodyNext = !heads
		}
		if j-1 >= floor && !off("deck") && !lx.isPhotoCredit(credits[i]) && bodyNext && credits[j] == nil && credits[j-1] == nil && isDeck(lines[j].text) && !isHeadingLike(lines[j].text, lines[j].width) &&
			isHeadingLike(lines[j-1].text, lines[j-1].width) && !isEnumerated(lines[j-1].text) && lines[j-1].width < lines[j].width {
			// A deck between the title and the credit line, though it
			// reads as a sentence: 社区义诊进楼门 / 50余名医生走进12个
			// 小区，为老人测血压、查血糖。 / 记者 王一 / body. Where no
			// body follows the credit, the sentence was the body of a
			// brief and the credit its end credit.
			j--
		}
		for j >= floor && i-j <= maxRunLines && credits[j] == nil && isHeadingLike(lines[j].text, lines[j].width) && !as.signsAbove(lines, j) {
			j--
		}
		if j == i-1 {
			continue // a credit inside a body: a photo credit, kept as text
		}
		st := &start{run: j + 1, credit: i, body: i + 1, bylines: credits[i]}
		if dateline {
			st.body, st.bylines = i, []bulletinfeed.Byline{}
		}
		starts = append(starts, st)
		floor = st.body
	}
	return starts
}

// dropCaptionStarts removes the starts that are a photo's caption and
// credit (图为市民在公园内散步 / 摄影 蒋涛) at the end of an article: a
// photo credit line with no body after it before the next article.
func (as *assembler) dropCaptionStarts(lines []line, starts []*start) []*start {
	if off("caption") {
		return starts
	}
	out := starts[:0]
	for k, st := range starts {
		next := len(lines)
		if k+1 < len(starts) {
			next = starts[k+1].run
		}
		if k > 0 && st.body >= next && st.credit < st.body && as.lx.isPhotoCredit(st.bylines) {
			continue
		}
		out = append(out, st)
	}
	return out
}

func lastStart(starts []*start) *start {
	if len(starts) == 0 {
		return nil
	}
	return starts[len(starts)-1]
}

// isDatelineStart reports whether a paragraph opens with a dateline credit
// (本报讯（记者 王一）…, 新华社北京3月2日电…), which can stand in for a
// credit line under the headings.
func (lx *lexicon) isDatelineStart(s string) bool {
	if off("dateline") {
		return false
	}
	for _, p := range lx.DatelinePrefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	head := s
	if len(head) > 60 {
		head = head[:60]
	}
	if i := strings.Index(head, "讯"); i > 0 {
		if r, _ := utf8.DecodeRuneInString(head[i+len("讯"):]); r == '（' || r == '(' {
			return true
		}
	}
	if off("agency-dateline") {
		return false
	}
	for _, agency := range lx.NewsAgencies {
		if strings.HasPrefix(s, agency) && strings.Contains(head, "电") {
			return true
		}
	}
	return false
}

// splitRun divides a start's run of short lines into leftovers (dropped),
// the section banner and the headings.
//
// With configured banners only they make sections: the last banner in the
// run heads the article's section, and what follows it are the headings.
// Without, a banner is recognised only where the run is longer than an
// article's headings can be (more than three lines); the first article's
// run may also hold the masthead and a table of contents.
func (as *assembler) splitRun(lines []line, st *start, first bool) {
	banners, lx := as.banners, as.lx
	run := lines[st.run:st.credit]
	if !banners.empty() {
		for p := len(run) - 2; p >= 0; p-- {
			if name, n := banners.matchAt(run, p); n > 0 && p+n < len(run) {
				st.banner = name
				st.headings = lastN(texts(run[p+n:]), 3)
				return
			}
		}
	}
	var kept []line
	for i, l := range run {
		if lx.isMastheadOrContents(l.text) || (first && !off("contents-entry") && (appearsLater(lines, st.run+i+1, l.text) || hasFullDate(l.text))) {
			// What precedes the masthead or a table of contents is more
			// of the same: the publication's name, a slogan.
			kept = kept[:0]
			continue
		}
		if lx.isEndMark(l.text) {
			continue
		}
		if !banners.empty() && banners.matches(l.text) {
			continue
		}
		kept = append(kept, run[i])
	}
	m := len(kept)
	if m == 0 {
		last := run[len(run)-1].text
		if name, ok := banners.lookup(last); ok {
			// A letter under its banner (From the Chair / Dear
			// neighbours,): the banner is its section and its heading.
			st.banner, st.headings = name, []string{last}
			return
		}
		if st.implicit {
			// Only masthead above the first text: no article yet.
			return
		}
		// Every line looked like masthead; the one next to the credit
		// line is still this article's heading.
		st.headings = []string{run[len(run)-1].text}
		return
	}
	if m <= 3 {
		st.headings = texts(kept)
		return
	}
	k := 2
	if m == 5 {
		k = 3
	}
	st.headings = texts(kept[m-k:])
	if m-k <= 2 && banners.empty() && !off("unconfigured-banner") {
		banner := kept[:m-k]
		for _, l := range banner {
			if l.width > 60 || !lx.isBannerLike(l.text) {
				return
			}
		}
		st.banner = strings.Join(texts(banner), " ")
	}
}

func (lx *lexicon) isBannerLike(s string) bool {
	return !lx.isMastheadOrContents(s) && !lx.isColophon(s) && !strings.ContainsAny(s, "。.!?！？")
}

// appearsLater reports whether text stands again after line from: an entry
// of a table of contents repeats an article's heading.
func appearsLater(lines []line, from int, text string) bool {
	key := contentsKey(text)
	if utf8.RuneCountInString(key) < 4 {
		return false
	}
	for _, l := range lines[from:] {
		if l.text == text || contentsKey(l.text) == key {
			return true
		}
	}
	return false
}

// contentsKey strips what a table of contents adds around a heading: an
// entry number before it, dot leaders and a page number after it.
func contentsKey(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return (r >= '0' && r <= '9') || strings.ContainsRune(" .·…-—、", r)
	})
}

func texts(ls []line) []string {
	out := make([]string, len(ls))
	for i, l := range ls {
		out[i] = l.text
	}
	return out
}

func lastN(s []string, n int) []string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}

// bodyLines returns the lines of an article's body, without configured
// banners (running heads, or the banner of the next article standing before
// leftovers), production credits and end marks, and the bylines of the
// end credits among them (tails). next is a banner found in the body: it
// heads the articles after this one.
func (as *assembler) bodyLines(ls []line, credits, tails [][]bulletinfeed.Byline) (body []line, next string, bylines []bulletinfeed.Byline) {
	body = make([]line, 0, len(ls))
	for i := 0; i < len(ls); i++ {
		if name, n := as.banners.matchAt(ls, i); n > 0 {
			next = name
			i += n - 1
			continue
		}
		if tails[i] != nil {
			bylines = append(bylines, tails[i]...)
			continue
		}
		if credits[i] != nil && as.lx.isProductionCredit(credits[i]) {
			continue
		}
		if as.lx.isEndMark(ls[i].text) {
			continue
		}
		if text, bs := as.lx.captionCredit(ls[i].text); bs != nil {
			bylines = append(bylines, bs...)
			l := ls[i]
			l.text, l.width = text, displayWidth(text)
			body = append(body, l)
			continue
		}
		body = append(body, ls[i])
	}
	return body, next, bylines
}

// captionCredit splits a photo credit from the end of the caption it is
// printed after, on one line: ↑ 同学们在自习室内学习。 摄影 费思琪. It
// returns the caption and the credit's bylines, or nil.
func (lx *lexicon) captionCredit(s string) (string, []bulletinfeed.Byline) {
	if off("caption-credit") || len(s) > 300 {
		return s, nil
	}
	i := strings.LastIndex(s, "。 ")
	if i < 0 {
		return s, nil
	}
	caption, tail := s[:i+len("。")], strings.TrimSpace(s[i+len("。 "):])
	if displayWidth(tail) > 30 {
		return s, nil
	}
	if bs, ok := lx.parseByline(tail); ok && lx.isPhotoCredit(bs) {
		return caption, bs
	}
	return s, nil
}

// isProductionCredit: a credit of the page's makers (编辑 王五) inside a
// body is furniture.
func (lx *lexicon) isProductionCredit(bs []bulletinfeed.Byline) bool {
	if off("production-credit") {
		return false
	}
	for _, b := range bs {
		if endsWithAny(b.Role, lx.ProductionRoles) {
			return true
		}
	}
	return false
}

// isEndMark matches the marks that close an article: （完）, -END-.
func (lx *lexicon) isEndMark(s string) bool {
	if len(s) > 20 || off("end-mark") {
		return false
	}
	return lx.endMarks[strings.ToUpper(strings.Trim(s, "()（）[]【】-—–_ ·•"))]
}
