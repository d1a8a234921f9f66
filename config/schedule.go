package config

import (
	"time"

	"github.com/bulletinfeed/bulletinfeed/worker"
)

// ScheduleInterval returns the shortest gap between runs of spec over a
// week of runs: the feeds' ttl and the responses' max-age, which tell
// readers how often to poll. (The server itself notices a change within
// seconds; the schedule is how often new issues are expected.)
func ScheduleInterval(spec string) (time.Duration, error) {
	sched, err := worker.ParseSchedule(spec)
	if err != nil {
		return 0, Usagef("schedule %q: %v", spec, err)
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
		return 0, Usagef("schedule %q never repeats", spec)
	}
	return shortest, nil
}
