package source

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// headCredit reads a credit line under an article's headings: 文/张三,
// By Jane Doe, 講員/鄒永恆博士 文/金甌.
func (lx *lexicon) headCredit(s string) ([]bulletinfeed.Byline, bool) {
	bs, ok := lx.parseByline(s)
	// 文/錢澄博士 金甌姐妹翻譯: the slash reading takes the degree off the
	// name and finds the translator the credit reading missed.
	if slash, sok := lx.slashCredit(s); sok && (!ok || (len(slash) >= len(bs) && !off("slash-credit-first"))) {
		return slash, true
	}
	return bs, ok
}

// slashCredit reads a Chinese credit line of role/name tokens with posts
// and degrees around the names, which parseByline leaves: 文/院長蔡明謀牧師/
// 博士 金甌姐妹翻譯, 講員/鄒永恆博士 文/金甌姐妹根據大會錄音整理, 金甌姐妹
// 翻譯. Each token is ROLE/NAME or NAME followed by a role (翻譯, 整理);
// the name loses the titles of NameTitles around it.
func (lx *lexicon) slashCredit(s string) ([]bulletinfeed.Byline, bool) {
	if off("slash-credit") || utf8.RuneCountInString(s) > 60 {
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
		if isBareName(rest) || isFirstName(rest) {
			return v, rest, true
		}
	}
	return "", "", false
}

// isFirstName reports whether s is a first name alone, as a letter is
// signed after its close (Thank you, Samuel): one capitalised word of
// letters.
func isFirstName(s string) bool {
	if off("first-name-signature") || strings.ContainsAny(s, " .,;:!?") || utf8.RuneCountInString(s) < 2 || !startsWithCapital(s) {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) && r != '-' && r != '\'' && r != '’' {
			return false
		}
	}
	return !strings.EqualFold(s, "All") && !strings.EqualFold(s, "Everyone")
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
