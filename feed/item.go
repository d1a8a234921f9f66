package feed

import (
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/gorilla/feeds"
)

// item returns the format-neutral gorilla/feeds item of an article. Its id
// is the article's permalink: the store keeps article ids across revisions
// and re-ingests, and the same article has the same permalink in its section
// feed, in the all-sections feed and in every archive page.
func (s *site) item(a *bulletinfeed.Article) *feeds.Item {
	link := s.abs(s.articlePath(a.ID))
	it := &feeds.Item{
		Title:       a.Title,
		Link:        &feeds.Link{Href: link},
		Id:          link,
		IsPermaLink: "true",
		Description: s.summaries[a.ID],
		Content:     s.contentHTML[a.ID],
		Created:     s.published(a),
		Updated:     s.updated(a),
	}
	return it
}

// gorillaFeed returns the format-neutral feed of a list of articles. The
// writers of each format take what gorilla/feeds makes of it and add what it
// cannot say.
func (s *site) gorillaFeed(ch *channel, articles []*bulletinfeed.Article, updated time.Time) *feeds.Feed {
	f := &feeds.Feed{
		Title:       ch.title,
		Link:        &feeds.Link{Href: s.abs(s.channelPath(ch))},
		Description: s.feedDescription(ch),
		Author:      &feeds.Author{Name: s.pub.Title},
		Updated:     updated,
	}
	for _, a := range articles {
		f.Items = append(f.Items, s.item(a))
	}
	return f
}

// feedDescription is the channel description RSS requires: the
// publication's description when it has one, else its title and the
// section's name.
func (s *site) feedDescription(ch *channel) string {
	if s.pub.Description != "" {
		return s.pub.Description
	}
	if ch.slug == AllSlug {
		return s.pub.Title
	}
	return s.pub.Title + " · " + ch.section
}

// feedUpdated is a feed's newest change: the latest updated time of its
// articles, so that rendering again without a change gives the same bytes
// and the same ETag. An empty feed says the epoch rather than the render
// time for the same reason.
func (s *site) feedUpdated(articles []*bulletinfeed.Article) time.Time {
	t := s.newest(articles)
	if t.IsZero() {
		return time.Unix(0, 0).In(s.loc)
	}
	return t
}
