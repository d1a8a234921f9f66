package source

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// creditWords may stand before "by" in an English credit: "Photos by",
// "Story and photos by", "Words and pictures by".
var creditWords = map[string]bool{
	"story": true, "words": true, "text": true, "photos": true, "photo": true,
	"photographs": true, "photography": true, "pictures": true, "picture": true,
	"images": true, "illustration": true, "illustrations": true, "report": true,
	"reporting": true, "interview": true, "graphics": true, "video": true,
	"written": true, "compiled": true, "edited": true, "reported": true, "article": true,
}

// parseEnglishByline reads "By Jane Doe", "By A, B and C", "Photos by A",
// "Story and photos by A", "Words: A" and several credits on one line
// separated by ";" or "|" ("By Jane Doe | Photos by Sam Lee"). The role is
// kept as printed: "By", "Photos by".
func parseEnglishByline(s string) ([]bulletinfeed.Byline, bool) {
	var out []bulletinfeed.Byline
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '|' || r == '·' }) {
		part = strings.TrimSpace(part)
		// "By Jane Doe | 12 March 2024": the date is not a credit.
		if len(out) > 0 && looksLikeDateLine(part) {
			continue
		}
		role, names, ok := splitEnglishCredit(part)
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
func splitEnglishCredit(s string) (string, []string, bool) {
	var role, rest string
	if i := strings.IndexByte(s, ':'); i > 0 {
		// Photos: Sam Lee.
		role, rest = strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
		for _, w := range strings.Fields(strings.ToLower(role)) {
			if !creditWords[w] && w != "and" && w != "&" {
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
			if !creditWords[lw] && lw != "and" && lw != "&" {
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
		if len(names) > 0 && isJobTitle(n) {
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

// nameParticles may stand lower-case inside a name: Ludwig van Beethoven.
var nameParticles = map[string]bool{"van": true, "von": true, "de": true, "der": true, "den": true, "da": true, "di": true, "du": true, "la": true, "le": true, "bin": true, "al": true, "del": true, "dos": true, "das": true, "y": true, "ten": true, "ter": true}

// notNames are capitalised words that follow "By" in sentences, not in
// credits: "By Monday", "By March".
var notNames = map[string]bool{"Monday": true, "Tuesday": true, "Wednesday": true, "Thursday": true, "Friday": true, "Saturday": true, "Sunday": true,
	"January": true, "February": true, "March": true, "April": true, "May": true, "June": true, "July": true, "August": true, "September": true, "October": true, "November": true, "December": true,
	"The": true, "This": true, "That": true, "Then": true, "Now": true, "Noon": true, "Midnight": true, "Law": true}

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

// jobWords end the posts printed after a name in a credit.
var jobWords = map[string]bool{"secretary": true, "editor": true, "correspondent": true, "reporter": true, "writer": true, "chair": true, "chairman": true, "chairwoman": true, "vicar": true, "rector": true, "minister": true, "mayor": true, "councillor": true, "councilor": true, "treasurer": true, "coordinator": true, "officer": true, "manager": true, "director": true, "president": true, "principal": true, "headteacher": true, "clerk": true, "warden": true, "churchwarden": true, "administrator": true, "volunteer": true, "member": true, "staff": true, "photographer": true}

func isJobTitle(n string) bool {
	f := strings.Fields(n)
	return len(f) > 0 && jobWords[strings.ToLower(f[len(f)-1])]
}
