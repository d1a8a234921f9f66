package feed

import (
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// Feeds name an article's writers as its authors (dc:creator, author);
// everyone else a byline credits (a photographer, an editor, the
// department that supplied the text) shows in the content's credit line
// and, in Atom, as a contributor.

// contributorRoles are the Chinese titles that credit something other
// than the writing: pictures, video, editing, layout, and the body that
// supplied an article (区委宣传部 供稿, 来源：河西区融媒体中心). Any other
// title (记者, 本报记者, 通讯员, 文, 作者, 撰稿, 实习生 …) or none is a
// writer's. A combined title (文/图, 文字/摄影) is a writer's when one of
// its parts is.
var contributorRoles = map[string]bool{
	"摄影": true, "摄": true, "图": true, "摄像": true, "图片": true, "配图": true,
	"制图": true, "摄影师": true, "视频": true, "编导": true, "设计": true, "美编": true,
	"编辑": true, "责编": true, "校对": true, "审核": true, "策划": true, "统筹": true,
	"主持人": true,
	"供稿":  true, "供图": true, "提供": true, "来源": true, "稿件来源": true,
}

// writerWords are the words of an English credit that name the writing:
// "Story and photos by" credits a writer, "Photos by" does not. A bare
// "By" does too.
var writerWords = map[string]bool{
	"story": true, "words": true, "text": true, "written": true, "report": true,
	"reporting": true, "reported": true, "article": true, "interview": true,
	"compiled": true,
}

// isWriter reports whether a byline's role credits the writing.
func isWriter(role string) bool {
	role = strings.TrimSpace(role)
	if role == "" {
		return true
	}
	if isLatin(role) {
		words := strings.Fields(strings.ToLower(role))
		rest := 0
		for _, w := range words {
			switch {
			case writerWords[w]:
				return true
			case w != "by" && w != "and" && w != "&":
				rest++
			}
		}
		return rest == 0
	}
	parts := strings.FieldsFunc(role, func(r rune) bool { return strings.ContainsRune("/、·｜|", r) })
	if len(parts) == 0 {
		return true
	}
	for _, p := range parts {
		if !contributorRoles[p] {
			return true
		}
	}
	return false
}

func isLatin(s string) bool {
	for _, r := range s {
		if r >= 0x2e80 {
			return false
		}
	}
	return true
}

// authors returns the writers an article's bylines credit, each once.
func authors(a *bulletinfeed.Article) []string {
	names, _ := credits(a)
	return names
}

// itemAuthors returns the authors of an article's feed item: its writers,
// or the publication when it credits none. Every item of every format then
// names its own author, the same in RSS, Atom and JSON Feed, and no reader
// need fall back to (or, as Miniflux does with JSON Feed, merge in) a
// feed-level author.
func (s *publication) itemAuthors(a *bulletinfeed.Article) []string {
	if names := authors(a); len(names) > 0 {
		return names
	}
	return []string{s.pub.Title}
}

// joinNames joins names as the pages' credit lines do (FormatBylines):
// "张媛芮 许浩然", "Jane Doe and Tom Lee". RSS has room for one
// dc:creator that readers keep; a second one is dropped.
func joinNames(names []string) string {
	bs := make([]bulletinfeed.Byline, len(names))
	for i, n := range names {
		bs[i] = bulletinfeed.Byline{Name: n}
	}
	return bulletinfeed.FormatBylines(bs)
}

// credits returns the names an article's bylines credit as writers, then
// the others, each once and in the order printed; a name credited for the
// writing is not also a contributor.
func credits(a *bulletinfeed.Article) (writers, others []string) {
	seen := map[string]bool{}
	for _, b := range a.Bylines {
		if b.Name != "" && isWriter(b.Role) && !seen[b.Name] {
			seen[b.Name] = true
			writers = append(writers, b.Name)
		}
	}
	for _, b := range a.Bylines {
		if b.Name != "" && !seen[b.Name] {
			seen[b.Name] = true
			others = append(others, b.Name)
		}
	}
	return writers, others
}
