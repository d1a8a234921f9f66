package fetch

import "net/netip"

// nonPublic are the networks, besides those netip classifies (loopback,
// private, link-local, multicast, unspecified), that a connection made on
// someone else's word (a WebSub callback, a link in an upstream feed) may
// not reach: they lead into the operator's own networks or nowhere.
var nonPublic = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and broadcast
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64, which maps to any IPv4 address
	netip.MustParsePrefix("64:ff9b:1::/48"), // local-use NAT64
	netip.MustParsePrefix("2002::/16"),      // 6to4, likewise
	netip.MustParsePrefix("100::/64"),       // discard
	netip.MustParsePrefix("2001:db8::/32"),  // documentation
	netip.MustParsePrefix("fec0::/10"),      // site-local, deprecated but routed by some
	netip.MustParsePrefix("2001::/32"),      // Teredo, which tunnels to any IPv4 address
	netip.MustParsePrefix("2001:10::/28"),   // ORCHID
	netip.MustParsePrefix("2001:20::/28"),   // ORCHIDv2
	netip.MustParsePrefix("ff00::/8"),       // multicast, also caught by IsMulticast
	netip.MustParsePrefix("::/128"),         // unspecified
	netip.MustParsePrefix("::/96"),          // IPv4-compatible (deprecated): [::127.0.0.1] reaches loopback on some stacks
	netip.MustParsePrefix("255.255.255.255/32"),
}

// PublicAddr reports whether a is an address on the public internet,
// which a connection made on someone else's word may reach.
func PublicAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return false
	}
	for _, p := range nonPublic {
		if p.Contains(a) {
			return false
		}
	}
	return true
}
