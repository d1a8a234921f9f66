package source

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestVocabularyWith(t *testing.T) {
	def := DefaultVocabulary()
	extra := Vocabulary{Roles: []string{"小记者", "记者", " "}, NewsAgencies: []string{"路透社"}, ColophonLabels: []string{"投稿"}}
	v := Vocabulary{}.With(extra)
	if !slices.Contains(v.Roles, "小记者") || !slices.Contains(v.NewsAgencies, "路透社") || !slices.Contains(v.ColophonLabels, "投稿") {
		t.Errorf("additions missing: %v %v %v", v.Roles, v.NewsAgencies, v.ColophonLabels)
	}
	if len(v.Roles) != len(def.Roles)+1 {
		t.Errorf("%d roles, want the %d defaults and one new (记者 is there, a blank is no word)", len(v.Roles), len(def.Roles))
	}
	if len(v.EndMarks) != len(def.EndMarks) {
		t.Errorf("a list without additions changed: %v", v.EndMarks)
	}
	// With changes neither its receiver nor the defaults, even when a
	// list of the receiver has room to grow in place.
	base := DefaultVocabulary()
	base.Roles = append(make([]string, 0, 8), "记者")
	a := base.With(Vocabulary{Roles: []string{"甲"}})
	_ = base.With(Vocabulary{Roles: []string{"乙"}})
	if len(base.Roles) != 1 || a.Roles[len(a.Roles)-1] != "甲" || slices.Contains(DefaultVocabulary().Roles, "小记者") {
		t.Errorf("With changed its receiver: %v, %v", base.Roles, a.Roles)
	}
	if !Vocabulary.isZero(Vocabulary{}) || def.isZero() {
		t.Error("isZero")
	}
}

// TestVocabularyFromOptions: words a publication adds are read, through
// Options, by the rules: an agency, a colophon label.
func TestVocabularyFromOptions(t *testing.T) {
	opts := Options{Vocabulary: DefaultVocabulary().With(Vocabulary{NewsAgencies: []string{"津云"}, ColophonLabels: []string{"投稿QQ"}})}
	text := "社区开展义诊活动\n\n通讯员 王一\n\n近日，社区开展义诊活动。\n\n投稿QQ：12345678\n\n河西区召开推进会\n\n津云天津5月2日电 推进会召开。\n"
	want := "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。\n河西区召开推进会 () | p:津云天津5月2日电 推进会召开。"
	for _, tc := range []struct {
		name string
		opts Options
		want string
	}{
		{"with the words", opts, want},
		{"defaults", Options{}, "社区开展义诊活动 (通讯员:王一) | p:近日，社区开展义诊活动。 | s:投稿QQ：12345678 | s:河西区召开推进会 | p:津云天津5月2日电 推进会召开。"},
	} {
		iss, err := Parse(context.Background(), strings.NewReader(text), "v.txt", tc.opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := summary(iss, true); got != tc.want {
			t.Errorf("%s: got\n%s\nwant\n%s", tc.name, got, tc.want)
		}
	}
}

// TestVocabularyAddedWordsAnyCase: words a publication adds to the lists
// matched against lower-cased text count whatever their case.
func TestVocabularyAddedWordsAnyCase(t *testing.T) {
	lx := newLexicon(DefaultVocabulary().With(Vocabulary{JumpPrefixes: []string{"Turn to"}, DateWords: []string{"Michaelmas"}}))
	if !lx.isJumpMarker("Turn to page 4") {
		t.Error(`"Turn to page 4" is no jump marker with "Turn to" added`)
	}
	if !lx.looksLikeDateLine("Michaelmas Term 2024") {
		t.Error(`"Michaelmas Term 2024" is no date line with "Michaelmas" added`)
	}
}
