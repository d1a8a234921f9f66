package store

import (
	"slices"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

func art(headings, body string) *bulletinfeed.Article {
	hs := strings.Split(headings, "|")
	return &bulletinfeed.Article{Headings: hs, Title: hs[len(hs)-1],
		Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: body}}}
}

const (
	bodyA = "街道组织志愿者走进社区，为老年居民提供健康咨询和理发服务，受到居民欢迎。活动持续一个上午，共服务居民八十余人次。"
	bodyB = "区文化馆举办春季书画展，展出本地作者作品一百二十幅，展期两周，市民可免费参观。开幕当天吸引了众多书画爱好者。"
	bodyC = "为改善交通秩序，河西大道北段将于下月起实施单向通行，公交线路同步调整，请市民提前规划出行路线。"
)

func TestMatch(t *testing.T) {
	cases := []struct {
		name     string
		old, new []*bulletinfeed.Article
		want     []int
	}{
		{
			name: "same headings in order",
			old:  []*bulletinfeed.Article{art("甲", bodyA), art("乙", bodyB)},
			new:  []*bulletinfeed.Article{art("乙", bodyB), art("甲", bodyA)},
			want: []int{1, 0},
		},
		{
			name: "repeated headings pair in document order",
			old:  []*bulletinfeed.Article{art("简讯", bodyA), art("简讯", bodyB)},
			new:  []*bulletinfeed.Article{art("简讯", bodyA+"补充"), art("简讯", bodyB)},
			want: []int{0, 1},
		},
		{
			name: "repeated headings: the middle one removed",
			old:  []*bulletinfeed.Article{art("简讯", bodyA), art("简讯", bodyB), art("简讯", bodyC)},
			new:  []*bulletinfeed.Article{art("简讯", bodyA), art("简讯", bodyC)},
			want: []int{0, 2},
		},
		{
			name: "repeated headings: one inserted in front",
			old:  []*bulletinfeed.Article{art("简讯", bodyA), art("简讯", bodyB)},
			new:  []*bulletinfeed.Article{art("简讯", bodyC), art("简讯", bodyA), art("简讯", bodyB)},
			want: []int{-1, 0, 1},
		},
		{
			name: "retitled article found by its text",
			old:  []*bulletinfeed.Article{art("志愿服务进社区", bodyA), art("书画展", bodyB)},
			new:  []*bulletinfeed.Article{art("书画展", bodyB), art("志愿者服务进社区", strings.Replace(bodyA, "八十", "九十", 1))},
			want: []int{1, 0},
		},
		{
			name: "unlike text is a new article",
			old:  []*bulletinfeed.Article{art("甲", bodyA)},
			new:  []*bulletinfeed.Article{art("丙", bodyC)},
			want: []int{-1},
		},
		{
			name: "new kicker, same title, rewritten body",
			old:  []*bulletinfeed.Article{art("旧眉题|交通调整", bodyA)},
			new:  []*bulletinfeed.Article{art("新眉题|交通调整", bodyC)},
			want: []int{0},
		},
		{
			name: "each old article continues at most one",
			old:  []*bulletinfeed.Article{art("甲", bodyA)},
			new:  []*bulletinfeed.Article{art("甲一", bodyA), art("甲二", bodyA)},
			want: []int{0, -1},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := match(tc.old, tc.new); !slices.Equal(got, tc.want) {
				t.Errorf("match = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestJaccard(t *testing.T) {
	a := shingles(art("x", bodyA))
	if s := jaccard(a, a); s != 1 {
		t.Errorf("jaccard(a, a) = %v, want 1", s)
	}
	if s := jaccard(a, shingles(art("x", bodyC))); s >= similarThreshold {
		t.Errorf("jaccard of unrelated texts = %v, want below %v", s, similarThreshold)
	}
	edited := shingles(art("x", strings.Replace(bodyA, "理发", "义诊", 1)))
	if s := jaccard(a, edited); s < similarThreshold {
		t.Errorf("jaccard of a corrected text = %v, want at least %v", s, similarThreshold)
	}
}
