package feed

import (
	"encoding/xml"
	"io"
	"time"

	"github.com/gorilla/feeds"
)

// atomFeed fixes what gorilla/feeds' Atom lacks: it takes the feed id from
// the link and writes one link, no xml:lang and no generator. The fields
// here shadow the embedded ones of the same element name.
type atomFeed struct {
	*feeds.AtomFeed
	XMLName   xml.Name         `xml:"feed"`
	Lang      string           `xml:"xml:lang,attr,omitempty"`
	FHNS      string           `xml:"xmlns:fh,attr,omitempty"`
	Links     []feeds.AtomLink `xml:"link"`
	Generator *atomGenerator   `xml:"generator"`
	Archive   *fhArchive       `xml:"fh:archive"`
	Entries   []*atomEntry     `xml:"entry"`
}

type atomGenerator struct {
	Name string `xml:",chardata"`
}

// atomEntry adds to gorilla's entry one author per writer, one
// contributor per other credit (gorilla has room for one), a category
// with a term, the published date and a plain-text summary.
type atomEntry struct {
	*feeds.AtomEntry
	Published    string                   `xml:"published,omitempty"`
	Authors      []*feeds.AtomAuthor      `xml:"author"`
	Contributors []*feeds.AtomContributor `xml:"contributor"`
	Categories   []atomCategory           `xml:"category"`
	Summary      *atomText                `xml:"summary"`
}

type atomCategory struct {
	Term string `xml:"term,attr"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Text string `xml:",chardata"`
}

// writeAtom writes a channel's subscription feed (page 0) or one of its
// archive pages as Atom 1.0.
func (s *publication) writeAtom(w io.Writer, ch *channel, page int, es []*entry) error {
	f := s.gorillaFeed(ch, es)
	af := (&feeds.Atom{Feed: f}).AtomFeed()
	// Every page of a channel is the same logical feed, so they share the
	// subscription document's URL as id (RFC 5005 section 4).
	af.Id = s.abs(s.feedPath(ch.slug, extAtom))
	// gorilla makes the subtitle of the description, which without the
	// publication's own description only repeats the title.
	af.Subtitle = s.pub.Description
	af.Link = nil
	// The icon is square, as Atom's icon should be; no wider logo is
	// made, so it is the logo too.
	af.Icon = s.abs(s.iconPath())
	af.Logo = af.Icon

	out := &atomFeed{
		AtomFeed:  af,
		Lang:      s.lang,
		Generator: &atomGenerator{Name: s.cfg.Generator},
	}
	out.Links = append(out.Links, feeds.AtomLink{Href: s.abs(s.channelPath(ch.slug)), Rel: "alternate", Type: "text/html"})
	for _, l := range s.docLinks(ch, page, extAtom, typeAtom) {
		out.Links = append(out.Links, feeds.AtomLink{Href: l.href, Rel: l.rel, Type: mediaType(l.typ)})
	}
	if page > 0 {
		out.Archive = &fhArchive{}
		out.FHNS = fhNS
	}
	for i, e := range af.Entries {
		a := es[i].a
		// gorilla's enclosure link (the first picture) goes with the
		// alternate link that replaces its own.
		var enclosure []feeds.AtomLink
		for _, l := range e.Links {
			if l.Rel == "enclosure" {
				enclosure = append(enclosure, l)
			}
		}
		e.Links = append([]feeds.AtomLink{{Href: s.abs(s.articlePath(a.ID)), Rel: "alternate", Type: "text/html"}}, enclosure...)
		ae := &atomEntry{
			AtomEntry:  e,
			Published:  s.published(a).Format(time.RFC3339),
			Categories: []atomCategory{{Term: s.sectionName(a.Section)}},
		}
		_, others := credits(a)
		for _, name := range s.itemAuthors(a) {
			ae.Authors = append(ae.Authors, &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: name}})
		}
		for _, name := range others {
			ae.Contributors = append(ae.Contributors, &feeds.AtomContributor{AtomPerson: feeds.AtomPerson{Name: name}})
		}
		if sum := es[i].summary; sum != "" {
			ae.Summary = &atomText{Type: "text", Text: sum}
		}
		out.Entries = append(out.Entries, ae)
	}
	af.Entries = nil
	return writeXML(w, out)
}
