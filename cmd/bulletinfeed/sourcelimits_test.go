package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// A source's private host is that source's to reach, not every source's:
// a feed on one intranet host whose entry points at another source's
// intranet host must not fetch it. Both hosts are loopback here, which
// the guard treats as private.
func TestSourceReachesOnlyItsOwnPrivateHost(t *testing.T) {
	var secretAsked atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/payroll.txt" {
			secretAsked.Add(1)
		}
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("Date: 2023-07-08\n\nParish News\n\nStaff payroll\n\nBy Jane Doe\n\nSalaries for July, not for publication.\n"))
	}))
	defer other.Close()
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write([]byte(`<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Parish</title><id>urn:p</id><updated>2023-07-08T00:00:00Z</updated>
<entry><title>July</title><id>urn:p:7</id><updated>2023-07-08T00:00:00Z</updated>
<link rel="enclosure" type="text/plain" href="` + other.URL + `/payroll.txt"/></entry></feed>`))
	}))
	defer feed.Close()
	dir := t.TempDir()
	conf := filepath.Join(dir, "bulletinfeed.toml")
	os.WriteFile(conf, []byte(`[[publication]]
id = "parish"
sections = ["Parish News"]
[[publication.sources]]
kind = "feed"
url = "`+feed.URL+`/bulletin.atom"
[[publication]]
id = "office"
[[publication.sources]]
kind = "url"
url = "`+other.URL+`/notices.txt"
`), 0o644)
	code, out, errs := runCmd(t, "run-once", "--config", conf)
	if secretAsked.Load() != 0 {
		t.Errorf("the parish feed's entry fetched the office source's private host")
	}
	if code != exitFail || !strings.Contains(errs, "payroll.txt") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
}

// An issue file may be at most max_size however it arrives: an endless
// body is cut there, not read to the fetcher's own limit.
func TestRemoteIssueFileReadUpToMaxSize(t *testing.T) {
	var sent atomic.Int64
	endless := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		chunk := []byte(strings.Repeat("河西区社区通讯 ", 1000))
		for range 4000 { // about 88 MB unless the reader stops
			n, err := w.Write(chunk)
			sent.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	defer endless.Close()
	dir := t.TempDir()
	conf := filepath.Join(dir, "bulletinfeed.toml")
	os.WriteFile(conf, []byte(`max_size = "1M"
[[publication]]
id = "news"
[[publication.sources]]
kind = "url"
url = "`+endless.URL+`/latest.txt"
`), 0o644)
	code, _, errs := runCmd(t, "run-once", "--config", conf)
	if code != exitFail || !strings.Contains(errs, "larger than the limit of 1048576 bytes") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if n := sent.Load(); n > 16<<20 {
		t.Errorf("the server could send %d bytes before the fetch stopped", n)
	}
}
