package feed

import (
	"encoding/xml"
	"io"
	"net/http"
	"time"
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
// A reader importing a list subscribes to every outline, so each list
// gives each feed once, in one format: Atom in feeds.opml, which
// /feeds.opml?format=rss and ?format=json swap for the others.
var opmlFormats = []string{extAtom, extRSS, extJSON}

// opmlFormat returns the list of a ?format= value ("" for Atom), and
// whether there is one.
func opmlFormat(format string) (*route, bool) {
	if format == "" {
		return routeOPML, true
	}
	for _, ext := range opmlFormats {
		if ext == format {
			return opmlRoute(ext), true
		}
	}
	return nil, false
}

// writeOPML writes the feeds of the publications pubs in format ext as
// OPML 2.0: one folder per publication, titled with its title, holding
// its all-sections feed and each section's.
func (s *site) writeOPML(w io.Writer, pubs []*site, ext string, updated time.Time) error {
	doc := &opmlDoc{Version: "2.0", Title: s.pub.Title}
	if !updated.IsZero() {
		doc.Created = updated.UTC().Format(http.TimeFormat)
	}
	for _, p := range pubs {
		folder := opmlOutline{Text: p.pub.Title, Title: p.pub.Title}
		for _, ch := range p.channels {
			folder.Outlines = append(folder.Outlines, opmlOutline{
				Text:     ch.title,
				Title:    ch.title,
				Type:     "rss", // OPML 2.0 says "rss" for any feed
				XMLURL:   p.abs(p.feedPath(ch.slug, ext)),
				HTMLURL:  p.abs(p.channelPath(ch.slug)),
				Language: p.lang,
			})
		}
		doc.Outline = append(doc.Outline, folder)
	}
	return writeXML(w, doc)
}
