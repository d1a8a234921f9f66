package config

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// normalizeBaseURL checks s with checkBaseURL and returns it with its
// scheme and host in lower case, as URLs compare: feed GUIDs are built
// from it, and two spellings of one site must not give two sets of GUIDs.
func normalizeBaseURL(s string) (string, error) {
	if err := checkBaseURL(s); err != nil {
		return "", err
	}
	u, _ := url.Parse(s)
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	return u.String(), nil
}

// checkBaseURL accepts an absolute http(s) URL with a host, and an
// optional path under which the site lives; feed GUIDs are built from it,
// so a wrong one is refused rather than guessed at.
func checkBaseURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL: %v", s, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q: want an absolute http:// or https:// URL, such as https://news.example.org/", s)
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("%q: the URL has no host", s)
	case u.User != nil:
		return fmt.Errorf("%q: a base URL may not hold a user or password", s)
	case strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f }):
		return fmt.Errorf("%q: a base URL may not hold spaces or control characters (write a space as %%20)", s)
	case u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#"):
		return fmt.Errorf("%q: a base URL has no query or fragment", s)
	}
	return nil
}

// checkSourceURL accepts the absolute http(s) URL of an upstream source.
func checkSourceURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return fmt.Errorf("%q is not a URL: %v", s, err)
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q: want an absolute http:// or https:// URL", s)
	case u.Host == "":
		return fmt.Errorf("%q: the URL has no host", s)
	case u.User != nil:
		// The URL is the source's name in logs, metrics and /healthz.
		return fmt.Errorf("%q: a user name or password in the URL would show in logs, metrics and /healthz; sources must be readable without them", u.Redacted())
	}
	return nil
}

// BaseURLFromAddr is the base URL that serve assumes when none is
// configured: the address it listens on, with localhost for a wildcard
// host. It is right for a trial on one's own machine and wrong behind any
// proxy, which is why serve warns when it uses it.
func BaseURLFromAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("address %q: want host:port or :port", addr)
	}
	if port == "0" {
		return "", fmt.Errorf("address %q has no fixed port to build a base URL from: give --base-url", addr)
	}
	if ip := net.ParseIP(host); host == "" || ip != nil && ip.IsUnspecified() {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port), nil
}

// LocalBaseURL reports whether the base URL s names this machine: a
// loopback or unspecified address, or localhost. It returns the host.
func LocalBaseURL(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return host, true
	}
	if ip, err := netip.ParseAddr(host); err == nil && (ip.IsLoopback() || ip.IsUnspecified()) {
		return host, true
	}
	return host, false
}
