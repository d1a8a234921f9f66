package websub_test

import (
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// Refused requests (a topic this server does not have, a callback that is
// not a URL) cost the hub's global allowance nothing: a stream of them no
// longer makes the next valid request 429.
func TestRefusedRequestsDoNotUseTheGlobalRate(t *testing.T) {
	cfg := testConfig()
	cfg.RateGlobal, cfg.RatePerClient = 3, 1000
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), cfg)
	sub := newSubscriber(t)
	for i := range 30 {
		form := subscribeForm("https://elsewhere.example/feed.atom", sub.URL+"/x", "")
		if i%2 == 1 {
			form = subscribeForm(topicAll, "gopher://nowhere", "")
		}
		if code, body := request(t, r.url, form); code != http.StatusBadRequest {
			t.Fatalf("refused request %d: %d %s", i, code, body)
		}
	}
	if code, body := request(t, r.url, subscribeForm(topicAll, sub.URL+"/good", "")); code != http.StatusAccepted {
		t.Errorf("a valid request after 30 refused ones: %d %s", code, body)
	}
}

// One client address has an allowance of its own, charged by every
// request it sends, valid or not.
func TestRequestsLimitedPerClientAddress(t *testing.T) {
	cfg := testConfig()
	cfg.RatePerClient = 3
	r := newRig(t, filepath.Join(t.TempDir(), "hub.db"), cfg)
	sub := newSubscriber(t)
	for i := range 3 {
		if code, _ := request(t, r.url, subscribeForm("https://elsewhere.example/feed.atom", sub.URL+"/x", "")); code != http.StatusBadRequest {
			t.Fatalf("request %d: %d", i, code)
		}
	}
	code, body := request(t, r.url, subscribeForm(topicAll, sub.URL+"/good", ""))
	if code != http.StatusTooManyRequests || !strings.Contains(strings.ToLower(body), "too many") {
		t.Errorf("the fourth request of a minute from one address: %d %s", code, body)
	}
}
