package fetch

import (
	"context"
	"errors"
	"net"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// GuardedDial refuses a non-public address, by name or by number, unless
// the host and port are allowed; then it connects.
func TestGuardedDial(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			c.Close()
		}
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	d := &net.Dialer{Timeout: 2 * time.Second}
	ctx := context.Background()
	for _, addr := range []string{"127.0.0.1:" + port, "localhost:" + port} {
		if _, err := GuardedDial(d, nil)(ctx, "tcp", addr); !errors.Is(err, ErrPrivateAddr) || bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
			t.Errorf("%s with nothing allowed: %v", addr, err)
		}
	}
	allowed := func(hp string) bool { return hp == "localhost:"+port }
	c, err := GuardedDial(d, allowed)(ctx, "tcp", "localhost:"+port)
	if err != nil {
		t.Fatalf("an allowed host: %v", err)
	}
	c.Close()
	if _, err := GuardedDial(d, allowed)(ctx, "tcp", "127.0.0.1:"+port); !errors.Is(err, ErrPrivateAddr) {
		t.Errorf("the allowed host's address under another name: %v", err)
	}
}
