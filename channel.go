package bulletinfeed

import "time"

// AllSlug is the slug of the channel of every section: the all-sections
// feed. No section is ever given it.
const AllSlug = "all"

// Every article gets two ordinals when it is first stored: its place among
// all the articles of its publication and among those of its section.
// Ordinals only grow and are never given twice, even after a deletion, so
// the archive pages cut from them (ordinals 1–50, 51–100 …) keep their
// articles once full.

// ChannelState summarises the articles of one channel: a section, or every
// section when Slug is "". A server compares states to learn which feeds
// an ingest, a revision or a deletion changed.
type ChannelState struct {
	Slug string
	// Articles is how many articles the channel has now.
	Articles int
	// LastOrdinal is the last ordinal ever given in the channel; deleted
	// articles leave holes below it.
	LastOrdinal int64
	// Updated is the latest Updated time of its articles.
	Updated time.Time
	// IssueUpdated is the latest time an issue that holds one of its
	// articles was written. A revision moves the articles of its issue
	// (their places in print order, and so the times feeds give them)
	// without changing the Updated of those whose text it kept: the
	// channel's feeds change all the same.
	IssueUpdated time.Time
}

// RangeState summarises the articles of a channel whose ordinals lie in a
// range, such as one archive page: it changes whenever the page does, so
// it makes the page's ETag without rendering it.
type RangeState struct {
	// First is the first ordinal of the range.
	First int64
	// Articles is how many articles hold an ordinal in the range.
	Articles int
	// Updated is their latest Updated time.
	Updated time.Time
	// IssueUpdated is the latest time an issue that holds one of them
	// was written, as in ChannelState.
	IssueUpdated time.Time
}

// ArticleVersion is what an article page shows that can change: the
// article itself and its issue (title, date, the other articles).
type ArticleVersion struct {
	ID           string
	IssueKey     string
	Updated      time.Time
	IssueUpdated time.Time
}
