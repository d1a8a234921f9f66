package source

import (
	"math"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// maxHeadingLines: more heading lines in a row than an article's kicker,
// title and subtitle are a list set large (a contents box, a cover's
// teasers); the article takes the last ones.
const maxHeadingLines = 3

// segmentation is how segmentPDF cut an issue, for the log and parse
// --format text.
type segmentation struct {
	articles []*bulletinfeed.Article
	// how names the method: "headings" when typography found the
	// articles, or the fallback taken.
	how string
}

// segmentPDF finds the articles of a PDF issue from its typography: an
// article starts at a heading (a line set larger than the body text, or
// bold where the body is not, when the issue has nothing larger), its
// credits stand under the headings or sign its end, bold lines in the
// body's size inside it are subheads, and small print is captions. It
// styles t's lines as it goes, for parse --format text.
func (lx *lexicon) segmentPDF(t *PDFText, banners *bannerSet) segmentation {
	lines := t.Lines
	body := findBodyStyle(lines)
	styleLines(lines, body)
	lx.markFurniture(lines, t.Pages, body, banners)
	how := "headings"
	if hasArticleHeading(lines, StyleHeading) {
		promoteBoxHeadings(lines)
	} else {
		// No line is set larger than the body: bold lines in the body's
		// size are the headings.
		for i := range lines {
			if lines[i].Role == StyleSubhead {
				lines[i].Role, lines[i].Why = StyleHeading, "bold in the body's size, and nothing in the issue is larger"
			}
		}
		how = "bold headings"
	}
	demoteSentenceHeadings(lines)
	markColonParts(lines)
	articles := dropAdverts(lx.articlesAtHeadings(lines, banners))
	if len(articles)*2 < t.Pages || len(articles) < 2 {
		// Hardly a heading set apart: a notice sheet whose notices open
		// with a lead-in in the body's type (Altar Servers: I was …).
		if runin := lx.articlesAtLeadIns(lines); len(runin) > len(articles) && !off("lead-in") {
			articles = runin
			how = "lead-ins: nearly no heading is set apart"
		}
	}
	if len(articles) == 0 {
		articles = articlesByPage(lines, false)
		how = "one article per page: no heading style found"
	}
	if len(articles) == 0 {
		// All of it small print or furniture: still the pages' text.
		articles = articlesByPage(lines, true)
		how = "one article per page, every line: no text style found"
	}
	return segmentation{articles: articles, how: how}
}

// demoteSentenceHeadings makes text of a heading that reads as a
// sentence of a list or of the text, however it is set: an item marked by
// its number, letter or bullet and closed by a full stop (2. Click on the
// Email Notification tab.; ¨ The schedule is incomplete.), or a line of
// five words or more closed by a full stop that no abbreviation ends. A
// headline has no full stop.
func demoteSentenceHeadings(lines []PDFLine) {
	if off("sentence-not-heading") {
		return
	}
	for i, l := range lines {
		if l.Role != StyleHeading || !isLatinText(l.Text) {
			continue
		}
		t := strings.TrimSpace(l.Text)
		if !strings.HasSuffix(t, ".") || strings.HasSuffix(t, "..") {
			continue
		}
		f := strings.Fields(t)
		item := startsListItem(t) || bulletGlyphFirst(t)
		if item || (len(f) >= 5 && !endsOnAbbreviation(t)) {
			lines[i].Role, lines[i].Why = StyleBody, "a sentence closed by a full stop, set as a heading: a line of the text or of a list"
		}
	}
}

// bulletGlyphFirst reports whether s opens with a bullet glyph of a
// symbol font as pdftohtml gives it (¨, §, Ø, ü) or a bullet, then a
// space.
func bulletGlyphFirst(s string) bool {
	r, n := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("¨§Øü•·▪●◦-–*", r) && strings.HasPrefix(s[n:], " ")
}

// endsOnAbbreviation reports whether s ends on an abbreviation's stop
// (St., Inc., a.m.), which closes no sentence.
func endsOnAbbreviation(s string) bool {
	f := strings.Fields(s)
	last := strings.ToLower(f[len(f)-1])
	return slices.Contains([]string{"st.", "inc.", "ltd.", "co.", "a.m.", "p.m.", "etc.", "jr.", "sr.", "dr.", "no."}, last)
}

// colonPart matches a heading that names a part and what it is about,
// with a colon between: 为本国代祷：非法移民, Prayer for the world: Croatia.
var colonPart = regexp.MustCompile(`^[^:：]{2,24}[:：]\s*\S`)

// colonLabel matches a heading that names a part and ends on its colon:
// 为本堂病患者代祷：, Prayer for the sick:.
var colonLabel = regexp.MustCompile(`^[^:：]{2,24}[:：]\s*$`)

// colonPartWhy marks the subheads markColonParts finds: no lead-in opens
// a notice there.
const colonPartWhy = "one of three or more parts named before a colon, under the page's heading"

// markColonParts makes subheads of a run of three or more headings of one
// size on a page that each name a part before a colon (为普世国家代祷：
// 摩洛哥 / 为本国代祷：非法移民 / 为沙巴教区代祷：…), under a heading of
// the page that is not one of them: the parts of one article (代祷事项),
// as a list of notices has no such shared form.
func markColonParts(lines []PDFLine) {
	if off("colon-parts") {
		return
	}
	for i := 0; i < len(lines); {
		if lines[i].Role != StyleHeading || !colonPart.MatchString(lines[i].Text) {
			i++
			continue
		}
		// The run of such headings on this page, with text between.
		run := []int{i}
		j := i + 1
		for ; j < len(lines) && lines[j].Page == lines[i].Page; j++ {
			if lines[j].Role == StyleHeading {
				// A label alone on its colon (为本堂病患者代祷：) is one of
				// the parts too, its list under it.
				alone := colonLabel.MatchString(lines[j].Text) && !off("colon-label-part")
				if !(colonPart.MatchString(lines[j].Text) || alone) || !sameSize(lines[j].Size, lines[i].Size) {
					break
				}
				run = append(run, j)
			}
		}
		titled := false
		for k := i - 1; k >= 0 && lines[k].Page == lines[i].Page; k-- {
			if lines[k].Role == StyleHeading || lines[k].Role == StyleBanner {
				titled = true
				break
			}
		}
		if len(run) >= 3 && titled && parallelLabels(lines, run) {
			for _, k := range run {
				lines[k].Role, lines[k].Why, lines[k].mark = StyleSubhead, colonPartWhy, markColonPart
			}
		}
		i = j
	}
}

// parallelLabels reports whether at least half of the labels before the
// colons of lines[run] open or close alike (为…代祷, For the …): the parts
// of one list, where notices titled Coffee morning: and Choir: share
// nothing.
func parallelLabels(lines []PDFLine, run []int) bool {
	if off("parallel-labels") {
		return true
	}
	firsts, lasts := map[string]int{}, map[string]int{}
	for _, k := range run {
		label := strings.TrimSpace(strings.FieldsFunc(lines[k].Text, func(r rune) bool { return r == ':' || r == '：' })[0])
		if firstHan(label) != 0 {
			rs := []rune(label)
			firsts[string(rs[:1])]++
			lasts[string(rs[max(0, len(rs)-2):])]++
			continue
		}
		ws := strings.Fields(strings.ToLower(label))
		if len(ws) == 0 {
			continue
		}
		firsts[ws[0]]++
		lasts[ws[len(ws)-1]]++
	}
	most := 0
	for _, m := range []map[string]int{firsts, lasts} {
		for _, n := range m {
			most = max(most, n)
		}
	}
	return most*2 >= len(run)
}

// hasArticleHeading reports whether some line of role opens text: a
// heading with body text after it.
func hasArticleHeading(lines []PDFLine, role string) bool {
	for i := 0; i+1 < len(lines); i++ {
		if lines[i].Role == role {
			for j := i + 1; j < len(lines) && j <= i+maxHeadingLines+2; j++ {
				if lines[j].Role == StyleBody {
					return true
				}
				if lines[j].Role != StyleHeading && lines[j].Role != StyleCaption {
					break
				}
			}
		}
	}
	return false
}

// articlesAtHeadings cuts the styled lines into articles, one at each run
// of headings that text follows.
func (lx *lexicon) articlesAtHeadings(lines []PDFLine, banners *bannerSet) []*bulletinfeed.Article {
	var out []*bulletinfeed.Article
	section := ""
	var cur *bulletinfeed.Article
	var curBody []PDFLine
	desk, deskPage := "", 0 // a "From the desk of" heading over the page's messages
	bannersSeen := map[string]bool{}
	sectionPage := 0                  // the page of a banner in force on its page only
	var pending []bulletinfeed.Byline // credits standing over the next article's heading
	var opening []PDFLine             // its introduction, set over it
	heldPage := 0                     // the page of those two
	var curHeads []PDFLine            // the heading lines of cur
	introLines := 0                   // how many of curBody stand before its parts
	finish := func() {
		if cur != nil {
			lx.fillArticle(cur, curBody)
			if len(cur.Blocks) > 0 {
				out = append(out, cur)
			}
		}
		cur, curBody = nil, nil
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if (len(pending) > 0 || len(opening) > 0) && l.Page != heldPage {
			// No heading came on their page after all: they are the
			// article's they stand in.
			if cur != nil {
				cur.Bylines = append(cur.Bylines, pending...)
				curBody = append(curBody, opening...)
			}
			pending, opening = nil, nil
		}
		if sectionPage > 0 && l.Page != sectionPage {
			section, sectionPage = "", 0
		}
		switch l.Role {
		case StyleBanner:
			name := stripFolio(l.Text)
			if banners.matches(l.Text) {
				name = l.Text
			}
			if name == section && bannersSeen[name] && cur != nil && !off("banner-title") {
				// The banner in force printed again over a later page:
				// what follows goes on with the article it broke.
				continue
			}
			finish()
			section, sectionPage = name, 0
			if l.mark == markPageBanner {
				sectionPage = l.Page
			}
			first := !bannersSeen[section]
			bannersSeen[section] = true
			if first && opensText(lines, i+1) && !off("banner-title") {
				// Text under the banner before any heading: a letter or a
				// column titled by its banner (From the Principal's Desk).
				text, bs := lx.headingCredit(section)
				cur = &bulletinfeed.Article{Section: section, Headings: []string{text}, Title: text, Bylines: append(append([]bulletinfeed.Byline{}, pending...), bs...)}
				pending = nil
			}
			continue
		case StyleMasthead, StyleFurniture:
			continue
		case StyleHeading:
			j := i
			var heads []PDFLine
			var headAt []int // where each of heads stands in lines
			var credits []bulletinfeed.Byline
			for j < len(lines) && lines[j].Page == l.Page && (lines[j].Role == StyleHeading || (len(heads) > 0 && (lines[j].Role == StyleMasthead || lines[j].Role == StyleFurniture))) {
				if lines[j].Role == StyleHeading {
					if bs, ok := lx.headCredit(lines[j].Text); ok && !off("credit-in-heading") {
						// A credit set in a heading's size: 文/院長蔡明謀牧師.
						credits = append(credits, bs...)
						lines[j].Role, lines[j].Why = StyleCaption, "a credit line"
					} else {
						heads = append(heads, lines[j])
						headAt = append(headAt, j)
					}
				}
				j++
			}
			if len(heads) == 0 {
				if creditsNextHeading(lines, i, j) {
					// Over the next heading, on a page whose text has
					// not begun: the next article's credit.
					pending, heldPage = append(pending, credits...), l.Page
				} else if cur != nil {
					cur.Bylines = append(cur.Bylines, credits...)
				}
				i = j - 1
				continue
			}
			if cur != nil && len(heads) == 1 && len(credits) == 0 && lx.isDateWordsOnly(heads[0].Text) {
				// June, Monday 3rd: the parts of a list of dates.
				lines[headAt[0]].Role, lines[headAt[0]].Why = StyleSubhead, "a date heading inside a list"
				curBody = append(curBody, lines[headAt[0]])
				i = j - 1
				continue
			}
			if cur != nil && len(heads) == 1 && len(credits) == 0 && isHonorificName(heads[0].Text) && len(curBody) > 0 && endsSentence(curBody[len(curBody)-1].Text) && !off("heading-signature") {
				// A name set large after the last sentence signs it.
				cur.Bylines = append(cur.Bylines, bulletinfeed.Byline{Role: "", Name: strings.TrimSpace(heads[0].Text)})
				lines[headAt[0]].Role, lines[headAt[0]].Why = StyleCaption, "a signature set large"
				i = j - 1
				continue
			}
			if cur != nil && len(heads) == 1 && len(credits) == 0 && len(curBody) > 0 && sectionHeadStyle(curHeads, heads[0]) {
				// 建立家庭 祝福全地 / 從信仰群體的角度看家庭的角色 …
				// 從基督教教育理念看家庭的建造: a heading in the style
				// of the one under the article's title, far smaller
				// than the title, heads a part of it; so did that one.
				if n := len(cur.Headings); n > 1 && len(curHeads) == n && !curHeads[n-1].Apart {
					first := curHeads[n-1]
					first.Role, first.Why = StyleSubhead, "a part of the article: a heading in its style follows"
					cur.Headings, curHeads = cur.Headings[:n-1], curHeads[:n-1]
					curBody = slices.Insert(curBody, min(introLines, len(curBody)), first)
				}
				lines[headAt[0]].Role, lines[headAt[0]].Why = StyleSubhead, "in the style of the heading under the article's title: a part of it"
				curBody = append(curBody, lines[headAt[0]])
				i = j - 1
				continue
			}
			if cur != nil && len(heads) == 1 && isEnumerated(heads[0].Text) && !isEnumerated(cur.Title) && !off("numbered-pdf-subhead") {
				// 1.仔细地阅读圣经 under 10种阅读圣经的方法: a numbered
				// part of the article, not one of its own; a credit over
				// it is the article's.
				cur.Bylines = append(cur.Bylines, credits...)
				lines[headAt[0]].Role, lines[headAt[0]].Why = StyleSubhead, "numbered, under an unnumbered title"
				curBody = append(curBody, lines[headAt[0]])
				i = j - 1
				continue
			}
			if !opensText(lines, j) && !numberedOutline(heads) {
				// Headings with no text under them: a cover's teasers, a
				// box's label over a table that was dropped.
				i = j - 1
				continue
			}
			finish()
			// Numbered lines under an unnumbered title are its parts
			// (立志跟从神 / 1. 考验 / 2. 界限): subheads, not headings.
			var parts []PDFLine
			for k := 1; k < len(heads) && !off("numbered-pdf-subhead"); k++ {
				if isEnumerated(heads[k].Text) && !isEnumerated(heads[0].Text) {
					parts = heads[k:]
					heads = heads[:k]
					break
				}
			}
			if box, rest, ok := colonBox(heads); ok {
				// This year in your chapter: / 34 Brothers / House GPA
				// 3.35 / Stay Involved!: a box's label and its items
				// set large, then the next article's title.
				a := &bulletinfeed.Article{Section: section, Headings: []string{box[0].Text}, Title: box[0].Text, Bylines: []bulletinfeed.Byline{}}
				for _, it := range box[1:] {
					a.Blocks = append(a.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: it.Text})
				}
				out = append(out, a)
				heads = rest
			}
			heads = lx.joinTitleHalves(joinWrappedHeadings(heads))
			if len(heads) > maxHeadingLines {
				heads = heads[len(heads)-maxHeadingLines:]
			}
			cur = &bulletinfeed.Article{Section: section, Bylines: append(pending, credits...)}
			pending = nil
			if cur.Bylines == nil {
				cur.Bylines = []bulletinfeed.Byline{}
			}
			for k, h := range heads {
				text, bs := lx.headingCredit(h.Text)
				heads[k].Text = text
				cur.Headings = append(cur.Headings, text)
				cur.Bylines = append(cur.Bylines, bs...)
			}
			cur.Title = lx.titleOf(heads)
			curHeads = heads
			curBody = append(curBody, opening...)
			introLines = len(curBody)
			opening = nil
			for _, p := range joinWrappedParts(parts) {
				p.Role, p.Why = StyleSubhead, "numbered, under an unnumbered title"
				if asksOrTells(p.Text) && !off("outline-sentences") {
					// a.阅读但以理1:8-21。谁是但以理？: a question
					// set in the outline's size is its text.
					p.Role, p.Why = StyleBody, "a sentence among an outline's parts"
				}
				curBody = append(curBody, p)
			}
			if len(heads) > 1 && lx.isDeskPrefix(heads[0].Text) {
				// From the desk of / Prof. Naokant Deo / Chairman: the
				// messages under it are each titled by their writer's
				// name, as long as the page goes on.
				desk, deskPage = strings.TrimRight(heads[0].Text, ": "), l.Page
				heads = heads[1:]
				cur.Headings = cur.Headings[1:]
				cur.Title = lx.titleOf(heads)
			}
			if desk != "" && deskPage == l.Page {
				cur.Section = desk
				if name := strings.TrimSpace(heads[0].Text); isBareName(name) || isHonorificName(name) {
					cur.Bylines = append(cur.Bylines, bulletinfeed.Byline{Role: desk, Name: name})
				}
			}
			i = j - 1
			continue
		}
		if l.Role == StyleBody && l.Initial && lx.opensNextHeading(lines, i) {
			// A paragraph opening with a drop cap set over the title
			// (an introduction above it): the next article's first.
			opening, heldPage = append(opening, l), l.Page
			continue
		}
		if cur != nil {
			curBody = append(curBody, l)
		}
	}
	finish()
	return out
}

