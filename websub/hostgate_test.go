package websub

import (
	"testing"
	"time"
)

func TestHostGate(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	g := newHostGate(2, func(n int) time.Duration { return time.Minute << n })
	for i := range 2 {
		if ok, _ := g.acquire("a.example", now); !ok {
			t.Fatalf("slot %d refused", i)
		}
	}
	if ok, until := g.acquire("a.example", now); ok || !until.IsZero() {
		t.Errorf("a third slot for one host: %v %v", ok, until)
	}
	if ok, _ := g.acquire("b.example", now); !ok {
		t.Error("another host was refused")
	}
	g.release("b.example", true, now)
	// Three failures in a row open the circuit for a minute; the next
	// failure after it doubles the wait; a success closes it.
	for range 2 {
		g.release("a.example", false, now)
	}
	if ok, _ := g.acquire("a.example", now); !ok {
		t.Error("refused after two failures")
	}
	g.release("a.example", false, now)
	ok, until := g.acquire("a.example", now)
	if ok || !until.Equal(now.Add(time.Minute)) {
		t.Errorf("after three failures: %v until %v", ok, until)
	}
	now = now.Add(time.Minute)
	if ok, _ := g.acquire("a.example", now); !ok {
		t.Fatal("refused once the circuit's time was over")
	}
	g.release("a.example", false, now)
	if _, until := g.acquire("a.example", now); !until.Equal(now.Add(2 * time.Minute)) {
		t.Errorf("a failure after the circuit reopened: until %v", until)
	}
	now = now.Add(2 * time.Minute)
	g.acquire("a.example", now)
	g.release("a.example", true, now)
	for range 2 {
		if ok, _ := g.acquire("a.example", now); !ok {
			t.Error("refused after a success")
		}
	}
}
