package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// healthServer answers /healthz with status and body, and 404 elsewhere.
func healthServer(t *testing.T, status int, body string) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/healthz" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if status != http.StatusOK {
			w.Header().Set("Retry-After", "5")
		}
		w.WriteHeader(status)
		fmt.Fprint(w, body)
	}))
	t.Cleanup(ts.Close)
	return ts
}

// closedPort returns a loopback address nothing listens on.
func closedPort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestHealthcheck(t *testing.T) {
	ok := healthServer(t, http.StatusOK, "ok\n")
	down := healthServer(t, http.StatusServiceUnavailable, "\nstore: database is locked\r\nno site rendered yet\n")
	empty := healthServer(t, http.StatusInternalServerError, "")
	closed := "http://" + closedPort(t) + "/healthz"
	cases := []struct {
		name     string
		url      string
		code     int
		contains []string // in stderr
	}{
		{"200", ok.URL + "/healthz", exitOK, nil},
		{"503 says the first line", down.URL + "/healthz", exitFail,
			[]string{down.URL + "/healthz", "503 Service Unavailable: store: database is locked\n"}},
		{"500 without a body", empty.URL + "/healthz", exitFail, []string{"500 Internal Server Error\n"}},
		{"404", ok.URL + "/nothing", exitFail, []string{"404 Not Found: 404 page not found\n"}},
		{"closed port", closed, exitFail, []string{closed, "connection refused"}},
		{"not a URL", "127.0.0.1:8080/healthz", exitUsage, []string{"--url"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCmd(t, "healthcheck", "--url", tc.url)
			if code != tc.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tc.code, errs)
			}
			if want := "healthcheck: GET " + tc.url + ": 200 OK\n"; tc.code == exitOK && out != want {
				t.Errorf("stdout %q, want %q", out, want)
			}
			if tc.code != exitOK && out != "" {
				t.Errorf("stdout %q, want nothing", out)
			}
			if tc.code == exitOK && errs != "" {
				t.Errorf("stderr %q, want nothing", errs)
			}
			if tc.code != exitOK && strings.Count(errs, "\n") != 1 {
				t.Errorf("stderr %q, want one line", errs)
			}
			for _, s := range tc.contains {
				if !strings.Contains(errs, s) {
					t.Errorf("stderr %q does not contain %q", errs, s)
				}
			}
		})
	}
}

// TestHealthcheckFromAddr checks that without --url the command asks the
// port of the addr setting on loopback.
func TestHealthcheckFromAddr(t *testing.T) {
	ts := healthServer(t, http.StatusOK, "ok\n")
	_, port, err := net.SplitHostPort(strings.TrimPrefix(ts.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	getenv := func(k string) string {
		if k == "BULLETINFEED_ADDR" {
			return ":" + port
		}
		return ""
	}
	var out, errb bytes.Buffer
	if code := run(context.Background(), []string{"healthcheck"}, strings.NewReader(""), &out, &errb, getenv); code != exitOK {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

func TestHealthcheckDefaultURL(t *testing.T) {
	cases := []struct {
		addr, want string
	}{
		{":8080", "http://127.0.0.1:8080/healthz"},
		{"0.0.0.0:8080", "http://127.0.0.1:8080/healthz"},
		{"127.0.0.1:9000", "http://127.0.0.1:9000/healthz"},
		{"localhost:8080", "http://localhost:8080/healthz"},
		{"[::]:8080", "http://[::1]:8080/healthz"},
		{"[::1]:8080", "http://[::1]:8080/healthz"},
		{"8080", ""},
		{":0", ""},
	}
	for _, tc := range cases {
		t.Run(tc.addr, func(t *testing.T) {
			got, err := healthURL(tc.addr)
			if tc.want == "" {
				if err == nil {
					t.Errorf("got %q, want an error", got)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestHealthcheckUsage(t *testing.T) {
	code, out, errs := runCmd(t, "healthcheck", "--help")
	if code != exitOK || !strings.Contains(out, "healthcheck [--url URL]") || !strings.Contains(out, "-url") {
		t.Errorf("--help: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if code, _, errs := runCmd(t, "healthcheck", "extra"); code != exitUsage {
		t.Errorf("extra argument: exit %d, want %d: %s", code, exitUsage, errs)
	}
}

// TestHealthcheckTimeout checks that a server that accepts but never
// answers fails the check within the timeout rather than hanging.
func TestHealthcheckTimeout(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the timeout")
	}
	t.Parallel()
	block := make(chan struct{})
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	defer ts.Close()
	defer close(block)
	start := time.Now()
	code, _, errs := runCmd(t, "healthcheck", "--url", ts.URL+"/healthz")
	if code != exitFail || !strings.Contains(errs, "no answer within") {
		t.Errorf("exit %d, stderr %q; want 1 and the timeout", code, errs)
	}
	if d := time.Since(start); d > healthcheckTimeout+3*time.Second {
		t.Errorf("took %v", d)
	}
}