// opensText reports whether body text follows lines[j], past credits and
// captions, before the next heading.
func opensText(lines []PDFLine, j int) bool {
	for ; j < len(lines); j++ {
		switch lines[j].Role {
		case StyleBody, StyleSubhead:
			return true
		case StyleHeading, StyleBanner:
			return false
		}
	}
	return false
}

// sectionHeadStyle reports whether h is set as the last of heads, an
// article's headings, under a title at least half as large again: the
// article's first part's heading, if the article has one, whose style
// heads its later parts; a subtitle is set once.
func sectionHeadStyle(heads []PDFLine, h PDFLine) bool {
	if off("part-heading-style") || len(heads) < 2 {
		return false
	}
	under, title := heads[len(heads)-1], heads[0]
	for _, t := range heads {
		if t.Size > title.Size {
			title = t
		}
	}
	return h.Page-under.Page <= 1 && sameSize(h.Size, under.Size) && h.Font == under.Font && h.Bold == under.Bold && h.Color == under.Color && title.Size >= 1.5*h.Size
}

// opensNextHeading reports whether a heading follows lines[i] on its
// page past credits, captions and banners only, before any text: a
// paragraph that opens with a drop cap there opens the article under
// that heading, set over its title, for a drop cap opens an article and
// never goes on with one.
func (lx *lexicon) opensNextHeading(lines []PDFLine, i int) bool {
	if off("initial-over-title") {
		return false
	}
	for j := i + 1; j < len(lines) && lines[j].Page == lines[i].Page; j++ {
		switch lines[j].Role {
		case StyleHeading:
			if _, ok := lx.headCredit(lines[j].Text); !ok {
				return true
			}
		case StyleBody, StyleSubhead:
			return false
		}
	}
	return false
}

