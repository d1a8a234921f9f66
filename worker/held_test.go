package worker

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A source another process holds at every tick for over two intervals of
// the schedule (a crashed holder whose lease has not expired, or a stuck
// one) is a /healthz fault, naming it by kind and place only to the
// public; a pass that runs again clears it.
func TestSourceHeldElsewhereIsAFault(t *testing.T) {
	sched, err := ParseSchedule("@every 1m")
	if err != nil {
		t.Fatal(err)
	}
	states := newMemStates()
	states.refuse = true
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	src := Scheduled{Publication: "p", ID: "feed:https://intranet.example/feed.xml?token=T", Kind: "feed", Name: "feed source 1",
		Pass: func(context.Context) (PassResult, error) { return PassResult{}, nil }}
	s := &Scheduler{Schedule: sched, States: states, Sources: []Scheduled{src}, Now: func() time.Time { return now }}
	ctx := context.Background()
	for range 3 { // the first tick, one and two intervals later
		s.run(ctx, src)
		if f := s.Faults(false); len(f) != 0 {
			t.Fatalf("a fault within two intervals: %v", f)
		}
		now = now.Add(time.Minute)
	}
	now = now.Add(time.Second)
	s.run(ctx, src)
	public, private := s.Faults(false), s.Faults(true)
	if len(public) != 1 || !strings.Contains(public[0], "source feed source 1 of p: not run since") || strings.Contains(public[0], "intranet") {
		t.Errorf("public fault lines: %v", public)
	}
	if len(private) != 1 || !strings.Contains(private[0], "token=xxxxx") {
		t.Errorf("private fault lines: %v", private)
	}
	states.refuse = false
	s.run(ctx, src)
	if f := s.Faults(true); len(f) != 0 {
		t.Errorf("still a fault after a pass ran: %v", f)
	}
}
