package source

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Page furniture is text printed on the page that belongs to no article:
// page numbers, running headers and footers, "continued on" markers and the
// colophon. It is removed before articles are found, so that it is neither
// glued into a paragraph nor taken for a heading.

// dropFurniture removes furniture lines. Lines equal to a configured banner
// are kept: where they stand decides the sections.
func (lx *lexicon) dropFurniture(lines []line, banners *bannerSet) []line {
	repeated := lx.runningHeaders(lines, banners)
	out := lines[:0:0]
	dropped := false
	for i, l := range lines {
		if !off("imprint-no-break") && i > 0 && lx.isMastheadOrContents(lines[i-1].text) && lx.isColophon(l.text) {
			// The imprint among the masthead's lines (issue number,
			// imprint, banner): no page ends there.
			if i+1 < len(lines) && l.gapBefore {
				lines[i+1].gapBefore = true
			}
			continue
		}
		if isPageNumber(l.text) || lx.isJumpMarker(l.text) || lx.isColophon(l.text) || isAddressOverContact(lines, i) || (l.width <= maxRunningHeaderWidth && repeated[normalizeDigits(l.text)]) || lx.isPageHead(lines, i) {
			// The blank line a dropped line stood between still separates
			// what follows from what came before.
			if i+1 < len(lines) && l.gapBefore {
				lines[i+1].gapBefore = true
			}
			dropped = true
			continue
		}
		l.afterBreak, dropped = dropped, false
		if t := lx.stripJumpMarkers(l.text); t != l.text {
			l.text = t
			l.width = displayWidth(t)
		}
		out = append(out, l)
	}
	return out
}

// isPageHead reports whether lines[i] is the issue line of a running head
// printed once, beside a page number: "- 2 -" / "坪山社区报 第9期".
func (lx *lexicon) isPageHead(lines []line, i int) bool {
	if off("page-head") || i == 0 || lines[i].width > maxRunningHeaderWidth || !lx.isMastheadOrContents(lines[i].text) {
		return false
	}
	return isPageNumber(lines[i-1].text) || (i+1 < len(lines) && isPageNumber(lines[i+1].text))
}