// creditsNextHeading reports whether the credit lines lines[i:j] belong
// to the heading after them: no text stands before them on their page
// (an introduction set small, a picture's caption), and a heading or a
// banner follows them there before any text. A credit after text on its
// page signs that text.
func creditsNextHeading(lines []PDFLine, i, j int) bool {
	if off("credit-over-heading") {
		return false
	}
	for k := i - 1; k >= 0 && lines[k].Page == lines[i].Page; k-- {
		if (lines[k].Role == StyleBody && !lines[k].Initial) || lines[k].Role == StyleSubhead || lines[k].Role == StyleHeading {
			return false
		}
	}
	for ; j < len(lines) && lines[j].Page == lines[i].Page; j++ {
		switch lines[j].Role {
		case StyleHeading, StyleBanner:
			return true
		case StyleBody, StyleSubhead:
			return false
		}
	}
	return false
}

// numberedOutline reports whether heads, set with no text under them,
// are a title over two or more numbered parts (立志跟从神 / 1. 考验 / 2.
// 界限 / 3. 奖赏): a sermon's outline printed all in one size, an
// article of its own, not a cover's teasers.
func numberedOutline(heads []PDFLine) bool {
	if off("numbered-outline") || len(heads) < 3 || isEnumerated(heads[0].Text) {
		return false
	}
	n := 0
	for _, h := range heads[1:] {
		if isEnumerated(h.Text) {
			n++
		}
	}
	return n >= 2
}

