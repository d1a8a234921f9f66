package fetch

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// ErrPrivateAddr is the cause of a connection GuardedDial refused.
var ErrPrivateAddr = errors.New("not a public address")

// GuardedDial returns a DialContext that connects only to public addresses
// (PublicAddr), or to any address of a host and port that allowed accepts
// ("intranet.local:80"; nil accepts none). It resolves the name itself
// and dials the address it checked, so a name that resolves elsewhere
// after a check (DNS rebinding) reaches nothing inside. Every connection
// made on someone else's word goes through it: the worker's fetches of
// what an upstream feed names, and the WebSub hub's requests to
// subscribers' callbacks. A transport that uses it must use no proxy,
// which would connect for it unchecked.
func GuardedDial(d *net.Dialer, allowed func(hostport string) bool) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		ips, err := net.DefaultResolver.LookupNetIP(ctx, "ip", host)
		if err != nil {
			return nil, err
		}
		ok := allowed != nil && allowed(strings.ToLower(addr))
		var last error
		for _, ip := range ips {
			if !ok && !PublicAddr(ip) {
				last = &bulletinfeed.Error{Kind: bulletinfeed.Invalid, Message: fmt.Sprintf("%s resolves to %s", host, ip), Err: ErrPrivateAddr}
				continue
			}
			conn, err := d.DialContext(ctx, network, net.JoinHostPort(ip.String(), port))
			if err == nil {
				return conn, nil
			}
			last = err
		}
		if last == nil {
			last = fmt.Errorf("%s has no address", host)
		}
		return nil, last
	}
}
