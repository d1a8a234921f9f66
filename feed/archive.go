package feed

import (
	"github.com/bulletinfeed/bulletinfeed"
)

// RFC 5005 archived feeds. A channel's articles beyond its latest are kept
// in archive pages of Config.FeedItems articles each, oldest first: page 1
// holds the first articles ever published. Only complete pages are
// published, so a page never gains or loses an entry once it exists, and
// whatever is not yet on a complete page is in the subscription feed, which
// holds at least as many articles as a page.

// fhNS is the namespace of the feed history elements.
const fhNS = "http://purl.org/syndication/history/1.0"

// fhArchive is the <fh:archive/> marker that tells a reader a document is an
// archive page, not a subscription feed.
type fhArchive struct{}

// archivePageCount returns the number of complete archive pages for count
// articles.
func archivePageCount(count, size int) int {
	if size <= 0 {
		return 0
	}
	return count / size
}

// docLink is a link of a feed document other than to its HTML page.
type docLink struct {
	rel, href, typ string
}

// docLinks returns a feed document's self link and its RFC 5005 links: the
// subscription feed points at the newest archive page; an archive page
// points at its neighbours and at the subscription feed ("current").
func (s *site) docLinks(ch *channel, page int, ext, typ string) []docLink {
	if page == 0 {
		links := []docLink{{"self", s.abs(s.feedPath(ch.slug, ext)), typ}}
		if ch.pages > 0 {
			links = append(links, docLink{"prev-archive", s.abs(s.archivePath(ch.slug, ch.pages, ext)), typ})
		}
		return links
	}
	links := []docLink{
		{"self", s.abs(s.archivePath(ch.slug, page, ext)), typ},
		{"current", s.abs(s.feedPath(ch.slug, ext)), typ},
	}
	if page > 1 {
		links = append(links, docLink{"prev-archive", s.abs(s.archivePath(ch.slug, page-1, ext)), typ})
	}
	if page < ch.pages {
		links = append(links, docLink{"next-archive", s.abs(s.archivePath(ch.slug, page+1, ext)), typ})
	}
	return links
}

// pageArticles returns the articles of the subscription feed (page 0) or of
// an archive page.
func (ch *channel) pageArticles(page int) []*bulletinfeed.Article {
	if page == 0 {
		return ch.articles
	}
	return ch.archive[page-1]
}