// isPageNumber matches "3", "- 3 -", "— 3 —", "第3版", "第 3 页", "第三版",
// "Page 3", "Page 3 of 8", "3/8".
func isPageNumber(s string) bool {
	// The longest, "Page 123 of 456" with decoration, is far below 40
	// bytes; most lines are body text, far above.
	if off("page-number") || len(s) > 40 {
		return false
	}
	t := strings.Trim(s, "-—–_ ·•|[]【】()（）")
	if t == "" {
		return s != "" && strings.Trim(s, "-—–_=*·• ") == ""
	}
	if allDigits(t) && len(t) <= 3 {
		return true
	}
	if i := strings.IndexByte(t, '/'); i > 0 && allDigits(strings.TrimSpace(t[:i])) && allDigits(strings.TrimSpace(t[i+1:])) && len(t) <= 9 {
		return true
	}
	if strings.HasPrefix(t, "第") && (strings.HasSuffix(t, "版") || strings.HasSuffix(t, "页")) {
		mid := strings.TrimSpace(t[len("第") : len(t)-len("版")])
		return mid != "" && (allDigits(mid) || allChineseNumerals(mid))
	}
	lower := strings.ToLower(t)
	for _, p := range []string{"page ", "p. ", "p."} {
		if strings.HasPrefix(lower, p) {
			rest := strings.Fields(lower[len(p):])
			switch {
			case len(rest) == 1 && allDigits(rest[0]):
				return true
			case len(rest) == 3 && allDigits(rest[0]) && rest[1] == "of" && allDigits(rest[2]):
				return true
			}
		}
	}
	return false
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func allChineseNumerals(s string) bool {
	for _, r := range s {
		if !strings.ContainsRune("〇零一二三四五六七八九十百", r) {
			return false
		}
	}
	return s != ""
}

// isJumpMarker matches the markers that send a reader to another page:
// （下转第2版）, (上接第1版), (Continued on page 4).
func (lx *lexicon) isJumpMarker(s string) bool {
	if off("jump-marker") {
		return false
	}
	if len(s) > 60 {
		return false
	}
	t := strings.ToLower(strings.Trim(s, "()（）[]【】 "))
	for _, p := range lx.jumpPrefixes {
		if strings.HasPrefix(t, p) && displayWidth(t) <= 30 {
			return true
		}
	}
	return false
}

// stripJumpMarkers removes a bracketed jump marker at the end of a line:
// "…推动高质量发展。（下转第2版）".
func (lx *lexicon) stripJumpMarkers(s string) string {
	if !strings.HasSuffix(s, "）") && !strings.HasSuffix(s, ")") {
		return s
	}
	for _, open := range []string{"（", "("} {
		i := strings.LastIndex(s, open)
		if i <= 0 || len(s)-i > 60 {
			continue
		}
		tail := s[i:]
		if (strings.HasSuffix(tail, "）") || strings.HasSuffix(tail, ")")) && lx.isJumpMarker(tail) {
			return strings.TrimSpace(s[:i])
		}
	}
	return s
}

// maxColophonLabelPrefix is the most characters that may name whose a
// colophon label is: 社区服务 in 社区服务热线, 村委会值班 in 村委会值班电话.
const maxColophonLabelPrefix = 5

// isColophon matches a short line that starts with a colophon label or a
// production role followed by a colon, a space or a slash: "电话：022-1234567",
// "责任编辑 王五", "本版编辑：刘静 校对：孙华".
func (lx *lexicon) isColophon(s string) bool {
	if off("colophon") {
		return false
	}
	if lx.isImprintSentence(s) {
		return true
	}
	if isContactLine(s) {
		return true // bounded on its own: an address in parts runs long
	}
	if displayWidth(s) > 80 {
		return false
	}
	if isPrintRun(s) {
		return true
	}
	i := strings.IndexAny(s, ":： /")
	if i <= 0 {
		return false
	}
	label := s[:i]
	for _, p := range lx.ColophonLabels {
		if strings.EqualFold(label, p) {
			return true
		}
		// 社区服务热线：…, 编辑部电话：…: a label of two or more
		// characters after a few words naming whose it is.
		if !off("colophon-label-prefix") && utf8.RuneCountInString(p) >= 2 && strings.HasSuffix(label, p) && isHanOnly(label) && utf8.RuneCountInString(label)-utf8.RuneCountInString(p) <= maxColophonLabelPrefix {
			return true
		}
	}
	// （东城区民政局 编）, 河西区委宣传部 编印: the issuing body, then the
	// label.
	if t := stripCreditDecoration(s); !off("colophon-suffix") {
		if j := strings.LastIndexByte(t, ' '); j > 0 && !off("imprint-date") && hasFullDate(t[j+1:]) {
			// 幸福里社区党委 社区居委会 编印 2024年12月2日: the imprint
			// with the issue's date after it.
			t = t[:j]
		}
		if j := strings.LastIndexByte(t, ' '); j > 0 && slices.Contains(lx.ColophonLabels, t[j+1:]) && lx.endsLikeBody(t[:j]) {
			return true
		}
	}
	// 责任编辑, 本期编辑, 执行主编: a production role with a short prefix.
	for _, r := range lx.ProductionRoles {
		if strings.HasSuffix(label, r) && utf8.RuneCountInString(label)-utf8.RuneCountInString(r) <= 3 && isTitlePrefix(label[:len(label)-len(r)]) {
			return true
		}
	}
	return false
}

// isMastheadOrContents matches lines that precede the first article: the
// issue number and date, a table of contents and its entries with page
// numbers.
func (lx *lexicon) isMastheadOrContents(s string) bool {
	if off("masthead") {
		return false
	}
	if len(s) <= 40 && lx.contents[strings.ToLower(strings.ReplaceAll(s, " ", ""))] {
		return true
	}
	if strings.Contains(s, "……") || strings.Contains(s, "....") || strings.Contains(s, "···") {
		return true
	}
	if strings.Contains(s, "期") && strings.ContainsAny(s, "0123456789一二三四五六七八九十") && (strings.Contains(s, "第") || strings.Contains(s, "总")) && displayWidth(s) <= 40 {
		return true
	}
	// 2024年第2期 桃源村村民委员会编印 2024年5月10日: the issue's number
	// and date with its publisher between them, longer than a date line.
	if !off("masthead-issue-date") && isIssueNumber(s) && hasFullDate(s) && displayWidth(s) <= maxMastheadWidth && !strings.ContainsAny(s, "。！？") {
		return true
	}
	return lx.looksLikeDateLine(s)
}

// looksLikeDateLine matches a line that is mostly a date: "2023年4月20日",
// "2023-04-20 星期四", "April 2023", "Issue 12 · Spring 2024".
func (lx *lexicon) looksLikeDateLine(s string) bool {
	digits, letters := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsLetter(r) && !strings.ContainsRune("年月日星期周号第总期一二三四五六日天", r):
			letters++
		}
	}
	if digits < 4 {
		return false
	}
	if letters == 0 {
		return true
	}
	lower := strings.ToLower(s)
	for _, m := range lx.dateWords {
		if strings.Contains(lower, m) {
			return displayWidth(s) <= 40
		}
	}
	return false
}

