package feed_test

import (
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// The second publication of a site of several: an English parish bulletin
// with a description and a display name for one banner. The third,
// "quiet", has no issue yet.

const secNotices = "PARISH NOTICES"

func riversidePublication() *bulletinfeed.Publication {
	return &bulletinfeed.Publication{
		ID:           "river",
		Title:        "Riverside News",
		Description:  "The monthly bulletin of St Mary's, Riverside.",
		Lang:         "en",
		TimeZone:     "Europe/London",
		SectionNames: map[string]string{secNotices: "Notices"},
	}
}

func quietPublication() *bulletinfeed.Publication {
	return &bulletinfeed.Publication{ID: "quiet", Title: "Quiet Times", Lang: "en"}
}

func riversideIssues() []*bulletinfeed.Issue {
	d := time.Date(2023, 4, 15, 0, 0, 0, 0, time.UTC)
	iss := &bulletinfeed.Issue{
		Key: "2023-04", Date: d, PublicationID: "river", UpdatedAt: d,
		Articles: []*bulletinfeed.Article{
			{
				ID: "r1a2b3c4", Section: secNotices, SectionSlug: "notices",
				Headings: []string{"Easter flowers"}, Title: "Easter flowers",
				Bylines: []bulletinfeed.Byline{by("By", "Ann Hale")},
				Blocks:  []bulletinfeed.Block{para("Thank you to everyone who gave flowers for Easter. The church has never looked better.")},
			},
			{
				ID: "r5d6e7f8", Section: "", SectionSlug: "general",
				Headings: []string{"From the vicar"}, Title: "From the vicar",
				Bylines: []bulletinfeed.Byline{by("", "Revd Paul Okafor")},
				Blocks:  []bulletinfeed.Block{para("Spring is here at last. Our Lent course ends this week.")},
			},
		},
	}
	for i, a := range iss.Articles {
		a.IssueKey, a.Position, a.Published, a.Updated = iss.Key, i, d, d
	}
	return []*bulletinfeed.Issue{iss}
}

// multiConfig renders hexi at the root, river and quiet under /river/ and
// /quiet/.
func multiConfig() feed.Config {
	cfg := testConfig()
	cfg.PublicationID = ""
	cfg.Publications = []string{"hexi", "river", "quiet"}
	return cfg
}

func newMultiStore() (*memory, *fakeStore) {
	m := &memory{}
	m.set(fixturePublication(), fixtureIssues())
	m.set(riversidePublication(), riversideIssues())
	m.set(quietPublication(), nil)
	return m, newFakeStore(m)
}
