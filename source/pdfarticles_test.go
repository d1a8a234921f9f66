package source

import (
	"strings"
	"testing"
)

// A Chinese title broken over two sizes is joined; a title of two phrases
// a space apart is whole, though a space beside Latin letters is a word's.
func TestBrokenHanTitle(t *testing.T) {
	head := func(text string, size float64) PDFLine { return PDFLine{Text: text, Size: size, Page: 1} }
	cases := []struct {
		a, b PDFLine
		want bool
	}{
		{head("基督徒如何面對", 69.6), head("性別混亂的時代", 59.4), true},
		{head("2024 BABC灣區基督徒", 49.5), head("教育大會總結回顧", 43.3), true},
		{head("建立家庭 祝福全地", 47.4), head("從信仰群體的角度", 40), false},
		{head("十项行动", 20), head("奋进新征程", 12), false}, // a deck, set much smaller
		{head("今日祝文。", 20), head("求主保守", 18), false},
	}
	for _, tc := range cases {
		if got := brokenHanTitle(tc.a, tc.b); got != tc.want {
			t.Errorf("%q / %q: %v, want %v", tc.a.Text, tc.b.Text, got, tc.want)
		}
	}
}

// A credit line with a degree after the writer's name and a translator
// after it reads as both credits, the degree left out.
func TestHeadCreditDegreeAndTranslator(t *testing.T) {
	lx := newLexicon(Vocabulary{})
	cases := map[string]string{
		"文/錢澄博士 金甌姐妹翻譯":           "文 錢澄|翻譯 金甌",
		"文/院長蔡明謀牧師/博士 金甌姐妹翻譯":     "文 蔡明謀|翻譯 金甌",
		"講員/鄒永恆博士 文/金甌姐妹根據大會錄音整理": "講員 鄒永恆|文 金甌",
		"By Jane Doe": "By Jane Doe",
	}
	for in, want := range cases {
		bs, ok := lx.headCredit(in)
		var got []string
		for _, b := range bs {
			got = append(got, b.Role+" "+b.Name)
		}
		if !ok || strings.Join(got, "|") != want {
			t.Errorf("headCredit(%q) = %q, %v; want %q", in, strings.Join(got, "|"), ok, want)
		}
	}
}

// Dates set side by side in a grid are each an item; a sentence with
// dates in it stays whole.
func TestDatesAlone(t *testing.T) {
	cases := map[string]int{
		"October 12th November 9th December 14th":                 3,
		"January 11th February 8th March 14th April 11th May 9th": 5,
		"Oct. 3, 2015 Nov. 7, 2015 Dec. 5, 2015":                  3,
		"Tuesday, September 15th":                                 0,
		"Meetings on October 12th and November 9th":               0,
	}
	for in, want := range cases {
		if got := len(datesAlone(in)); got != want {
			t.Errorf("datesAlone(%q): %d dates, want %d", in, got, want)
		}
	}
}