// maxSeriesGap is the most lines from one numbered subhead of a series to
// the next (the subhead and its paragraphs); running heads stand a page
// apart.
const maxSeriesGap = 4

// maxRunningHeaderWidth bounds a running header or footer: one short line.
const maxRunningHeaderWidth = 60

// runningHeaders finds short lines printed again on every page: the same
// text three times or more, or twice with only a number changed (a page
// number in a header). Credit lines and configured banners repeat for other
// reasons and are not counted.
func (lx *lexicon) runningHeaders(lines []line, banners *bannerSet) map[string]bool {
	type seen struct {
		count    int
		variants bool
		first    string
		// misplaced: some copy stands where no heading can, next to a
		// page number or inside a sentence cut by the page break.
		misplaced bool
		last      int  // the line of the last copy
		wide      bool // two copies stand more than a paragraph or two apart
	}
	m := make(map[string]*seen)
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if l.width > maxRunningHeaderWidth || endsSentence(l.text) || hasClauseMark(l.text) {
			continue
		}
		// A banner printed on two lines repeats with its section; neither
		// half is a running header.
		if _, n := banners.matchAt(lines, i); n == 2 {
			i++
			continue
		}
		key := normalizeDigits(l.text)
		s := m[key]
		if s == nil {
			s = &seen{first: l.text}
			m[key] = s
		} else if l.text != s.first {
			s.variants = true
		}
		if s.count > 0 && i-s.last > maxSeriesGap {
			s.wide = true
		}
		s.count++
		s.last = i
		if i == 0 || i == len(lines)-1 || isPageNumber(lines[i-1].text) || isPageNumber(lines[i+1].text) ||
			(!endsSentence(lines[i-1].text) && !isHeadingLike(lines[i-1].text, lines[i-1].width)) || startsLikeContinuation(lines[i+1].text) {
			s.misplaced = true
		}
	}
	out := make(map[string]bool)
	for k, s := range m {
		// A short line repeated in place, between whole paragraphs, is a
		// subhead that several articles share (主要做法, Contact).
		keep := !off("repeated-subhead") && !s.variants && !s.misplaced
		// So is a series numbered at its end in place, each a paragraph
		// or two from the next (Year 1 / … / Year 3 / … / Year 5): no
		// page is that short, where a running head's number would
		// change (河西通讯·第2版 names its page after the number).
		series := !off("numbered-series") && s.variants && !s.misplaced && !s.wide && endsWithFigure(s.first)
		keep = keep || series
		if off("running-header") {
			break
		}
		if (s.count >= 3 && !keep) || (s.count == 2 && !series && (s.variants || lx.isMastheadOrContents(s.first))) {
			if _, ok := lx.parseByline(s.first); ok || banners.matches(s.first) {
				continue
			}
			out[k] = true
		}
	}
	return out
}

// normalizeDigits replaces each run of digits with '#', so that "第2版" and
// "第3版" compare equal.
func normalizeDigits(s string) string {
	if !strings.ContainsAny(s, "0123456789") {
		return s
	}
	var b strings.Builder
	prevDigit := false
	for _, r := range s {
		if r >= '0' && r <= '9' {
			if !prevDigit {
				b.WriteByte('#')
			}
			prevDigit = true
			continue
		}
		prevDigit = false
		b.WriteRune(r)
	}
	return b.String()
}

// hasFullDate reports whether s holds a day's date (2023年4月28日,
// 2023-04-28): in the lines before the first article that marks the
// masthead ("河西区委宣传部编 2023年4月28日"), not a heading.
func hasFullDate(s string) bool {
	for _, sm := range datePattern.FindAllStringSubmatch(s, -1) {
		if sm[3] != "" || sm[5] != "" || sm[7] != "" {
			return true
		}
	}
	// Sunday 13 October 2024, October 13, 2024.
	return !off("english-date") && englishDatePattern.MatchString(s)
}

var englishDatePattern = regexp.MustCompile(`(?i)\b(\d{1,2}(st|nd|rd|th)? (January|February|March|April|May|June|July|August|September|October|November|December),? \d{4}|(January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}(st|nd|rd|th)?,? \d{4})\b`)

func isHanOnly(s string) bool {
	for _, r := range s {
		if !isHan(r) {
			return false
		}
	}
	return s != ""
}

// isPrintRun matches the print run at the foot of a bulletin: （共印80份）,
// 印数 500册.
func isPrintRun(s string) bool {
	if off("print-run") || len(s) > 40 {
		return false
	}
	t := strings.ReplaceAll(stripCreditDecoration(s), " ", "")
	for _, p := range printRunPrefixes {
		if rest, ok := strings.CutPrefix(t, p); ok {
			for _, u := range printRunUnits {
				if n, ok := strings.CutSuffix(rest, u); ok && n != "" && allDigits(n) {
					return true
				}
			}
		}
	}
	return false
}

