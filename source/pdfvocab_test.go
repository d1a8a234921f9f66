package source

import (
	"slices"
	"strings"
	"testing"
)

// without returns the default vocabulary with word taken out of the list
// that pick chooses.
func without(pick func(*Vocabulary) *[]string, word string) *lexicon {
	v := DefaultVocabulary()
	l := pick(&v)
	*l = slices.DeleteFunc(slices.Clone(*l), func(w string) bool { return w == word })
	return compileLexicon(v)
}

// TestPDFVocabularyPinned: every word the PDF rules added to the
// vocabulary is needed: with it the rule sees its case, without it not.
func TestPDFVocabularyPinned(t *testing.T) {
	lists := []struct {
		name  string
		pick  func(*Vocabulary) *[]string
		words []string
		sees  func(lx *lexicon, w string) bool
	}{
		{"MastheadWords", func(v *Vocabulary) *[]string { return &v.MastheadWords }, DefaultVocabulary().MastheadWords,
			func(lx *lexicon, w string) bool { return lx.isMastheadWords("Spring 2024 " + w) }},
		{"Valedictions", func(v *Vocabulary) *[]string { return &v.Valedictions }, DefaultVocabulary().Valedictions,
			func(lx *lexicon, w string) bool { return lx.isValedictionWords(w + " to you all") }},
		{"Months", func(v *Vocabulary) *[]string { return &v.Months }, DefaultVocabulary().Months,
			func(lx *lexicon, w string) bool { return lx.isDateWordsOnly(w + " 3rd") }},
		{"Weekdays", func(v *Vocabulary) *[]string { return &v.Weekdays }, DefaultVocabulary().Weekdays,
			func(lx *lexicon, w string) bool { return lx.isDateWordsOnly(w + " 3rd") }},
		{"DeskPrefixes", func(v *Vocabulary) *[]string { return &v.DeskPrefixes }, DefaultVocabulary().DeskPrefixes,
			func(lx *lexicon, w string) bool { return lx.isDeskPrefix(w + ":") }},
		{"NameTitles", func(v *Vocabulary) *[]string { return &v.NameTitles }, DefaultVocabulary().NameTitles,
			func(lx *lexicon, w string) bool { return lx.bareChineseName("蔡明谋"+w) == "蔡明谋" }},
		{"ContentsLabels", func(v *Vocabulary) *[]string { return &v.ContentsLabels }, []string{"目錄", "What's inside", "What’s inside", "What's new", "What’s new", "Special points of interest"},
			func(lx *lexicon, w string) bool { return lx.isContentsLabel(w + ":") }},
		{"JobTitles", func(v *Vocabulary) *[]string { return &v.JobTitles }, []string{"master", "captain", "coach", "founder", "organiser", "organizer", "trustee", "curate", "chaplain", "superintendent", "commander", "advisor", "adviser"},
			func(lx *lexicon, w string) bool { return lx.isPostLine("Senior " + w) }},
		{"Roles", func(v *Vocabulary) *[]string { return &v.Roles }, []string{"讲员", "讲者", "講員", "講者", "翻譯", "記者", "攝影", "編輯", "撰稿", "報導"},
			func(lx *lexicon, w string) bool {
				bs, ok := lx.slashCredit(w + "/王小明牧師")
				return ok && len(bs) == 1 && bs[0].Role == w && bs[0].Name == "王小明"
			}},
	}
	for _, l := range lists {
		for _, w := range l.words {
			if !l.sees(defaultLexicon, w) {
				t.Errorf("%s %q: the rule does not see its case with the word", l.name, w)
			}
			if l.sees(without(l.pick, w), w) {
				t.Errorf("%s %q: the rule sees its case without the word: it is not needed", l.name, w)
			}
		}
	}
}

// TestVocabularyBlankWords: a blank word given in a list (by a program; the
// configuration refuses one) is no word: it matches nothing and strips
// nothing, and a vocabulary short of the default lists breaks no rule.
func TestVocabularyBlankWords(t *testing.T) {
	lx := compileLexicon(Vocabulary{NameTitles: []string{"牧師", ""}, Roles: []string{"By"}})
	if got := lx.bareChineseName("蔡明謀牧師"); got != "蔡明謀" {
		t.Errorf("bareChineseName: %q", got)
	}
	if lx.isDateWordsOnly("June") {
		t.Error("a date heading without months in the vocabulary")
	}
}

// TestSlashCredit: Chinese credits with titles around the names, with or
// without a slash.
func TestSlashCredit(t *testing.T) {
	for _, tc := range []struct{ line, want string }{
		{"文/院長蔡明謀牧師/博士 金甌姐妹翻譯", "文:蔡明謀 翻譯:金甌"},
		{"講員/鄒永恆博士 文/金甌姐妹根據大會錄音整理", "講員:鄒永恆 文:金甌"},
		{"金甌姐妹翻譯", "翻譯:金甌"},
		{"我們一同來敬拜", ""},
	} {
		bs, _ := defaultLexicon.slashCredit(tc.line)
		var got []string
		for _, b := range bs {
			got = append(got, b.Role+":"+b.Name)
		}
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: got %q, want %q", tc.line, got, tc.want)
		}
	}
}
