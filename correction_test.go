package bulletinfeed_test

import (
	"slices"
	"testing"
	"time"

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

// TestCorrectEdited: an edited structure (headings, credits, blocks
// marked) replaces the parsed article's content while the parse reads
// the same body; the articles split off follow it in its section; a
// merge is the first article's structure with the second's text and the
// second's removal. A parse whose body changed leaves it unmatched.
func TestCorrectEdited(t *testing.T) {
	parse := func() *bulletinfeed.Issue {
		return &bulletinfeed.Issue{Articles: []*bulletinfeed.Article{
			{Title: "A", Headings: []string{"A"}, Section: "News", Bylines: []bulletinfeed.Byline{{Role: "通讯员", Name: "张三"}},
				Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "a1"}, {Kind: bulletinfeed.Paragraph, Text: "Photo: the fête"}, {Kind: bulletinfeed.Paragraph, Text: "b1"}}},
			{Title: "C", Headings: []string{"C"}, Section: "News", Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "c1"}}},
			{Title: "D", Headings: []string{"D"}, Section: "News", Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "d1"}}},
		}}
	}
	first := parse()
	split := bulletinfeed.Correction{OrigTitle: "A", OrigSum: bulletinfeed.ContentSum(first.Articles[0]),
		Edited: &bulletinfeed.ArticleEdit{Headings: []string{"Kicker", "A"}, Title: "A", Bylines: []bulletinfeed.Byline{{Role: "记者", Name: "张三"}},
			Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "a1"}, {Kind: bulletinfeed.Caption, Text: "Photo: the fête"}}},
		After: []bulletinfeed.ArticleEdit{{Title: "B", Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "b1"}}}}}
	merge := bulletinfeed.Correction{OrigTitle: "C", OrigSum: bulletinfeed.ContentSum(first.Articles[1]),
		Edited: &bulletinfeed.ArticleEdit{Headings: []string{"C"}, Title: "C",
			Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "c1"}, {Kind: bulletinfeed.Subhead, Text: "D"}, {Kind: bulletinfeed.Paragraph, Text: "d1"}}}}
	gone := bulletinfeed.Correction{OrigTitle: "D", Remove: true}
	un := bulletinfeed.Correct(first, []bulletinfeed.Correction{split, merge, gone})
	var got []string
	for _, a := range first.Articles {
		got = append(got, a.Section+":"+a.Title)
	}
	if want := []string{"News:A", "News:B", "News:C"}; len(un) != 0 || !slices.Equal(got, want) {
		t.Fatalf("articles %v, unmatched %d; want %v, 0", got, len(un), want)
	}
	a := first.Articles[0]
	if !slices.Equal(a.Headings, []string{"Kicker", "A"}) || a.Bylines[0].Role != "记者" || len(a.Blocks) != 2 || a.Blocks[1].Kind != bulletinfeed.Caption {
		t.Errorf("edited article = %+v", a)
	}
	if !split.InEffect(a) || !merge.InEffect(first.Articles[2]) {
		t.Error("the corrections are not in effect on the articles they made")
	}
	if c := first.Articles[2]; len(c.Blocks) != 3 || c.Blocks[1].Kind != bulletinfeed.Subhead {
		t.Errorf("merged article = %+v", c)
	}

	// A newer file that changed A's text: A comes as parsed, the
	// correction is returned unmatched and no longer in effect.
	newer := parse()
	newer.Articles[0].Blocks[0].Text = "a1, corrected in print"
	un = bulletinfeed.Correct(newer, []bulletinfeed.Correction{split})
	if len(un) != 1 || len(newer.Articles) != 3 || newer.Articles[1].Title != "C" || split.InEffect(newer.Articles[0]) {
		t.Errorf("after a changed body: %d unmatched, %d articles, second %q", len(un), len(newer.Articles), newer.Articles[1].Title)
	}
}

// TestIssueCorrection: a corrected key and date are given to a parse;
// the key is then the editor's, not the file name's.
func TestIssueCorrection(t *testing.T) {
	d := time.Date(2023, 4, 3, 0, 0, 0, 0, time.UTC)
	iss := &bulletinfeed.Issue{Key: "hexi-2023-04", KeyFromName: true, Date: d.AddDate(0, 0, -2)}
	c := bulletinfeed.IssueCorrection{Issue: "hexi-2023-04", Key: "2023-4", Date: d}
	c.Apply(iss)
	if iss.Key != "2023-4" || iss.KeyFromName || !iss.Date.Equal(d) || c.StoredKey() != "2023-4" {
		t.Errorf("corrected issue %q (from name %v) %v, stored key %q", iss.Key, iss.KeyFromName, iss.Date, c.StoredKey())
	}
	iss = &bulletinfeed.Issue{Key: "k", Date: d}
	bulletinfeed.IssueCorrection{Issue: "k"}.Apply(iss)
	if iss.Key != "k" || !iss.Date.Equal(d) {
		t.Errorf("an empty correction changed the issue: %q %v", iss.Key, iss.Date)
	}
}

// TestCorrectSplitOff: an article split off another is corrected in a
// later parse too, once the split has cut it, and may be split again.
func TestCorrectSplitOff(t *testing.T) {
	iss := &bulletinfeed.Issue{Articles: []*bulletinfeed.Article{{Title: "A", Headings: []string{"A"}, Section: "News",
		Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "a"}, {Kind: bulletinfeed.Paragraph, Text: "b"}, {Kind: bulletinfeed.Paragraph, Text: "c"}}}}}
	sum := bulletinfeed.ContentSum(iss.Articles[0])
	bBody := []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "b"}, {Kind: bulletinfeed.Paragraph, Text: "c"}}
	bSum := bulletinfeed.ContentSum(&bulletinfeed.Article{Blocks: bBody})
	un := bulletinfeed.Correct(iss, []bulletinfeed.Correction{
		// Made later, listed first: the piece's split does not wait for
		// the order of the list.
		{OrigTitle: "B", OrigSum: bSum, Edited: &bulletinfeed.ArticleEdit{Headings: []string{"B2"}, Title: "B2", Blocks: bBody[:1]},
			After: []bulletinfeed.ArticleEdit{{Headings: []string{"C"}, Title: "C", Blocks: bBody[1:]}}},
		{OrigTitle: "A", OrigSum: sum, Edited: &bulletinfeed.ArticleEdit{Headings: []string{"A"}, Title: "A", Blocks: iss.Articles[0].Blocks[:1]},
			After: []bulletinfeed.ArticleEdit{{Headings: []string{"B"}, Title: "B", Blocks: bBody}}},
	})
	var got []string
	for _, a := range iss.Articles {
		got = append(got, a.Section+":"+a.Title+":"+a.Blocks[0].Text)
	}
	if want := []string{"News:A:a", "News:B2:b", "News:C:c"}; len(un) != 0 || !slices.Equal(got, want) {
		t.Errorf("articles %v, %d unmatched; want %v", got, len(un), want)
	}
}
