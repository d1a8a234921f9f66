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
	typeXML  = "application/xml; charset=utf-8"
	typeIcon = "image/x-icon"
)

// Paths of a publication, built by the route table. Paths are unescaped,
// as net/http gives them in URL.Path; links use the escaped form. prefix
// is "" for the first publication and "/{id}" for the others.
func (s *publication) indexPath() string              { return routeIndex.path(s.prefix) }
func (s *publication) sectionPath(slug string) string { return routeSection.path(s.prefix, slug) }
func (s *publication) sectionPagePath(slug string, page int) string {
	return routeSectionPage.path(s.prefix, slug, strconv.Itoa(page))
}
func (s *publication) articlePath(id string) string { return routeArticle.path(s.prefix, id) }
func (s *publication) issuePath(key string) string {
	return routeIssue.path(s.prefix, issueSegment(key))
}
func (s *publication) issueListPath(page int) string {
	return routeIssueList.path(s.prefix, strconv.Itoa(page))
}
func (s *publication) feedPath(slug, ext string) string { return feedRoute(ext).path(s.prefix, slug) }
func (s *publication) archivePath(slug string, page int, ext string) string {
	return archiveRoute(ext).path(s.prefix, slug, strconv.Itoa(page))
}

// opmlPath is the subscription list of a publication with the feeds in one
// format: feeds.opml (Atom), feeds-rss.opml, feeds-json.opml; with
// sections, the list of section feeds: feeds-sections.opml and so on.
func (s *publication) opmlPath(ext string, sections bool) string {
	return opmlRoute(ext, sections).path(s.prefix)
}

// feedRoute, archiveRoute and opmlRoute return the route of a format.
func feedRoute(ext string) *route {
	switch ext {
	case extRSS:
		return routeFeedRSS
	case extAtom:
		return routeFeedAtom
	}
	return routeFeedJSON
}

func archiveRoute(ext string) *route {
	if ext == extRSS {
		return routeArchiveRSS
	}
	return routeArchiveAtom
}

func opmlRoute(ext string, sections bool) *route {
	switch {
	case ext == extRSS && sections:
		return routeOPMLSectionsRSS
	case ext == extJSON && sections:
		return routeOPMLSectionsJSON
	case sections:
		return routeOPMLSections
	case ext == extRSS:
		return routeOPMLRSS
	case ext == extJSON:
		return routeOPMLJSON
	}
	return routeOPML
}

// label returns the metrics label of one of the publication's routes.
func (s *publication) label(r *route) string { return r.labelFor(s.prefix) }

// channelPath returns the page that a channel is the feed of.
func (s *publication) channelPath(slug string) string {
	if slug == AllSlug {
		return s.indexPath()
	}
	return s.sectionPath(slug)
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
func (s *publication) abs(path string) string {
	return s.cfg.BaseURL + escape(path)
}

// href returns the root-relative, escaped link of a path, under the base
// URL's path: pages link within the site they are served from, which also
// makes a static build work wherever it is put, at a server's root or in
// the folder of the base URL's path.
func (s *publication) href(path string) string {
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
