package feed

import (
	"net/http"
	"strconv"
	"sync"

	"github.com/bulletinfeed/bulletinfeed"
)

// hdrJPEG is the Content-Type of a stored picture; its Cache-Control is
// hdrImmutable, since its URL names its bytes.
var hdrJPEG = []string{typeJPEG}

// mediaLive remembers, for each picture, the site version at which it was
// last read from the store and shown by some article, with its ETag made
// once: while the store has not changed since, a revalidation is answered
// 304 without reading it or formatting anything, as a feed's is. A
// deletion changes the version, so a deleted picture is read again and
// answers 410.
type mediaLive struct{ m sync.Map } // mediaKey → *mediaSeen

type mediaKey struct {
	hash  string
	thumb bool
}

type mediaSeen struct {
	version int64
	tag     string   // the ETag's value
	etag    []string // the ETag header, quoted
}

func (l *mediaLive) current(k mediaKey, version int64) *mediaSeen {
	if v, ok := l.m.Load(k); ok && v.(*mediaSeen).version == version {
		return v.(*mediaSeen)
	}
	return nil
}

// mediaRoute returns the route of a picture's path, its hash and whether
// it is the thumbnail; nil when path is no picture's.
func mediaRoute(path string) (*route, string, bool) {
	for _, rt := range []*route{routeMediaThumb, routeMedia} {
		if p, ok := rt.match(path); ok {
			return rt, p.at(0), rt == routeMediaThumb
		}
	}
	return nil, "", false
}

// isHash reports whether s is a SHA-256 in lowercase hex, as pictures
// are named: anything else is no picture, and never reaches the store.
func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for i := range len(s) {
		if c := s[i]; (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// MediaPath returns the path of a picture's image, or of its thumbnail.
func MediaPath(hash string, thumb bool) string {
	if thumb {
		return routeMediaThumb.path("", hash)
	}
	return routeMedia.path("", hash)
}

// serveMedia answers a request for a picture, reporting false when path
// is none's. The image is read from the store; its ETag is its hash, so a
// client's copy is always current while the picture is published.
func (s *Handler) serveMedia(w http.ResponseWriter, r *http.Request, path string, site *Site) bool {
	rt, hash, thumb := mediaRoute(path)
	if rt == nil {
		return false
	}
	if !isHash(hash) {
		s.writeError(w, r, rt.label, bulletinfeed.Errorf(bulletinfeed.NotFound, "no picture at %s", r.URL.Path), site)
		return true
	}
	k := mediaKey{hash, thumb}
	var version int64 = -1
	if site != nil {
		version = site.Version
	}
	h := w.Header()
	if inm, ok := r.Header["If-None-Match"]; ok && version >= 0 {
		if seen := s.media.current(k, version); seen != nil && etagMatch(inm, seen.tag) {
			h["Etag"], h["Cache-Control"] = seen.etag, hdrImmutable
			w.WriteHeader(http.StatusNotModified)
			s.metrics.count(rt.label, http.StatusNotModified, 0)
			return true
		}
	}
	m, err := s.store.Media(r.Context(), hash, thumb)
	if err != nil {
		s.writeError(w, r, rt.label, err, site)
		return true
	}
	tag := hash
	if thumb {
		tag += "-thumb"
	}
	seen := &mediaSeen{version: version, tag: tag, etag: []string{`"` + tag + `"`}}
	if version >= 0 {
		s.media.m.Store(k, seen)
	}
	h["Etag"], h["Cache-Control"] = seen.etag, hdrImmutable
	if inm, ok := r.Header["If-None-Match"]; ok && etagMatch(inm, tag) {
		w.WriteHeader(http.StatusNotModified)
		s.metrics.count(rt.label, http.StatusNotModified, 0)
		return true
	}
	h["Content-Type"] = hdrJPEG
	if m.Type != "" && m.Type != typeJPEG {
		h["Content-Type"] = []string{m.Type}
	}
	h["Content-Length"] = []string{strconv.Itoa(len(m.Data))}
	w.WriteHeader(http.StatusOK)
	n := 0
	if r.Method != http.MethodHead {
		n, _ = w.Write(m.Data)
	}
	s.metrics.count(rt.label, http.StatusOK, n)
	return true
}

const typeJPEG = "image/jpeg"
