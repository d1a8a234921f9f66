package store

import "testing"

func TestSlugify(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"chinese", "要闻", "yao-wen"},
		{"chinese with space", "社区 风采", "she-qu-feng-cai"},
		{"latin", "Vie Locale", "vie-locale"},
		{"accents", "Église & Cité", "eglise-cite"},
		{"mixed", "2023年 News速递", "2023-nian-news-su-di"},
		{"full-width", "ＡＢＣ１２", "abc12"},
		{"punctuation only", "——", ""},
		{"digits", "第15期", "di-15-qi"},
		{"long", "这是一个非常非常非常非常非常非常非常非常长的栏目名称", "zhe-shi-yi-ge-fei-chang-fei-chang-fei-chang-fei-chang-fei"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := slugify(tc.in)
			if got != tc.want {
				t.Errorf("slugify(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if got != "" && !validSlug(got) {
				t.Errorf("slugify(%q) = %q, not a valid slug", tc.in, got)
			}
		})
	}
}

func TestUniqueSlug(t *testing.T) {
	taken := map[string]bool{"yao-wen": true, "yao-wen-2": true}
	cases := []struct{ base, want string }{
		{"min-sheng", "min-sheng"},
		{"yao-wen", "yao-wen-3"},
		{"all", "all-2"},
		{"", "section"},
	}
	for _, tc := range cases {
		if got := uniqueSlug(tc.base, taken); got != tc.want {
			t.Errorf("uniqueSlug(%q) = %q, want %q", tc.base, got, tc.want)
		}
	}
}
