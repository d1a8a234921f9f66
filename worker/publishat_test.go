package worker_test

import (
	"errors"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/worker"
)

// TestParsePublishAt: a time in the publication's zone, RFC 3339 and the
// browser's datetime-local form are read; one more than a minute past is
// a *PastError unless allowed; "now" is now.
func TestParsePublishAt(t *testing.T) {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC) // 08:00 in Shanghai
	for _, tc := range []struct {
		name, in  string
		allowPast bool
		want      time.Time
		past      bool
	}{
		{"zone", "2026-12-01 09:00", false, time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC), false},
		{"datetime-local", "2026-12-01T09:00", false, time.Date(2026, 12, 1, 1, 0, 0, 0, time.UTC), false},
		{"rfc3339", "2026-12-01T09:00:00Z", false, time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC), false},
		{"a minute ago", "2026-12-01T07:59", false, time.Date(2026, 11, 30, 23, 59, 0, 0, time.UTC), false},
		{"past", "2026-12-01T07:58", false, time.Time{}, true},
		{"past allowed", "2026-12-01T07:58", true, time.Date(2026, 11, 30, 23, 58, 0, 0, time.UTC), false},
		{"now", "now", false, now, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := worker.ParsePublishAt(tc.in, loc, now, tc.allowPast)
			if tc.past {
				if !errors.As(err, new(*worker.PastError)) {
					t.Fatalf("err = %v, want a *PastError", err)
				}
				return
			}
			if err != nil || !got.Equal(tc.want) {
				t.Fatalf("= %v, %v; want %v", got, err, tc.want)
			}
		})
	}
	if _, err := worker.ParsePublishAt("tomorrow", loc, now, false); err == nil {
		t.Fatal("tomorrow: no error")
	}
}
