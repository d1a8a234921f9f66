package feed

import (
	"net/http"
	"strings"
)

// notModified reports whether a request's validators match the resource
// (RFC 9110 13.1): If-None-Match when present, else If-Modified-Since.
func notModified(h http.Header, res *resource) bool {
	if inm, ok := h["If-None-Match"]; ok {
		return etagMatch(inm, res.tag, res.tagGz)
	}
	ims, ok := h["If-Modified-Since"]
	if !ok || len(ims) == 0 || res.lastModified == nil {
		return false
	}
	// Most clients echo Last-Modified; compare as a date only otherwise.
	if ims[0] == res.lastModified[0] {
		return true
	}
	t, err := http.ParseTime(ims[0])
	if err != nil {
		return false
	}
	return !res.modTime.After(t)
}

// conditional reports whether a request carries a validator that
// notModified reads.
func conditional(h http.Header) bool {
	_, inm := h["If-None-Match"]
	_, ims := h["If-Modified-Since"]
	return inm || ims
}

// etagMatch reports whether any entity tag of an If-None-Match list, or *,
// matches either tag. If-None-Match uses the weak comparison, so W/"x"
// matches "x".
func etagMatch(values []string, tags ...string) bool {
	for _, v := range values {
		for v != "" {
			var item string
			item, v, _ = strings.Cut(v, ",")
			item = strings.TrimSpace(item)
			if item == "*" {
				return true
			}
			item = strings.TrimPrefix(item, "W/")
			if len(item) < 2 || item[0] != '"' || item[len(item)-1] != '"' {
				continue
			}
			item = item[1 : len(item)-1]
			for _, t := range tags {
				if item == t {
					return true
				}
			}
		}
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: a
// "gzip", "x-gzip" or "*" coding whose q is not zero.
// An explicit gzip entry wins over "*", wherever each is in the list.
func acceptsGzip(values []string) bool {
	star := false
	for _, v := range values {
		for v != "" {
			var item string
			item, v, _ = strings.Cut(v, ",")
			coding, params, _ := strings.Cut(item, ";")
			coding = strings.TrimSpace(coding)
			switch {
			case strings.EqualFold(coding, "gzip"), strings.EqualFold(coding, "x-gzip"):
				return !zeroQ(params)
			case coding == "*":
				star = !zeroQ(params)
			}
		}
	}
	return star
}

// zeroQ reports whether Accept-Encoding parameters say q=0.
func zeroQ(params string) bool {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		p = strings.TrimSpace(p)
		if len(p) < 2 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=' {
			continue
		}
		q := p[2:]
		if q == "" || q[0] != '0' {
			return false
		}
		return strings.Trim(q[1:], ".0") == ""
	}
	return false
}
