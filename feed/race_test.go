//go:build race

package feed_test

// raceDetector says whether the tests run with the race detector, which
// makes the SQLite driver (C translated to Go) many times slower: the
// long single-goroutine tests run fewer rounds under it.
const raceDetector = true
