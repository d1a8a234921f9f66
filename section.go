package bulletinfeed

// Section is a column of a publication: the articles printed under one
// banner. The default section has an empty Name.
type Section struct {
	Name string `json:"name"`
	// Slug is a stable ASCII name for URLs, unique within the publication
	// and never changed once given.
	Slug string `json:"slug"`
}
