package feed

import "strings"

// WebSub discovery (W3C WebSub section 4): a feed names its hubs and its
// own URL, the topic a subscriber subscribes to, both inside the document
// (some readers, FreshRSS among them, look only there) and in a Link
// header of every response.

// hubLinks returns the hub links of a feed document, none without hubs.
func (s *publication) hubLinks() []docLink {
	links := make([]docLink, 0, len(s.cfg.Hubs))
	for _, h := range s.cfg.Hubs {
		links = append(links, docLink{rel: "hub", href: h})
	}
	return links
}

// linkHeader returns the value of the Link header of the feed at the
// absolute URL self, or nil without hubs: the self link alone tells a
// client nothing it did not ask for.
func linkHeader(hubs []string, self string) []string {
	if len(hubs) == 0 {
		return nil
	}
	var b strings.Builder
	for _, h := range hubs {
		b.WriteString("<" + h + `>; rel="hub", `)
	}
	b.WriteString("<" + self + `>; rel="self"`)
	return []string{b.String()}
}

// isFeedRoute reports whether a route serves a feed document: a
// subscription feed or an archive page, the topics a hub may deliver.
func isFeedRoute(rt *route) bool {
	switch rt {
	case routeFeedRSS, routeFeedAtom, routeFeedJSON, routeArchiveRSS, routeArchiveAtom:
		return true
	}
	return false
}
