package feed

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/base64"
	"io"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// resource is one prepared response: the body, its gzip form and every
// header value, made once per render so that serving it allocates nothing
// of its own. Header values are one-element slices assigned straight into
// the response's header map, which skips Header.Set's canonicalization and
// allocation; net/http only reads them.
type resource struct {
	status int
	route  string // the metrics label, a URL pattern
	body   []byte
	gz     []byte // nil when compressing does not pay
	// modTime is the newest change of what the resource shows, in whole
	// seconds as Last-Modified carries it.
	modTime time.Time
	// tag and tagGz are the strong entity tags without quotes, matched
	// against If-None-Match.
	tag, tagGz string

	contentType, cacheControl  []string
	etag, etagGz, lastModified []string
	length, lengthGz           []string

	metrics *routeMetrics // set by the server that serves it
}

// Header values shared by every response.
var (
	hdrVary     = []string{"Accept-Encoding"}
	hdrGzip     = []string{"gzip"}
	hdrAllow    = []string{"GET, HEAD"}
	hdrNoCache  = []string{"no-cache"}
	hdrRetry    = []string{"30"}
	gzipMinSize = 512 // below this, gzip saves less than its header costs
)

// newResource prepares a response with the given body. The entity tag is a
// hash of the body alone, so rendering the same content again gives the
// same tag; the gzip form has its own tag, as a strong validator must
// (RFC 9110 8.8.3), and both answer a conditional request.
func newResource(status int, route, contentType string, body []byte, modTime time.Time, maxAge time.Duration) *resource {
	sum := sha256.Sum256(body)
	tag := base64.RawURLEncoding.EncodeToString(sum[:18])
	r := &resource{
		status:       status,
		route:        route,
		body:         body,
		modTime:      modTime.Truncate(time.Second),
		tag:          tag,
		tagGz:        tag + "-gz",
		contentType:  []string{contentType},
		cacheControl: []string{"public, max-age=" + strconv.Itoa(int(maxAge/time.Second))},
		length:       []string{strconv.Itoa(len(body))},
	}
	if maxAge <= 0 {
		r.cacheControl = hdrNoCache
	}
	r.etag = []string{`"` + r.tag + `"`}
	r.etagGz = []string{`"` + r.tagGz + `"`}
	if !modTime.IsZero() {
		r.lastModified = []string{r.modTime.UTC().Format(http.TimeFormat)}
	}
	if len(body) >= gzipMinSize {
		if gz := compress(body); len(gz) < len(body) {
			r.gz = gz
			r.lengthGz = []string{strconv.Itoa(len(gz))}
		}
	}
	return r
}

// gzipWriters recycles compressors: each holds about a megabyte of
// tables, and a render compresses every page and feed of the site.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(io.Discard, gzip.BestCompression)
	return zw
}}

// compress returns body gzipped at the best level: it runs once per
// render, and every response after that is smaller.
func compress(body []byte) []byte {
	var b bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	zw.Reset(&b)
	zw.Write(body)
	zw.Close()
	gzipWriters.Put(zw)
	return b.Bytes()
}
