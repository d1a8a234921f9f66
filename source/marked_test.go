package source_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// TestMarkedEdgeCases: articles whose fields would break the marked
// lines (a name holding ": ", text starting with a marker, a line break in
// a field, a section after none) parse back the same.
func TestMarkedEdgeCases(t *testing.T) {
	iss := &bulletinfeed.Issue{Articles: []*bulletinfeed.Article{
		{Headings: []string{"Kicker", "Title one"}, Title: "Title one",
			Bylines: []bulletinfeed.Byline{{Role: "", Name: "Note: Jane"}, {Role: "By", Name: "Tom Brown"}},
			Blocks: []bulletinfeed.Block{
				{Kind: bulletinfeed.Paragraph, Text: "# not a title"},
				{Kind: bulletinfeed.Paragraph, Text: "@ not a byline"},
				{Kind: bulletinfeed.Paragraph, Text: `\ a backslash`},
				{Kind: bulletinfeed.Subhead, Text: "Part two"},
				{Kind: bulletinfeed.Paragraph, Text: "A line\nbroken in two"},
			}},
		{Section: "News", Headings: []string{"Title two"}, Title: "Title two", Bylines: []bulletinfeed.Byline{},
			Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "Text."}}},
		{Section: "", Headings: []string{"Title three"}, Title: "Title three", Bylines: []bulletinfeed.Byline{},
			Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "More text."}}},
	}}
	var b strings.Builder
	if err := source.WriteMarked(&b, iss); err != nil {
		t.Fatal(err)
	}
	again, err := source.Parse(context.Background(), strings.NewReader(b.String()), "marked.txt", source.Options{})
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	iss.Articles[0].Blocks[4].Text = "A line broken in two" // a field is one line
	want, _ := json.Marshal(iss.Articles)
	got, _ := json.Marshal(again.Articles)
	if string(got) != string(want) {
		t.Errorf("got  %s\nwant %s\nfrom\n%s", got, want, b.String())
	}
}

// TestMarkedErrors: marked text that would lose words is refused, naming
// the line; an unknown format is refused too.
func TestMarkedErrors(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"text before a title", "Format: marked\n\nA stray paragraph.\n# Title\nText.\n", "marked.txt:3"},
		{"byline before a title", "Format: marked\n\n@ Jane Doe\n# Title\nText.\n", "marked.txt:3"},
		{"text after a section", "Format: marked\n\n# Title\nText.\n## News\nOrphan.\n", "marked.txt:6"},
		{"unknown format", "Format: markdown\n\n# Title\nText.\n", `header format "markdown"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := source.Parse(context.Background(), strings.NewReader(tc.text), "marked.txt", source.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
	// Without the header, "# " starts no marked text: a bulletin may
	// print it.
	iss, err := source.Parse(context.Background(), strings.NewReader("# 1 in the county\n\nBell ringers win again\n\nBy Jane Doe\n\nThe ringers won the county prize again this year.\n"), "plain.txt", source.Options{})
	if err != nil || len(iss.Articles) != 1 || len(iss.Articles[0].Bylines) != 1 {
		t.Errorf("plain text with a # line: %v %+v", err, iss)
	}
}
