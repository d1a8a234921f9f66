package source

import (
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

func paras(texts ...string) []bulletinfeed.Block {
	var bs []bulletinfeed.Block
	for _, t := range texts {
		bs = append(bs, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: t})
	}
	return bs
}

func kinds(a *bulletinfeed.Article) string {
	s := ""
	for _, b := range a.Blocks {
		if b.Kind == bulletinfeed.Subhead {
			s += "S"
		} else {
			s += "p"
		}
	}
	return s
}

// Numbered parts set like the text are subheads when their numbers run on
// and text follows each; a numbered list stays paragraphs.
func TestNumberedSubheads(t *testing.T) {
	cases := []struct {
		name string
		in   []bulletinfeed.Block
		want string
	}{
		{"parts of an article, in Chinese", paras("2.反复地阅读圣经", "不要只阅读一遍。要经常阅读并阅读多次。", "一次只读一整本书", "3.有耐心阅读圣经", "不要匆促！放慢速度。", "4.选择性阅读圣经", "不要被动地阅读。"), "SppSpSp"},
		{"parts of an article, in English", paras("1. Where the money went", "The appeal raised four hundred pounds.", "2. What comes next", "The roof will be mended in the spring."), "SpSp"},
		{"a numbered list", paras("Please bring:", "1. A plate of food", "2. Your own cup", "3. A chair if you can"), "pppp"},
		{"numbers that do not run on", paras("1. Where the money went", "The appeal raised four hundred pounds.", "5. What comes next", "The roof will be mended."), "pppp"},
		{"sentences, not heads", paras("1. We met on Tuesday.", "The minutes follow below.", "2. The treasurer reported a surplus.", "It will go to the roof."), "pppp"},
		{"one numbered line", paras("1. Where the money went", "The appeal raised four hundred pounds."), "pp"},
		{"decimals and dates", paras("2.5 metres of new guttering", "were fitted last week.", "3.1 metres more", "are on order."), "pppp"},
	}
	for _, tc := range cases {
		a := &bulletinfeed.Article{Blocks: tc.in}
		numberedSubheads([]*bulletinfeed.Article{a})
		if got := kinds(a); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.name, got, tc.want)
		}
	}
}
