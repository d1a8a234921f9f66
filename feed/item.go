package feed

import (
	"strconv"
	"time"

	"github.com/gorilla/feeds"
)

// item returns the format-neutral gorilla/feeds item of an article. Its id
// is the article's permalink: the store keeps article ids across revisions
// and re-ingests, and the same article has the same permalink in its section
// feed, in the all-sections feed and in every archive page.
func (s *publication) item(e *entry) *feeds.Item {
	link := s.abs(s.articlePath(e.a.ID))
	it := &feeds.Item{
		Title:       e.a.Title,
		Link:        &feeds.Link{Href: link},
		Id:          link,
		IsPermaLink: "true",
		Description: e.summary,
		Content:     e.content,
		Created:     s.published(e.a),
		Updated:     s.updated(e.a),
	}
	// The first picture is the item's enclosure, which gorilla writes as
	// RSS's <enclosure>, Atom's link rel="enclosure" and JSON Feed's
	// image: what readers show beside an entry in their lists.
	if p, ok := firstPicture(e.a); ok && p.Hash != "" {
		it.Enclosure = &feeds.Enclosure{Url: s.mediaURL(p.Hash, false), Length: strconv.Itoa(p.Size), Type: p.Type}
	}
	return it
}

// gorillaFeed returns the format-neutral feed of a list of entries. The
// writers of each format take what gorilla/feeds makes of it and add what
// it cannot say.
func (s *publication) gorillaFeed(ch *channel, es []*entry) *feeds.Feed {
	f := &feeds.Feed{
		Title:       ch.title,
		Link:        &feeds.Link{Href: s.abs(s.channelPath(ch.slug))},
		Description: s.feedDescription(ch),
		Author:      &feeds.Author{Name: s.pub.Title},
		Updated:     s.feedUpdated(es),
	}
	for _, e := range es {
		f.Items = append(f.Items, s.item(e))
	}
	return f
}

// feedDescription is the channel description RSS requires: the
// publication's description when it has one, else its title and the
// section's name.
func (s *publication) feedDescription(ch *channel) string {
	if s.pub.Description != "" {
		return s.pub.Description
	}
	if ch.slug == AllSlug {
		return s.pub.Title
	}
	return s.pub.Title + " · " + ch.section
}

// feedUpdated is a feed's newest change: the latest updated time of its
// entries, so that rendering again without a change gives the same bytes
// and the same ETag. An empty feed (a publication with nothing yet, or
// whose issues were all deleted) says the publication's last change, or
// the time of the render when it has none left.
func (s *publication) feedUpdated(es []*entry) time.Time {
	if t := s.newest(es); !t.IsZero() {
		return t
	}
	if t := s.lastChange(); !t.IsZero() {
		return t
	}
	return s.clamp(s.now)
}
