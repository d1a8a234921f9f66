package fetch

import (
	"net/netip"
	"testing"
)

// The forms of an address that lead into the operator's own networks under
// another spelling are not public. websub's TestPublicAddr has the plain
// forms.
func TestPublicAddrOtherSpellings(t *testing.T) {
	for _, c := range []struct {
		addr   string
		public bool
	}{
		{"::127.0.0.1", false}, {"::10.0.0.1", false}, {"::8.8.8.8", false}, {"::1", false},
		{"::ffff:10.1.2.3", false}, {"2002:7f00:1::", false}, {"2001:0:4136:e378::", false},
		{"2606:4700::1111", true}, {"1.1.1.1", true},
	} {
		if got := PublicAddr(netip.MustParseAddr(c.addr)); got != c.public {
			t.Errorf("PublicAddr(%s) = %v, want %v", c.addr, got, c.public)
		}
	}
}
