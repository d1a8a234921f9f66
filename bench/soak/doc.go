// Command soak is the load generator of bench/soak.sh: it writes the issue
// files the soak test ingests, and it drives a population of feed readers
// against a running `bulletinfeed serve`.
//
//	go build -o soak ./bench/soak
//	soak gen -n 104 -out DIR TEMPLATE...
//	soak load -base http://127.0.0.1:8080 [-pollers 500] [-duration 60s] [-think 100ms] [-summary FILE]
//	soak hooks -base URL -topic FEED [-hanging 300] -ready FILE -arrivals FILE
//
// gen writes DIR/soak-0001.txt … from the templates in turn. Each copy
// starts with header lines of its own (Issue: soak-0001, Date: one week
// after the previous copy's) and has a sentence of its own appended to the
// first paragraph, so that every file is a distinct issue with distinct
// text.
//
// load reads the feeds from /feeds.opml and the section pages from the
// index page, then runs pollers until the duration is up. Each poller
// loops: sleep a random think time, GET a random URL of the mix (/, the
// section pages and every feed in every format) with or without
// Accept-Encoding: gzip (half the pollers each, on a Transport with
// DisableCompression so the header is the poller's own), and send back the
// ETag and Last-Modified it last got for that URL as If-None-Match and
// If-Modified-Since. So the server sees 200s for new and changed resources
// and 304s for the rest, as from real feed readers. load prints the request
// rate, the counts by status, the errors (transport errors and 5xx) and the
// latency percentiles, from request start to the last body byte; it exits
// 1 if there was any error or 5xx. With -summary it also writes the figures
// as KEY=VALUE lines for the script.
package main
