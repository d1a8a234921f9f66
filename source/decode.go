package source

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"
)

// decode turns the raw bytes of an issue into UTF-8 text with LF line ends.
//
// Issues come as UTF-8 (with or without a BOM), UTF-16 with a BOM (what some
// Windows tools save as "Unicode"), or GB18030/GBK, which Chinese office
// software still writes by default. Nobody is asked to say which: text that
// is valid UTF-8 is UTF-8, anything else is tried as GB18030, and bytes that
// decode in neither are rejected rather than turned into replacement
// characters.
func decode(name string, raw []byte) (string, error) {
	var text []byte
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		text = raw[3:]
		if !utf8.Valid(text) {
			return "", invalid(name, firstBadLine(text), "starts with a UTF-8 byte order mark but is not valid UTF-8")
		}
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(raw)
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			return "", invalid(name, 0, "starts with a UTF-16 byte order mark but is not valid UTF-16")
		}
		text = out
	case utf8.Valid(raw) && bytes.IndexByte(raw, 0) < 0:
		text = raw
	case bytes.IndexByte(raw, 0) >= 0 && len(raw)%2 == 0:
		// Which byte order is a guess without the mark, and a wrong
		// guess would publish nonsense: the file is refused, saying
		// what it is and how to save it.
		if order, ok := utf16Order(raw); ok {
			return "", invalid(name, 0, "text in UTF-16 (%s) without a byte order mark: save it as UTF-8, or as UTF-16 with a byte order mark", order)
		}
		return "", invalid(name, 0, "binary file, not text")
	default:
		if looksBinary(raw) {
			return "", invalid(name, 0, "binary file, not text")
		}
		out, err := simplifiedchinese.GB18030.NewDecoder().Bytes(raw)
		// The decoder maps invalid sequences to U+FFFD instead of failing.
		if err != nil || bytes.ContainsRune(out, utf8.RuneError) {
			return "", invalid(name, firstBadLine(raw), "bytes are valid in no supported encoding (UTF-8, UTF-16 with BOM, GB18030/GBK)")
		}
		text = out
	}
	if looksBinary(text) {
		return "", invalid(name, 0, "binary file, not text")
	}
	return normalizeNewlines(text), nil
}

// utf16Order recognises UTF-16 saved without a byte order mark and
// returns its byte order. Text that has any ASCII in it (line ends, digits, spaces)
// has zero bytes on one side of its units; a Han character has one on the
// other side only now and then (U+4E00 一). Each byte order is tried, the
// one with more zeros on its high side first, and kept when nearly every
// character it decodes to is one that bulletins print.
func utf16Order(b []byte) (string, bool) {
	if off("utf16-no-bom") || len(b) < 4 || len(b)%2 != 0 {
		return "", false
	}
	n := min(len(b), 4096) &^ 1
	even, odd := 0, 0
	for i := 0; i < n; i += 2 {
		if b[i] == 0 {
			even++
		}
		if b[i+1] == 0 {
			odd++
		}
	}
	if even+odd == 0 {
		return "", false
	}
	orders := []unicode.Endianness{unicode.LittleEndian, unicode.BigEndian}
	names := []string{"little-endian", "big-endian"}
	if even > odd {
		orders[0], orders[1] = orders[1], orders[0]
		names[0], names[1] = names[1], names[0]
	}
	for i, o := range orders {
		out, err := unicode.UTF16(o, unicode.IgnoreBOM).NewDecoder().Bytes(b)
		if err == nil && plausibleText(out) {
			return names[i], true
		}
	}
	return "", false
}

// plausibleText reports whether nearly all of s is what bulletins print:
// ASCII text, Han characters, CJK and full-width punctuation, Latin
// letters with accents.
func plausibleText(s []byte) bool {
	good, all := 0, 0
	for len(s) > 0 && all < 2048 {
		r, size := utf8.DecodeRune(s)
		s = s[size:]
		all++
		switch {
		case r == '\n' || r == '\r' || r == '\t' || r == '\f' || (r >= 0x20 && r < 0x7f),
			r >= 0xa0 && r < 0x250, r >= 0x2000 && r < 0x2070,
			r >= 0x3000 && r < 0x3040, r >= 0x4e00 && r < 0xa000, r >= 0xff00 && r < 0xfff0:
			good++
		}
	}
	return all > 0 && good*20 >= all*19
}

// looksBinary reports whether b holds a NUL byte or more control characters
// than any text file would: extracted text keeps a stray form feed or
// vertical tab, not hundreds.
func looksBinary(b []byte) bool {
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	n := len(b)
	if n > 4096 {
		n = 4096
	}
	ctrl := 0
	for _, c := range b[:n] {
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctrl++
		}
	}
	return ctrl > 8 && ctrl*20 > n
}

// firstBadLine returns the 1-based line of the first byte sequence that is
// not UTF-8, to point the user at it.
func firstBadLine(b []byte) int {
	line := 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return line
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	return 0
}

// normalizeNewlines converts CRLF and lone CR to LF, and a form feed (the
// page break a PDF extraction writes) to a line break.
func normalizeNewlines(b []byte) string {
	if bytes.IndexByte(b, '\r') < 0 && bytes.IndexByte(b, '\f') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '\r':
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		case '\f':
			out = append(out, '\n')
		default:
			out = append(out, c)
		}
	}
	return string(out)
}
