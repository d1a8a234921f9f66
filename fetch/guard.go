package fetch

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// A feed or a list page names the URLs the worker then asks for, and a
// server answers with redirects: either could point the worker at the
// machines beside it (a cloud's metadata service at 169.254.169.254, an
// admin interface on localhost), and the failure reasons on /healthz
// would tell what answered. With a guard, every connection is checked at
// dial time, after the name is resolved (so that a name that resolves to
// a private address, or changes to one, is caught too): a non-public
// address is refused unless its host and port are those of a configured
// source, which the operator chose.

// HostPort returns the host and port a URL connects to ("example.org:443"),
// as the guard compares them.
func HostPort(u string) (string, error) {
	parsed, err := url.Parse(u)
	if err != nil {
		return "", err
	}
	if parsed.Scheme != "http" && parsed.Scheme != "https" {
		return "", fmt.Errorf("%s: only http and https URLs are fetched", parsed.Redacted())
	}
	port := parsed.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[parsed.Scheme]
	}
	return net.JoinHostPort(strings.ToLower(parsed.Hostname()), port), nil
}

// guardedTransport returns a transport whose every connection is to a
// public address, or to a host and port that allowed accepts. It uses no
// proxy: a proxy would connect for it, unchecked.
func guardedTransport(allowed func(hostport string) bool) *http.Transport {
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.Proxy = nil
	t.DialContext = GuardedDial(dialer, allowed)
	return t
}
