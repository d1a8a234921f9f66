package main

import (
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
	}
	for _, c := range cases {
		t.Run(c.spec, func(t *testing.T) {
			got, err := scheduleInterval(c.spec)
			if err != nil || got != c.want {
				t.Errorf("scheduleInterval(%q) = %v, %v; want %v", c.spec, got, err, c.want)
			}
		})
	}
	if _, err := scheduleInterval("61 * * * *"); err == nil {
		t.Error("bad spec accepted")
	}
}
