package servetest

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Do sends a request with headers given as name, value pairs and returns
// the response with its body read. The transport's own gzip handling is
// off so that tests see what was sent.
func Do(t testing.TB, method, url string, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	client := &http.Client{Transport: &http.Transport{DisableCompression: true}}
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, body
}

// Serve hands h a request from this machine (127.0.0.1), with headers
// given as name, value pairs, and returns what it answered.
func Serve(h http.Handler, method, target string, hdr ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, target, nil)
	req.RemoteAddr = "127.0.0.1:40000"
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// Discard is a ResponseWriter that keeps one header map, as net/http does
// per connection, so that allocations counted are the handler's own.
type Discard struct{ H http.Header }

func (w *Discard) Header() http.Header         { return w.H }
func (w *Discard) Write(b []byte) (int, error) { return len(b), nil }
func (w *Discard) WriteHeader(int)             {}

// Metrics returns what /metrics shows of collectors, in a registry of
// their own: the text a test reads a package's metrics from without the
// process's server.
func Metrics(t testing.TB, collectors ...prometheus.Collector) string {
	t.Helper()
	reg := prometheus.NewRegistry()
	for _, c := range collectors {
		if err := reg.Register(c); err != nil {
			t.Fatal(err)
		}
	}
	rec := httptest.NewRecorder()
	promhttp.HandlerFor(reg, promhttp.HandlerOpts{}).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	return rec.Body.String()
}
