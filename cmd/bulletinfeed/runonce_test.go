package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestRunOnce: run-once publishes what lies in each inbox, moves it, and
// what an upstream feed points at, and exits 1 with a summary when a file
// failed; a second run asks the feed conditionally and publishes only the
// inbox's new file.
func TestRunOnce(t *testing.T) {
	upstream := newUpstream(t, "Date: 2023-07-08\n\nParish News\n\nChoir returns to the chapel\n\nBy John Smith\n\nThe choir sang again on Sunday after the repairs to the organ loft.\n")
	dir := t.TempDir()
	conf := filepath.Join(dir, "bulletinfeed.toml")
	text := `[[publication]]
id = "parish"
title = "Parish"
lang = "en"
sections = ["Parish News"]

[[publication.sources]]
kind = "inbox"
path = "inbox"

[[publication.sources]]
kind = "feed"
url = "` + upstream.URL + `/bulletin.atom"
`
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	inbox := filepath.Join(dir, "inbox")
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	good := "Date: 2023-07-01\n\nParish News\n\nSummer fair raises funds\n\nBy Jane Doe\n\nThe fair on Saturday raised four hundred pounds for the roof appeal.\n"
	// later.txt is another issue: the same one under another name would
	// be a copy, not published again.
	later := strings.NewReplacer("2023-07-01", "2023-07-15", "Summer fair raises funds", "Harvest supper sold out", "fair on Saturday", "supper on Friday").Replace(good)
	for name, body := range map[string]string{"summer.txt": good, "bad.txt": "", "later.txt.part": later} {
		if err := os.WriteFile(filepath.Join(inbox, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runCmd(t, "run-once", "--config", conf, "--settle", "20ms")
	if code != exitFail || !strings.Contains(out, "2 sources, 2 published, 1 failed") || !strings.Contains(errs, "1 file failed") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	for _, p := range []string{"processed/summer_2023-07-01_summer.txt", "failed/bad.txt", "failed/bad.txt.error", "later.txt.part"} {
		if _, err := os.Stat(filepath.Join(inbox, p)); err != nil {
			t.Error(err)
		}
	}
	code, out, errs = runCmd(t, "issues", "--config", conf)
	if code != exitOK || !strings.Contains(out, "summer") || !strings.Contains(out, "2023-07-08") {
		t.Fatalf("issues: exit %d: %s%s", code, out, errs)
	}

	// Nothing new: a clean exit.
	if err := os.Rename(filepath.Join(inbox, "later.txt.part"), filepath.Join(inbox, "later.txt")); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCmd(t, "run-once", "--config", conf, "--settle", "20ms")
	if code != exitOK || !strings.Contains(out, "1 published, 0 failed") {
		t.Fatalf("second run: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if n := upstream.notModified.Load(); n < 1 {
		t.Errorf("the second run's requests got %d answers 304", n)
	}
}

// upstream is an office's website: an Atom feed at /bulletin.atom whose
// one entry encloses the issue at /issue.txt, both with entity tags.
type upstream struct {
	*httptest.Server
	issue       atomic.Pointer[string]
	notModified atomic.Int64
	fail        atomic.Bool // answer 500 to everything
	// onRequest and onIssue, when set before requests come, are told of
	// each request and of each 200 of the issue file.
	onRequest func(path string)
	onIssue   func()
}

func newUpstream(t *testing.T, issue string) *upstream {
	u := &upstream{}
	u.issue.Store(&issue)
	u.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u.onRequest != nil {
			u.onRequest(r.URL.Path)
		}
		if u.fail.Load() {
			http.Error(w, "database error", http.StatusInternalServerError)
			return
		}
		var body, ctype string
		switch r.URL.Path {
		case "/bulletin.atom":
			ctype = "application/atom+xml"
			body = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Parish bulletin</title><id>urn:parish</id><updated>2023-07-08T00:00:00Z</updated>
<entry><title>Bulletin of 8 July</title><id>urn:parish:2023-07-08</id><updated>2023-07-08T00:00:00Z</updated>
<link rel="enclosure" type="text/plain" href="/issue.txt"/></entry></feed>`
		case "/issue.txt":
			ctype, body = "text/plain; charset=utf-8", *u.issue.Load()
		default:
			http.NotFound(w, r)
			return
		}
		sum := sha256.Sum256([]byte(body))
		tag := `"` + hex.EncodeToString(sum[:8]) + `"`
		if r.Header.Get("If-None-Match") == tag {
			u.notModified.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if r.URL.Path == "/issue.txt" && u.onIssue != nil {
			u.onIssue()
		}
		w.Header().Set("ETag", tag)
		w.Header().Set("Content-Type", ctype)
		io.WriteString(w, body)
	}))
	t.Cleanup(u.Close)
	return u
}

// run-once that could not run a source, because another live process
// holds it, exits 1 and says so: exiting 0 having done nothing hid a
// lease a crashed process left.
func TestRunOnceSourceHeldElsewhereFails(t *testing.T) {
	up := newUpstream(t, "Date: 2023-07-08\n\nParish News\n\nChoir returns\n\nBy John Smith\n\nThe choir sang again on Sunday.\n")
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "x.db")
	conf := filepath.Join(dir, "bulletinfeed.toml")
	os.WriteFile(conf, []byte(`db = "`+dbPath+`"
[[publication]]
id = "parish"
sections = ["Parish News"]
[[publication.sources]]
kind = "url"
url = "`+up.URL+`/issue.txt"
`), 0o644)
	db, err := store.Open(context.Background(), dbPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	held, release, done := make(chan struct{}), make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		db.TryExclusive(context.Background(), "source:parish:url:"+up.URL+"/issue.txt", func(context.Context) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	code, out, errs := runCmd(t, "run-once", "--config", conf)
	close(release)
	<-done
	if code != exitFail || !strings.Contains(errs, "another process holds it") || !strings.Contains(out, "1 source failed") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, out, errs := runCmd(t, "run-once", "--config", conf); code != 0 {
		t.Errorf("once free: exit %d, %s%s", code, out, errs)
	}
}
