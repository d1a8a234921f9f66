package bulletinfeed

import "time"

// Issue is one issue of a bulletin as it was parsed from its source file.
type Issue struct {
	// Key identifies the issue within its publication ("2023-04", "第15期").
	// It is what makes a re-ingested or corrected file a revision of the same
	// issue rather than a new one.
	Key string `json:"key,omitempty"`
	// Title is the issue's own title, from a header line; often empty.
	Title string `json:"title,omitempty"`
	// Date is the publication date, in UTC. A date-only value means midnight
	// in the publication's time zone.
	Date time.Time `json:"date,omitzero"`
	// SourceName is the base name of the file the issue was read from.
	SourceName string `json:"source,omitempty"`
	// SourcePath is the absolute path of that file, when it was a file:
	// two files of one name in different folders are different issues.
	SourcePath string `json:"source_path,omitempty"`
	// KeyFromName is true when no header line gave the key and it was
	// made from the file name. Two files may then share a key by accident,
	// so the store refuses to let one replace the other unless asked.
	KeyFromName bool `json:"-"`
	// ContentHash is the hex SHA-256 of the source bytes; the same bytes
	// ingested again change nothing.
	ContentHash string `json:"content_hash,omitempty"`
	// PublishAt, when set, is the time before which the issue is shown
	// nowhere (an embargo): the store keeps it for staff and releases it
	// at that time. Zero means at once.
	PublishAt time.Time `json:"publish_at,omitzero"`
	// Method says how the articles of a print PDF were found: by their
	// "credit lines", or by "typography: " and the typographic method
	// (headings, or the fallback taken). Empty for text input; not stored.
	Method string `json:"method,omitempty"`
	// Warnings say what the parse left out on purpose and why (a PDF's
	// pictures, when taking them out failed or took too long), for the
	// log; not stored.
	Warnings []string `json:"-"`
	// Articles in document order.
	Articles []*Article `json:"articles"`

	// Set by the store.
	PublicationID string    `json:"publication,omitempty"`
	IngestedAt    time.Time `json:"ingested_at,omitzero"`
	UpdatedAt     time.Time `json:"updated_at,omitzero"`
}

// Sections returns the distinct section names of the issue's articles in
// the order they first appear.
func (iss *Issue) Sections() []string {
	var names []string
	seen := make(map[string]bool)
	for _, a := range iss.Articles {
		if !seen[a.Section] {
			seen[a.Section] = true
			names = append(names, a.Section)
		}
	}
	return names
}
