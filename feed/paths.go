package feed

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strconv"
	"strings"

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

// The routes of one publication, as URL patterns. They are the metrics
// labels of what they serve; the publication of Config.Publications[0]
// has them at the root, every other one under /{id}, labelled
// "/{pub}"+pattern. The path methods below are the only code that builds
// these paths.
const (
	routeIndex       = "/"
	routeSection     = "/sections/{slug}"
	routeArticle     = "/articles/{id}"
	routeIssue       = "/issues/{key}"
	routeFeedRSS     = "/feeds/{slug}.rss"
	routeFeedAtom    = "/feeds/{slug}.atom"
	routeFeedJSON    = "/feeds/{slug}.json"
	routeArchiveRSS  = "/feeds/{slug}/archive/{page}.rss"
	routeArchiveAtom = "/feeds/{slug}/archive/{page}.atom"
	routeOPML        = "/feeds.opml"
	routeOPMLRSS     = "/feeds-rss.opml"
	routeOPMLJSON    = "/feeds-json.opml"
)

// pubRoutes lists every route of a publication.
var pubRoutes = []string{
	routeIndex, routeSection, routeArticle, routeIssue,
	routeFeedRSS, routeFeedAtom, routeFeedJSON, routeArchiveRSS, routeArchiveAtom,
	routeOPML, routeOPMLRSS, routeOPMLJSON,
}

// pubLabel is the label prefix of the routes of a publication other than
// the first.
const pubLabel = "/{pub}"

// Paths. Keys in the rendered map are unescaped paths, as net/http gives
// them in URL.Path; links use the escaped form. prefix is "" for the first
// publication and "/{id}" for the others.
func (s *site) indexPath() string              { return s.prefix + "/" }
func (s *site) sectionPath(slug string) string { return s.prefix + "/sections/" + slug }
func (s *site) articlePath(id string) string   { return s.prefix + "/articles/" + id }
func (s *site) issuePath(key string) string    { return s.prefix + "/issues/" + issueSegment(key) }
func (s *site) feedPath(slug, ext string) string {
	return s.prefix + "/feeds/" + slug + "." + ext
}
func (s *site) archivePath(slug string, page int, ext string) string {
	return s.prefix + "/feeds/" + slug + "/archive/" + strconv.Itoa(page) + "." + ext
}

// opmlPath is the subscription list of a publication with the feeds in one
// format: feeds.opml (Atom), feeds-rss.opml, feeds-json.opml.
func (s *site) opmlPath(ext string) string {
	if ext == extAtom {
		return s.prefix + routeOPML
	}
	return s.prefix + "/feeds-" + ext + ".opml"
}

// label returns the metrics label of one of the publication's routes.
func (s *site) label(route string) string {
	if s.prefix == "" {
		return route
	}
	return pubLabel + route
}

// channelPath returns the page that a channel is the feed of.
func (s *site) channelPath(ch *channel) string {
	if ch.slug == AllSlug {
		return s.indexPath()
	}
	return s.sectionPath(ch.slug)
}

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

// escape returns the escaped form of an unescaped path.
func escape(path string) string {
	return (&url.URL{Path: path}).EscapedPath()
}

// abs returns the absolute, escaped URL of an unescaped path.
func (s *site) abs(path string) string {
	return s.cfg.BaseURL + escape(path)
}

// href returns the root-relative, escaped link of a path, under the base
// URL's path: pages link within the site they are served from, which also
// makes a static build work wherever it is put, at a server's root or in
// the folder of the base URL's path.
func (s *site) href(path string) string {
	return s.base.escaped + escape(path)
}

// basePath is the path of Config.BaseURL ("/bulletin"), or empty when the
// site is served at a server's root.
type basePath struct {
	path    string // unescaped, as requests carry it in URL.Path
	escaped string // as links carry it
}

// basePathOf returns the path of a base URL, without a trailing slash.
func basePathOf(baseURL string) basePath {
	u, err := url.Parse(baseURL)
	if err != nil {
		return basePath{}
	}
	return basePath{path: strings.TrimRight(u.Path, "/"), escaped: strings.TrimRight(u.EscapedPath(), "/")}
}

// strip returns a request path without the base path, for a reverse proxy
// that passes the prefix on; a path without it is returned as it is, for
// one that removes it.
func (b basePath) strip(path string) string {
	if b.path == "" || !strings.HasPrefix(path, b.path) {
		return path
	}
	switch rest := path[len(b.path):]; {
	case rest == "":
		return "/"
	case rest[0] == '/':
		return rest
	}
	return path
}
