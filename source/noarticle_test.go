package source

import (
	"context"
	"strings"
	"testing"
)

// An issue of a publication that prints no credit lines finds no article
// with the default options; the error must name the fix, and the fix
// must work.
func TestNoArticleNamesTheFix(t *testing.T) {
	const parish = `St Anne's Parish Newsletter

Harvest supper a great success

Over ninety parishioners gathered in the hall on Saturday for the harvest supper, and the raffle raised two hundred and forty pounds for the roof appeal.

Thanks go to everyone who cooked, served and washed up afterwards.

Advent reflection evenings

Father Michael will lead three quiet evenings of prayer and reflection on the Tuesdays of Advent, starting at half past seven in the Lady Chapel.
`
	_, err := Parse(context.Background(), strings.NewReader(parish), "stanne-2024-11.txt", Options{})
	if err == nil {
		t.Fatal("parsed with credit lines required")
	}
	for _, want := range []string{"stanne-2024-11.txt", "no article found", "--no-credits", `credits = "none"`, "2 articles"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
	iss, err := Parse(context.Background(), strings.NewReader(parish), "stanne-2024-11.txt", Options{NoCredits: true})
	if err != nil || len(iss.Articles) != 2 {
		t.Fatalf("the fix the error names does not work: %v", err)
	}

	// Text with no heading-shaped line at all is not told to drop credits.
	_, err = Parse(context.Background(), strings.NewReader("Shopping list\n\nMilk, eggs and bread.\n"), "notes.txt", Options{})
	if err == nil || strings.Contains(err.Error(), "--no-credits") {
		t.Errorf("a list with no headings: %v", err)
	}
}
