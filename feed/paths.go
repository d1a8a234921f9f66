package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"

	"github.com/bulletinfeed/bulletinfeed"
)

// Feed formats, by file extension.
const (
	extRSS  = "rss"
	extAtom = "atom"
	extJSON = "json"
)

// Content types of what is served.
const (
	typeRSS  = "application/rss+xml; charset=utf-8"
	typeAtom = "application/atom+xml; charset=utf-8"
	typeJSON = "application/feed+json; charset=utf-8"
	typeOPML = "text/x-opml; charset=utf-8"
	typeHTML = "text/html; charset=utf-8"
	typeText = "text/plain; charset=utf-8"
)

// Paths. Keys in the rendered map are unescaped paths, as net/http gives
// them in URL.Path; links use the escaped form.
func sectionPath(slug string) string { return "/sections/" + slug }
func articlePath(id string) string   { return "/articles/" + id }
func issuePath(key string) string    { return "/issues/" + issueSegment(key) }
func feedPath(slug, ext string) string {
	return "/feeds/" + slug + "." + ext
}
func archivePath(slug string, page int, ext string) string {
	return "/feeds/" + slug + "/archive/" + strconv.Itoa(page) + "." + ext
}

const opmlPath = "/feeds.opml"

// issueSegment returns the URL segment of an issue: its key, or, for a key
// that bulletinfeed.CheckKey refuses (stored before keys were checked), a
// stable name made from its bytes, so that a key such as ".." or "a/b"
// never becomes a path that leaves /issues/ in a URL or in a static build.
func issueSegment(key string) string {
	if bulletinfeed.CheckKey(key) == nil {
		return key
	}
	sum := sha256.Sum256([]byte(key))
	return "key-" + hex.EncodeToString(sum[:8])
}

// abs returns the absolute, escaped URL of an unescaped path.
func (s *site) abs(path string) string {
	return s.cfg.BaseURL + (&url.URL{Path: path}).EscapedPath()
}

// htmlPath returns the page that a channel is the feed of.
func (ch *channel) htmlPath() string {
	if ch.slug == AllSlug {
		return "/"
	}
	return sectionPath(ch.slug)
}
