package feed

// RFC 5005 archived feeds. A channel's articles are kept in archive pages
// of Config.FeedItems ordinals each, oldest first: page 1 holds the first
// articles ever stored. Only complete pages are published, so a page never
// gains an entry once it exists (a revision may change one, a deletion
// leaves a hole), and whatever is not yet on a complete page is in the
// subscription feed.

// fhNS is the namespace of the feed history elements.
const fhNS = "http://purl.org/syndication/history/1.0"

// fhArchive is the <fh:archive/> marker that tells a reader a document is an
// archive page, not a subscription feed.
type fhArchive struct{}

// completePages returns the number of complete archive pages of a
// channel whose last ordinal is last: page p is complete once the channel
// gave ordinal p·size, and keeps its articles from then on.
func completePages(last int64, size int) int {
	if size <= 0 || last <= 0 {
		return 0
	}
	return int(last / int64(size))
}

// pageRange returns the ordinals of page p.
func pageRange(p, size int) (first, last int64) {
	return int64(p-1)*int64(size) + 1, int64(p) * int64(size)
}

// docLink is a link of a feed document other than to its HTML page.
type docLink struct {
	rel, href, typ string
}

// docLinks returns a feed document's self link, its WebSub hubs and its
// RFC 5005 links: the subscription feed points at the newest archive page;
// an archive page points at its neighbours and at the subscription feed
// ("current").
//
// An archive page links its successor once that is complete: the newest
// complete page still gains that link, the others never change.
func (s *publication) docLinks(ch *channel, page int, ext, typ string) []docLink {
	if page == 0 {
		links := []docLink{{"self", s.abs(s.feedPath(ch.slug, ext)), typ}}
		links = append(links, s.hubLinks()...)
		if ch.pages > 0 {
			links = append(links, docLink{"prev-archive", s.abs(s.archivePath(ch.slug, ch.pages, ext)), typ})
		}
		return links
	}
	links := []docLink{
		{"self", s.abs(s.archivePath(ch.slug, page, ext)), typ},
	}
	links = append(links, s.hubLinks()...)
	links = append(links, docLink{"current", s.abs(s.feedPath(ch.slug, ext)), typ})
	if page > 1 {
		links = append(links, docLink{"prev-archive", s.abs(s.archivePath(ch.slug, page-1, ext)), typ})
	}
	if page < ch.pages {
		links = append(links, docLink{"next-archive", s.abs(s.archivePath(ch.slug, page+1, ext)), typ})
	}
	return links
}
