package admin

import (
	"net/url"
	"strings"
)

// route is one URL of the console: the one place that spells it. Its
// pattern is a ServeMux pattern without the method; path builds its links.
type route struct {
	pattern string
}

// The console's URLs, all under Prefix. Parameters: {pub} a publication
// id, {id} an upload's id, {key} an issue's key,
// {n} a page's number.
var (
	routeHome    = route{Prefix + "/{$}"}
	routeLogin   = route{Prefix + "/login"}
	routeLogout  = route{Prefix + "/logout"}
	routeAudit   = route{Prefix + "/audit"}
	routeIssues  = route{Prefix + "/p/{pub}/{$}"}
	routeUpload  = route{Prefix + "/p/{pub}/upload"}
	routePreview = route{Prefix + "/p/{pub}/uploads/{id}"}
	routePublish = route{Prefix + "/p/{pub}/uploads/{id}/publish"}
	routeDiscard = route{Prefix + "/p/{pub}/uploads/{id}/discard"}
	routePage    = route{Prefix + "/p/{pub}/uploads/{id}/pages/{n}"}
	routeDelete  = route{Prefix + "/p/{pub}/issues/{key}/delete"}
	routeIssue   = route{Prefix + "/p/{pub}/issues/{key}/{$}"}
	routeMeta    = route{Prefix + "/p/{pub}/issues/{key}/meta"}
	routeCorrect = route{Prefix + "/p/{pub}/issues/{key}/articles/{id}"}
	routeForget  = route{Prefix + "/p/{pub}/issues/{key}/articles/{id}/forget"}
	routeRemove  = route{Prefix + "/p/{pub}/issues/{key}/articles/{id}/remove"}
	routeEdit    = route{Prefix + "/p/{pub}/issues/{key}/articles/{id}/edit"}
	routeSplit   = route{Prefix + "/p/{pub}/issues/{key}/articles/{id}/split"}
	routeMerge   = route{Prefix + "/p/{pub}/issues/{key}/articles/{id}/merge"}
)

// Prefix is the path of the console under the site's base URL.
const Prefix = "/admin"

// path returns the route's path under the base path base, with its
// parameters filled in order, each escaped as one path segment.
func (rt route) path(base string, args ...string) string {
	p := strings.TrimSuffix(rt.pattern, "{$}")
	var b strings.Builder
	b.WriteString(base)
	for {
		i := strings.IndexByte(p, '{')
		if i < 0 {
			b.WriteString(p)
			break
		}
		j := strings.IndexByte(p[i:], '}')
		b.WriteString(p[:i])
		if len(args) > 0 {
			b.WriteString(url.PathEscape(args[0]))
			args = args[1:]
		}
		p = p[i+j+1:]
	}
	return b.String()
}
