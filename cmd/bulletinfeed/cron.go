package main

import (
	"fmt"
	"time"

	"github.com/robfig/cron/v3"
)

// scheduleParser reads standard five-field specs and the @every, @hourly…
// descriptors.
var scheduleParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// scheduleInterval returns the shortest gap between runs of spec over a
// week of runs: the feeds' ttl and the responses' max-age, which tell
// readers how often to poll. (The server itself notices a change within
// seconds; the schedule is how often new issues are expected.)
func scheduleInterval(spec string) (time.Duration, error) {
	sched, err := parseSchedule(spec)
	if err != nil {
		return 0, usageErrorf("schedule %q: %v", spec, err)
	}
	// A fixed start keeps the result independent of today's date.
	t := sched.Next(time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC))
	end := t.Add(7 * 24 * time.Hour)
	var shortest time.Duration
	for i := 0; i < 10000 && t.Before(end); i++ {
		next := sched.Next(t)
		if next.IsZero() {
			break
		}
		if d := next.Sub(t); shortest == 0 || d < shortest {
			shortest = d
		}
		t = next
	}
	if shortest <= 0 {
		return 0, usageErrorf("schedule %q never repeats", spec)
	}
	return shortest, nil
}

// parseSchedule parses spec. cron v3.0.1 panics on some specs (a bare
// "CRON_TZ=Asia/Shanghai" indexes past its fields); that is a mistake in
// the spec, reported as such.
func parseSchedule(spec string) (sched cron.Schedule, err error) {
	defer func() {
		if r := recover(); r != nil {
			sched, err = nil, fmt.Errorf("%q is not a cron spec", spec)
		}
	}()
	return scheduleParser.Parse(spec)
}
