package feed

import (
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// route is one URL of a publication, or of the site as a whole: the one
// place that spells it. Its pattern is its metrics label; path builds its
// links, match reads a request, file names it in a static build.
type route struct {
	// pattern is the URL pattern, such as "/articles/{id}". A
	// publication other than the first has it under /{id}, labelled
	// "/{pub}"+pattern.
	pattern string
	// hot routes are rendered at each refresh and served from memory;
	// cold ones are rendered on request and kept in a bounded cache.
	hot bool
	// page routes are HTML pages, written in a static build as
	// {path}/index.html so that a plain web server finds them at their
	// URL; other files keep their name, whose extension gives the type.
	page bool
	// shared routes exist once, at the root, for every publication: no
	// publication has them under /{id}.
	shared bool
	// contentType is what the route serves (empty for shared routes).
	contentType string
	// root routes are the site's, not a publication's: they answer at
	// the root only (robots.txt, the sitemap index, the icon).
	root bool
	// redirect, when set, is the route a request is sent to (301), with
	// AllSlug for its {slug}: the paths apps try for a site's feed.
	redirect *route

	// tokens is pattern cut at its parameters: literals and "{name}"s.
	tokens []string
	// label and pubLabel are the metrics labels at the root and under
	// /{id}.
	label, pubLabel string
}

// The routes. Parameters: {slug} a section's slug (or AllSlug for feeds),
// {id} an article id, {key} an issue's URL segment, {page} a page number
// from 1, written without leading zeros.
var (
	routeIndex       = newRoute("/", typeHTML, true, true)
	routeSection     = newRoute("/sections/{slug}", typeHTML, true, true)
	routeSectionPage = newRoute("/sections/{slug}/page/{page}", typeHTML, false, true)
	routeArticle     = newRoute("/articles/{id}", typeHTML, false, true)
	routeIssue       = newRoute("/issues/{key}", typeHTML, false, true)
	routeIssueList   = newRoute("/issues/page/{page}", typeHTML, false, true)
	routeFeedRSS     = newRoute("/feeds/{slug}.rss", typeRSS, true, false)
	routeFeedAtom    = newRoute("/feeds/{slug}.atom", typeAtom, true, false)
	routeFeedJSON    = newRoute("/feeds/{slug}.json", typeJSON, true, false)
	routeArchiveRSS  = newRoute("/feeds/{slug}/archive/{page}.rss", typeRSS, false, false)
	routeArchiveAtom = newRoute("/feeds/{slug}/archive/{page}.atom", typeAtom, false, false)
	routeOPML        = newRoute("/feeds.opml", typeOPML, true, false)
	routeOPMLRSS     = newRoute("/feeds-rss.opml", typeOPML, true, false)
	routeOPMLJSON    = newRoute("/feeds-json.opml", typeOPML, true, false)
	// The lists of section feeds: /feeds.opml?sections=1 on a server,
	// these files in a static build, which cannot read a query.
	routeOPMLSections     = newRoute("/feeds-sections.opml", typeOPML, true, false)
	routeOPMLSectionsRSS  = newRoute("/feeds-sections-rss.opml", typeOPML, true, false)
	routeOPMLSectionsJSON = newRoute("/feeds-sections-json.opml", typeOPML, true, false)

	// A publication's icon, at the path of its type (icon.go).
	routeIconSVG = newRoute("/icon.svg", typeSVG, false, false)
	routeIconPNG = newRoute("/icon.png", typePNG, false, false)
	routeIconICO = newRoute("/icon.ico", typeIcon, false, false)

	routeRobots       = newRootRoute("/robots.txt", typeText)
	routeFavicon      = newRootRoute("/favicon.ico", typeIcon)
	routeSitemapIndex = newRootRoute("/sitemap.xml", typeXML)
	routeSitemap      = newRoute("/sitemaps/{page}.xml", typeXML, false, false)

	// Where feed readers and people look for a site's feed: RSS, which
	// every reader takes, but for atom.xml, which names Atom.
	routeFeedAlias     = newRedirect("/feed", routeFeedRSS)
	routeRSSAlias      = newRedirect("/rss", routeFeedRSS)
	routeRSSXMLAlias   = newRedirect("/rss.xml", routeFeedRSS)
	routeFeedXMLAlias  = newRedirect("/feed.xml", routeFeedRSS)
	routeIndexXMLAlias = newRedirect("/index.xml", routeFeedRSS)
	routeAtomXMLAlias  = newRedirect("/atom.xml", routeFeedAtom)

	// The pictures of every publication, named by the SHA-256 of their
	// bytes, so they never change (media.go).
	routeMediaThumb = newSharedRoute("/media/{hash}.thumb.jpg")
	routeMedia      = newSharedRoute("/media/{hash}.jpg")
)

// pubRoutes are the routes of a publication, sharedRoutes those of the
// site as a whole.
var (
	pubRoutes = []*route{
		routeIndex, routeSection, routeSectionPage, routeArticle, routeIssue, routeIssueList,
		routeFeedRSS, routeFeedAtom, routeFeedJSON, routeArchiveRSS, routeArchiveAtom,
		routeOPML, routeOPMLRSS, routeOPMLJSON, routeOPMLSections, routeOPMLSectionsRSS, routeOPMLSectionsJSON,
		routeIconSVG, routeIconPNG, routeIconICO,
		routeRobots, routeFavicon, routeSitemapIndex, routeSitemap,
		routeFeedAlias, routeRSSAlias, routeRSSXMLAlias, routeFeedXMLAlias, routeIndexXMLAlias, routeAtomXMLAlias,
	}
	sharedRoutes = []*route{routeMediaThumb, routeMedia}
)

// routeOther labels whatever no route matches: the number of metrics
// series stays bounded whatever clients ask for.
const routeOther = "other"

// pubLabel is the label prefix of the routes of a publication other than
// the first.
const pubLabel = "/{pub}"

func newRoute(pattern, contentType string, hot, page bool) *route {
	r := &route{pattern: pattern, hot: hot, page: page, contentType: contentType}
	r.tokens = tokenize(pattern)
	r.label, r.pubLabel = pattern, pubLabel+pattern
	return r
}

func newRootRoute(pattern, contentType string) *route {
	r := newRoute(pattern, contentType, false, false)
	r.root = true
	return r
}

func newRedirect(pattern string, to *route) *route {
	r := newRoute(pattern, "", false, false)
	r.redirect = to
	return r
}

func newSharedRoute(pattern string) *route {
	r := newRoute(pattern, "", false, false)
	r.shared = true
	r.pubLabel = ""
	return r
}

// tokenize cuts a pattern into literals and parameters. A parameter is
// followed by nothing, by a literal starting with "/", or by a last
// literal without "/" (an extension): what match can read without
// backtracking.
func tokenize(pattern string) []string {
	var out []string
	for rest := pattern; rest != ""; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			out = append(out, rest)
			break
		}
		if i > 0 {
			out = append(out, rest[:i])
		}
		j := strings.IndexByte(rest, '}')
		out = append(out, rest[i:j+1])
		rest = rest[j+1:]
	}
	for i, t := range out {
		if !isParam(t) || i+1 == len(out) {
			continue
		}
		next := out[i+1]
		if isParam(next) || (next[0] != '/' && (i+2 != len(out) || strings.Contains(next, "/"))) {
			panic("feed: route pattern " + pattern + " cannot be matched")
		}
	}
	return out
}

