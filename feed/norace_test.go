//go:build !race

package feed_test

// raceDetector: see race_test.go.
const raceDetector = false
