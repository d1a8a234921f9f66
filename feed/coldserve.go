package feed

import (
	"bytes"
	"net/http"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// serveCold answers a request for a page rendered on request: 410 when
// the store deleted it and has it no more, 304 when the client's copy has
// the page's current entity tag, the cached copy when it has, else the
// page rendered from the store, then cached.
func (s *Handler) serveCold(w http.ResponseWriter, r *http.Request, site *Site, c *coldPage) {
	ctx := r.Context()
	label := c.route.labelFor(c.s.prefix)
	// A page the cache does not hold, asked for without a validator, is
	// rendered whatever its version: an article page reads both in one.
	loaded := false
	var err error
	if !conditional(r.Header) && !s.cache.holds(c.path) {
		loaded, err = c.load(ctx, s.store)
	}
	if !loaded {
		err = c.version(ctx, s.store)
	}
	if err != nil {
		if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
			if res := site.gone[c.path]; res != nil {
				s.serveResource(w, r, res)
				return
			}
		}
		s.writeError(w, r, routeOther, err, site)
		return
	}
	rm := s.metrics.route(label)
	gz := acceptsGzip(r.Header["Accept-Encoding"])
	v := prepared(label, c.route.contentType, c.mod, c.cc, c.tag)
	v.metrics = rm
	if s.answerNotModified(w, r, v, gz) {
		return
	}
	// The page read from the store is at least as new as the site: it
	// is known current at the site's version.
	res := s.cache.get(c.path, c.tag, site.Version)
	if res == nil {
		start := time.Now()
		// The page is written into a pooled buffer, which it leaves once
		// compressed: the resource keeps only its gzip bytes.
		b := pageBuffers.Get().(*bytes.Buffer)
		b.Reset()
		if err := c.renderTo(ctx, s.store, b); err != nil {
			putPageBuffer(b)
			s.writeError(w, r, routeOther, err, site)
			return
		}
		s.metrics.pageRenders.Observe(time.Since(start).Seconds())
		res = newPageResource(label, c.route.contentType, b.Bytes(), c.mod, c.cc, c.tag)
		res.keepGzipOnly()
		if res.body != nil {
			res.body = bytes.Clone(res.body) // not the pool's
		}
		putPageBuffer(b)
		res.metrics = rm
		if isFeedRoute(c.route) {
			res.link = linkHeader(s.cfg.Hubs, c.s.abs(c.path))
		}
		s.cache.put(c.path, res, site.Version)
	}
	s.serveResource(w, r, res)
}

// pageBuffers recycle the buffers pages rendered on request are written
// into at a miss of the cache.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pageBufferMax is the largest buffer put back in the pool: a rare huge
// page should not leave one that size behind.
const pageBufferMax = 1 << 20

func putPageBuffer(b *bytes.Buffer) {
	if b.Cap() <= pageBufferMax {
		pageBuffers.Put(b)
	}
}