// joinWrappedParts joins to a numbered part the line after it that is
// none, when the part fills a line and ends no sentence: the rest of it
// (b.但以理的信心如何被试验？…你对神的信心 / 是否被试驗？…).
func joinWrappedParts(parts []PDFLine) []PDFLine {
	var out []PDFLine
	for _, p := range parts {
		if n := len(out); n > 0 && !off("outline-sentences") && !isOutlineItem(p.Text) && isOutlineItem(out[n-1].Text) && !endsSentence(out[n-1].Text) && utf8.RuneCountInString(out[n-1].Text) > 20 {
			sep := " "
			if r, _ := utf8.DecodeLastRuneInString(out[n-1].Text); isWide(r) {
				sep = ""
			}
			out[n-1].Text += sep + p.Text
			continue
		}
		out = append(out, p)
	}
	return out
}

// lettered matches an item lettered a. b. c. or (a).
var lettered = regexp.MustCompile(`^(?:[a-zA-Z][.．、)]|\([a-zA-Z]\))`)

// isOutlineItem reports whether s opens with a number or a letter.
func isOutlineItem(s string) bool { return isEnumerated(s) || lettered.MatchString(s) }

// asksOrTells reports whether s holds a sentence: a question or a
// statement ended inside it.
func asksOrTells(s string) bool {
	return strings.ContainsAny(s, "？?。") || (endsSentence(s) && len(strings.Fields(s)) > 6)
}

// titleOf picks the title among an article's headings: the largest; of
// several in one size the most informative.
func (lx *lexicon) titleOf(heads []PDFLine) string {
	if len(heads) == 2 && heads[1].Apart && sameSize(heads[0].Size, heads[1].Size) && !off("kicker-apart") {
		// St Andrew's Church / Churchwarden's Jottings: the first line
		// was broken off on purpose, a label over the title.
		return heads[1].Text
	}
	heads = dropLabels(heads)
	big := 0.0
	for _, h := range heads {
		big = math.Max(big, h.Size)
	}
	var top []string
	for _, h := range heads {
		if h.Size > big-sizeTolerance {
			top = append(top, h.Text)
		}
	}

	// A line in brackets or after a dash is the title's gloss: (但以理
	// 1:8-21), — a report; one all in quotation marks is a motto.
	if len(top) > 1 && !off("bracketed-gloss") {
		var plain []string
		for _, t := range top {
			if !strings.HasPrefix(t, "(") && !strings.HasPrefix(t, "（") && !strings.HasPrefix(t, "—") && !(wholeQuote(t) && !off("quoted-motto")) {
				plain = append(plain, t)
			}
		}
		if len(plain) > 0 {
			top = plain
		}
	}
	if len(top) == 1 {
		return top[0]
	}
	return lx.chooseTitle(top)
}

