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
	lx.markFurniture(lines, body, banners)
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
	articles := dropAdverts(lx.articlesAtHeadings(lines, banners))
	if pages := pageCount(lines); len(articles)*2 < pages || len(articles) < 2 {
		// Hardly a heading set apart: a notice sheet whose notices open
		// with a lead-in in the body's type (Altar Servers: I was …).
		if runin := articlesAtLeadIns(lines); len(runin) > len(articles) && !off("lead-in") {
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

// markFurniture finds what is not an article's text: the masthead on the
// first page, section banners (a heading printed on several pages, or a
// configured banner) and a contents box with what follows its label up to
// the next heading.
func (lx *lexicon) markFurniture(lines []PDFLine, body bodyStyle, banners *bannerSet) {
	lx.markContents(lines)
	markPullQuotes(lines)
	pages := map[string]map[int]bool{}
	for _, l := range lines {
		if l.Role == StyleHeading {
			k := pdfBannerKey(l.Text)
			if pages[k] == nil {
				pages[k] = map[int]bool{}
			}
			pages[k][l.Page] = true
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
	joinDropCaps(lines)
	// The cover's nameplate: a heading at the top of page 1 set larger
	// than any other heading (or, with none, two and a half times the
	// body's size).
	for i := range lines {
		l := &lines[i]
		key := pdfBannerKey(l.Text)
		switch {
		case l.Role == StyleFurniture:
		case (l.Role == StyleHeading || l.Role == StyleSubhead) && (isContactLine(l.Text) || isPostalAddress(l.Text)):
			l.Role, l.Why = StyleFurniture, "an address or a contact line"
		case banners.matches(l.Text) || banners.matches(key):
			l.Role, l.Why = StyleBanner, "a configured banner"
		case l.Role == StyleHeading && len(pages) > 0 && len(pages[key]) >= 4 && len(pages[key])*2 > pageCount(lines) && !off("running-title"):
			l.Role, l.Why = StyleFurniture, "a heading on most pages: the running title"
		case l.Role == StyleHeading && len(pages[key]) >= 2 && !off("recurring-banner"):
			l.Role, l.Why = StyleBanner, "a heading printed on several pages"
		case atCoverTop(lines, i) && l.Role == StyleHeading && l.Size > largest*1.05 && (largest > 0 || l.Size > 2.5*body.size) && !off("masthead-size"):
			l.Role, l.Why = StyleMasthead, "the largest text, at the top of the cover only"
		case l.Page == 1 && l.Role != StyleBody && lx.isMastheadWords(l.Text):
			l.Role, l.Why = StyleMasthead, "names the publication or the issue"
		case atCoverTop(lines, i) && l.Role != StyleBody && (lx.looksLikeDateLine(l.Text) || hasFullDate(l.Text)) && !off("masthead-date"):
			l.Role, l.Why = StyleMasthead, "the issue's date on the cover"
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

// pdfBannerKey is a heading's text without a page number printed beside it
// (02 院長的話) and without digits, so that a banner is known on every page.
func pdfBannerKey(s string) string {
	s = strings.TrimSpace(s)
	t := strings.TrimLeft(s, "0123456789 |·•-–")
	if t != "" {
		s = t
	}
	return strings.ToLower(digitless(s))
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

// articlesAtHeadings cuts the styled lines into articles, one at each run
// of headings that text follows.
func (lx *lexicon) articlesAtHeadings(lines []PDFLine, banners *bannerSet) []*bulletinfeed.Article {
	var out []*bulletinfeed.Article
	section := ""
	var cur *bulletinfeed.Article
	var curBody []PDFLine
	desk, deskPage := "", 0 // a "From the desk of" heading over the page's messages
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
		switch l.Role {
		case StyleBanner:
			finish()
			section = strings.TrimSpace(strings.TrimLeft(l.Text, "0123456789 |·•-–"))
			if banners.matches(l.Text) {
				section = l.Text
			}
			if opensText(lines, i+1) && !off("banner-title") {
				// Text under the banner before any heading: a letter or a
				// column titled by its banner (From the Principal's Desk).
				text, bs := lx.headingCredit(section)
				cur = &bulletinfeed.Article{Section: section, Headings: []string{text}, Title: text, Bylines: append([]bulletinfeed.Byline{}, bs...)}
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
				if cur != nil {
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
			if !opensText(lines, j) {
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
			heads = joinWrappedHeadings(heads)
			if len(heads) > maxHeadingLines {
				heads = heads[len(heads)-maxHeadingLines:]
			}
			cur = &bulletinfeed.Article{Section: section, Bylines: credits}
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
			for _, p := range parts {
				p.Role, p.Why = StyleSubhead, "numbered, under an unnumbered title"
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

// titleOf picks the title among an article's headings: the largest; of
// several in one size the most informative.
func (lx *lexicon) titleOf(heads []PDFLine) string {
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
	// 1:8-21), — a report.
	if len(top) > 1 && !off("bracketed-gloss") {
		var plain []string
		for _, t := range top {
			if !strings.HasPrefix(t, "(") && !strings.HasPrefix(t, "（") && !strings.HasPrefix(t, "—") {
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
		a.Blocks = append(a.Blocks, bulletinfeed.Block{Kind: kind, Text: text})
	}
	// A subhead as the last block heads nothing.
	if n := len(a.Blocks); n > 0 && a.Blocks[n-1].Kind == bulletinfeed.Subhead {
		a.Blocks[n-1].Kind = bulletinfeed.Paragraph
	}
}

// headCredit reads a credit line under an article's headings: 文/张三,
// By Jane Doe, 講員/鄒永恆博士 文/金甌.
func (lx *lexicon) headCredit(s string) ([]bulletinfeed.Byline, bool) {
	if bs, ok := lx.parseByline(s); ok {
		return bs, true
	}
	return lx.slashCredit(s)
}

// slashCredit reads a Chinese credit line of role/name tokens with posts
// and degrees around the names, which parseByline leaves: 文/院長蔡明謀牧師/
// 博士 金甌姐妹翻譯, 講員/鄒永恆博士 文/金甌姐妹根據大會錄音整理. Each
// token is ROLE/NAME or NAME followed by a role (翻譯, 整理); the name loses
// the titles of NameTitles around it.
func (lx *lexicon) slashCredit(s string) ([]bulletinfeed.Byline, bool) {
	if off("slash-credit") || utf8.RuneCountInString(s) > 60 || !strings.ContainsRune(s, '/') {
		return nil, false
	}
	var out []bulletinfeed.Byline
	for _, tok := range strings.Fields(s) {
		if role, rest, ok := strings.Cut(tok, "/"); ok && (lx.isRole(role) || slices.Contains(lx.ShortRoles, role)) {
			name, _, _ := strings.Cut(rest, "/")
			if name = lx.bareChineseName(name); name == "" {
				return nil, false
			}
			out = append(out, bulletinfeed.Byline{Role: role, Name: name})
			continue
		}
		found := false
		for _, role := range lx.Roles {
			if i := strings.Index(tok, role); i > 0 && strings.HasSuffix(tok, role) {
				if name := lx.bareChineseName(tok[:i]); name != "" {
					out = append(out, bulletinfeed.Byline{Role: role, Name: name})
					found = true
					break
				}
			}
		}
		if !found && len(out) == 0 {
			return nil, false
		}
	}
	return out, len(out) > 0
}

// bareChineseName strips the titles around a name (院長蔡明謀牧師 → 蔡明謀,
// 金甌姐妹根據大會錄音 → 金甌) and returns it if two to four Han characters
// remain; "" otherwise.
func (lx *lexicon) bareChineseName(s string) string {
	// What follows a form of address is not the name: 金甌姐妹根據….
	for _, t := range lx.NameTitles {
		if i := strings.Index(s, t); i > 0 {
			s = s[:i]
		}
	}
	for changed := true; changed; {
		changed = false
		for _, t := range lx.NameTitles {
			if rest, ok := strings.CutPrefix(s, t); ok && rest != "" {
				s, changed = rest, true
			}
		}
	}
	if n := utf8.RuneCountInString(s); n < 2 || n > 4 || !isHanOnly(s) {
		return ""
	}
	return s
}

// stripEndMark removes an end mark (■, （完）) at the end of a paragraph.
func (lx *lexicon) stripEndMark(s string) string {
	if off("pdf-end-mark") {
		return s
	}
	return strings.TrimRight(s, " ■□◆◇●▲")
}

// signature takes the credit that signs an article off its last lines:
// a credit line ((通讯员 张三), By Jane Doe), "— Jane Doe", "～熊添财会吏长",
// "Jane Doe, Churchwarden", or a name over a post (Simon Preece /
// Churchwarden) after a sentence or a valediction (Sincerely,). The
// valediction stays the last paragraph.
func (lx *lexicon) signature(ls []PDFLine) ([]PDFLine, []bulletinfeed.Byline) {
	if off("pdf-signature") || len(ls) < 2 {
		return ls, nil
	}
	n := len(ls)
	last := strings.TrimSpace(ls[n-1].Text)
	if utf8.RuneCountInString(last) > maxBylineWidth {
		return ls, nil
	}
	if bs, ok := lx.parseByline(last); ok && !lx.isPhotoCredit(bs) {
		return ls[:n-1], bs
	}
	if name, ok := lx.signedName(last); ok {
		return ls[:n-1], []bulletinfeed.Byline{{Role: "", Name: name}}
	}
	// A name over its post: Simon Preece / Churchwarden; Dave Disler /
	// Class of 2010.
	if n >= 3 && lx.isPostLine(last) {
		prev := strings.TrimSpace(ls[n-2].Text)
		if name, ok := lx.signedName(prev); ok {
			return ls[:n-2], []bulletinfeed.Byline{{Role: "", Name: name}}
		}
		if isBareName(prev) && (endsSentence(ls[n-3].Text) || isValediction(ls[n-3].Text)) {
			return ls[:n-2], []bulletinfeed.Byline{{Role: "", Name: prev}}
		}
	}
	// A name alone after a valediction or a closing sentence, perhaps
	// with its post on the same line (Simon Preece Churchwarden).
	closes := isValediction(ls[n-2].Text) || lx.isValedictionWords(ls[n-2].Text) || endsSentence(ls[n-2].Text)
	if isBareName(last) && closes {
		return ls[:n-1], []bulletinfeed.Byline{{Role: "", Name: last}}
	}
	if name, ok := lx.nameBeforePost(last); closes && ok {
		return ls[:n-1], []bulletinfeed.Byline{{Role: "", Name: name}}
	}
	// The valediction and the name on one line: God bless you all. Fr
	// Graham; Sincerely, Tom Lietz, Principal.
	if v, name, ok := lx.valedictionAndName(last); ok {
		ls = append(ls[:n-1:n-1], PDFLine{Text: v, Role: StyleBody, Page: ls[n-1].Page})
		return ls, []bulletinfeed.Byline{{Role: "", Name: name}}
	}
	// A signature of a clear form (— Jane Doe, ～熊添财, 委员会,主席何瑞庭)
	// a few lines before the end, after a closing sentence: what follows
	// it is no part of the letter (a sidebar read after it).
	for i := n - 2; i >= 1 && i >= n-maxTrailAfterSignature && !off("signature-before-end"); i-- {
		t := strings.TrimSpace(ls[i].Text)
		if utf8.RuneCountInString(t) > maxBylineWidth || !endsSentence(ls[i-1].Text) {
			continue
		}
		if name, ok := lx.signedName(t); ok {
			return ls[:i], []bulletinfeed.Byline{{Role: "", Name: name}}
		}
	}
	return ls, nil
}

// maxTrailAfterSignature bounds how many lines after a signature are taken
// for what follows the letter rather than its text.
const maxTrailAfterSignature = 16

// signedName reads a signature line: "— Jane Doe", "-Dave Disler",
// "～熊添财会吏长", "Jane Doe, Churchwarden".
func (lx *lexicon) signedName(s string) (string, bool) {
	if name, ok := lx.englishSignature(s); ok {
		return name, true
	}
	if t := strings.TrimLeft(s, "—–-~ "); t != s && isLatinText(t) {
		// -Dave Disler Class of 2010: the name before its post.
		if name, ok := lx.nameBeforePost(t); ok {
			return name, true
		}
	}
	t := strings.TrimLeft(s, "～~—–- ")
	if t != s && t != "" && isHanOnly(t) && utf8.RuneCountInString(t) <= 10 {
		return t, true
	}
	// 圣公会建校委员会,主席何瑞庭: a body and a post before the name.
	if n := utf8.RuneCountInString(s); n <= 30 && !endsSentence(s) && !off("post-name-signature") {
		for _, post := range lx.NameTitles {
			if i := strings.LastIndex(s, post); i > 0 || (i == 0 && len(post) < len(s)) {
				name := s[i+len(post):]
				if k := utf8.RuneCountInString(name); k >= 2 && k <= 3 && isHanOnly(name) && lx.isChineseName(name) {
					return name, true
				}
			}
		}
	}
	return "", false
}

// isPostLine reports whether s is a post printed under a signature's name:
// Churchwarden, Principal, Class of 2010, Master, Sigma Eta Chapter.
func (lx *lexicon) isPostLine(s string) bool {
	if isSignaturePost(lx, s) {
		return true
	}
	f := strings.Fields(strings.ReplaceAll(s, ",", " "))
	if len(f) == 0 || len(f) > 6 || !startsWithCapital(s) || endsSentence(s) {
		return false
	}
	low := strings.ToLower(s)
	return strings.HasPrefix(low, "class of ") || lx.isJobTitle(f[0]) || lx.isJobTitle(strings.TrimRight(f[len(f)-1], ","))
}

// isBareName reports whether s is a person's name alone: two to four
// capitalised words (Mark Bate, Fr Graham), or two to four Chinese
// characters.
func isBareName(s string) bool {
	s = strings.TrimSpace(s)
	if isHanOnly(s) {
		n := utf8.RuneCountInString(s)
		return n >= 2 && n <= 4
	}
	n := len(strings.Fields(s))
	return n >= 2 && n <= 4 && isLatinText(s) && isEnglishName(s) && !strings.HasSuffix(s, ".")
}

// isValedictionWords reports whether s closes a letter in words of the
// vocabulary's valedictions (God bless, Sincerely, 主内, 敬上), whatever its
// punctuation.
func (lx *lexicon) isValedictionWords(s string) bool {
	if off("valediction-words") {
		return false
	}
	low := strings.ToLower(strings.TrimSpace(s))
	if utf8.RuneCountInString(low) > 40 {
		return false
	}
	for _, v := range lx.Valedictions {
		if strings.HasPrefix(low, strings.ToLower(v)) {
			return true
		}
	}
	return false
}

// valedictionAndName splits a last line that holds the valediction and the
// name: "God bless you all. Fr Graham", "Sincerely, Tom Lietz, Principal".
func (lx *lexicon) valedictionAndName(s string) (string, string, bool) {
	if !lx.isValedictionWords(s) {
		return "", "", false
	}
	for _, sep := range []string{". ", "! ", ", "} {
		i := strings.Index(s, sep)
		if i < 0 {
			continue
		}
		v, rest := s[:i+1], strings.TrimSpace(s[i+len(sep):])
		if j := strings.IndexByte(rest, ','); j > 0 && lx.isPostLine(strings.TrimSpace(rest[j+1:])) {
			rest = strings.TrimSpace(rest[:j])
		}
		if isBareName(rest) {
			return v, rest, true
		}
	}
	return "", "", false
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

func pageCount(lines []PDFLine) int {
	if len(lines) == 0 {
		return 0
	}
	return lines[len(lines)-1].Page
}

// headingCredit takes a credit out of a heading: "Jr. High To Asahikawa by
// Sanae Ferrier" is titled "Jr. High To Asahikawa" and by Sanae Ferrier;
// "From Committee Chairman Rich Strle", "From the desk of Prof. Naokant
// Deo" keep their words and credit the name after the post.
func (lx *lexicon) headingCredit(h string) (string, []bulletinfeed.Byline) {
	if off("heading-credit") || !isLatinText(h) {
		return h, nil
	}
	if i := strings.LastIndex(h, " by "); i > 0 {
		name := strings.TrimSpace(h[i+4:])
		if isBareName(name) {
			return strings.TrimSpace(h[:i]), []bulletinfeed.Byline{{Role: "by", Name: name}}
		}
	}
	for _, dots := range []string{"...", "…"} {
		// NOTES FROM THE CAREER FACILITATOR...Patrice Wynn
		if i := strings.LastIndex(h, dots); i > 0 {
			if name := strings.TrimSpace(h[i+len(dots):]); isBareName(name) {
				return strings.TrimSpace(h[:i]), []bulletinfeed.Byline{{Role: "", Name: name}}
			}
		}
	}
	if rest, ok := strings.CutPrefix(h, "From "); ok {
		f := strings.Fields(strings.TrimPrefix(rest, "the desk of "))
		for k := len(f) - 2; k >= 0 && k >= len(f)-4; k-- {
			name := strings.Join(f[k:], " ")
			if isBareName(name) && (k == 0 || lx.isJobTitle(f[k-1])) {
				return h, []bulletinfeed.Byline{{Role: "From", Name: name}}
			}
		}
	}
	return h, nil
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

// nameBeforePost reads a name followed by its post on one line: Simon
// Preece Churchwarden, Sam Goldstein Master, Sigma Eta Chapter of AEPi,
// Dave Disler Class of 2010.
func (lx *lexicon) nameBeforePost(s string) (string, bool) {
	f := strings.Fields(s)
	if len(f) < 3 || off("name-post-line") {
		return "", false
	}
	for k := 2; k <= 4 && k < len(f); k++ {
		name := strings.Join(f[:k], " ")
		if isBareName(name) && lx.isPostLine(strings.Join(f[k:], " ")) {
			return name, true
		}
	}
	return "", false
}

// isDeskPrefix reports whether a heading line only introduces the writer
// named on the next: "From the desk of".
func (lx *lexicon) isDeskPrefix(s string) bool {
	if off("desk-prefix") {
		return false
	}
	s = strings.ToLower(strings.TrimRight(s, ": "))
	for _, p := range lx.DeskPrefixes {
		if s == strings.ToLower(p) {
			return true
		}
	}
	return false
}

// isHonorificName reports whether s is a name after an honorific: Prof.
// Naokant Deo, Mrs. Anamika Chauhan, Dr Rachel Mann.
func isHonorificName(s string) bool {
	f := strings.Fields(s)
	if len(f) < 2 || len(f) > 5 {
		return false
	}
	switch strings.TrimSuffix(strings.ToLower(f[0]), ".") {
	case "prof", "dr", "mr", "mrs", "ms", "miss", "rev", "fr", "sr", "revd", "canon", "sir", "dame":
		return isBareName(strings.Join(f[1:], " ")) || len(f) == 2
	}
	return false
}

// coverTop is the share of the cover's height, from its top, where its
// nameplate and date stand.
const coverTop = 0.3

// atCoverTop reports whether lines[i] stands at the top of page 1.
func atCoverTop(lines []PDFLine, i int) bool {
	return lines[i].Page == 1 && lines[i].Top < coverTop
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
	for _, a := range as {
		if !isAdvert(a) {
			out = append(out, a)
		}
	}
	return out
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

// stripBullet takes the bullet off a list item's text: ·谁？, • Tea.
func stripBullet(s string) string {
	if off("list-item-line") {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	if n < len(s) && strings.ContainsRune("·•▪◆◇●○■□►▶➢➤✓✔", r) {
		return strings.TrimSpace(s[n:])
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
		if sameSize(p.Size, h.Size) && p.Font == h.Font && p.Bold == h.Bold && p.Italic == h.Italic && !endsPhrase(p.Text) && isLatinText(p.Text) && isLatinText(h.Text) {
			p.Text += " " + h.Text
			continue
		}
		out = append(out, h)
	}
	return out
}

// endsPhrase reports whether a heading line ends as a heading does: with
// a colon, a question, an exclamation or a full stop.
func endsPhrase(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(strings.TrimSpace(s))
	return strings.ContainsRune(".:!?。：！？", r)
}

// leadIn is the heading run into a notice's first line: a few words,
// the first capitalised, before a colon (Altar Servers: I was pleased …).
var leadIn = regexp.MustCompile(`^([A-Z][\p{L}'’&-]*(?: [\p{L}\d'’&()-]+){0,6}):\s+(\S.*)$`)

// articlesAtLeadIns cuts the text into notices at the paragraphs that open
// with a lead-in; the paragraphs after one without a lead-in are its own.
func articlesAtLeadIns(lines []PDFLine) []*bulletinfeed.Article {
	var out []*bulletinfeed.Article
	var cur *bulletinfeed.Article
	for _, l := range lines {
		if l.Role != StyleBody && l.Role != StyleSubhead && l.Role != StyleHeading {
			continue
		}
		if m := leadIn.FindStringSubmatch(l.Text); m != nil && !strings.ContainsAny(m[1], ".") {
			cur = &bulletinfeed.Article{Headings: []string{m[1]}, Title: m[1], Bylines: []bulletinfeed.Byline{}}
			out = append(out, cur)
			cur.Blocks = append(cur.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: m[2]})
			continue
		}
		if cur != nil {
			cur.Blocks = append(cur.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: l.Text})
		}
	}
	return out
}
