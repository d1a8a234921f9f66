package source

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// maxBylineWidth bounds the credit line: longer lines are body text.
const maxBylineWidth = 100

// parseByline reads a credit line such as "通讯员 张媛芮 摄影 冯荔",
// "本报记者 王一 李二", "文/图 赵六", "By Jane Doe and John Smith" or
// "Story and photos by Ann Lee". It returns one byline per name, with the
// role as printed, and false when the line is not a credit line. A line of
// names without any title is not read here (see parseNameOnlyByline): it
// looks too much like a short heading to be taken without context.
func (lx *lexicon) parseByline(s string) ([]bulletinfeed.Byline, bool) {
	if len(s) == 0 || displayWidth(s) > maxBylineWidth {
		return nil, false
	}
	s = stripCreditDecoration(s)
	if s == "" {
		return nil, false
	}
	if r, _ := utf8.DecodeRuneInString(s); r < 0x80 {
		if bs, ok := lx.parseEnglishByline(s); ok {
			return bs, true
		}
	}
	return lx.parseChineseByline(s)
}

// stripCreditDecoration removes the bullets and brackets some layouts put
// around a credit line: ■记者 王一, （通讯员 李二）.
func stripCreditDecoration(s string) string {
	s = strings.TrimLeft(s, "■□●○◆◇▲△★☆▶►•·-—– ")
	if (strings.HasPrefix(s, "（") && strings.HasSuffix(s, "）")) ||
		(strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")")) ||
		(strings.HasPrefix(s, "【") && strings.HasSuffix(s, "】")) {
		_, l := utf8.DecodeRuneInString(s)
		_, r := utf8.DecodeLastRuneInString(s)
		s = strings.TrimSpace(s[l : len(s)-r])
	}
	return s
}

// roleSeparators may join a role to the name that follows it.
const roleSeparators = "/:：｜|丨"

// isRole reports whether tok is a credit title of the family.
func (lx *lexicon) isRole(tok string) bool {
	tok = strings.TrimRight(tok, ":：")
	if tok == "" {
		return false
	}
	if lx.shortRoles[tok] {
		return true
	}
	// Combined titles: 文字/摄影, 记者/摄像.
	if i := strings.IndexAny(tok, "/、"); i > 0 {
		return lx.isRole(tok[:i]) && lx.isRole(strings.TrimLeft(tok[i:], "/、"))
	}
	// A desk or group of such people: 记者站, 通讯组.
	for _, unit := range lx.RoleUnits {
		if t := strings.TrimSuffix(tok, unit); t != tok && t != "" {
			tok = t
			break
		}
	}
	for _, c := range lx.Roles {
		if strings.HasSuffix(tok, c) {
			prefix := tok[:len(tok)-len(c)]
			return utf8.RuneCountInString(prefix) <= 10 && isTitlePrefix(prefix)
		}
	}
	return false
}

// isTitlePrefix accepts what may stand before a core role: Han characters
// and the Latin letters of a station's name (CCTV记者), nothing that reads
// as a sentence.
func isTitlePrefix(p string) bool {
	for _, r := range p {
		if !isHan(r) && !(r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r))) && r != '·' {
			return false
		}
	}
	return true
}

