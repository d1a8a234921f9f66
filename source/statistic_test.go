package source

import (
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

// The figures of an attendance box, each count set large over its label
// (193 over 主日崇拜), are no articles; a year may title a review.
func TestStatisticNoArticle(t *testing.T) {
	para := func(s string) []bulletinfeed.Block {
		return []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: s}}
	}
	as := []*bulletinfeed.Article{
		{Title: "Harvest supper", Blocks: para("Tickets for the harvest supper on Saturday are on sale after every Mass.")},
		{Title: "193", Blocks: para("主日崇拜/国文，早上9:30")},
		{Title: "1,141", Blocks: para("Communicants this quarter")},
		{Title: "2024", Blocks: para("The year in the parish brought a new roof, two weddings and the summer fair.")},
	}
	var got []string
	for _, a := range dropAdverts(as) {
		got = append(got, a.Title)
	}
	if strings.Join(got, "|") != "Harvest supper|2024" {
		t.Errorf("kept %q, want the supper and the year's review", got)
	}
}