func isParam(token string) bool { return token[0] == '{' }

// params are the values of a matched path's parameters, in pattern order.
type params struct {
	n    int
	vals [2]string
}

func (p params) at(i int) string { return p.vals[i] }

// match reads path (without a publication's /{id}) as this route and
// returns its parameters. A {page} must be a number from 1 written
// without leading zeros, so that each page has one path.
func (r *route) match(path string) (params, bool) {
	var p params
	rest := path
	for i, t := range r.tokens {
		if !isParam(t) {
			if !strings.HasPrefix(rest, t) {
				return p, false
			}
			rest = rest[len(t):]
			continue
		}
		var v string
		switch {
		case i+1 == len(r.tokens):
			v, rest = rest, ""
		case r.tokens[i+1][0] == '/':
			end := strings.IndexByte(rest, '/')
			if end < 0 {
				return p, false
			}
			v, rest = rest[:end], rest[end:]
		default:
			ext := r.tokens[i+1]
			if !strings.HasSuffix(rest, ext) {
				return p, false
			}
			v, rest = rest[:len(rest)-len(ext)], ext
		}
		if v == "" || strings.IndexByte(v, '/') >= 0 {
			return p, false
		}
		if t == "{page}" && pageNumber(v) == 0 {
			return p, false
		}
		if p.n == len(p.vals) {
			return p, false
		}
		p.vals[p.n] = v
		p.n++
	}
	return p, rest == ""
}

