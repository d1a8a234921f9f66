package bulletinfeed

import (
	"strings"
	"testing"
)

func TestCheckPublicationID(t *testing.T) {
	routes := []string{"feeds", "rss", "sitemaps"}
	for _, id := range []string{"a", "weekly-brief", "school_news", "hexi2023", strings.Repeat("x", MaxPublicationID)} {
		if err := CheckPublicationID(id, routes); err != nil {
			t.Errorf("%q: %v", id, err)
		}
	}
	for id, want := range map[string]string{
		"":                                      "empty",
		"rss":                                   "path of the site's own",
		"sitemaps":                              "path of the site's own",
		"Weekly":                                "lowercase",
		"weekly brief":                          "lowercase",
		"-news":                                 "lowercase",
		"news-":                                 "lowercase",
		"新闻":                                    "lowercase",
		strings.Repeat("x", MaxPublicationID+1): "longer than",
	} {
		if err := CheckPublicationID(id, routes); err == nil || KindOf(err) != Invalid || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: %v, want %q", id, err, want)
		}
	}
	// The first publication, at the root, is in no path: routes is nil.
	if err := CheckPublicationID("rss", nil); err != nil {
		t.Errorf("rss with no routes: %v", err)
	}
}
