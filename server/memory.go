package server

import "runtime/debug"

// servingGCPercent replaces the default GOGC of 100 while serving. The live
// heap is the rendered site, a few megabytes that change once per ingest;
// everything a request allocates (net/http's request and header maps) is
// garbage at once. At 100 the collector runs every few megabytes of that
// garbage, hundreds of times a minute under load, for nothing; at 400 it
// runs a quarter as often for a heap at most five times the site.
const servingGCPercent = 400

// memoryHeadroom is what serve's Go heap needs besides its page cache:
// the pages and feeds in memory (about 5 MB live at 100,000 articles), a
// re-render beside them (its garbage), request buffers. The limit it
// makes with the cache is soft: past it the collector runs more often,
// which only a render or a full cache brings about.
const memoryHeadroom = 24 << 20

// TuneGC sets servingGCPercent unless GOGC was set, and a soft memory
// limit of the page cache plus memoryHeadroom unless GOMEMLIMIT was set.
// A high GOGC alone lets the heap grow to five times what is live; under a
// load of pages rendered on request (garbage once sent) that is hundreds
// of megabytes for nothing. The limit makes the collector run more often
// as the heap nears it, and only then, so the feeds' hot path keeps the
// rare collections of GOGC 400. It returns a function that puts the
// settings back, for a serve run inside a longer process (tests).
func TuneGC(getenv func(string) string, cacheSize int64) (restore func()) {
	percent, limit := -2, int64(-1)
	if getenv("GOGC") == "" {
		percent = debug.SetGCPercent(servingGCPercent)
	}
	if getenv("GOMEMLIMIT") == "" {
		limit = debug.SetMemoryLimit(max(cacheSize, 0) + memoryHeadroom)
	}
	return func() {
		if percent != -2 {
			debug.SetGCPercent(percent)
		}
		if limit >= 0 {
			debug.SetMemoryLimit(limit)
		}
	}
}