// isImprintSentence matches the English imprint printed as a sentence:
// "The Gazette is published by Ashcombe Town Council, Town Hall, Fore
// Street. Printed on recycled paper." The publication's name before the
// verb is a few capitalised words, so a sentence of a report that names a
// publisher is not one.
func (lx *lexicon) isImprintSentence(s string) bool {
	if off("imprint-sentence") || len(s) > 300 || !isLatinText(s) {
		return false
	}
	for _, p := range imprintVerbs {
		i := strings.Index(s, " is "+p+" ")
		if i <= 0 {
			continue
		}
		words := strings.Fields(s[:i])
		if len(words) > 5 {
			continue
		}
		ok := true
		for _, w := range words {
			r, _ := utf8.DecodeRuneInString(w)
			ok = ok && unicode.IsUpper(r)
		}
		if ok {
			return true
		}
	}
	return false
}

// isContactLine matches an English contact line of the colophon: a label
// of a few words, a colon, and an e-mail address or a telephone number
// (Vicar: The Revd Canon Andrew Fielding · Tel 01225 555 014; Parish
// Office: Sue Markham · office@example.org).
func isContactLine(s string) bool {
	if off("contact-line") || len(s) > 160 || !isLatinText(s) {
		return false
	}
	if isContactParts(s) {
		return true
	}
	i := strings.Index(s, ": ")
	if i <= 0 || len(strings.Fields(s[:i])) > 3 {
		return false
	}
	if at := strings.IndexByte(s, '@'); at > 0 && strings.Contains(s[at:], ".") && !strings.Contains(s[at:], " ") {
		return true
	}
	return phoneRuns(s[i:]) > 0
}

// phoneRuns counts the telephone numbers in s: runs of nine digits or
// more, with spaces, dashes and brackets between them.
func phoneRuns(s string) int {
	n, digits := 0, 0
	for _, r := range s + "." {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == ' ' || r == '-' || r == '(' || r == ')':
		default:
			if digits >= 9 {
				n++
			}
			digits = 0
		}
	}
	return n
}

// isContactParts matches a publisher's address line printed in parts
// between dots or bars, one of them an e-mail address alone or a
// telephone number after Tel (Willow Lane Primary School · Willow Lane,
// Hatfield AL10 8TP · Tel 01707 555 210 · office@example.org).
func isContactParts(s string) bool {
	if off("contact-parts") {
		return false
	}
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '·' || r == '|' || r == '•' })
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		p = strings.TrimSpace(p)
		if at := strings.IndexByte(p, '@'); at > 0 && !strings.Contains(p, " ") && strings.Contains(p[at:], ".") {
			return true
		}
		f := strings.Fields(p)
		if len(f) >= 2 && (f[0] == "Tel" || f[0] == "Tel." || f[0] == "Telephone" || f[0] == "Phone") && allDigits(strings.Join(f[1:], "")) {
			return true
		}
	}
	return false
}

// isAddressOverContact reports whether lines[i] is the first part of a
// publisher's address in parts (Willow Lane Primary School · Willow Lane,
// Hatfield) whose telephone or e-mail follows on the next line, past a
// page number if one stands between.
func isAddressOverContact(lines []line, i int) bool {
	if off("address-parts") || !isLatinText(lines[i].text) || lines[i].width > 80 || !strings.Contains(lines[i].text, " · ") {
		return false
	}
	for j := i + 1; j < len(lines); j++ {
		if isPageNumber(lines[j].text) {
			continue
		}
		return isContactLine(lines[j].text)
	}
	return false
}

// maxMastheadWidth bounds a masthead line that names the issue, its
// publisher and its date: 2024年第2期 桃源村村民委员会编印 2024年5月10日.
const maxMastheadWidth = 64

// isIssueNumber reports whether s holds an issue number: 第2期, 总第187期.
func isIssueNumber(s string) bool {
	i := strings.Index(s, "第")
	if i < 0 {
		return false
	}
	j := strings.Index(s[i:], "期")
	if j < 0 {
		return false
	}
	n := strings.TrimSpace(s[i+len("第") : i+j])
	return n != "" && utf8.RuneCountInString(n) <= 4 && strings.Trim(n, "0123456789一二三四五六七八九十百") == ""
}

// endsWithFigure reports whether s ends with a number: Year 3, Step 12.
func endsWithFigure(s string) bool {
	return s != "" && s[len(s)-1] >= '0' && s[len(s)-1] <= '9'
}
