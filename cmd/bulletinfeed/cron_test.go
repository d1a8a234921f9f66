package main

import (
	"context"
	"errors"
	"log/slog"
	"sync/atomic"
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

// refreshFunc adapts a function to the worker's refresher.
type refreshFunc func(ctx context.Context) error

func (f refreshFunc) Refresh(ctx context.Context) error { return f(ctx) }

// TestWorker runs the worker every second with a refresh that fails, and
// checks that it keeps running, counts failures, and that Stop cancels the
// running pass and waits for it.
func TestWorker(t *testing.T) {
	var calls atomic.Int32
	var cancelled atomic.Bool
	w, err := newWorker("@every 1s", refreshFunc(func(ctx context.Context) error {
		if calls.Add(1) == 2 {
			<-ctx.Done() // the second pass hangs until Stop
			cancelled.Store(true)
			return ctx.Err()
		}
		return errors.New("store locked")
	}), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for calls.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	w.Stop()
	if calls.Load() < 2 || !cancelled.Load() {
		t.Errorf("calls %d, cancelled %v: want a second pass cancelled by Stop", calls.Load(), cancelled.Load())
	}
	if w.Failures() != 2 {
		t.Errorf("Failures() = %d, want 2", w.Failures())
	}
}
