package feed

import (
	"path/filepath"
	"testing"
)

func TestCleanText(t *testing.T) {
	cases := []struct{ name, in, want string }{
		{"clean", "河西区 River\tside\r\n", "河西区 River\tside\r\n"},
		{"vertical tab", "要求,\x0b锚定", "要求,锚定"},
		{"start of heading", "\x01Riverside", "Riverside"},
		{"nul and escape", "a\x00b\x1bc", "abc"},
		{"invalid utf-8", "a\xffb", "ab"},
		{"real replacement character", "a\uFFFDb", "a\uFFFDb"},
		{"noncharacter", "a\uFFFEb", "ab"},
		{"astral", "𠮷野家", "𠮷野家"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := cleanText(c.in); got != c.want {
				t.Errorf("cleanText(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
}

func TestFirstSentences(t *testing.T) {
	cases := []struct {
		name     string
		in       string
		min, max int
		want     string
	}{
		{"chinese stops after min", "一二三四五。六七八九十。十一十二。", 7, 50, "一二三四五。六七八九十。"},
		{"chinese keeps closing quote", "他说:“好的。”然后离开了。", 4, 50, "他说:“好的。”"},
		{"english needs a space after the stop", "Costs were £1.2m in total. More follows here.", 5, 100, "Costs were £1.2m in total."},
		{"short text whole", "Short.", 50, 100, "Short."},
		{"run-on cut with ellipsis", "一二三四五六七八九十", 3, 5, "一二三四五…"},
		{"whitespace collapsed", "a  b\n c. d", 2, 100, "a b c."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := firstSentences(c.in, c.min, c.max); got != c.want {
				t.Errorf("firstSentences(%q, %d, %d) = %q, want %q", c.in, c.min, c.max, got, c.want)
			}
		})
	}
}

func TestFilePath(t *testing.T) {
	cases := []struct{ path, want string }{
		{"/", "index.html"},
		{"/sections/xinshidai", "sections/xinshidai/index.html"},
		{"/articles/a1", "articles/a1/index.html"},
		{"/issues/第15期", "issues/第15期/index.html"},
		{"/feeds/all.atom", "feeds/all.atom"},
		{"/feeds/all/archive/2.rss", "feeds/all/archive/2.rss"},
		{"/feeds.opml", "feeds.opml"},
		{"/feeds-rss.opml", "feeds-rss.opml"},
		{"/river/", filepath.Join("river", "index.html")},
		{"/river/sections/notices", filepath.Join("river", "sections", "notices", "index.html")},
		{"/river/articles/r1", filepath.Join("river", "articles", "r1", "index.html")},
		{"/river/issues/2023-04", filepath.Join("river", "issues", "2023-04", "index.html")},
		{"/river/feeds/all.atom", filepath.Join("river", "feeds", "all.atom")},
		{"/river/feeds/all/archive/1.rss", filepath.Join("river", "feeds", "all", "archive", "1.rss")},
		{"/river/feeds-json.opml", filepath.Join("river", "feeds-json.opml")},
		// An issue keyed like a publication stays an issue.
		{"/issues/river", filepath.Join("issues", "river", "index.html")},
	}
	for _, c := range cases {
		if got := FilePath(c.path); got != c.want {
			t.Errorf("FilePath(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

func TestBasePath(t *testing.T) {
	cases := []struct {
		baseURL, path, escaped string
	}{
		{"https://example.org", "", ""},
		{"https://example.org/bulletin", "/bulletin", "/bulletin"},
		{"https://example.org/a/my%20bulletin", "/a/my bulletin", "/a/my%20bulletin"},
	}
	for _, c := range cases {
		b := basePathOf(c.baseURL)
		if b.path != c.path || b.escaped != c.escaped {
			t.Errorf("basePathOf(%q) = %+v, want %q, %q", c.baseURL, b, c.path, c.escaped)
		}
	}
}