// parseChineseByline reads role and name tokens. Names follow their role
// ("通讯员 王一 李二"); a one-character role may also follow the name it
// credits ("王一 摄").
func (lx *lexicon) parseChineseByline(s string) ([]bulletinfeed.Byline, bool) {
	toks := splitCreditTokens(s)
	if len(toks) < 2 {
		// One token may still hold a role and a name: 记者王一, 文/李二.
		if len(toks) == 1 {
			if role, name, ok := lx.splitAttached(toks[0]); ok {
				return []bulletinfeed.Byline{{Role: role, Name: name}}, true
			}
			if bs, ok := lx.parseOrganizationCredit(lx.splitGluedOrgRole(toks[0])); ok {
				return bs, true
			}
		}
		return nil, false
	}
	if bs, ok := lx.parseOrganizationCredit(toks); ok {
		return bs, true
	}
	var out []bulletinfeed.Byline
	role := ""
	credited := false    // a name has been credited with role
	var pending []string // names not yet credited with a role
	for i, tok := range toks {
		switch {
		case !off("credit-trailer") && lx.trailers[tok] && i == len(toks)-1 && len(out) > 0:
		case !off("credit-date") && len(out) > 0 && hasFullDate(tok):
			// 通讯员 王一 2023年4月20日: the date is not a credit.
		case lx.isRole(tok):
			r := strings.TrimRight(tok, ":：")
			if len(pending) > 0 {
				if !off("names-before-role") && !lx.shortRoles[r] && i+1 < len(toks) && !lx.isRole(toks[i+1]) && !lx.trailers[toks[i+1]] {
					// 赵一 钱二 本报记者 孙三: names before a title that
					// credits the names after it are credited with none.
					// A one-character role follows its name: 王一 摄 李二 文.
					for _, n := range pending {
						out = append(out, bulletinfeed.Byline{Name: n})
					}
					pending, role = nil, r
					continue
				}
				// 王一 摄, 张三 李四 文/图: a role after uncredited names
				// credits them.
				for _, n := range pending {
					out = append(out, bulletinfeed.Byline{Role: r, Name: n})
				}
				pending, role = nil, ""
				continue
			}
			if role != "" && !credited && !off("stacked-roles") && lx.shortRoles[role] {
				// 图/文 学生记者 邹可欣: a short role over the title that
				// names the writer; one credit, both printed.
				role += " " + r
				continue
			}
			role, credited = r, false
		default:
			if r, ok := lx.affiliation(tok, role); ok && i+1 < len(toks) && lx.isPersonName(toks[i+1]) && hasCommonSurname(toks[i+1]) && lx.isUnit(tok) {
				// 文/社区社工 钱卫东, 文/图书馆 龚雨桐: what follows the
				// role reads as a unit, not a name, and a name follows it.
				role = r
				continue
			}
			if r, n, ok := lx.splitAttached(tok); ok {
				role = r
				out = append(out, bulletinfeed.Byline{Role: role, Name: n})
				continue
			}
			if r, ok := lx.affiliation(tok, role); ok && i+1 < len(toks) && lx.isPersonName(toks[i+1]) {
				// 文/四年级（2）班 方若溪: the writer's class or unit
				// stands between the role and the name.
				role = r
				continue
			}
			if !lx.isPersonName(tok) {
				return nil, false
			}
			if role == "" {
				pending = append(pending, tok)
				continue
			}
			out = append(out, bulletinfeed.Byline{Role: role, Name: tok})
			credited = true
		}
	}
	if len(pending) > 0 || len(out) == 0 {
		return nil, false
	}
	return out, true
}

// affiliation reports whether tok names the unit of the person credited
// next (四年级（2）班, 区实验小学), after role, or after a role attached to
// it (文/四年级（2）班). It returns the role in force.
func (lx *lexicon) affiliation(tok, role string) (string, bool) {
	if off("affiliation") {
		return "", false
	}
	if i := strings.IndexAny(tok, roleSeparators); i > 0 && lx.isRole(tok[:i]) {
		role, tok = tok[:i], strings.TrimLeft(tok[i:], roleSeparators)
	}
	if role == "" || utf8.RuneCountInString(tok) < 2 || utf8.RuneCountInString(tok) > 20 {
		return "", false
	}
	if lx.endsLikeBody(tok) {
		return role, true
	}
	if lx.isUnit(tok) {
		return role, true
	}
	return "", false
}

// isUnit reports whether tok, after a role, names where the writer studies
// or works rather than the writer: a body (图书馆), a year and a subject
// (2022级汉语言文学), or words that open with no surname (社区社工).
func (lx *lexicon) isUnit(tok string) bool {
	if off("unit-shape") {
		return false
	}
	if i := strings.IndexAny(tok, roleSeparators); i > 0 && lx.isRole(tok[:i]) {
		tok = strings.TrimLeft(tok[i:], roleSeparators)
	}
	n := utf8.RuneCountInString(tok)
	if n < 2 || n > 20 || lx.isRole(tok) {
		return false
	}
	digits := false
	for _, r := range tok {
		switch {
		case r >= '0' && r <= '9':
			digits = true
		case !isHan(r) && !strings.ContainsRune("（）()·", r):
			return false
		}
	}
	return digits || lx.endsLikeBody(tok) || (n >= 3 && !hasCommonSurname(tok))
}

