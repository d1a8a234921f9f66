package store

import (
	"bytes"
	"encoding/json"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// A list of issues reads the headings and bylines of hundreds of articles,
// and encoding/json's reflection was a third of the time it took. These
// decode the exact shapes that encodeArticle writes, ["…","…"] and
// [{"role":"…","name":"…"}], and leave anything else (an escape, a field
// in another order) to encoding/json, which gives the same result.

// decodeStrings decodes a JSON array of strings into *dst.
func decodeStrings(data []byte, dst *[]string) error {
	if out, ok := fastStrings(data); ok {
		*dst = out
		return nil
	}
	*dst = nil
	return json.Unmarshal(data, dst)
}

// decodeBylines decodes a JSON array of bylines into *dst.
func decodeBylines(data []byte, dst *[]bulletinfeed.Byline) error {
	if out, ok := fastBylines(data); ok {
		*dst = out
		return nil
	}
	*dst = nil
	return json.Unmarshal(data, dst)
}

func fastStrings(data []byte) ([]string, bool) {
	rest, ok := bytes.CutPrefix(data, []byte("["))
	if !ok {
		return nil, false
	}
	if string(rest) == "]" {
		return nil, true
	}
	var out []string
	for {
		var s string
		if s, rest, ok = plainString(rest); !ok {
			return nil, false
		}
		out = append(out, s)
		switch {
		case string(rest) == "]":
			return out, true
		case len(rest) > 0 && rest[0] == ',':
			rest = rest[1:]
		default:
			return nil, false
		}
	}
}

func fastBylines(data []byte) ([]bulletinfeed.Byline, bool) {
	rest, ok := bytes.CutPrefix(data, []byte("["))
	if !ok {
		return nil, false
	}
	if string(rest) == "]" {
		return nil, true
	}
	var out []bulletinfeed.Byline
	for {
		var b bulletinfeed.Byline
		if rest, ok = bytes.CutPrefix(rest, []byte(`{"role":`)); !ok {
			return nil, false
		}
		if b.Role, rest, ok = plainString(rest); !ok {
			return nil, false
		}
		if rest, ok = bytes.CutPrefix(rest, []byte(`,"name":`)); !ok {
			return nil, false
		}
		if b.Name, rest, ok = plainString(rest); !ok {
			return nil, false
		}
		if rest, ok = bytes.CutPrefix(rest, []byte("}")); !ok {
			return nil, false
		}
		out = append(out, b)
		switch {
		case string(rest) == "]":
			return out, true
		case len(rest) > 0 && rest[0] == ',':
			rest = rest[1:]
		default:
			return nil, false
		}
	}
}

// plainString reads a JSON string at the start of data that needs no
// unescaping: no backslash, no control character, valid UTF-8.
func plainString(data []byte) (string, []byte, bool) {
	if len(data) == 0 || data[0] != '"' {
		return "", nil, false
	}
	end := bytes.IndexByte(data[1:], '"')
	if end < 0 {
		return "", nil, false
	}
	s := data[1 : 1+end]
	for _, c := range s {
		if c == '\\' || c < 0x20 {
			return "", nil, false
		}
	}
	if !utf8.Valid(s) {
		return "", nil, false
	}
	return string(s), data[2+end:], true
}
