package source

import (
	"errors"
	"fmt"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// headerFields are the labels of the optional header lines at the top of an
// issue file, before the first article.
var headerFields = map[string]string{
	"title": "title", "标题": "title",
	"issue": "issue", "期号": "issue",
	"date": "date", "日期": "date",
	// The time the issue may be shown (an embargo): until then the store
	// keeps it back from every feed and page.
	"publish": "publish", "发布": "publish", "发布时间": "publish",
	// "Format: marked": the text says its articles outright (marked.go).
	"format": "format", "格式": "format",
}

// header is what the header lines say about the issue.
type header struct {
	title, key string
	keyLine    int // the line of the key, for errors
	date       time.Time
	hasDate    bool
	publishAt  time.Time // zero: at once
	format     string    // "marked", or "" for a bulletin's text
}

// parseHeader reads header lines ("Title: …", "期号：第15期", "Date:
// 2023-04-20") from the top of the issue and returns the lines after them.
func parseHeader(name string, lines []line, loc *time.Location, lx *lexicon) (header, []line, error) {
	var h header
	i := 0
	for ; i < len(lines); i++ {
		if lx.isMailHeader(lines[i].text) {
			// A saved message's header (Content-Type: text/plain) is not
			// the title.
			continue
		}
		label, value, ok := splitHeaderLine(lines[i].text)
		if !ok {
			break
		}
		switch headerFields[label] {
		case "title":
			h.title = value
		case "format":
			if !strings.EqualFold(value, "marked") {
				return h, nil, invalid(name, lines[i].num, "header format %q: the one format is \"marked\"", value)
			}
			h.format = "marked"
		case "issue":
			h.key, h.keyLine = value, lines[i].num
		case "date":
			d, err := parseDate(value, loc)
			if err != nil {
				return h, nil, invalid(name, lines[i].num, "header date %q: %s", value, err)
			}
			h.date, h.hasDate = d, true
		case "publish":
			t, err := parseDate(value, loc)
			if err != nil {
				return h, nil, invalid(name, lines[i].num, "header publication time %q: %s", value, err)
			}
			h.publishAt = t
		}
	}
	return h, lines[i:], nil
}

func splitHeaderLine(s string) (label, value string, ok bool) {
	i := strings.IndexAny(s, ":：")
	if i <= 0 {
		return "", "", false
	}
	label = strings.ToLower(strings.TrimSpace(s[:i]))
	if _, known := headerFields[label]; !known {
		return "", "", false
	}
	value = strings.TrimSpace(strings.TrimLeft(s[i:], ":："))
	return label, value, value != ""
}

// parseDate reads an ISO 8601 date or date-time. A date without a time is
// midnight in loc. The error says why a value is refused: not a date at
// all, not a calendar date (2023-02-30), or a year outside MinYear–MaxYear.
func parseDate(s string, loc *time.Location) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02 15:04:05", "2006-01-02T15:04", "2006-01-02 15:04"} {
		t, err := time.ParseInLocation(layout, s, loc)
		if err != nil {
			continue
		}
		// The year as written names the mistake better than the UTC one.
		// The year as written, whatever the offset: bulletinfeed.CheckDate,
		// the store's gate, allows any offset around these years.
		if y := t.Year(); y < bulletinfeed.MinYear || y > bulletinfeed.MaxYear {
			return time.Time{}, yearError(y)
		}
		return t.UTC(), nil
	}
	if span := datePattern.FindStringIndex(s); span != nil && span[0] == 0 && span[1] == len(s) {
		sm := datePattern.FindStringSubmatch(s)
		y, m, d := dateParts(sm)
		if y < bulletinfeed.MinYear || y > bulletinfeed.MaxYear {
			return time.Time{}, yearError(y)
		}
		if m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
			return time.Time{}, errors.New("not a calendar date")
		}
		return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc).UTC(), nil
	}
	return time.Time{}, errors.New("not an ISO 8601 date or date-time such as 2023-04-20 or 2023-04-20T08:00:00+08:00")
}

func yearError(y int) error {
	return fmt.Errorf("year %d is outside the supported range %d–%d", y, bulletinfeed.MinYear, bulletinfeed.MaxYear)
}

// datePattern finds a date in a header value or a file name: 2023-04-20,
// 2023_04_20, 2023.04.20, 20230420, 2023-04, 2023年4月20日, 2023年4月.
var datePattern = regexp.MustCompile(`(\d{4})(?:[-_./](\d{1,2})(?:[-_./](\d{1,2}))?|(\d{2})(\d{2})|年(\d{1,2})月(?:(\d{1,2})日)?)`)

// findDate returns the first plausible calendar date in s; a year and month
// alone mean the first of the month.
func findDate(s string) (y, m, d int, ok bool) {
	for _, sm := range datePattern.FindAllStringSubmatch(s, -1) {
		y, m, d = dateParts(sm)
		if y >= bulletinfeed.MinYear && y <= bulletinfeed.MaxYear && m >= 1 && m <= 12 && d >= 1 && d <= daysIn(y, m) {
			return y, m, d, true
		}
	}
	return 0, 0, 0, false
}

// dateParts returns the year, month and day of a datePattern match; a
// missing day is the first.
func dateParts(sm []string) (y, m, d int) {
	y, _ = strconv.Atoi(sm[1])
	ms, ds := sm[2], sm[3]
	if sm[4] != "" {
		ms, ds = sm[4], sm[5]
	} else if sm[6] != "" {
		ms, ds = sm[6], sm[7]
	}
	m, _ = strconv.Atoi(ms)
	d = 1
	if ds != "" {
		d, _ = strconv.Atoi(ds)
	}
	return y, m, d
}

func daysIn(y, m int) int {
	return time.Date(y, time.Month(m)+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// keyFromName returns the issue key a file name gives (its base name
// without extension) and the date in it, if any: "hexi-2023-04.txt" is
// issue "hexi-2023-04" of 1 April 2023; "第15期.txt" is issue "第15期" with
// no date.
func keyFromName(path string, loc *time.Location) (string, time.Time, bool) {
	base := filepath.Base(path)
	key := strings.TrimSuffix(base, filepath.Ext(base))
	if y, m, d, ok := findDate(key); ok {
		return key, time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc).UTC(), true
	}
	return key, time.Time{}, false
}

// isMailHeader matches an e-mail header line: "Content-Type: text/plain;
// charset=utf-8".
func (lx *lexicon) isMailHeader(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 || off("mail-header") {
		return false
	}
	for _, h := range lx.MailHeaders {
		if strings.EqualFold(s[:i], h) {
			return true
		}
	}
	return false
}
