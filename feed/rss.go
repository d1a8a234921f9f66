package feed

import (
	"encoding/xml"
	"html"
	"io"

	"github.com/gorilla/feeds"

	"github.com/bulletinfeed/bulletinfeed"
)

// Namespaces used by the RSS feed.
const (
	contentNS = "http://purl.org/rss/1.0/modules/content/"
	atomNS    = "http://www.w3.org/2005/Atom"
	dcNS      = "http://purl.org/dc/elements/1.1/"
	mediaNS   = "http://search.yahoo.com/mrss/"
)

// rssDoc is gorilla/feeds' <rss> element with the namespaces of the
// extensions we add. feeds.ToXML would marshal the embedded RssFeed's own
// FeedXml and drop every extension, so the document is marshalled here.
type rssDoc struct {
	XMLName   xml.Name    `xml:"rss"`
	Version   string      `xml:"version,attr"`
	ContentNS string      `xml:"xmlns:content,attr"`
	AtomNS    string      `xml:"xmlns:atom,attr"`
	DCNS      string      `xml:"xmlns:dc,attr"`
	FHNS      string      `xml:"xmlns:fh,attr,omitempty"`
	MediaNS   string      `xml:"xmlns:media,attr,omitempty"`
	Channel   *rssChannel `xml:"channel"`
}

// rssChannel adds to gorilla's channel the atom:link elements (self and the
// RFC 5005 links) and the archive marker. Items shadows the embedded items.
type rssChannel struct {
	*feeds.RssFeed
	AtomLinks []rssAtomLink `xml:"atom:link"`
	Archive   *fhArchive    `xml:"fh:archive"`
	Items     []*rssItem    `xml:"item"`
}

type rssAtomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
}

// rssItem adds to gorilla's item one dc:creator, the writers' names
// joined, and the categories, which shadow its single category.
type rssItem struct {
	*feeds.RssItem
	Creator    string   `xml:"dc:creator,omitempty"`
	Categories []string `xml:"category"`
	// Media RSS: every picture, and the first one's thumbnail, which
	// readers that know the extension show in their lists.
	MediaContent   []mediaContent  `xml:"media:content"`
	MediaThumbnail *mediaThumbnail `xml:"media:thumbnail"`
}

// mediaContent is a Media RSS media:content element of a picture.
type mediaContent struct {
	URL         string            `xml:"url,attr"`
	Type        string            `xml:"type,attr"`
	Medium      string            `xml:"medium,attr"`
	FileSize    int               `xml:"fileSize,attr,omitempty"`
	Width       int               `xml:"width,attr,omitempty"`
	Height      int               `xml:"height,attr,omitempty"`
	Description *mediaDescription `xml:"media:description"`
}

type mediaDescription struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// mediaThumbnail is a Media RSS media:thumbnail element.
type mediaThumbnail struct {
	URL    string `xml:"url,attr"`
	Width  int    `xml:"width,attr,omitempty"`
	Height int    `xml:"height,attr,omitempty"`
}

// mediaOf returns the Media RSS elements of an article's pictures.
func (s *publication) mediaOf(a *bulletinfeed.Article) ([]mediaContent, *mediaThumbnail) {
	var cs []mediaContent
	var th *mediaThumbnail
	for _, p := range a.Pictures {
		if p.Hash == "" {
			continue
		}
		c := mediaContent{URL: s.mediaURL(p.Hash, false), Type: p.Type, Medium: "image", FileSize: p.Size, Width: p.Width, Height: p.Height}
		if p.Caption != "" {
			c.Description = &mediaDescription{Type: "plain", Text: p.Caption}
		}
		cs = append(cs, c)
		if th == nil {
			th = &mediaThumbnail{URL: s.mediaURL(p.Hash, true), Width: p.ThumbWidth, Height: p.ThumbHeight}
		}
	}
	return cs, th
}

// writeRSS writes a channel's subscription feed (page 0) or one of its
// archive pages as RSS 2.0.
func (s *publication) writeRSS(w io.Writer, ch *channel, page int, es []*entry) error {
	f := s.gorillaFeed(ch, es)
	rf := (&feeds.Rss{Feed: f}).RssFeed()
	rf.Language = s.lang
	rf.Generator = s.cfg.Generator
	rf.Ttl = s.ttlMinutes()
	// gorilla puts "email (name)" in managingEditor, which must be an
	// address; we have none.
	rf.ManagingEditor = ""
	if s.icon().rssImage() {
		rf.Image = &feeds.RssImage{Url: s.abs(s.iconPath()), Title: ch.title, Link: s.abs(s.channelPath(ch.slug))}
	}

	c := &rssChannel{RssFeed: rf}
	for _, l := range s.docLinks(ch, page, extRSS, typeRSS) {
		c.AtomLinks = append(c.AtomLinks, rssAtomLink{Href: l.href, Rel: l.rel, Type: mediaType(l.typ)})
	}
	doc := &rssDoc{Version: "2.0", ContentNS: contentNS, AtomNS: atomNS, DCNS: dcNS, Channel: c}
	if page > 0 {
		c.Archive = &fhArchive{}
		doc.FHNS = fhNS
	}
	for i, ri := range rf.Items {
		a := es[i].a
		// RSS 2.0 says description may hold entity-encoded HTML, and
		// readers decode it as HTML. The summary is plain text, so it is
		// escaped once here as well as by the XML encoder: text such as
		// <img onerror=…> or a literal &lt;b&gt; then shows as written
		// instead of becoming markup.
		ri.Description = html.EscapeString(ri.Description)
		item := &rssItem{
			RssItem:    ri,
			Creator:    joinNames(s.itemAuthors(a)),
			Categories: []string{s.sectionName(a.Section)},
		}
		if item.MediaContent, item.MediaThumbnail = s.mediaOf(a); item.MediaContent != nil {
			doc.MediaNS = mediaNS
		}
		c.Items = append(c.Items, item)
	}
	rf.Items = nil
	return writeXML(w, doc)
}

// writeXML writes the XML declaration and v, indented like gorilla/feeds.
func writeXML(w io.Writer, v any) error {
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	e := xml.NewEncoder(w)
	e.Indent("", "  ")
	if err := e.Encode(v); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}

// mediaType returns a content type without its parameters, as link
// elements give it.
func mediaType(contentType string) string {
	for i := 0; i < len(contentType); i++ {
		if contentType[i] == ';' {
			return contentType[:i]
		}
	}
	return contentType
}
