package cork

import (
	"bytes"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"testing"
)

// countingListener counts the writes to the connections it accepts.
type countingListener struct {
	net.Listener
	writes *atomic.Int64
}

func (l countingListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return countingConn{c, l.writes}, nil
}

type countingConn struct {
	net.Conn
	writes *atomic.Int64
}

func (c countingConn) Write(p []byte) (int, error) {
	c.writes.Add(1)
	return c.Conn.Write(p)
}

// TestCorkOneWrite checks that a long body leaves with its header in one
// write to the connection, and a keep-alive connection goes on serving.
func TestCorkOneWrite(t *testing.T) {
	body := bytes.Repeat([]byte("0123456789abcdef"), 700) // 11,200 bytes, as a gzip feed
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var writes atomic.Int64
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			b := body
			if r.URL.Path == "/short" {
				b = body[:100]
			}
			w.Header()["Content-Length"] = []string{strconv.Itoa(len(b))}
			w.WriteHeader(http.StatusOK)
			if n := WriteBody(w, r, b); n != len(b) {
				t.Errorf("WriteBody wrote %d bytes, want %d", n, len(b))
			}
		}),
		ConnContext: ConnContext,
	}
	go srv.Serve(Listener(countingListener{ln, &writes}))
	defer srv.Close()

	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 1}}
	for i, tc := range []struct {
		path string
		want int
	}{{"/long", len(body)}, {"/short", 100}, {"/long", len(body)}} {
		before := writes.Load()
		resp, err := client.Get("http://" + ln.Addr().String() + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, body[:tc.want]) {
			t.Errorf("request %d, %s: got %d bytes, not the body of %d", i, tc.path, len(got), tc.want)
		}
		if n := writes.Load() - before; n != 1 {
			t.Errorf("request %d, %s: %d writes to the connection, want 1", i, tc.path, n)
		}
	}
}
