package bulletinfeed

import (
	"strings"
	"time"
)

// Article is one article of an issue: its heading lines, credits and body.
type Article struct {
	// ID is assigned by the store: stable across revisions and re-ingests,
	// unique in the store and URL-safe. Empty until stored.
	ID string `json:"id,omitempty"`
	// IssueKey is the key of the issue the article belongs to.
	IssueKey string `json:"issue,omitempty"`
	// Section is the name of the column banner the article sits under; empty
	// for the default section.
	Section string `json:"section"`
	// SectionSlug is the section's URL name, set by the store.
	SectionSlug string `json:"section_slug,omitempty"`
	// Headings holds every heading line in document order: kicker, title,
	// subtitle (not the section banner).
	Headings []string `json:"headings"`
	// Title is the main heading among Headings.
	Title   string   `json:"title"`
	Bylines []Byline `json:"bylines"`
	Blocks  []Block  `json:"blocks"`
	// Pictures are its photographs in print order, each placed after a
	// number of its blocks; the JSON leaves them out when there are none.
	Pictures []Picture `json:"pictures,omitempty"`

	// Position is the article's index within its issue, from 0.
	Position int `json:"-"`
	// Published is the issue's publication date; Updated the time the
	// article's content last changed (equal to Published until a revision).
	Published time.Time `json:"published,omitzero"`
	Updated   time.Time `json:"updated,omitzero"`
}

// Kicker returns the heading lines before the title.
func (a *Article) Kicker() []string {
	for i, h := range a.Headings {
		if h == a.Title {
			return a.Headings[:i]
		}
	}
	return nil
}

// Subtitles returns the heading lines after the title.
func (a *Article) Subtitles() []string {
	for i, h := range a.Headings {
		if h == a.Title {
			return a.Headings[i+1:]
		}
	}
	return nil
}

// Text returns the article body as plain text, one block per line.
func (a *Article) Text() string {
	var b strings.Builder
	for i, bl := range a.Blocks {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(bl.Text)
	}
	return b.String()
}