// joinTitleHalves joins a heading that ends on a colon with the heading
// after it: the two halves of one title, set in two sizes or colours
// (教會中青少年的精神健康： / 認識並應對挑戰, Lent appeal: / Water for
// Malawi); and a Chinese title broken in two sizes. A sentence ending on
// a colon (The handbook states that:) and a desk's prefix (From the desk
// of:) are no title's first half.
func (lx *lexicon) joinTitleHalves(heads []PDFLine) []PDFLine {
	var out []PDFLine
	for i := 0; i < len(heads); i++ {
		h := heads[i]
		if i+1 < len(heads) && heads[i+1].Page == h.Page && !lx.isDeskPrefix(h.Text) && ((lx.colonHalf(h.Text) && titleHalfLength(heads[i+1].Text)) || brokenHanTitle(h, heads[i+1]) || openTitleHalf(h.Text)) {
			t, next := strings.TrimSpace(h.Text), strings.TrimSpace(heads[i+1].Text)
			sep := " "
			if r, _ := utf8.DecodeLastRuneInString(t); isWide(r) {
				sep = ""
			}
			h.Text = t + sep + next
			h.Size = math.Max(h.Size, heads[i+1].Size)
			i++
		}
		out = append(out, h)
	}
	return out
}

// colonBox splits off a run of headings a label that ends on a colon
// with the lines it announces, set as it is, when one more heading in
// another style follows them: that last one titles the text below
// (This year in your chapter: / 34 Brothers / House GPA: 3.35 / Stay
// Involved!). Headings before the label head no text and go.
func colonBox(heads []PDFLine) (box, rest []PDFLine, ok bool) {
	if off("colon-box") || len(heads) < 3 {
		return nil, heads, false
	}
	last := heads[len(heads)-1]
	for k := len(heads) - 3; k >= 0; k-- {
		label := heads[k]
		t := strings.TrimSpace(label.Text)
		if !strings.HasSuffix(t, ":") && !strings.HasSuffix(t, "：") {
			continue
		}
		items := heads[k+1 : len(heads)-1]
		for _, it := range items {
			if !sameSize(it.Size, label.Size) || it.Italic != label.Italic {
				return nil, heads, false
			}
		}
		if sameSize(last.Size, label.Size) && last.Bold == label.Bold && last.Italic == label.Italic {
			return nil, heads, false
		}
		return heads[k : len(heads)-1], heads[len(heads)-1:], true
	}
	return nil, heads, false
}

// titleHalfLength reports whether s is short enough for a title's second
// half; a longer line after a colon is what the colon announces (a box's
// list set large: This year in your chapter: / 34 Brothers House GPA …).
func titleHalfLength(s string) bool {
	if firstHan(s) == 0 {
		return len(strings.Fields(s)) <= 10
	}
	return utf8.RuneCountInString(s) <= 24
}

// colonHalf reports whether s is a title's first half, ending on a colon:
// a phrase of a few words, no sentence.
func (lx *lexicon) colonHalf(s string) bool {
	t := strings.TrimSpace(s)
	if off("colon-title") || !(strings.HasSuffix(t, "：") || strings.HasSuffix(t, ":")) {
		return false
	}
	inner := strings.TrimRight(t, ":：")
	if strings.ContainsAny(inner, ".。!！?？;；:：") {
		return false
	}
	if firstHan(inner) == 0 {
		return len(strings.Fields(inner)) <= 8
	}
	return utf8.RuneCountInString(inner) <= 20
}

// openTitleHalf reports whether s, a heading in Latin script, stops on a
// word that cannot end a title (Notes from the / CAREER FACILITATOR):
// the title goes on in the next heading, whatever its size.
func openTitleHalf(s string) bool {
	return !off("open-title-half") && isLatinText(s) && endsWithFunctionWord(s)
}

// brokenHanTitle reports whether next takes up the Chinese title that h
// began, in a size a little smaller (基督徒如何面對 / 性別混亂的時代, in
// 70 and 59 points): a subtitle is set much smaller, or in brackets or
// after a dash, and a title that ends on a stop is whole.
func brokenHanTitle(h, next PDFLine) bool {
	if off("broken-han-title") || h.Size <= next.Size || next.Size < 0.8*h.Size {
		return false
	}
	t, n := strings.TrimSpace(h.Text), strings.TrimSpace(next.Text)
	if firstHan(t) == 0 || firstHan(n) == 0 || endsSentence(t) || hanPhrases(t) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(n)
	return isHan(r)
}

// wholeQuote reports whether s is all in quotation marks: a motto or a
// pull quote beside the title (“Created by God to Pursue Excellence!”).
func wholeQuote(s string) bool {
	s = strings.TrimSpace(s)
	return (strings.HasPrefix(s, "“") && strings.HasSuffix(s, "”")) || (strings.HasPrefix(s, "\"") && strings.HasSuffix(s, "\"") && len(s) > 2) || (strings.HasPrefix(s, "「") && strings.HasSuffix(s, "」"))
}

// hanPhrases reports whether s sets two Chinese phrases a space apart
// (建立家庭 祝福全地): a title whole in itself. A space beside Latin
// letters or digits (2024 BABC灣區) is a word space.
func hanPhrases(s string) bool {
	rs := []rune(s)
	for i := 1; i+1 < len(rs); i++ {
		if (rs[i] == ' ' || rs[i] == '　') && isHan(rs[i-1]) && isHan(rs[i+1]) {
			return true
		}
	}
	return false
}

// dropLabels leaves out of the title's candidates a label set larger than
// a fuller heading beside it (ΣΗ Chapter over Letter From The Master, WI
// Zoomers over News from Samuel Sakar): a word or two names a column or a
// chapter, a title says what the article tells.
func dropLabels(heads []PDFLine) []PDFLine {
	if len(heads) < 2 || off("label-not-title") {
		return heads
	}
	// Chinese titles of four characters are common (今日祝文), so only
	// labels in alphabets are told by their length.
	// A label names (News, From the Rector); one that asks or exclaims
	// (Why Robotics?) is a title, however short.
	short := func(s string) bool {
		asks := strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
		return firstHan(s) == 0 && len(strings.Fields(s)) <= 2 && !(asks && !off("short-question-title"))
	}
	var full []PDFLine
	big := 0.0
	for _, h := range heads {
		big = math.Max(big, h.Size)
	}
	for _, h := range heads {
		if !short(h.Text) && h.Size >= 0.75*big {
			full = append(full, h)
		}
	}
	if len(full) == 0 {
		return heads
	}
	return full
}

