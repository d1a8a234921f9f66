package fetch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
)

// TestFetchGuard: with a guard, an upstream's feed on a configured local
// host is read, but neither an enclosure on another local server nor a
// redirect to it makes the worker connect there; a configured host is
// reached, redirects within it too.
func TestFetchGuard(t *testing.T) {
	var internal atomic.Int64
	inside := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internal.Add(1)
		w.Write([]byte("secret"))
	}))
	defer inside.Close()
	up := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/away":
			http.Redirect(w, r, inside.URL+"/latest/meta-data/2026-12-02.txt", http.StatusFound)
		case "/here":
			http.Redirect(w, r, "/file.txt", http.StatusFound)
		default:
			w.Write([]byte("issue"))
		}
	}))
	defer up.Close()
	configured, err := fetch.HostPort(up.URL + "/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	f := &fetch.Fetcher{AllowedPrivate: func(hp string) bool { return hp == configured }}
	ctx := context.Background()
	for _, u := range []string{inside.URL + "/admin/2026-12-01.txt", up.URL + "/away"} {
		_, err := f.Fetch(ctx, u, bulletinfeed.RemoteFile{})
		if err == nil || !strings.Contains(err.Error(), "not a public address") {
			t.Errorf("%s: %v, want a refusal", u, err)
		}
	}
	if n := internal.Load(); n != 0 {
		t.Errorf("the internal server was asked %d times", n)
	}
	for _, u := range []string{up.URL + "/file.txt", up.URL + "/here"} {
		got, err := f.Fetch(ctx, u, bulletinfeed.RemoteFile{})
		if err != nil || string(got.Body) != "issue" {
			t.Errorf("%s: %v", u, err)
		}
	}
}

func TestHostPort(t *testing.T) {
	for u, want := range map[string]string{
		"https://example.org/feed.xml":     "example.org:443",
		"http://example.org/x":             "example.org:80",
		"http://10.0.0.5:8080/list.html":   "10.0.0.5:8080",
		"https://[2001:db8::1]/bulletin/":  "[2001:db8::1]:443",
		"HTTPS://Example.org:443/feed.xml": "example.org:443",
	} {
		if got, err := fetch.HostPort(u); err != nil || got != want {
			t.Errorf("HostPort(%q) = %q, %v; want %q", u, got, err, want)
		}
	}
	if _, err := fetch.HostPort("ftp://example.org/x"); err == nil {
		t.Error("ftp accepted")
	}
}
