// Package feed renders a publication's articles as RSS 2.0, Atom 1.0 and
// JSON Feed 1.1 feeds, RFC 5005 archives, OPML and plain HTML pages, and
// answers for them over HTTP with a [Handler].
//
// What readers poll is held in memory as prepared responses (body, gzip
// body, header values), so answering it is a map lookup and a write: each
// publication's index and OPML lists, and each channel's (every section,
// and all of them) subscription feeds and section page. [Render] renders
// that set into a [Site]; [Handler.Refresh] makes the next Site when the
// store's version changes, rendering only the channels whose state the
// store reports changed (and the index and lists that show them), and
// swaps it in. Every other page (articles, issues, archive pages, the
// list of issues) is rendered from the store on request and kept in a
// cache of bounded size; its entity tag comes from a cheap read of what
// it shows, so a conditional request is answered without rendering.
// [Site.WriteDir] writes the whole site as static files, rendering and
// writing only what changed since the last build.
//
// URLs (the route table in routes.go is the one place that spells them):
//
//	/                                  index: each section's latest articles, the latest issues
//	/sections/{slug}                   a section's latest articles
//	/sections/{slug}/page/{n}          a section's archive page n, newest first
//	/articles/{id}                     an article (its permalink); 410 once deleted
//	/issues/{key}                      an issue's articles; 410 once deleted
//	/issues/page/{n}                   page n of the list of issues, newest first
//	/feeds/{slug}.rss|.atom|.json      a section's feed; slug "all" for every section
//	/feeds/{slug}/archive/{n}.atom|.rss  RFC 5005 archive page n, oldest first
//	/feeds.opml                        the all-sections feed of each publication, as Atom, a
//	                                   folder per publication: each article once
//	/feeds-rss.opml, /feeds-json.opml  the same list as RSS or JSON Feed
//	                                   (also /feeds.opml?format=rss|json)
//	/feeds-sections.opml               each section's feed instead (also ?sections=1), and
//	/feeds-sections-rss|-json.opml     as RSS or JSON Feed (?sections=1&format=rss|json)
//	/sitemaps/{n}.xml                  sitemap n of a publication: its index and section
//	                                   pages, then its articles by id, 50,000 URLs a sitemap
//	/feed, /rss, /rss.xml, /feed.xml,  301 to /feeds/all.rss (/atom.xml to /feeds/all.atom):
//	/index.xml, /atom.xml              where apps look for a site's feed
//	/icon.svg|.png|.ico                the publication's icon (Config.Icons), else an SVG of its
//	                                   title's first character; every page and feed declares it
//	/robots.txt, /favicon.ico          (root only) allow all and name the sitemap index; a 16×16
//	                                   icon (the first publication's when that is an ICO)
//	/sitemap.xml                       (root only) sitemap index of every publication's sitemaps
//	/media/{hash}.jpg, .thumb.jpg      (root only) the pictures of every publication
//
// /healthz, /metrics, /websub and /admin are the process's, answered by
// package server before the handler; their first segments are reserved
// here (RouteSegments), so that no publication is served under them.
//
// Archive pages are cut from ordinals the store gives each article in
// each of its channels: page n of a channel holds ordinals (n-1)·N+1 to
// n·N, N being Config.FeedItems, and exists once complete. A complete
// page keeps its articles, so once the page after it is complete too it
// is served as immutable. The list of issues is paged the same way by
// issue ordinals, 50 a page, its newest page possibly incomplete.
//
// Every page has a description and Open Graph properties; an article's
// page also has a schema.org NewsArticle as JSON-LD (with
// Config.ArticleJSONLD) and links to the
// articles before and after it in its issue (meta.go). Every page's
// header has a nav of the sections.
//
// These are the first publication of Config.Publications. Every other
// publication, id, has the same routes under /{id}/ (its index at /{id}/),
// and its OPML lists only its own feeds; the root's lists them all. A
// static build writes robots.txt, the sitemaps and each publication's
// icon, not /favicon.ico nor the redirects, which a web server's configuration has to give. With a
// base URL that has a path, pages link under it, and package server
// answers with or without it, stripping it before the handler reads the
// path (Handler.ServePath).
//
// It imports the domain only: it reads the store through the Store
// interface it declares, and never imports store, source, worker, websub
// or server. It neither listens nor keeps a Prometheus registry: the
// server that mounts the handler does both, registering its collectors
// (Handler.Collectors) and reporting its state (Handler.Health) on
// /healthz.
package feed
