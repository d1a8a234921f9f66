// Package e2e tests bulletinfeed as its users run it: the built program
// as processes on loopback, killed at random moments, with a PostgreSQL
// of the test's own stopped and started, a store on a tmpfs that fills,
// hanging WebSub subscribers and slow PDFs, and the editors' console
// driven in a headless chromium through chromedp. Its tests build with
// the e2e tag and run from .ci/run:
//
//	go test -tags e2e -count=1 ./e2e
//
// It imports no package of the project: it sees the program from outside.
package e2e
