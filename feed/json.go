package feed

import (
	"encoding/json"
	"io"

	"github.com/gorilla/feeds"
)

// jsonFeed is gorilla's JSONFeed with items always written: JSON Feed
// requires the array, which gorilla omits when it is empty, as in the feed
// of a publication with no issue yet. Items is last in both, so the fields
// keep their order.
type jsonFeed struct {
	*feeds.JSONFeed
	Items []*jsonItem `json:"items"`
}

// jsonItem is gorilla's item with attachments as JSON Feed 1.1 spells
// them: gorilla's JSONAttachment names the size "size", which readers
// (gofeed, Miniflux) do not know, instead of "size_in_bytes".
type jsonItem struct {
	*feeds.JSONItem
	Attachments []jsonAttachment `json:"attachments,omitempty"`
}

type jsonAttachment struct {
	URL         string `json:"url"`
	MIMEType    string `json:"mime_type"`
	Title       string `json:"title,omitempty"`
	SizeInBytes int    `json:"size_in_bytes,omitempty"`
}

// writeJSON writes a channel's subscription feed as JSON Feed 1.1. gorilla's
// JSONFeed has every field we need; it only leaves some unset (feed_url,
// language) and fills the deprecated author.
func (s *publication) writeJSON(w io.Writer, ch *channel, es []*entry) error {
	f := s.gorillaFeed(ch, es)
	jf := (&feeds.JSON{Feed: f}).JSONFeed()
	jf.FeedUrl = s.abs(s.feedPath(ch.slug, extJSON))
	jf.Language = s.lang
	jf.Author = nil
	jf.Icon = s.abs(s.iconPath())
	jf.Favicon = jf.Icon
	for _, h := range s.cfg.Hubs {
		jf.Hubs = append(jf.Hubs, &feeds.JSONHub{Type: "WebSub", Url: h})
	}
	items := []*jsonItem{} // JSON Feed requires the array, even empty
	for i, it := range jf.Items {
		a := es[i].a
		it.Author = nil
		it.Authors = nil
		for _, name := range s.itemAuthors(a) {
			it.Authors = append(it.Authors, &feeds.JSONAuthor{Name: name})
		}
		it.Tags = []string{s.sectionName(a.Section)}
		ji := &jsonItem{JSONItem: it}
		// gorilla made the first picture the item's image; every
		// picture is an attachment, with its caption as title.
		for _, p := range a.Pictures {
			if p.Hash != "" {
				ji.Attachments = append(ji.Attachments, jsonAttachment{URL: s.mediaURL(p.Hash, false), MIMEType: p.Type, Title: p.Caption, SizeInBytes: p.Size})
			}
		}
		items = append(items, ji)
	}
	if len(jf.Items) > 0 {
		// Every item names its own authors (itemAuthors). Miniflux adds
		// the feed's authors to each item's ("河西报道, 赵钰真"), so
		// they are left out unless there is no item to carry one.
		jf.Authors = nil
	}
	e := json.NewEncoder(w)
	// HTML in content_html stays readable; JSON needs no escaping of <>&.
	e.SetEscapeHTML(false)
	e.SetIndent("", "  ")
	return e.Encode(jsonFeed{JSONFeed: jf, Items: items})
}
