package cork

import (
	"context"
	"io"
	"net"
	"net/http"
	"sync"
)

// net/http writes a response through a 4 KB buffer on the connection: a
// 9 KB gzip feed leaves in two or three write calls (the buffer's first
// 4 KB with the header, then the rest), each a full pass through the
// kernel's TCP stack, which is most of what a response costs. A corked
// connection holds what is written to it while a prepared body is written
// and sends header and body in one call, as nginx does with writev.

// corkMin is the smallest body worth corking: a shorter one fits, with
// its header, in net/http's buffer and leaves in one write anyway.
const corkMin = 2048

// corkListener accepts corkable connections.
type corkListener struct{ net.Listener }

// Listener wraps ln so that the responses of the server that serves it,
// given ConnContext as its http.Server.ConnContext, leave in one write
// each when written with WriteBody.
func Listener(ln net.Listener) net.Listener { return corkListener{ln} }

func (l corkListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &corkConn{Conn: c}, nil
}

// corkKey is the context key of a request's corkConn.
type corkKey struct{}

// ConnContext is the http.Server.ConnContext that makes a connection of
// a Listener known to the handler of its requests.
func ConnContext(ctx context.Context, c net.Conn) context.Context {
	if cc, ok := c.(*corkConn); ok {
		return context.WithValue(ctx, corkKey{}, cc)
	}
	return ctx
}

// corkConn is a connection that, while corked, keeps what is written to
// it and sends it at uncork in one write. It is used by one goroutine at a
// time, as net/http uses a connection of HTTP/1: the one serving its
// current request.
type corkConn struct {
	net.Conn
	corked bool
	buf    *[]byte // while corked
	// err is the failure of a write made at uncork, returned by the
	// writes after it, as the connection would have.
	err error
}

// corkBuffers recycle the buffers of corked writes: a connection holds
// one only while it writes a response.
var corkBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// corkBufferMax is the largest buffer put back in the pool: a rare huge
// response should not leave one behind for each connection.
const corkBufferMax = 256 << 10

func (c *corkConn) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if c.corked {
		*c.buf = append(*c.buf, p...)
		return len(p), nil
	}
	return c.Conn.Write(p)
}

// cork starts holding writes.
func (c *corkConn) cork() {
	c.corked = true
	c.buf = corkBuffers.Get().(*[]byte)
}

// uncork sends what was held, in one write, and stops holding.
func (c *corkConn) uncork() {
	c.corked = false
	b := c.buf
	c.buf = nil
	if len(*b) > 0 && c.err == nil {
		_, c.err = c.Conn.Write(*b)
	}
	if cap(*b) <= corkBufferMax {
		*b = (*b)[:0]
		corkBuffers.Put(b)
	}
}

// CloseWrite and ReadFrom keep what net/http finds on a *net.TCPConn:
// the half-close before a connection is closed after an error, and
// sendfile for a file.

func (c *corkConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

func (c *corkConn) ReadFrom(r io.Reader) (int64, error) {
	if rf, ok := c.Conn.(io.ReaderFrom); ok && !c.corked && c.err == nil {
		return rf.ReadFrom(r)
	}
	return io.Copy(writerOnly{c}, r)
}

// writerOnly hides a writer's ReadFrom from io.Copy.
type writerOnly struct{ io.Writer }

// WriteBody writes the body of a response whose header is set, and
// reports how many bytes it wrote. On a corked connection a long body
// goes with its header in one write: the header and body are flushed
// through net/http's buffers into the corked connection, which sends
// them at once.
func WriteBody(w http.ResponseWriter, r *http.Request, body []byte) int {
	c, _ := r.Context().Value(corkKey{}).(*corkConn)
	var f http.Flusher
	if c != nil && len(body) >= corkMin {
		f = flusherOf(w)
	}
	if f == nil {
		n, _ := w.Write(body)
		return n
	}
	c.cork()
	n, _ := w.Write(body)
	f.Flush()
	c.uncork()
	return n
}

// flusherOf returns the http.Flusher of w, or of the writer it wraps (the
// access log's), or nil.
func flusherOf(w http.ResponseWriter) http.Flusher {
	for {
		if f, ok := w.(http.Flusher); ok {
			return f
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return nil
		}
		w = u.Unwrap()
	}
}
