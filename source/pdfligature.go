package source

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// A ligature drawn from a font whose map to Unicode lacks it (Calibri's
// "ti" in Word and Publisher files is the usual one) leaves no text: the
// word comes out cut where it stood, with a space for its width ("Why
// Robo cs?"). The letters are not in the file, but the word usually is,
// elsewhere in the issue, set in a face that maps it ("Robotics club").
// repairLigatures puts back the ligature between two pieces of a word
// when that gives a word the issue prints elsewhere and the second piece
// is a word nowhere else: evidence from the issue itself, no dictionary.

// ligatures are the letters a ligature glyph usually stands for, the
// commonest first.
var ligatures = []string{"ti", "fi", "fl", "ff", "ffi", "ffl", "tt", "ft", "st", "ct", "th"}

// repairLigatures mends the words of the lines of every page.
func repairLigatures(pages [][]frag) {
	if off("ligature-gap") {
		return
	}
	words := map[string]int{}
	for _, fs := range pages {
		for _, f := range fs {
			for _, w := range strings.Fields(f.text) {
				if k := wordKey(w); k != "" {
					words[k]++
				}
			}
		}
	}
	// How often each second piece follows a first that it would make a
	// word with: the same word may be cut in several places.
	pieces := map[string]int{}
	for _, fs := range pages {
		for _, f := range fs {
			toks := strings.Split(f.text, " ")
			for i := 1; i < len(toks); i++ {
				if _, right, ok := ligatureJoin(toks[i-1], toks[i], words, nil); ok {
					pieces[right]++
				}
			}
		}
	}
	for _, fs := range pages {
		for i := range fs {
			fs[i].text = mendLigatures(fs[i].text, words, pieces)
		}
	}
}

// mendLigatures joins the pieces of a word cut by a lost ligature in
// text, judged against words, the words by wordKey, and pieces
// (see ligatureJoin).
func mendLigatures(text string, words, pieces map[string]int) string {
	toks := strings.Split(text, " ")
	if len(toks) < 2 {
		return text
	}
	out := toks[:1]
	for _, b := range toks[1:] {
		a := out[len(out)-1]
		if joined, _, ok := ligatureJoin(a, b, words, pieces); ok {
			out[len(out)-1] = joined
			continue
		}
		out = append(out, b)
	}
	return strings.Join(out, " ")
}

// ligatureJoin returns a and b joined by the ligature that makes them a
// word of the issue, and the second piece's key. With pieces (how often
// each second piece follows a first it would make a word with), only
// when the second piece is a word nowhere else: "on" after "func" is the
// word "on" if the issue prints it alone too.
func ligatureJoin(a, b string, words, pieces map[string]int) (string, string, bool) {
	// a ends the first piece (punctuation may open it), b starts the
	// second (punctuation may close it); both are Latin letters, the
	// second opening in lower case: a ligature stands inside a word.
	left := strings.TrimLeftFunc(a, notLetter)
	right := strings.TrimRightFunc(b, notLetter)
	if !latinWord(left) || !latinWord(right) {
		return "", "", false
	}
	if r, _ := utf8.DecodeRuneInString(right); !unicode.IsLower(r) {
		return "", "", false
	}
	key := strings.ToLower(right)
	if pieces != nil && words[key] > pieces[key] {
		return "", "", false // a word of its own elsewhere
	}
	for _, l := range ligatures {
		if words[strings.ToLower(left+l+right)] > 0 {
			return a + l + b, key, true
		}
	}
	return "", "", false
}

// wordKey is w in lower case without the punctuation around it, "" when
// it holds other than letters.
func wordKey(w string) string {
	w = strings.TrimFunc(w, notLetter)
	if !latinWord(w) {
		return ""
	}
	return strings.ToLower(w)
}

func notLetter(r rune) bool { return !unicode.IsLetter(r) }

// latinWord reports whether s is a word of Latin letters only (to Latin
// Extended-B): the scripts whose fonts draw such ligatures.
func latinWord(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !unicode.IsLetter(r) || r > 0x24f {
			return false
		}
	}
	return true
}
