package bulletinfeed_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

func TestCheckKey(t *testing.T) {
	good := []string{"2023-04", "hexi-2023-04", "第15期", "2023年第3期（总第215期）", "Issue 12", "v1.2", ".hidden-but-named", strings.Repeat("a", bulletinfeed.MaxKeyLen)}
	for _, k := range good {
		if err := bulletinfeed.CheckKey(k); err != nil {
			t.Errorf("CheckKey(%q) = %v, want nil", k, err)
		}
	}
	bad := []struct{ key, want string }{
		{"", "empty"},
		{".", "only dots"},
		{"..", "only dots"},
		{"...", "only dots"},
		{"../../etc", "path"},
		{"a/b", "path"},
		{`a\b`, "path"},
		{"a\x1b[31mred", "invisible"},
		{"a\x00b", "invisible"},
		{"a\u202eb", "invisible"},
		{"a\u2066b", "invisible"},
		{"a\u200bb", "invisible"},
		{"a\u2028b", "line separator"},
		{"a\xffb", "UTF-8"},
		{"2024-05\uffff", "noncharacter"},
		{" lead", "white space"},
		{strings.Repeat("a", bulletinfeed.MaxKeyLen+1), "limit"},
	}
	for _, tc := range bad {
		err := bulletinfeed.CheckKey(tc.key)
		if err == nil {
			t.Errorf("CheckKey(%q) = nil, want an error about %s", tc.key, tc.want)
			continue
		}
		if bulletinfeed.KindOf(err) != bulletinfeed.Invalid || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckKey(%q) = %v (%s), want an invalid error about %s", tc.key, err, bulletinfeed.KindOf(err), tc.want)
		}
		if strings.ContainsAny(err.Error(), "\x1b\x00\u202e") {
			t.Errorf("CheckKey(%q): message %q carries the raw character", tc.key, err)
		}
	}
}

func TestCheckDate(t *testing.T) {
	for _, tc := range []struct {
		t  time.Time
		ok bool
	}{
		{time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{time.Date(2200, 12, 31, 23, 0, 0, 0, time.UTC), true},
		{time.Date(1899, 12, 30, 23, 0, 0, 0, time.UTC), false},
		// Midnight of 1 January 1900 in Shanghai is 1899 in UTC.
		{time.Date(1900, 1, 1, 0, 0, 0, 0, time.FixedZone("LMT", 8*3600+343)).UTC(), true},
		{time.Date(2201, 1, 2, 1, 0, 0, 0, time.UTC), false},
		{time.Date(2200, 12, 31, 23, 59, 0, 0, time.FixedZone("", -(23*3600+59*60))).UTC(), true},
		{time.Date(0, 1, 1, 0, 0, 0, 0, time.FixedZone("", 14*3600)), false},
	} {
		err := bulletinfeed.CheckDate(tc.t)
		if (err == nil) != tc.ok {
			t.Errorf("CheckDate(%v) = %v, want ok=%v", tc.t, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "outside the supported range 1900–2200") {
			t.Errorf("CheckDate(%v) = %v, want the range named", tc.t, err)
		}
	}
}
