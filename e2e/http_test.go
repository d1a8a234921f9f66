//go:build e2e

package e2e

import (
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// client talks to the servers directly: no proxy from the environment, a
// new connection per request (servers are killed and restarted under it),
// and bodies as sent (identity, so ETags are the plain ones).
var client = &http.Client{
	Timeout: 10 * time.Second,
	Transport: &http.Transport{
		Proxy:              nil,
		DisableKeepAlives:  true,
		DisableCompression: true,
	},
}

// response is what a GET got.
type response struct {
	status int
	header http.Header
	body   string
}

func (r *response) String() string {
	if r == nil {
		return "no response"
	}
	return fmt.Sprintf("%d (Retry-After %q, Content-Type %q) %q", r.status, r.header.Get("Retry-After"), r.header.Get("Content-Type"), clip(r.body, 200))
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// get fetches url; headers come as name, value pairs.
func (h *harness) get(url string, headers ...string) (*response, error) {
	ctx, cancel := context.WithTimeout(h.ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("GET %s: reading body: %w", url, err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: string(b)}, nil
}

// freePort returns a loopback TCP port nothing listens on now.
func (h *harness) freePort() int {
	h.t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		h.t.Fatalf("free port: %v", err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// server is a running `bulletinfeed serve`.
type server struct {
	*proc
	base string // http://127.0.0.1:PORT
}

// startServe starts serve on db on a free loopback port and waits until it
// answers HTTP (any status: a first render may still be running). The test
// fails if it exits instead.
func (h *harness) startServe(name, db string, extra ...string) *server {
	h.t.Helper()
	port := h.freePort()
	base := "http://127.0.0.1:" + strconv.Itoa(port)
	args := append([]string{"serve", "--db", db, "--addr", "127.0.0.1:" + strconv.Itoa(port), "--base-url", base}, extra...)
	s := &server{proc: h.start(name, args...), base: base}
	took, ok, detail := h.eventually(30*time.Second, 100*time.Millisecond, func() (bool, string) {
		if s.exited() {
			return true, ""
		}
		r, err := h.get(base + "/healthz")
		if err != nil {
			return false, err.Error()
		}
		return true, r.String()
	})
	if s.exited() {
		h.t.Fatalf("%s: exited before answering HTTP: %s\n--- stderr:\n%s", name, s.describe(), tail(s.stderr.String(), 30))
	}
	if !ok {
		h.t.Fatalf("%s: no HTTP answer on %s within %v: %s", name, base, took.Round(time.Millisecond), detail)
	}
	h.t.Logf("%s: pid %d listening on %s after %v; /healthz: %s", name, s.pid(), base, took.Round(time.Millisecond), detail)
	return s
}

// waitHealthy waits until /healthz answers 200.
func (h *harness) waitHealthy(s *server, timeout time.Duration) {
	h.t.Helper()
	took, ok, detail := h.eventually(timeout, 200*time.Millisecond, func() (bool, string) {
		if s.exited() {
			return true, "exited"
		}
		r, err := h.get(s.base + "/healthz")
		if err != nil {
			return false, err.Error()
		}
		return r.status == http.StatusOK, r.String()
	})
	if s.exited() {
		h.t.Fatalf("%s exited: %s\n--- stderr:\n%s", s.name, s.describe(), tail(s.stderr.String(), 30))
	}
	if !ok {
		h.t.Fatalf("%s: /healthz not 200 within %v: %s", s.name, timeout, detail)
	}
	h.t.Logf("%s: healthy after %v", s.name, took.Round(time.Millisecond))
}

// feedETag fetches url, which must answer 200 with an ETag, and checks that
// a conditional GET with that ETag answers 304. It returns the response.
func (h *harness) feedETag(url string) (*response, error) {
	r, err := h.get(url)
	if err != nil {
		return nil, err
	}
	if r.status != http.StatusOK {
		return r, fmt.Errorf("GET %s: %s; want 200", url, r)
	}
	etag := r.header.Get("ETag")
	if etag == "" {
		return r, fmt.Errorf("GET %s: 200 without an ETag", url)
	}
	c, err := h.get(url, "If-None-Match", etag)
	if err != nil {
		return r, err
	}
	if c.status != http.StatusNotModified {
		return r, fmt.Errorf("GET %s with If-None-Match %s: %s; want 304", url, etag, c)
	}
	return r, nil
}

// hasTitle reports whether a feed lists an entry titled title.
func hasTitle(feed, title string) bool {
	return strings.Contains(feed, ">"+title+"</title>")
}

// healthFault checks an unhealthy /healthz answer against the contract: 503,
// Retry-After, text/plain, one line per fault; want, if not empty, is the
// prefix one of the lines must have ("store:").
func healthFault(r *response, want string) error {
	var problems []string
	if r.status != http.StatusServiceUnavailable {
		problems = append(problems, fmt.Sprintf("status %d, want 503", r.status))
	}
	if r.header.Get("Retry-After") == "" {
		problems = append(problems, "no Retry-After header")
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		problems = append(problems, fmt.Sprintf("Content-Type %q, want text/plain", ct))
	}
	if want != "" {
		found := false
		for line := range strings.Lines(r.body) {
			if strings.HasPrefix(line, want) {
				found = true
			}
		}
		if !found {
			problems = append(problems, fmt.Sprintf("no line starting %q in the body", want))
		}
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %s", strings.Join(problems, "; "), r)
	}
	return nil
}

// opmlFeeds returns the xmlUrl of every outline of an OPML document.
func opmlFeeds(doc string) ([]string, error) {
	type outline struct {
		XMLURL   string    `xml:"xmlUrl,attr"`
		Outlines []outline `xml:"outline"`
	}
	var o struct {
		Body struct {
			Outlines []outline `xml:"outline"`
		} `xml:"body"`
	}
	if err := xml.Unmarshal([]byte(doc), &o); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var urls []string
	var walk func([]outline)
	walk = func(xs []outline) {
		for _, x := range xs {
			if x.XMLURL != "" && !seen[x.XMLURL] {
				seen[x.XMLURL] = true
				urls = append(urls, x.XMLURL)
			}
			walk(x.Outlines)
		}
	}
	walk(o.Body.Outlines)
	return urls, nil
}

var checkFeedOnce struct {
	sync.Once
	path string
	err  error
}

// checkFeedTool returns the check-feed command, installing it as
// scripts/check-feeds.sh does when it is not on PATH (CI installs it before
// the tests). Call it before newHarness: an install takes minutes that are
// not the test's.
func checkFeedTool(t *testing.T) string {
	t.Helper()
	checkFeedOnce.Do(func() {
		if p, err := exec.LookPath("check-feed"); err == nil {
			checkFeedOnce.path = p
			return
		}
		install := filepath.Join(repoRoot, "..", "shared", "tools", "check-feed", "install.sh")
		t.Logf("check-feed is not on PATH: running %s --no-bench", install)
		ctx, cancel := context.WithTimeout(t.Context(), 8*time.Minute)
		defer cancel()
		start := time.Now()
		out, err := exec.CommandContext(ctx, "bash", install, "--no-bench").CombinedOutput()
		if err != nil {
			checkFeedOnce.err = fmt.Errorf("%s --no-bench: %v\n%s", install, err, tail(string(out), 30))
			return
		}
		t.Logf("installed check-feed in %v", time.Since(start).Round(time.Second))
		for _, p := range []string{"check-feed", "/usr/local/bin/check-feed"} {
			if p, err := exec.LookPath(p); err == nil {
				checkFeedOnce.path = p
				return
			}
		}
		checkFeedOnce.err = fmt.Errorf("check-feed still not found after %s", install)
	})
	if checkFeedOnce.err != nil {
		t.Fatal(checkFeedOnce.err)
	}
	return checkFeedOnce.path
}

// checkFeeds runs check-feed --skip w3c on every url, two at a time, with
// the format taken from the extension; it returns one message per failure.
func (h *harness) checkFeeds(tool string, urls []string) (failures []string) {
	h.t.Helper()
	var mu sync.Mutex
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for _, u := range urls {
		kind := strings.TrimPrefix(path.Ext(u), ".")
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			ctx, cancel := context.WithTimeout(h.ctx, 4*time.Minute)
			defer cancel()
			start := time.Now()
			cmd := exec.CommandContext(ctx, tool, "--skip", "w3c", u, kind)
			cmd.Env = os.Environ()
			out, err := cmd.CombinedOutput()
			lines := strings.Split(strings.TrimRight(string(out), "\n"), "\n")
			summary := lines[len(lines)-1]
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				var bad []string
				for _, l := range lines {
					if !strings.HasPrefix(l, "ok ") && !strings.HasPrefix(l, "skip ") {
						bad = append(bad, "    "+l)
					}
				}
				failures = append(failures, fmt.Sprintf("check-feed %s %s: %v\n%s", u, kind, err, strings.Join(bad, "\n")))
				return
			}
			h.t.Logf("check-feed %s %s: %s (%v)", u, kind, summary, time.Since(start).Round(time.Millisecond))
		}()
	}
	wg.Wait()
	return failures
}