// fillArticle makes a's bylines and blocks of the lines under its
// headings: credits right under them, a signature at the end, subheads,
// and paragraphs; captions are left out.
func (lx *lexicon) fillArticle(a *bulletinfeed.Article, ls []PDFLine) {
	// Credits under the headings, in any size.
	for len(ls) > 0 && utf8.RuneCountInString(ls[0].Text) <= maxBylineWidth {
		bs, ok := lx.headCredit(ls[0].Text)
		if !ok {
			break
		}
		a.Bylines = append(a.Bylines, bs...)
		ls = ls[1:]
	}
	var kept []PDFLine
	for _, l := range ls {
		if l.Role == StyleCaption {
			if bs, ok := lx.parseByline(l.Text); ok && !lx.isPhotoCredit(bs) && len(kept) > 0 {
				// A credit in small print after the text: its end credit.
				a.Bylines = append(a.Bylines, bs...)
			}
			continue
		}
		kept = append(kept, l)
	}
	kept, sig := lx.signature(kept)
	a.Bylines = append(a.Bylines, sig...)
	for _, l := range kept {
		kind := bulletinfeed.Paragraph
		if l.Role == StyleSubhead {
			kind = bulletinfeed.Subhead
		}
		text := strings.TrimSpace(lx.stripEndMark(stripBullet(l.Text)))
		if text == "" {
			continue
		}
		if dates := datesAlone(text); len(dates) > 1 && kind == bulletinfeed.Paragraph && !off("dates-across") {
			// October 12th November 9th December 14th: dates set side
			// by side in a grid, read across; each is an item.
			for _, d := range dates {
				a.Blocks = append(a.Blocks, bulletinfeed.Block{Kind: kind, Text: d})
			}
			continue
		}
		a.Blocks = append(a.Blocks, bulletinfeed.Block{Kind: kind, Text: text})
	}
	// A subhead as the last block heads nothing.
	if n := len(a.Blocks); n > 0 && a.Blocks[n-1].Kind == bulletinfeed.Subhead {
		a.Blocks[n-1].Kind = bulletinfeed.Paragraph
	}
}

// monthDay matches a month and a day (October 12th, Oct. 3, 2015) or a
// day and a month (12 October), with a weekday before it.
var monthDay = regexp.MustCompile(`(?i)(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?(?:\s+\d{4})?)`)

// datesAlone returns the dates s is made of, or nil when anything else
// stands in it.
// monthDayFirst matches a text that opens with a month and a day, after
// white space.
var monthDayFirst = regexp.MustCompile(`^\s*(?:` + monthDay.String() + `)`)

func datesAlone(s string) []string {
	// Most paragraphs open with no date: an anchored match says so at
	// once, where looking for every date scans the whole paragraph.
	if !monthDayFirst.MatchString(s) {
		return nil
	}
	locs := monthDay.FindAllStringIndex(s, -1)
	if len(locs) < 2 {
		return nil
	}
	var out []string
	at := 0
	for _, l := range locs {
		if strings.TrimSpace(s[at:l[0]]) != "" {
			return nil
		}
		out = append(out, strings.TrimSpace(s[l[0]:l[1]]))
		at = l[1]
	}
	if strings.TrimSpace(s[at:]) != "" {
		return nil
	}
	return out
}

// stripEndMark removes an end mark (■, （完）) at the end of a paragraph.
func (lx *lexicon) stripEndMark(s string) string {
	if off("pdf-end-mark") {
		return s
	}
	return strings.TrimRight(s, " ■□◆◇●▲")
}

// articlesByPage is the last fallback: one article per page, titled by the
// page's first line, of its text (or of every line, with all).
func articlesByPage(lines []PDFLine, all bool) []*bulletinfeed.Article {
	var out []*bulletinfeed.Article
	var cur *bulletinfeed.Article
	page := 0
	for _, l := range lines {
		if !all && (l.Role == StyleMasthead || l.Role == StyleFurniture || l.Role == StyleCaption) {
			continue
		}
		if l.Page != page || cur == nil {
			page = l.Page
			title := l.Text
			if r := []rune(title); len(r) > 80 {
				title = string(r[:80]) + "…"
			}
			cur = &bulletinfeed.Article{Headings: []string{title}, Title: title, Bylines: []bulletinfeed.Byline{}}
			out = append(out, cur)
			if title == l.Text {
				continue
			}
		}
		cur.Blocks = append(cur.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: l.Text})
	}
	kept := out[:0]
	for _, a := range out {
		if len(a.Blocks) > 0 {
			kept = append(kept, a)
		}
	}
	return kept
}

// choosePDFParse decides between the two readings of a PDF issue: the
// text parse, which finds articles by their credit lines, and the
// typographic one, and says which it took. Credits are the stronger
// evidence where they stand over at least six articles in ten and the
// typography finds no more than about half as many again (so a page of
// captions read as headings does not outvote them); otherwise the
// typography decides.
func choosePDFParse(byCredits []*bulletinfeed.Article, places []placement, seg segmentation) ([]*bulletinfeed.Article, []placement, string) {
	credited := 0
	for _, a := range byCredits {
		if len(a.Bylines) > 0 {
			credited++
		}
	}
	n := len(byCredits)
	if n > 0 && (credited*10 >= n*6 && n*10 >= len(seg.articles)*6 || off("pdf-typography")) {
		return byCredits, places, "credit lines"
	}
	ps := make([]placement, len(seg.articles))
	for i, a := range seg.articles {
		ps[i] = placement{blocks: make([]int, len(a.Blocks))}
	}
	return seg.articles, ps, "typography: " + seg.how
}

// promoteBoxHeadings makes a heading of a bold line in the body's size
// where the text changes style across it: the text under it is set in
// another size or font than the text above it, so it heads a box or a
// column of its own, not a part of the article before.
func promoteBoxHeadings(lines []PDFLine) {
	if off("box-heading") {
		return
	}
	for i, l := range lines {
		if l.Role != StyleSubhead {
			continue
		}
		var before, after *PDFLine
		for j := i - 1; j >= 0 && lines[j].Page == l.Page; j-- {
			if lines[j].Role == StyleBody {
				before = &lines[j]
				break
			}
		}
		for j := i + 1; j < len(lines) && lines[j].Page == l.Page; j++ {
			if lines[j].Role == StyleBody {
				after = &lines[j]
				break
			}
			if lines[j].Role != StyleCaption {
				break
			}
		}
		if before != nil && after != nil && (!sameSize(before.Size, after.Size) || before.Font != after.Font) {
			lines[i].Role, lines[i].Why = StyleHeading, "bold, over text set unlike the text above it: a box's heading"
		}
	}
}

