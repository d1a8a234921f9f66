package bulletinfeed_test

import (
	"slices"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

// TestCorrect: a correction finds its article by the parsed title, in
// document order where titles repeat; the title replaces the heading it
// was; a move changes the section, to the default one too; a correction
// whose article is gone comes back unmatched.
func TestCorrect(t *testing.T) {
	iss := &bulletinfeed.Issue{Articles: []*bulletinfeed.Article{
		{Title: "简讯", Headings: []string{"简讯"}, Section: "要闻"},
		{Title: "简讯", Headings: []string{"简讯"}, Section: "要闻"},
		{Title: "Fête", Headings: []string{"Summer", "Fête"}, Section: "News"},
	}}
	un := bulletinfeed.Correct(iss, []bulletinfeed.Correction{
		{OrigTitle: "简讯", Title: "第一条简讯"},
		{OrigTitle: "简讯", MoveSection: true, Section: ""},
		{OrigTitle: "Fête", Title: "Summer Fair"},
		{OrigTitle: "Gone", Title: "x"},
	})
	if len(iss.Articles) != 3 {
		t.Fatalf("%d articles, want 3", len(iss.Articles))
	}
	a := iss.Articles
	if a[0].Title != "第一条简讯" || !slices.Equal(a[0].Headings, []string{"第一条简讯"}) || a[0].Section != "要闻" {
		t.Errorf("first = %+v", a[0])
	}
	if a[1].Title != "简讯" || a[1].Section != "" {
		t.Errorf("second = %+v, want moved to the default section", a[1])
	}
	if a[2].Title != "Summer Fair" || !slices.Equal(a[2].Headings, []string{"Summer", "Summer Fair"}) {
		t.Errorf("third = %+v", a[2])
	}
	if len(un) != 1 || un[0].OrigTitle != "Gone" {
		t.Errorf("unmatched = %+v, want the one of Gone", un)
	}
}

// TestCorrectRemove: a removal takes its article out of the issue, the
// others keep their order.
func TestCorrectRemove(t *testing.T) {
	iss := &bulletinfeed.Issue{Articles: []*bulletinfeed.Article{{Title: "A"}, {Title: "Masthead"}, {Title: "B"}}}
	bulletinfeed.Correct(iss, []bulletinfeed.Correction{{OrigTitle: "Masthead", Remove: true}})
	var titles []string
	for _, a := range iss.Articles {
		titles = append(titles, a.Title)
	}
	if !slices.Equal(titles, []string{"A", "B"}) {
		t.Fatalf("articles %v, want [A B]", titles)
	}
	if c := (bulletinfeed.Correction{Remove: true}); !c.InEffect(nil) || c.InEffect(&bulletinfeed.Article{}) {
		t.Fatal("a removal is in effect when, and only when, its article is not stored")
	}
}
