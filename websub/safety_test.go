package websub

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/fetch"
)

// TestDialGuard: the client of callbacks refuses to connect to a
// non-public address whatever the URL said, as after a DNS rebinding,
// and does not follow redirects.
func TestDialGuard(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	cfg := Config{}.withDefaults()
	_, err := newClient(cfg, true).Get(srv.URL)
	if !errors.Is(err, fetch.ErrPrivateAddr) {
		t.Errorf("guarded client on 127.0.0.1: %v, want it refused", err)
	}
	cfg.AllowPrivateCallbacks = true
	resp, err := newClient(cfg, true).Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		t.Errorf("status %d: the redirect was followed", resp.StatusCode)
	}
}

func TestPublicAddr(t *testing.T) {
	for _, c := range []struct {
		addr   string
		public bool
	}{
		{"203.0.113.9", true}, {"2606:4700::1111", true}, {"8.8.8.8", true},
		{"127.0.0.1", false}, {"::1", false}, {"10.0.0.1", false}, {"172.16.5.4", false}, {"192.168.1.1", false},
		{"169.254.169.254", false}, {"fe80::1", false}, {"224.0.0.1", false}, {"ff02::1", false}, {"0.0.0.0", false},
		{"100.64.0.1", false}, {"fc00::1", false}, {"::ffff:127.0.0.1", false}, {"64:ff9b::a00:1", false}, {"255.255.255.255", false},
	} {
		if got := fetch.PublicAddr(netip.MustParseAddr(c.addr)); got != c.public {
			t.Errorf("PublicAddr(%s) = %v, want %v", c.addr, got, c.public)
		}
	}
}
