package bulletinfeed

// Publication is one bulletin: the issues of a district newsletter, a
// council gazette or a parish bulletin.
type Publication struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	// Description says in a sentence what the publication is; feeds and
	// the index page show it.
	Description string `json:"description,omitempty"`
	// Lang is a BCP 47 language tag ("zh-CN", "en").
	Lang string `json:"lang"`
	// TimeZone is an IANA zone name; date-only issue dates are midnight there.
	TimeZone string `json:"tz"`
	// Banners are the known section banners, as configured; a banner
	// printed on two lines is given as the two lines joined by one space.
	Banners []string `json:"banners,omitempty"`
	// DefaultSection names the section of articles before the first banner.
	DefaultSection string `json:"default_section,omitempty"`
	// SectionNames gives a section, by its banner as printed, a name to
	// show instead of the banner ("社区动态" → "Community news").
	SectionNames map[string]string `json:"section_names,omitempty"`
}
