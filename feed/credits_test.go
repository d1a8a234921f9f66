package feed_test

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

func TestCredits(t *testing.T) {
	cases := []struct {
		name            string
		bylines         []bulletinfeed.Byline
		writers, others []string
	}{
		{"correspondent and photographer", []bulletinfeed.Byline{by("通讯员", "张媛芮"), by("摄影", "冯荔")}, []string{"张媛芮"}, []string{"冯荔"}},
		{"reporter", []bulletinfeed.Byline{by("本报记者", "王一"), by("记者", "李二")}, []string{"王一", "李二"}, nil},
		{"text and picture", []bulletinfeed.Byline{by("文", "王一"), by("图", "李二")}, []string{"王一"}, []string{"李二"}},
		{"text and picture by one", []bulletinfeed.Byline{by("文/图", "刘洋")}, []string{"刘洋"}, nil},
		{"writer also photographer", []bulletinfeed.Byline{by("文", "王一"), by("摄", "王一")}, []string{"王一"}, nil},
		{"words and photography", []bulletinfeed.Byline{by("文字/摄影", "马力")}, []string{"马力"}, nil},
		{"photographer alone", []bulletinfeed.Byline{by("摄影", "冯荔")}, nil, []string{"冯荔"}},
		{"organisation", []bulletinfeed.Byline{by("供稿", "区委宣传部")}, nil, []string{"区委宣传部"}},
		{"source", []bulletinfeed.Byline{by("来源", "河西区融媒体中心")}, nil, []string{"河西区融媒体中心"}},
		{"editor", []bulletinfeed.Byline{by("记者", "王一"), by("编辑", "赵三")}, []string{"王一"}, []string{"赵三"}},
		{"no title", []bulletinfeed.Byline{by("", "Priya Natarajan")}, []string{"Priya Natarajan"}, nil},
		{"by and photos by", []bulletinfeed.Byline{by("By", "Jane Doe"), by("Photos by", "Sam Lee")}, []string{"Jane Doe"}, []string{"Sam Lee"}},
		{"story and photos by", []bulletinfeed.Byline{by("Story and photos by", "Ann Lee")}, []string{"Ann Lee"}, nil},
		{"words", []bulletinfeed.Byline{by("Words", "Tom Whitaker")}, []string{"Tom Whitaker"}, nil},
		{"upper case by", []bulletinfeed.Byline{by("BY", "MARY JONES")}, []string{"MARY JONES"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			w, o := feed.Credits(&bulletinfeed.Article{Bylines: tc.bylines})
			if !slices.Equal(w, tc.writers) || !slices.Equal(o, tc.others) {
				t.Errorf("writers %q, others %q; want %q, %q", w, o, tc.writers, tc.others)
			}
		})
	}
}

// TestAtomContributors checks that Atom names the photographer of the
// fixture's articles as a contributor, not an author, and that the
// content's credit line still names them.
func TestAtomContributors(t *testing.T) {
	_, st := newFixtureStore()
	site := mustRender(t, st, testConfig())
	var doc struct {
		Entries []struct {
			ID           string   `xml:"id"`
			Authors      []string `xml:"author>name"`
			Contributors []string `xml:"contributor>name"`
			Content      string   `xml:"content"`
		} `xml:"entry"`
	}
	if err := xml.NewDecoder(bytes.NewReader(mustBody(t, site, "/feeds/all.atom"))).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, e := range doc.Entries {
		if !strings.HasSuffix(e.ID, "/c9d0e1f2") {
			continue
		}
		found++
		if !slices.Equal(e.Authors, []string{"张媛芮"}) || !slices.Equal(e.Contributors, []string{"冯荔"}) {
			t.Errorf("authors %q, contributors %q; want [张媛芮], [冯荔]", e.Authors, e.Contributors)
		}
		if !strings.Contains(e.Content, "通讯员 张媛芮 摄影 冯荔") {
			t.Errorf("content lacks the credit line: %s", e.Content)
		}
	}
	if found != 1 {
		t.Fatalf("found the article %d times", found)
	}
}
