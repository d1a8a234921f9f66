package server

import (
	"runtime/debug"
	"testing"
)

// TuneGC sets serve's GOGC and a soft limit of the cache plus the
// headroom, unless the environment set them, and puts them back.
func TestTuneGC(t *testing.T) {
	before := debug.SetGCPercent(-1)
	debug.SetGCPercent(before)
	beforeLimit := debug.SetMemoryLimit(-1)

	restore := TuneGC(func(string) string { return "" }, 32<<20)
	if got := debug.SetGCPercent(servingGCPercent); got != servingGCPercent {
		t.Errorf("GOGC %d, want %d", got, servingGCPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != 32<<20+memoryHeadroom {
		t.Errorf("memory limit %d, want %d", got, 32<<20+memoryHeadroom)
	}
	restore()
	if got := debug.SetGCPercent(before); got != before {
		t.Errorf("GOGC after restore %d, want %d", got, before)
	}
	if got := debug.SetMemoryLimit(-1); got != beforeLimit {
		t.Errorf("memory limit after restore %d, want %d", got, beforeLimit)
	}

	set := func(k string) string { return map[string]string{"GOGC": "100", "GOMEMLIMIT": "1GiB"}[k] }
	restore = TuneGC(set, 32<<20)
	defer restore()
	if got := debug.SetGCPercent(before); got != before {
		t.Errorf("GOGC set by the environment changed to %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != beforeLimit {
		t.Errorf("GOMEMLIMIT set by the environment changed to %d", got)
	}
}