// splitCreditTokens splits on spaces and the list marks used between names.
func splitCreditTokens(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '、' || r == '，' || r == ',' || r == '；' || r == ';' || r == '：' || r == ':'
	})
}

// splitAttached splits a token that holds a role and a name with no space
// between them: 记者王一, 本报记者：王一, 文/李二.
func (lx *lexicon) splitAttached(tok string) (role, name string, ok bool) {
	if i := strings.IndexAny(tok, roleSeparators); i > 0 {
		r := tok[:i]
		n := strings.TrimLeft(tok[i:], roleSeparators)
		// 文/图 is a role on its own, not 文 crediting 图.
		if lx.isRole(r) && lx.isPersonName(n) {
			return r, n, true
		}
		if j := strings.LastIndexAny(tok, roleSeparators); j > i {
			r, n = tok[:j], strings.TrimLeft(tok[j:], roleSeparators)
			if lx.isRole(r) && lx.isPersonName(n) {
				return r, n, true
			}
		}
		return "", "", false
	}
	for _, c := range lx.Roles {
		if i := strings.LastIndex(tok, c); i >= 0 {
			r, n := tok[:i+len(c)], tok[i+len(c):]
			// Without a separator the split is a guess: 记者手记 (a
			// reporter's notebook) is a column, not a credit.
			if n != "" && lx.isRole(r) && lx.isChineseName(n) && hasCommonSurname(n) {
				return r, n, true
			}
		}
	}
	return "", "", false
}

// isPersonName accepts a Chinese name of two to four characters, a
// transliterated name with a middle dot (买买提·艾力), or a Latin name.
func (lx *lexicon) isPersonName(tok string) bool {
	if lx.isChineseName(tok) {
		return true
	}
	n := utf8.RuneCountInString(tok)
	if strings.ContainsAny(tok, "·•・") && n <= 16 {
		for _, r := range tok {
			if !isHan(r) && !strings.ContainsRune("·•・", r) {
				return false
			}
		}
		return true
	}
	return false
}

