package feed

import (
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// opmlDoc is an OPML 2.0 subscription list.
type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Created string        `xml:"head>dateModified,omitempty"`
	Outline []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	HTMLURL  string        `xml:"htmlUrl,attr,omitempty"`
	Language string        `xml:"language,attr,omitempty"`
	Outlines []opmlOutline `xml:"outline"`
}

// opmlFormats are the formats of the subscription lists of a publication.
// A reader importing a list subscribes to every outline, and most do not
// see that an article of a section's feed is the same as in the
// all-sections feed: Miniflux showed 32 unread for 16 articles when a
// list held both. So each list gives each article once, in one format:
// feeds.opml the all-sections feed of each publication, feeds-sections.opml
// each section's feed instead; Atom, which /feeds.opml?format=rss and
// ?format=json swap for the others, and ?sections=1 for the sections'.
var opmlFormats = []string{extAtom, extRSS, extJSON}

// opmlQuery returns the subscription list that path?format=&sections= asks
// for, path ending in /feeds.opml: ?format=rss is /feeds-rss.opml and
// ?sections=1&format=json /feeds-sections-json.opml, so that a reader
// given one URL by a person can be given the list it reads.
func opmlQuery(path string, q url.Values) (string, error) {
	route, err := opmlListOf(q.Get("format"), q.Get("sections"))
	if err != nil {
		return "", err
	}
	return route.path(strings.TrimSuffix(path, routeOPML.pattern)), nil
}

// opmlListOf returns the list of a ?format= value ("" for Atom) and a
// ?sections= value ("1" for the section feeds, "" or "0" for the
// all-sections feed).
func opmlListOf(format, sections string) (*route, error) {
	var bySection bool
	switch sections {
	case "", "0":
	case "1":
		bySection = true
	default:
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "unknown OPML sections %q: use sections=1 for the feed of each section", sections)
	}
	if format == "" {
		format = extAtom
	}
	if !slices.Contains(opmlFormats, format) {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "unknown OPML format %q: use format=atom, rss or json", format)
	}
	return opmlRoute(format, bySection), nil
}

// writeOPML writes the feeds of the publications pubs in format ext as
// OPML 2.0: one folder per publication, titled with its title, holding
// its all-sections feed or, with sections, each section's feed. A
// publication without a section has no folder in the list of sections.
func (s *publication) writeOPML(w io.Writer, pubs []*publication, ext string, sections bool, updated time.Time) error {
	doc := &opmlDoc{Version: "2.0", Title: s.pub.Title}
	if !updated.IsZero() {
		doc.Created = updated.UTC().Format(http.TimeFormat)
	}
	for _, p := range pubs {
		folder := opmlOutline{Text: p.pub.Title, Title: p.pub.Title}
		for _, ch := range p.channels {
			if (ch.slug == AllSlug) == sections {
				continue
			}
			folder.Outlines = append(folder.Outlines, opmlOutline{
				Text:     ch.title,
				Title:    ch.title,
				Type:     "rss", // OPML 2.0 says "rss" for any feed
				XMLURL:   p.abs(p.feedPath(ch.slug, ext)),
				HTMLURL:  p.abs(p.channelPath(ch.slug)),
				Language: p.lang,
			})
		}
		if len(folder.Outlines) > 0 {
			doc.Outline = append(doc.Outline, folder)
		}
	}
	return writeXML(w, doc)
}
