package store

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/mozillazg/go-pinyin"
	"golang.org/x/text/unicode/norm"
)

// reservedSlugs are section slugs that mean something else in URLs: the
// channel of every section has its own.
var reservedSlugs = map[string]bool{bulletinfeed.AllSlug: true}

// maxSlugLen keeps URLs readable when a banner is long.
const maxSlugLen = 60

// pinyinArgs asks for plain syllables without tones; a character with no
// reading yields nothing and is treated as a separator.
var pinyinArgs = func() pinyin.Args {
	a := pinyin.NewArgs()
	a.Fallback = func(rune, pinyin.Args) []string { return nil }
	return a
}()

// slugify returns an ASCII name for URLs: Chinese characters become their
// pinyin syllables, one word each ("要闻" → "yao-wen"); Latin letters are
// lowercased with their accents dropped ("Vie Locale" → "vie-locale");
// everything else separates words. It may return "".
func slugify(name string) string {
	var b strings.Builder
	pending := false // a separator is due before the next word
	word := func(w string) {
		if pending && b.Len() > 0 {
			b.WriteByte('-')
		}
		pending = false
		b.WriteString(w)
	}
	// NFKD turns full-width letters and digits into ASCII and splits
	// accented letters into a base letter and a mark to drop.
	for _, r := range norm.NFKD.String(name) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			word(string(unicode.ToLower(r)))
		case unicode.Is(unicode.Mn, r):
			// an accent, dropped
		case unicode.Is(unicode.Han, r):
			if py := pinyin.SinglePinyin(r, pinyinArgs); len(py) > 0 && py[0] != "" {
				pending = true
				word(py[0])
			}
			pending = true
		default:
			pending = true
		}
	}
	s := b.String()
	if len(s) > maxSlugLen {
		s = s[:maxSlugLen]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
		s = strings.Trim(s, "-")
	}
	return s
}

// validSlug reports whether s is lowercase ASCII words joined by single
// hyphens, the shape of every slug the store gives.
func validSlug(s string) bool {
	if s == "" || len(s) > maxSlugLen || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// uniqueSlug returns base, or base-2, base-3 … when base is taken or
// reserved.
func uniqueSlug(base string, taken map[string]bool) string {
	if base == "" {
		base = "section"
	}
	s := base
	for n := 2; taken[s] || reservedSlugs[s]; n++ {
		s = base + "-" + strconv.Itoa(n)
	}
	return s
}
