// Package feed renders a publication's articles as RSS 2.0, Atom 1.0 and
// JSON Feed 1.1 feeds, RFC 5005 archives, OPML and plain HTML pages, and
// serves them over HTTP.
//
// Everything is rendered once per store version into an in-memory map from
// URL path to a prepared response (body, gzip body, header values), so
// answering a request is a map lookup and a write. [Render] builds that map;
// [Server] serves it between Open and Close, and rebuilds it when
// [Server.Refresh] sees the store's version change; [Site.WriteDir] writes
// it as static files.
//
// URLs:
//
//	/                                  index of sections, latest articles and issues
//	/sections/{slug}                   a section's latest articles
//	/articles/{id}                     an article (its permalink); 410 once deleted
//	/issues/{key}                      an issue's articles; 410 once deleted
//	/feeds/{slug}.rss|.atom|.json      a section's feed; slug "all" for every section
//	/feeds/{slug}/archive/{n}.atom|.rss  RFC 5005 archive page n, oldest first
//	/feeds.opml                        every feed once, as Atom, a folder per publication
//	/feeds-rss.opml, /feeds-json.opml  the same list as RSS or JSON Feed
//	                                   (also /feeds.opml?format=rss|json)
//	/healthz, /metrics                 liveness and Prometheus metrics (server only)
//
// These are the first publication of Config.Publications. Every other
// publication, id, has the same routes under /{id}/ (its index at /{id}/),
// and its OPML lists only its own feeds; the root's lists them all. With a
// base URL that has a path, pages link under it, and the server answers
// with or without it.
package feed
