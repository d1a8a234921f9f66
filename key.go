package bulletinfeed

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// MaxKeyLen is the longest issue key accepted, in bytes: enough for any
// real issue name ("2023年第15期（总第215期）"), short enough for a URL
// segment and a file name on every file system.
const MaxKeyLen = 100

// CheckKey reports whether key can name an issue. A key becomes a URL path
// segment (/issues/{key}), a folder of a static build and a column in
// terminal tables, so it is a slug-like name: not empty, not "." or "..",
// no slash or backslash, no control, format or bidi characters, valid UTF-8
// and at most MaxKeyLen bytes. This is the one place that decides; the
// parser and the store both call it.
func CheckKey(key string) error {
	switch {
	case key == "":
		return Errorf(Invalid, "issue key is empty")
	case len(key) > MaxKeyLen:
		return Errorf(Invalid, "issue key %q is %d bytes long; the limit is %d", shorten(key), len(key), MaxKeyLen)
	case !utf8.ValidString(key):
		return Errorf(Invalid, "issue key %q is not valid UTF-8", key)
	case strings.Trim(key, ".") == "":
		return Errorf(Invalid, "issue key %q is only dots, which a path would read as a folder", key)
	case strings.TrimSpace(key) != key:
		return Errorf(Invalid, "issue key %q starts or ends with white space", key)
	}
	for _, r := range key {
		switch {
		case r == '/' || r == '\\':
			return Errorf(Invalid, "issue key %q contains %q, which would make it a path", key, r)
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == utf8.RuneError:
			// Cf holds the bidi overrides and isolates (U+202E, U+2066),
			// which make a key display as another.
			return Errorf(Invalid, "issue key %q contains the invisible character %U", key, r)
		case r == '\u2028' || r == '\u2029':
			return Errorf(Invalid, "issue key %q contains a line separator", key)
		case r&0xFFFE == 0xFFFE || (r >= 0xFDD0 && r <= 0xFDEF):
			return Errorf(Invalid, "issue key %q contains the noncharacter %U", key, r)
		}
	}
	return nil
}

// shorten cuts a long string for an error message.
func shorten(s string) string {
	const max = 40
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// Years accepted in issue dates. Earlier or later dates are typing
// mistakes (0000-01-01, 20230-04-01), and Go's time formats, JSON among
// them, cannot write years outside 0–9999.
const (
	MinYear = 1900
	MaxYear = 2200
)

// CheckDate reports whether t, an issue date, lies in the years MinYear to
// MaxYear at some offset: midnight of 1 January 1900 in Shanghai is still
// 1899 in UTC, where the store keeps it. The parser checks the year as
// written; this is the store's coarser gate.
func CheckDate(t time.Time) error {
	if t.Before(earliestDate) || !t.Before(latestDate) {
		return Errorf(Invalid, "date %s: year %d is outside the supported range %d–%d", t.Format(time.RFC3339), t.Year(), MinYear, MaxYear)
	}
	return nil
}

// The bounds of CheckDate: the first moment of MinYear and the end of
// MaxYear at the largest offset a timestamp can carry (ISO 8601 and Go
// allow up to ±23:59, beyond the ±14:00 of real zones).
var (
	earliestDate = time.Date(MinYear, 1, 1, 0, 0, 0, 0, time.UTC).Add(-24 * time.Hour)
	latestDate   = time.Date(MaxYear+1, 1, 1, 0, 0, 0, 0, time.UTC).Add(24 * time.Hour)
)
