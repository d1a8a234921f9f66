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
	// link is the Link header of a feed (its hubs and itself), nil for
	// other resources.
	link []string

	metrics *routeMetrics // set by the handler that serves it
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
// (RFC 9110 8.8.3), and both answer a conditional request. It is
// compressed at the best level: resources in memory are rendered once
// per change and served many times.
func newResource(status int, route, contentType string, body []byte, modTime time.Time, cacheControl []string) *resource {
	r := prepared(route, contentType, modTime, cacheControl, bodyTag(body))
	r.status = status
	r.setBody(body, gzip.BestCompression, false)
	return r
}

// bodyTag is the entity tag of a body held in memory, without quotes.
func bodyTag(body []byte) string {
	sum := sha256.Sum256(body)
	return base64.RawURLEncoding.EncodeToString(sum[:18])
}

// newPageResource prepares a page rendered on request, whose entity tag
// was made before rendering from what the page shows (see coldPage). It
// is compressed at a fast level, since it is rendered at each miss of the
// cache, and always: its tags were sent before its size was known.
func newPageResource(route, contentType string, body []byte, modTime time.Time, cacheControl []string, tag string) *resource {
	r := prepared(route, contentType, modTime, cacheControl, tag)
	r.status = http.StatusOK
	r.setBody(body, pageGzipLevel, true)
	return r
}

// prepared returns a resource's header values, without a body: enough to
// answer a conditional request.
func prepared(route, contentType string, modTime time.Time, cacheControl []string, tag string) *resource {
	r := &resource{
		status:       http.StatusOK,
		route:        route,
		modTime:      modTime.Truncate(time.Second),
		tag:          tag,
		tagGz:        tag + "-gz",
		contentType:  []string{contentType},
		cacheControl: cacheControl,
	}
	r.etag = []string{`"` + r.tag + `"`}
	r.etagGz = []string{`"` + r.tagGz + `"`}
	if !modTime.IsZero() {
		r.lastModified = []string{r.modTime.UTC().Format(http.TimeFormat)}
	}
	return r
}

// setBody sets the body and its gzip form at level: always, or only when
// it pays.
func (r *resource) setBody(body []byte, level int, always bool) {
	r.body = body
	r.length = []string{strconv.Itoa(len(body))}
	if !always && len(body) < gzipMinSize {
		return
	}
	if gz := gzipBody(body, level); always || len(gz) < len(body) {
		r.gz = gz
		r.lengthGz = []string{strconv.Itoa(len(gz))}
	}
}

// size is the memory a resource holds, as the page cache counts it: its
// bodies, its header values and the structure around them (the resource,
// its slices and the cache's list element and map entry, about 400 bytes
// on 64-bit platforms).
func (r *resource) size() int64 {
	n := len(r.body) + len(r.gz) + 400
	for _, h := range [][]string{r.contentType, r.cacheControl, r.etag, r.etagGz, r.lastModified, r.length, r.lengthGz, r.link} {
		for _, v := range h {
			n += len(v) + 16
		}
	}
	return int64(n + len(r.tag) + len(r.tagGz) + len(r.route))
}

// keepGzipOnly drops the plain body of a resource that has a gzip one:
// nearly every client asks for gzip, and a page cache that keeps only the
// compressed bytes holds three to four times as many pages. The rare
// client without gzip gets the body inflated again (plain).
func (r *resource) keepGzipOnly() {
	if r.gz != nil {
		r.body = nil
	}
}

// plain returns the plain body: kept, or inflated from the gzip one.
func (r *resource) plain() []byte {
	if r.body != nil || r.gz == nil {
		return r.body
	}
	zr, err := gzip.NewReader(bytes.NewReader(r.gz))
	if err != nil {
		return nil // cannot happen: the bytes are our own gzip
	}
	b, _ := io.ReadAll(zr)
	return b
}

// cacheControl returns the Cache-Control of a resource that may change
// after maxAge (no-cache when it is not positive).
func cacheControl(maxAge time.Duration) []string {
	if maxAge <= 0 {
		return hdrNoCache
	}
	return []string{"public, max-age=" + strconv.Itoa(int(maxAge/time.Second))}
}

// hdrImmutable is the Cache-Control of what never changes.
var hdrImmutable = []string{"public, max-age=" + strconv.Itoa(int(immutableMaxAge/time.Second)) + ", immutable"}

// gzipWriters recycles compressors by level: each holds about a megabyte
// of tables.
var gzipWriters = func() map[int]*sync.Pool {
	m := map[int]*sync.Pool{}
	for _, level := range []int{gzip.BestSpeed, gzip.DefaultCompression, 6, gzip.BestCompression} {
		m[level] = &sync.Pool{New: func() any {
			zw, _ := gzip.NewWriterLevel(io.Discard, level)
			return zw
		}}
	}
	return m
}()

// gzipBody returns body gzipped at level, in a slice of its exact size:
// it is kept in memory, and the page cache counts its length.
func gzipBody(body []byte, level int) []byte {
	b := gzipBuffers.Get().(*bytes.Buffer)
	b.Reset()
	pool := gzipWriters[level]
	zw := pool.Get().(*gzip.Writer)
	zw.Reset(b)
	zw.Write(body)
	zw.Close()
	pool.Put(zw)
	gz := bytes.Clone(b.Bytes())
	if b.Cap() <= 1<<20 {
		gzipBuffers.Put(b)
	}
	return gz
}

// gzipBuffers recycle the buffers gzipBody compresses into.
var gzipBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pageGzipLevel compresses a page rendered on request, at its miss. On
// the reference issue's article pages (8–9 KB of HTML) level 6 gives 7 %
// fewer bytes than level 1 and level 9 none fewer than 6; on a 12 KB page
// level 1 takes 128 µs, 6 352 µs and 9 394 µs (go test -run XXX -bench
// PageGzipLevel ./feed). A miss is what a crawler walking the archive
// costs, and the cache, which keeps only gzip bytes, holds years of pages
// either way: level 1.
const pageGzipLevel = gzip.BestSpeed
