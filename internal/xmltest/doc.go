// Package xmltest checks XML as the strictest reader would, for the tests
// of feed and of the command: gofeed forgives what a stricter reader
// rejects. It imports nothing of ours.
package xmltest
