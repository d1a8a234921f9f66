package source

import (
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

// A page number or a year before a banner goes, but a number is taken off
// whole: an ordinal stays with its word.
func TestStripFolio(t *testing.T) {
	cases := map[string]string{
		"02 院長的話":                           "院長的話",
		"3 | News":                          "News",
		"2014 - 2015 11th Grade Honor Roll": "11th Grade Honor Roll",
		"2014 - 2015 10th Grade Honor Roll": "10th Grade Honor Roll",
		"9th Grade Honor Roll":              "9th Grade Honor Roll",
		"12":                                "12",
		"4 Parish news":                     "Parish news",
	}
	for in, want := range cases {
		if got := stripFolio(in); got != want {
			t.Errorf("stripFolio(%q) = %q, want %q", in, got, want)
		}
	}
}

// A box that lists names (the committee, the board) is no article; an
// article with a list of things in it is one.
func TestIsRoster(t *testing.T) {
	art := func(texts ...string) *bulletinfeed.Article {
		a := &bulletinfeed.Article{Title: "t"}
		for _, s := range texts {
			a.Blocks = append(a.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: s})
		}
		return a
	}
	cases := []struct {
		name string
		a    *bulletinfeed.Article
		want bool
	}{
		{"committee", art("Teddy Amoloza Bob Clary, Treasurer Sanae Ferrier Cindy Hansen Robert Hickey"), true},
		{"board in Chinese", art("陳道明 宋曹琍璇 陳鎮和 歐陽貫宗 孫雅各"), true},
		{"a sentence", art("Teddy Amoloza and Bob Clary Will Host The Visitors In May."), false},
		{"a wish list among sentences", art("Our workshop needs new tools.", "CNC Mill & Lathe", "DSLR Camera & Go Pro Camera"), false},
		{"too short", art("Bob Clary"), false},
		{"a name alone among the rows", art("Shaun Carver Filippo Giambanco Brooke Chmiel Garrett Gugliel", "Shelby Davies"), true},
		{"names alone only", art("Shelby Davies", "Tom Brown"), false},
		{"a notice in title case", art("All Welcome For Tea And Cakes Served In The Hall"), false},
	}
	for _, tc := range cases {
		if got := isRoster(tc.a); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
}

// The publisher's contact box is no article; a notice that gives a web
// address among its sentences is one.
func TestIsContactBox(t *testing.T) {
	art := func(title string, texts ...string) *bulletinfeed.Article {
		a := &bulletinfeed.Article{Title: title}
		for _, s := range texts {
			a.Blocks = append(a.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: s})
		}
		return a
	}
	if !isContactBox(art("27 Lone Oak Ct.", "Contact Us", "Website: www.bnsistercities.org", "Facebook: Bloomington Normal Asahikawa Sister Cities Committee", "Email: contactus@bnsistercities.org")) {
		t.Error("the club's contact box is taken for an article")
	}
	if isContactBox(art("Young adults weekend", "Are you 18-40 and want to deepen your faith? Join us at the abbey in October.", "To book go to: https://bookwhen.com/youngadults", "For updates go to: http://youngadults.blogspot.co.uk/")) {
		t.Error("a notice with its booking links is taken for a contact box")
	}
}