func (lx *lexicon) isChineseName(tok string) bool {
	n := 0
	for _, r := range tok {
		if !isHan(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 4 && !lx.isRole(tok) && !lx.trailers[tok]
}

// parseNameOnlyByline reads a line of names printed with no title:
// "王一 李二". It is only called where the line stands between a heading
// line and the body: there a line of two or three characters is a name
// (an article needs a credit line, and no title is that short), unless it
// ends like a place or a body (河西区, 宣传部). Four characters make a name
// only with a compound surname (欧阳明月).
func (lx *lexicon) parseNameOnlyByline(s string) ([]bulletinfeed.Byline, bool) {
	if displayWidth(s) > 40 {
		return nil, false
	}
	toks := splitCreditTokens(s)
	if len(toks) == 0 || len(toks) > 4 {
		return nil, false
	}
	out := make([]bulletinfeed.Byline, 0, len(toks))
	for _, t := range toks {
		n := utf8.RuneCountInString(t)
		switch {
		case !lx.isChineseName(t), n > 4, n == 4 && !hasCompoundSurname(t):
			return nil, false
		case !hasCommonSurname(t) && lx.endsLikePlaceOrBody(t):
			return nil, false
		}
		out = append(out, bulletinfeed.Byline{Name: t})
	}
	return out, true
}

// parsePostCredit reads bare names after a post that is no credit title of
// the vocabulary (网格员 马丽 in （网格员 马丽）): a word of three to five
// characters that ends in 员 or 师 and opens with no surname.
func (lx *lexicon) parsePostCredit(s string) ([]bulletinfeed.Byline, bool) {
	if off("post-credit") {
		return nil, false
	}
	toks := splitCreditTokens(s)
	if len(toks) < 2 || len(toks) > 5 || !lx.isPost(toks[0]) {
		return nil, false
	}
	out := make([]bulletinfeed.Byline, 0, len(toks)-1)
	for _, t := range toks[1:] {
		if !lx.isChineseName(t) || !hasCommonSurname(t) || utf8.RuneCountInString(t) > 3 {
			return nil, false
		}
		out = append(out, bulletinfeed.Byline{Role: toks[0], Name: t})
	}
	return out, true
}

// parseUnitCredit reads bare names after the unit they work in (二分厂 潘晓东
// 邹婷 in （二分厂 潘晓东 邹婷）, 村监委会 王立新, 南苑社区 贺丽娟): a body's
// or a place's name, which no
// person's name of three characters or fewer is, then names with a common
// surname. The names are credited with no role, as a unit between role and
// name is left out (文/图书馆 龚雨桐).
func (lx *lexicon) parseUnitCredit(s string) ([]bulletinfeed.Byline, bool) {
	if off("unit-credit") {
		return nil, false
	}
	toks := splitCreditTokens(s)
	if len(toks) < 2 || len(toks) > 5 {
		return nil, false
	}
	unit := toks[0]
	n := utf8.RuneCountInString(unit)
	if n < 2 || n > 12 || !isHanOnly(unit) || !(lx.endsLikeBody(unit) || endsWithAny(unit, lx.PlaceSuffixes)) || (n <= 3 && hasCommonSurname(unit)) {
		return nil, false
	}
	out := make([]bulletinfeed.Byline, 0, len(toks)-1)
	for _, t := range toks[1:] {
		if !lx.isChineseName(t) || !hasCommonSurname(t) || utf8.RuneCountInString(t) > 3 || lx.endsLikeBody(t) {
			return nil, false
		}
		out = append(out, bulletinfeed.Byline{Name: t})
	}
	return out, true
}

// isPost: 网格员, 社工师; not a name (丁一员 opens with a surname).
func (lx *lexicon) isPost(tok string) bool {
	n := utf8.RuneCountInString(tok)
	if n < 3 || n > 5 || !isHanOnly(tok) || hasCommonSurname(tok) {
		return false
	}
	return endsWithAny(tok, postEndings)
}

// endsLikePlaceOrBody: the last characters of the names of places and
// bodies, which people's names rarely end with.
func (lx *lexicon) endsLikePlaceOrBody(s string) bool {
	if off("name-not-place") {
		return false
	}
	return endsWithAny(s, lx.PlaceSuffixes) || lx.endsLikeBody(s)
}

// endsLikeBody: the name of a department or institution (宣传部, 民政局).
func (lx *lexicon) endsLikeBody(s string) bool {
	return endsWithAny(s, lx.OrganizationSuffixes)
}

// splitGluedOrgRole splits a role printed after a body's name with no
// space between them (执行局供稿, 民一庭供稿) into the two tokens that
// parseOrganizationCredit reads; the body's name must end like one, so that
// no word that merely ends in the role's characters is split.
func (lx *lexicon) splitGluedOrgRole(tok string) []string {
	if off("glued-organization-credit") {
		return []string{tok}
	}
	for _, r := range lx.OrganizationSuffixRoles {
		if org, ok := strings.CutSuffix(tok, r); ok && utf8.RuneCountInString(org) >= 2 && lx.endsLikeBody(org) {
			return []string{org, r}
		}
	}
	return []string{tok}
}

// parseOrganizationCredit reads "ORG 供稿", "来源：ORG" and "作者单位：ORG",
// where ORG is the name of a department, a school or a paper.
func (lx *lexicon) parseOrganizationCredit(toks []string) ([]bulletinfeed.Byline, bool) {
	if len(toks) < 2 {
		return nil, false
	}
	first, last := strings.TrimRight(toks[0], ":："), toks[len(toks)-1]
	var role string
	var orgs []string
	switch {
	case off("organization-credit"):
		return nil, false
	case lx.orgSuffixRoles[last]:
		role, orgs = last, toks[:len(toks)-1]
	case lx.orgPrefixRoles[first]:
		role, orgs = first, toks[1:]
	default:
		return nil, false
	}
	out := make([]bulletinfeed.Byline, 0, len(orgs))
	for _, o := range orgs {
		n := 0
		for _, r := range o {
			if !isHan(r) {
				return nil, false
			}
			n++
		}
		if n < 2 || n > 20 {
			return nil, false
		}
		out = append(out, bulletinfeed.Byline{Role: role, Name: o})
	}
	return out, true
}

func endsWithAny(s string, suffixes []string) bool {
	for _, suf := range suffixes {
		if strings.HasSuffix(s, suf) {
			return true
		}
	}
	return false
}
