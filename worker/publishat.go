package worker

import (
	"fmt"
	"strings"
	"time"
)

// ParsePublishAt reads a time to publish an issue at, as ingest's
// --publish-at and the console's schedule give it: RFC 3339 with or without
// seconds, a date and time in the publication's zone, or "now". A time
// more than a minute before now is refused unless allowPast: an embargo
// exists to hold an issue back, and a mistyped year would publish it at
// once.
func ParsePublishAt(s string, loc *time.Location, now time.Time, allowPast bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if strings.EqualFold(s, "now") {
		return now, nil
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z07:00", "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		t, err := time.ParseInLocation(layout, s, loc)
		if err != nil {
			continue
		}
		if !allowPast && t.Before(now.Add(-PastTolerance)) {
			return time.Time{}, &PastError{At: t.In(loc), Now: now.In(loc)}
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("%q is not a time such as 2026-12-01T08:00+08:00 or 2026-12-01 08:00, or \"now\"", s)
}

// PastError is a publication time in the past, refused: the issue
// would be published at once.
type PastError struct {
	At, Now time.Time
}

func (e *PastError) Error() string {
	return fmt.Sprintf("%s is in the past (now is %s), so the issue would be published at once",
		e.At.Format("2006-01-02 15:04 MST"), e.Now.Format("2006-01-02 15:04 MST"))
}

// PastTolerance is how far before now a publication time may be
// without allowPast: the minute it took to type the command or send the
// form.
const PastTolerance = time.Minute
