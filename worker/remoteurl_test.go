package worker_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
	"github.com/bulletinfeed/bulletinfeed/internal/fetchtest"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

func newURLSource(url string, st *remoteStore, s *fetchtest.Sleeps) *worker.URLSource {
	return &worker.URLSource{Remote: worker.Remote{URL: url, PublicationID: "parish", Store: st, Fetcher: fetchtest.NewFetcher(s)}}
}

// TestURLSource: one issue file at a URL is published, left alone while
// it answers 304, and revised when it changes.
func TestURLSource(t *testing.T) {
	up := newUpstream(t)
	hexi := readFile(t, hexiPath)
	up.put("/hexi-2023-04.txt", "text/plain", hexi)
	st := newRemoteStore(t)
	src := newURLSource(up.URL+"/hexi-2023-04.txt", st, &fetchtest.Sleeps{})
	if src.ID() != "url:"+up.URL+"/hexi-2023-04.txt" {
		t.Errorf("ID %q", src.ID())
	}
	if res := remotePass(t, src); res.Published != 1 {
		t.Fatalf("first pass: %+v", res)
	}
	before := st.issue(t, "hexi-2023-04")
	if res := remotePass(t, src); res.Published != 0 || res.NotModified != 1 {
		t.Errorf("second pass: %+v", res)
	}
	// A correction with another date in its header is still a revision
	// of the issue the URL was published as.
	changed := append([]byte("Date: 2023-04-15\n\n"), bytes.Replace(hexi, []byte(hexiParagraph), []byte("水清、岸绿、河畅、景美，游人如织。"), 1)...)
	up.put("/hexi-2023-04.txt", "text/plain", changed)
	if res := remotePass(t, src); res.Published != 1 {
		t.Fatalf("after the correction: %+v", res)
	}
	after := st.issue(t, "hexi-2023-04")
	if articleIDs(after) != articleIDs(before) || !strings.Contains(articleText(after), "游人如织") || after.Date.Equal(before.Date) {
		t.Errorf("revised issue: ids %s, want %s; dated %v", articleIDs(after), articleIDs(before), after.Date)
	}
}

// TestURLSourceRetryAfter: a short Retry-After is waited and the file
// published; a long one fails the pass with the time to wait until, and
// nothing is published.
func TestURLSourceRetryAfter(t *testing.T) {
	hexi := readFile(t, hexiPath)
	serve := func(w http.ResponseWriter, r *http.Request) { w.Write(hexi) }
	for _, code := range []int{http.StatusServiceUnavailable, http.StatusTooManyRequests} {
		t.Run(fmt.Sprint(code), func(t *testing.T) {
			srv := httptest.NewServer(&fetchtest.Answers{Steps: []http.HandlerFunc{fetchtest.Status(code, "Retry-After", "1"), serve}})
			defer srv.Close()
			st := newRemoteStore(t)
			var s fetchtest.Sleeps
			if res := remotePass(t, newURLSource(srv.URL+"/hexi-2023-04.txt", st, &s)); res.Published != 1 {
				t.Errorf("short wait: %+v", res)
			}
			if w := s.All(); len(w) != 1 || w[0] != time.Second {
				t.Errorf("waits %v, want [1s]", w)
			}

			srv = httptest.NewServer(&fetchtest.Answers{Steps: []http.HandlerFunc{fetchtest.Status(code, "Retry-After", "3600"), serve}})
			defer srv.Close()
			st = newRemoteStore(t)
			src := newURLSource(srv.URL+"/hexi-2023-04.txt", st, &s)
			res, err := src.Pass(context.Background())
			var later *fetch.RetryAfterError
			if !errors.As(err, &later) || !later.RetryAfter.Equal(fetchtest.Now.Add(time.Hour)) {
				t.Fatalf("long wait: %v", err)
			}
			if res.Published != 0 || st.ingested() != 0 || !strings.Contains(err.Error(), src.ID()) || strings.Contains(err.Error(), "\n") {
				t.Errorf("long wait: %+v, %d ingests, error %q", res, st.ingested(), err)
			}
		})
	}
}

// TestURLSourceFails: a file that cannot be fetched or published fails
// the pass, naming the source and the reason.
func TestURLSourceFails(t *testing.T) {
	mux := http.NewServeMux()
	mux.Handle("/ftp.txt", http.RedirectHandler("ftp://files.example.org/hexi-2023-04.txt", http.StatusFound))
	mux.HandleFunc("/big-2024-01.txt", func(w http.ResponseWriter, r *http.Request) { w.Write(bytes.Repeat([]byte("大"), 1000)) })
	mux.HandleFunc("/empty-2024-01.txt", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("\n")) })
	srv := httptest.NewServer(mux)
	defer srv.Close()
	cases := []struct {
		path string
		kind bulletinfeed.Kind
		want string
	}{
		{"/ftp.txt", bulletinfeed.Invalid, "redirect to ftp://files.example.org/hexi-2023-04.txt refused"},
		{"/big-2024-01.txt", bulletinfeed.Invalid, "larger than the limit of 1000 bytes"},
		{"/missing.txt", bulletinfeed.NotFound, "404 Not Found"},
		{"/empty-2024-01.txt", bulletinfeed.Invalid, "empty file"},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			st := newRemoteStore(t)
			src := newURLSource(srv.URL+tc.path, st, &fetchtest.Sleeps{})
			src.Fetcher.MaxBytes = 1000
			res, err := src.Pass(context.Background())
			if bulletinfeed.KindOf(err) != tc.kind || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), src.ID()) || res.Failed != 1 || st.ingested() != 0 {
				t.Errorf("got %+v, %v (%s); want %s with %q", res, err, bulletinfeed.KindOf(err), tc.kind, tc.want)
			}
			// The pass fails again; bytes that failed are not parsed
			// again while they are the same.
			res, err = src.Pass(context.Background())
			if err == nil || res.Failed != 1 {
				t.Errorf("second pass: %+v, %v", res, err)
			}
			if f, ok := st.remembered(src.ID(), src.URL); ok != (tc.path == "/empty-2024-01.txt") || f.IssueKey != "" {
				t.Errorf("remembered: %v %+v", ok, f)
			}
			if tc.path == "/empty-2024-01.txt" && !strings.Contains(err.Error(), "unchanged since it failed") {
				t.Errorf("second pass: %v", err)
			}
		})
	}
}
