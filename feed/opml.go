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

// opmlFormats groups the list by format: a reader importing it subscribes
// to every outline, so a person picks one folder rather than getting each
// section three times.
var opmlFormats = []struct{ ext, name string }{
	{extAtom, "Atom"},
	{extRSS, "RSS"},
	{extJSON, "JSON Feed"},
}

// writeOPML writes every feed of the site as OPML 2.0.
func (s *site) writeOPML(w io.Writer, updated time.Time) error {
	doc := &opmlDoc{Version: "2.0", Title: s.pub.Title}
	if !updated.IsZero() {
		doc.Created = updated.UTC().Format(http.TimeFormat)
	}
	for _, f := range opmlFormats {
		folder := opmlOutline{Text: s.pub.Title + " (" + f.name + ")"}
		for _, ch := range s.channels {
			folder.Outlines = append(folder.Outlines, opmlOutline{
				Text:     ch.title,
				Title:    ch.title,
				Type:     "rss", // OPML 2.0 says "rss" for any feed
				XMLURL:   s.abs(feedPath(ch.slug, f.ext)),
				HTMLURL:  s.abs(ch.htmlPath()),
				Language: s.lang,
			})
		}
		doc.Outline = append(doc.Outline, folder)
	}
	return writeXML(w, doc)
}
