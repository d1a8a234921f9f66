package websub

import (
	"context"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
)

// parseCallback reads a callback and refuses anything but an absolute
// http(s) URL without credentials.
func parseCallback(raw string) (*url.URL, error) {
	if len(raw) > maxCallback {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.callback is longer than %d bytes", maxCallback)
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.callback must be an absolute URL")
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.callback must be an http or https URL, not %s", u.Scheme)
	}
	if u.User != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.callback must not carry a user name or password")
	}
	return u, nil
}

// checkAddrs refuses, unless private callbacks are allowed, a callback
// whose host is or resolves to an address that is not public. The dialer
// checks again at each connection (fetch.GuardedDial): the name
// may resolve elsewhere by then.
func (h *Hub) checkAddrs(ctx context.Context, u *url.URL) error {
	if h.cfg.AllowPrivateCallbacks {
		return nil
	}
	host := u.Hostname()
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		rctx, cancel := context.WithTimeout(ctx, h.cfg.Timeout)
		defer cancel()
		addrs, err = net.DefaultResolver.LookupNetIP(rctx, "ip", host)
		if err != nil || len(addrs) == 0 {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.callback: host %s does not resolve", host)
		}
	}
	for _, a := range addrs {
		if !fetch.PublicAddr(a) {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.callback: host %s resolves to %s, a loopback, private, link-local or multicast address, which this hub does not call", host, a)
		}
	}
	return nil
}

// newClient returns the client of requests to callbacks (guarded unless
// private ones are allowed) or, with guard false, to the outside hubs the
// operator configured. Neither follows redirects (a 3xx is a failure: a
// redirect could lead where the checks did not look) nor uses the
// environment's proxy, through which the dialer's check would see only
// the proxy.
func newClient(cfg Config, guard bool) *http.Client {
	d := &net.Dialer{Timeout: cfg.Timeout, KeepAlive: 30 * time.Second}
	dial := d.DialContext
	if guard && !cfg.AllowPrivateCallbacks {
		dial = fetch.GuardedDial(d, nil)
	}
	tr := &http.Transport{
		DialContext:           dial,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
		MaxIdleConnsPerHost:   8,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{
		Transport:     tr,
		Timeout:       cfg.Timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