// isDateWordsOnly reports whether s is a date heading and nothing more:
// June, Monday 3rd, Sept. 2015.
func (lx *lexicon) isDateWordsOnly(s string) bool {
	if off("date-heading") {
		return false
	}
	f := strings.Fields(strings.Trim(s, ":：,. "))
	if len(f) == 0 || len(f) > 3 {
		return false
	}
	named := false
	for _, w := range f {
		w = strings.Trim(w, ".,")
		day := strings.TrimRight(strings.ToLower(w), "stndrh")
		switch {
		case slices.ContainsFunc(lx.Months, func(m string) bool { return strings.EqualFold(w, m) }),
			slices.ContainsFunc(lx.Weekdays, func(d string) bool { return strings.EqualFold(w, d) }):
			named = true
		case day != "" && allDigits(day):
		default:
			return false
		}
	}
	return named
}

// stripBullet takes the bullet off a list item's text: ·谁？, • Tea.
func stripBullet(s string) string {
	if off("list-item-line") {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	if n < len(s) && strings.ContainsRune(bulletGlyphs, r) {
		return strings.TrimSpace(s[n:])
	}
	if r == '-' && startsListItem(s) {
		return strings.TrimSpace(s[n:]) // -客语堂崇拜照常: a hyphen as a bullet
	}
	return s
}

// joinWrappedHeadings makes one heading of consecutive heading lines set
// alike (size, font, weight) of which none but the last ends a phrase: a
// title wrapped over two lines (UTICA HIGH SCHOOL / SOUNDING BOARD
// MEETINGS) that the layout read as two.
func joinWrappedHeadings(heads []PDFLine) []PDFLine {
	if off("wrapped-heading") || len(heads) < 2 {
		return heads
	}
	out := heads[:1]
	for _, h := range heads[1:] {
		p := &out[len(out)-1]
		if sameSize(p.Size, h.Size) && p.Font == h.Font && p.Bold == h.Bold && p.Italic == h.Italic && !endsSentence(p.Text) && isLatinText(p.Text) && isLatinText(h.Text) && !h.Apart {
			p.Text += " " + h.Text
			continue
		}
		out = append(out, h)
	}
	return out
}

// leadIn is the heading run into a notice's first line: a few words,
// the first capitalised, before a colon (Altar Servers: I was pleased …).
var leadIn = regexp.MustCompile(`^([A-Z][\p{L}'’&-]*(?: [\p{L}\d'’&()-]+){0,6}):\s+(\S.*)$`)

// leadInAlone is a lead-in that ends its line: the notice's text starts
// on the next.
var leadInAlone = regexp.MustCompile(`^([A-Z][\p{L}'’&-]*(?: [\p{L}\d'’&()-]+){0,6}):$`)

// articlesAtLeadIns cuts the text into notices at the paragraphs that open
// with a lead-in; the paragraphs after one without a lead-in are its own.
func (lx *lexicon) articlesAtLeadIns(lines []PDFLine) []*bulletinfeed.Article {
	var out []*bulletinfeed.Article
	var cur *bulletinfeed.Article
	// prevBody is set while the last block of cur is the paragraph of the
	// line just before, the one a wrapped lead-in may have begun on.
	prevBody := false
	for i, l := range lines {
		if l.Role != StyleBody && l.Role != StyleSubhead && l.Role != StyleHeading {
			prevBody = false
			continue
		}
		if l.mark == markColonPart && cur != nil {
			cur.Blocks = append(cur.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Subhead, Text: l.Text})
			continue
		}
		if noticeHeadingAlone(lines, i) {
			// Hall and Chapel refurbishment LAST CHANCE! / It is your last
			// chance …: a heading in the text's type, on a line alone.
			cur = &bulletinfeed.Article{Headings: []string{l.Text}, Title: l.Text, Bylines: []bulletinfeed.Byline{}}
			out = append(out, cur)
			prevBody = false
			continue
		}
		if m := leadIn.FindStringSubmatch(l.Text); m != nil && !strings.ContainsAny(m[1], ".") && !lx.opensWithDay(m[1]) {
			label, text := m[1], m[2]
			if reachCount(text) >= 2 && !off("lead-in-contact") {
				// Office (Mon, Tues, Fri mornings): Fr Tony 01903 817841
				// 01273 452654 spoffice@…: the masthead's contact block,
				// no notice.
				prevBody = false
				continue
			}
			var before *bulletinfeed.Block
			if cur != nil && len(cur.Blocks) > 0 && prevBody {
				before = &cur.Blocks[len(cur.Blocks)-1]
			}
			switch {
			case before != nil && leadInContinues(before.Text):
				// We have had the following kind offer from / Patsy: “Lifts
				// to Church …”: the sentence before goes on; no lead-in.
				before.Text += " " + l.Text
				continue
			case before != nil && leadInFirstHalf(before.Text):
				// National Grandparents’ Pilgrimage to / Walsingham: …: the
				// lead-in wrapped, its first half a paragraph of its own.
				label = before.Text + " " + label
				cur.Blocks = cur.Blocks[:len(cur.Blocks)-1]
			}
			if q := quotedName.FindStringSubmatch(text); q != nil && !off("lead-in-wrapped") {
				// Walking Pilgrimage: ‘Saint Hilda’s Pilgrimage’: 10th …
				label, text = label+": "+q[1], q[2]
			}
			cur = &bulletinfeed.Article{Headings: []string{label}, Title: label, Bylines: []bulletinfeed.Byline{}}
			out = append(out, cur)
			cur.Blocks = append(cur.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: text})
			prevBody = true
			continue
		}
		if m := leadInAlone.FindStringSubmatch(l.Text); m != nil && !strings.ContainsAny(m[1], ".") && !lx.opensWithDay(m[1]) && !off("lead-in-alone") {
			// Prayer for our Diocese: / Lord, the Word who is life …:
			// the lead-in took a line of its own.
			cur = &bulletinfeed.Article{Headings: []string{m[1]}, Title: m[1], Bylines: []bulletinfeed.Byline{}}
			out = append(out, cur)
			prevBody = false
			continue
		}
		prevBody = false
		if cur != nil {
			cur.Blocks = append(cur.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: l.Text})
			prevBody = true
		}
	}
	for _, a := range out {
		lx.signNotice(a)
	}
	return out
}

