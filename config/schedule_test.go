package config

import (
	"errors"
	"testing"
	"time"
)

func TestScheduleInterval(t *testing.T) {
	cases := []struct {
		spec string
		want time.Duration
	}{
		{"*/5 * * * *", 5 * time.Minute},
		{"* * * * *", time.Minute},
		{"0 * * * *", time.Hour},
		{"0 9 * * 1-5", 24 * time.Hour},
		{"@hourly", time.Hour},
		{"@every 30s", 30 * time.Second},
		{"*/20 * * * * *", 20 * time.Second},
		{"CRON_TZ=Asia/Shanghai 0 8 * * *", 24 * time.Hour},
	}
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			got, err := ScheduleInterval(c.spec)
			if err != nil || got != c.want {
				t.Errorf("ScheduleInterval(%q) = %v, %v; want %v", c.spec, got, err, c.want)
			}
		})
	}
	for _, spec := range []string{"61 * * * *", "CRON_TZ=Asia/Shanghai"} {
		// The second panics inside cron's parser: a usage error here.
		var ue *UsageError
		if _, err := ScheduleInterval(spec); !errors.As(err, &ue) {
			t.Errorf("bad spec %q: %v", spec, err)
		}
	}
}
