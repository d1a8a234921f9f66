package server

import (
	"net"
	"net/http"
	"net/netip"
)

// DefaultPrivateNetworks are the networks that may read /metrics and the
// details of /healthz when Config.PrivateNetworks is empty: this machine.
var DefaultPrivateNetworks = []netip.Prefix{
	netip.MustParsePrefix("127.0.0.0/8"),
	netip.MustParsePrefix("::1/128"),
}

// private reports whether r comes straight from one of the operator's
// networks. A request that carries a forwarding header came through a
// proxy, which on the same machine would make every visitor look local, so
// it is never private: put /metrics on its own address (MetricsAddr) to
// scrape it through a proxy.
func (s *Server) private(r *http.Request) bool {
	for _, h := range []string{"X-Forwarded-For", "Forwarded", "X-Real-Ip"} {
		if _, ok := r.Header[h]; ok {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return false
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return false
	}
	ip = ip.Unmap()
	for _, p := range s.cfg.PrivateNetworks {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}
