package feed

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Dates and issue numbers as pages show them, in the publication's
// language. Machine-readable times stay RFC 3339 in <time datetime>.

// showDate returns a day as a reader of the language writes it:
// 2024年3月17日, 17 March 2024.
func (s *publication) showDate(t time.Time) string {
	if strings.HasPrefix(s.lang, "zh") {
		return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
	}
	return t.Format("2 January 2006")
}

// showTime returns a day and a time of day, as a revision is dated.
func (s *publication) showTime(t time.Time) string {
	return s.showDate(t) + " " + t.Format("15:04")
}

var (
	// numberKey is an issue key that is a bare number ("Issue: 15").
	numberKey = regexp.MustCompile(`^[0-9]{1,4}$`)
	// labelledNumberKey is a key that already says it is a number:
	// "No. 15", "Issue 15", "#15".
	labelledNumberKey = regexp.MustCompile(`(?i)^(?:no\.?|nr\.?|issue|number|#)\s*[0-9]{1,4}$`)
)

// issueNumber returns the number of an issue as printed (第15期, No. 15)
// when its key is one: a key with 期 (第15期, 2024年第2期, 总第187期), a
// bare number or a labelled one. Keys such as "2023-04" or a file's name
// name an issue without numbering it, and give "".
func (s *publication) issueNumber(key string) string {
	switch {
	case strings.Contains(key, "期"), labelledNumberKey.MatchString(key):
		return key
	case numberKey.MatchString(key):
		n := strings.TrimLeft(key, "0")
		if n == "" {
			return ""
		}
		if strings.HasPrefix(s.lang, "zh") {
			return "第" + n + "期"
		}
		return "No. " + n
	}
	return ""
}