// signNotice takes the signature that ends a notice (Nikki Pearce.; God
// bless you all. Fr Graham) as its byline, as the articles cut at
// headings have theirs taken.
func (lx *lexicon) signNotice(a *bulletinfeed.Article) {
	if off("lead-in-signature") || len(a.Blocks) < 2 {
		return
	}
	ls := make([]PDFLine, len(a.Blocks))
	for i, b := range a.Blocks {
		ls[i] = PDFLine{Text: b.Text, Role: StyleBody}
		if b.Kind == bulletinfeed.Subhead {
			ls[i].Role = StyleSubhead
		}
	}
	kept, sig := lx.signature(ls)
	if len(sig) == 0 || len(kept) == 0 {
		return
	}
	a.Bylines = append(a.Bylines, sig...)
	a.Blocks = a.Blocks[:0]
	for _, l := range kept {
		kind := bulletinfeed.Paragraph
		if l.Role == StyleSubhead {
			kind = bulletinfeed.Subhead
		}
		a.Blocks = append(a.Blocks, bulletinfeed.Block{Kind: kind, Text: l.Text})
	}
}

// reachCount counts the telephone numbers and mail addresses in the first
// 160 bytes of s.
func reachCount(s string) int {
	if len(s) > 160 {
		s = s[:160]
	}
	return len(mailAddress.FindAllString(s, -1)) + phoneRuns(s)
}

// mailAddress matches an e-mail address.
var mailAddress = regexp.MustCompile(`[\w.+-]+@[\w-]+\.[\w.]+`)

// noticeHeadingAlone reports whether lines[i], on a sheet of notices set
// all in the text's type, is a notice's heading on a line alone: one
// visual line of three to fourteen words after a finished sentence,
// ending on no stop, comma or colon, and not a signature's name (it holds
// a word in lower case, or ends on ! or ?), with a sentence after it.
func noticeHeadingAlone(lines []PDFLine, i int) bool {
	l := lines[i]
	if off("notice-heading-alone") || l.Role != StyleBody || len(l.boxes) != 1 || i+1 >= len(lines) || !isLatinText(l.Text) {
		return false
	}
	f := strings.Fields(l.Text)
	if len(f) < 3 || len(f) > 14 || strings.ContainsAny(l.Text, ":") || strings.ContainsAny(l.Text[len(l.Text)-1:], ".,;") {
		return false
	}
	if r, _ := utf8.DecodeRuneInString(l.Text); !unicode.IsUpper(r) {
		return false
	}
	exclaims := strings.HasSuffix(l.Text, "!") || strings.HasSuffix(l.Text, "?")
	lower := 0
	for _, w := range f[1:] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) {
			lower++
		}
	}
	if !exclaims && lower == 0 {
		return false // Penny Richardson, a signature
	}
	if endsWithFunctionWord(l.Text) {
		return false // … kind offer from: the sentence goes on
	}
	if i > 0 && lines[i-1].Page == l.Page && !endsSentence(lines[i-1].Text) && !isTitleCase(lines[i-1].Text) {
		return false // after text cut mid-sentence; a signature's name may stand before
	}
	next := lines[i+1].Text
	r, _ := utf8.DecodeRuneInString(next)
	return unicode.IsUpper(r) && len(strings.Fields(next)) > len(f)
}

// quotedName is a name in quotation marks closed by a colon at the start
// of a lead-in's text: the rest of the notice's heading.
var quotedName = regexp.MustCompile(`^([‘“'"].{1,60}?[’”'"]):\s+(\S.*)$`)

// leadInFirstHalf reports whether a paragraph is the first half of a
// lead-in wrapped over two lines: a few words set as a heading (each
// capitalised but the small words between), ending on no stop.
func leadInFirstHalf(s string) bool {
	f := strings.Fields(s)
	if off("lead-in-wrapped") || len(f) < 2 || len(f) > 6 || endsSentence(s) || strings.ContainsAny(s[len(s)-1:], ",;:") {
		return false
	}
	caps := 0
	for i, w := range f {
		r, _ := utf8.DecodeRuneInString(w)
		switch {
		case unicode.IsUpper(r):
			caps++
		case i > 0 && len(w) <= 3 && unicode.IsLower(r):
			// of, to, and, the, for: small words stay small
		default:
			return false
		}
	}
	return caps >= 2
}

// leadInContinues reports whether a paragraph stops mid-sentence in
// running text (… kind offer from), so that a lead-in's shape on the next
// line is the sentence going on: a name and a colon that quote.
func leadInContinues(s string) bool {
	if off("lead-in-in-sentence") || endsSentence(s) || strings.ContainsAny(s[len(s)-1:], ",;:") || leadInFirstHalf(s) {
		return false
	}
	f := strings.Fields(s)
	lower := 0
	for _, w := range f[1:] {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsLower(r) && len(w) > 3 {
			lower++
		}
	}
	return len(f) >= 4 && lower >= 2
}

// opensWithDay reports whether a lead-in names a day (Mon:, Wed Feast:,
// Today:): a line of a schedule, not a notice's heading.
func (lx *lexicon) opensWithDay(s string) bool {
	if off("lead-in-day") {
		return false
	}
	w := strings.Trim(strings.Fields(s)[0], ".,")
	eq := func(d string) bool { return strings.EqualFold(w, d) }
	return slices.ContainsFunc(lx.Weekdays, eq) || slices.ContainsFunc(lx.Months, eq)
}
