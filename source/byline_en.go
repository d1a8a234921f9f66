package source

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// parseEnglishByline reads "By Jane Doe", "By A, B and C", "Photos by A",
// "Story and photos by A", "Words: A" and several credits on one line
// separated by ";" or "|" ("By Jane Doe | Photos by Sam Lee"). The role is
// kept as printed: "By", "Photos by".
func (lx *lexicon) parseEnglishByline(s string) ([]bulletinfeed.Byline, bool) {
	var out []bulletinfeed.Byline
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' || r == '·' }) {
		part = strings.TrimSpace(part)
		// "By Jane Doe | 12 March 2024": the date is not a credit.
		if len(out) > 0 && lx.looksLikeDateLine(part) {
			continue
		}
		role, names, ok := lx.splitEnglishCredit(part)
		if !ok {
			return nil, false
		}
		for _, n := range names {
			out = append(out, bulletinfeed.Byline{Role: role, Name: n})
		}
	}
	return out, len(out) > 0
}

// splitEnglishCredit splits one credit into its role and names.
func (lx *lexicon) splitEnglishCredit(s string) (string, []string, bool) {
	var role, rest string
	if i := strings.IndexByte(s, ':'); i > 0 {
		// Photos: Sam Lee.
		role, rest = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		for _, w := range strings.Fields(strings.ToLower(role)) {
			if !lx.creditWords[w] && w != "and" && w != "&" {
				return "", nil, false
			}
		}
	} else {
		words := strings.Fields(s)
		by := -1
		for i, w := range words {
			if strings.EqualFold(w, "by") {
				by = i
				break
			}
			lw := strings.ToLower(w)
			if !lx.creditWords[lw] && lw != "and" && lw != "&" {
				return "", nil, false
			}
		}
		if by < 0 || by == len(words)-1 {
			return "", nil, false
		}
		role, rest = strings.Join(words[:by+1], " "), strings.Join(words[by+1:], " ")
	}
	var names []string
	for _, n := range splitEnglishNames(rest) {
		// "By Jane Doe, Parish Secretary": the post is not a second person.
		if len(names) > 0 && lx.isJobTitle(n) {
			continue
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return "", nil, false
	}
	for _, n := range names {
		if !isEnglishName(n) {
			return "", nil, false
		}
	}
	return role, names, true
}

// splitEnglishNames splits "A, B and C", "A and B", "A & B".
func splitEnglishNames(s string) []string {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	var names []string
	for _, p := range strings.Split(s, ",") {
		p = strings.TrimSpace(p)
		p = strings.TrimPrefix(p, "and ")
		for _, q := range splitWord(p, "and", "&") {
			if q = strings.TrimSpace(q); q != "" {
				names = append(names, q)
			}
		}
	}
	return names
}

func splitWord(s string, seps ...string) []string {
	words := strings.Fields(s)
	var out []string
	start := 0
	for i, w := range words {
		for _, sep := range seps {
			if w == sep {
				out = append(out, strings.Join(words[start:i], " "))
				start = i + 1
			}
		}
	}
	return append(out, strings.Join(words[start:], " "))
}

// isEnglishName accepts one to five capitalised words (initials, titles
// such as Rev. and particles allowed).
func isEnglishName(n string) bool {
	words := strings.Fields(n)
	if len(words) == 0 || len(words) > 5 || notNames[words[0]] {
		return false
	}
	caps := 0
	for _, w := range words {
		if nameParticles[w] {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		for _, c := range w {
			if !unicode.IsLetter(c) && !strings.ContainsRune(".'’-", c) {
				return false
			}
		}
		caps++
	}
	return caps > 0
}

func (lx *lexicon) isJobTitle(n string) bool {
	if off("job-title") {
		return false
	}
	f := strings.Fields(n)
	return len(f) > 0 && lx.jobTitles[strings.ToLower(f[len(f)-1])]
}

// joinSignatureTitles joins an English letter's signature printed on two
// lines, the writer's name over their post (Mrs Helen Carter / Headteacher),
// into one line as it is printed more often ("Mrs Helen Carter,
// Headteacher"), which englishSignature reads. The name must follow a
// line that ends a sentence or a complimentary close (With best wishes,),
// and the post be a job title alone.
func (lx *lexicon) joinSignatureTitles(lines []line) []line {
	if off("signature-title-line") {
		return lines
	}
	out := lines[:0:0]
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i > 0 && i+1 < len(lines) && !lines[i+1].gapBefore && isLatinText(l.text) && isEnglishName(l.text) && len(strings.Fields(l.text)) >= 2 &&
			isSignaturePost(lx, lines[i+1].text) && (endsSentence(lines[i-1].text) || isValediction(lines[i-1].text)) {
			l.text += ", " + lines[i+1].text
			l.width = displayWidth(l.text)
			out = append(out, l)
			i++
			continue
		}
		out = append(out, l)
	}
	return out
}

// isSignaturePost: a job title on a line of its own under a name,
// capitalised, of three words at most (Headteacher, Parish Clerk).
func isSignaturePost(lx *lexicon, s string) bool {
	f := strings.Fields(s)
	return len(f) > 0 && len(f) <= 3 && startsWithCapital(s) && lx.isJobTitle(s)
}

// isValediction reports whether s is the complimentary close of a letter:
// a short English line ending in a comma (With best wishes, Yours
// sincerely,) that is no salutation.
func isValediction(s string) bool {
	return !off("valediction") && strings.HasSuffix(s, ",") && len(strings.Fields(s)) <= 5 && isLatinText(s) && startsWithCapital(s) && !isSalutation(s)
}