// pageNumber returns the page a {page} value names, or 0 when it is not a
// number from 1 without leading zeros.
func pageNumber(v string) int {
	if v == "" || v[0] == '0' || len(v) > 9 {
		return 0
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0
	}
	return n
}

// path builds the unescaped path of the route under prefix ("" or
// "/{id}"), with args for its parameters in order.
func (r *route) path(prefix string, args ...string) string {
	var b strings.Builder
	b.WriteString(prefix)
	i := 0
	for _, t := range r.tokens {
		if isParam(t) {
			b.WriteString(args[i])
			i++
			continue
		}
		b.WriteString(t)
	}
	return b.String()
}

// labelFor returns the metrics label of the route under prefix.
func (r *route) labelFor(prefix string) string {
	if prefix == "" {
		return r.label
	}
	return r.pubLabel
}

// file returns the file, relative to a static site's root, of a path of
// this route.
func (r *route) file(path string) string {
	rel := filepath.FromSlash(strings.TrimPrefix(path, "/"))
	switch {
	case !r.page:
		return rel
	case path == "" || strings.HasSuffix(path, "/"):
		return filepath.Join(rel, "index.html")
	default:
		return rel + string(filepath.Separator) + "index.html"
	}
}

// matchRoute returns the publication route of path, a path without a
// publication's /{id}, and its parameters.
func matchRoute(path string) (*route, params, bool) {
	for _, r := range pubRoutes {
		if p, ok := r.match(path); ok {
			return r, p, true
		}
	}
	return nil, params{}, false
}

// besideNames are first path segments answered beside the handler: the
// process's own paths, which the server that mounts the handler answers
// before it (package server: /healthz, /metrics, the WebSub endpoint, the
// console; its tests check that each of its routes is here), and "static",
// kept for assets served beside the pages.
var besideNames = []string{"admin", "healthz", "metrics", "static", "websub"}

// reservedNames are the first path segments of the root's own routes and
// besideNames, which a publication under /{id} would shadow or be shadowed
// by.
var reservedNames = func() map[string]bool {
	m := map[string]bool{}
	for _, n := range besideNames {
		m[n] = true
	}
	for _, r := range append(append([]*route{}, sharedRoutes...), pubRoutes...) {
		seg, _, _ := strings.Cut(strings.TrimPrefix(r.tokens[0], "/"), "/")
		if seg != "" && !isParam(seg) {
			m[seg] = true
		}
	}
	return m
}()

// RouteSegments returns the first path segments of the site's own routes,
// sorted: a publication id may not be one of them
// (bulletinfeed.CheckPublicationID).
func RouteSegments() []string {
	return slices.Sorted(maps.Keys(reservedNames))
}

// splitPublication returns the first segment of path as a publication id
// and the rest of the path, when that segment is not one of the root's
// routes; otherwise "" and path.
func splitPublication(path string) (id, rest string) {
	seg, after, ok := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if !ok || seg == "" || reservedNames[seg] {
		return "", path
	}
	return seg, "/" + after
}

// FilePath returns the file, relative to a static site's root, that holds
// the resource at a URL path. A page becomes dir/index.html so that a
// plain web server finds it at its URL (after its usual redirect to the
// slash form); feeds keep their name, whose extension gives the type. A
// publication under /{id}/ gets the same layout in the folder {id}.
func FilePath(path string) string {
	if _, rest := splitPublication(path); rest != path {
		if r, _, ok := matchRoute(rest); ok {
			return r.file(path)
		}
	}
	if r, _, ok := matchRoute(path); ok {
		return r.file(path)
	}
	if path == "" || strings.HasSuffix(path, "/") {
		return routeIndex.file(path)
	}
	return filepath.FromSlash(strings.TrimPrefix(path, "/"))
}
