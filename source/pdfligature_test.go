package source

import "testing"

// A word cut where a ligature without text stood is whole again when the
// issue prints it elsewhere and the second piece is no word of its own;
// pieces that are words, or that make no word of the issue, stay apart.
func TestRepairLigatures(t *testing.T) {
	pages := [][]frag{{
		{text: "Why Robo cs?"},
		{text: "Our robotics club meets on Fridays; Robotics is for everyone."},
		{text: "The sta ff room and the e ffort"},
		{text: "Find our aff iliated clubs at the fair"},
		{text: "Sign up at the office by Friday. Ask the staff."},
	}, {
		{text: "Robo cs camp, 3–7 August: lunch on site."},
		{text: "St Peter's, Shoreham"},
	}}
	repairLigatures(pages)
	for _, c := range []struct {
		page, i int
		want    string
	}{
		{0, 0, "Why Robotics?"},
		{1, 0, "Robotics camp, 3–7 August: lunch on site."},
		// "ff room" makes no word the issue prints; "e ffort" neither.
		{0, 2, "The sta ff room and the e ffort"},
		{0, 3, "Find our aff iliated clubs at the fair"},
		{1, 1, "St Peter's, Shoreham"},
	} {
		if got := pages[c.page][c.i].text; got != c.want {
			t.Errorf("page %d line %d: got %q, want %q", c.page+1, c.i+1, got, c.want)
		}
	}
}

// A second piece that the issue prints as a word of its own is that word:
// "on" after "Acti" where "on" stands alone elsewhere.
func TestRepairLigaturesKeepsWords(t *testing.T) {
	pages := [][]frag{{
		{text: "Acti on stations"},
		{text: "Action for Malawi"},
		{text: "Coffee on Sunday after Mass"},
	}}
	repairLigatures(pages)
	if got := pages[0][0].text; got != "Acti on stations" {
		t.Errorf("got %q, want the pieces left apart: \"on\" is a word of the issue", got)
	}
}

// A short heading that asks or exclaims is a title, not a label over one.
func TestShortQuestionIsATitle(t *testing.T) {
	heads := []PDFLine{
		{Text: "“Created by God to Pursue Excellence!”", Size: 12.6},
		{Text: "Why Robotics?", Size: 12.5},
		{Text: "It’s the hardest fun you’ll ever have!", Size: 11.4},
	}
	got := dropLabels(heads)
	if len(got) != 3 {
		t.Errorf("dropLabels kept %d headings, want all 3: a question is no label", len(got))
	}
	labels := dropLabels([]PDFLine{{Text: "Parish News", Size: 14}, {Text: "Summer fete raises £2,400 for the roof", Size: 14}})
	if len(labels) != 1 || labels[0].Text != "Summer fete raises £2,400 for the roof" {
		t.Errorf("a two-word label over a title: got %v", labels)
	}
}
