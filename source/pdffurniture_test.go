package source

import "testing"

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
