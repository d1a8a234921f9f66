package source

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/bulletinfeed/bulletinfeed"
)

// numberedSubheads makes subheads of the numbered parts of an article
// whose heads are set like its text ("2.反复地阅读圣经", "3. Our next
// steps"): the typography gives nothing, so the evidence is their shape
// and their order. Each is a short line that ends no sentence and starts
// with a number; the numbers run on (1, 2, 3 … with at most one missing,
// the first often taken into the title area); and each is followed by a
// paragraph of text before the next number. Items of a numbered list
// follow one another directly and stay paragraphs.
func numberedSubheads(articles []*bulletinfeed.Article) {
	if off("numbered-part") {
		return
	}
	for _, a := range articles {
		var idx []int
		var nums []int
		for i, b := range a.Blocks {
			if b.Kind != bulletinfeed.Paragraph {
				continue
			}
			if n, ok := partNumber(b.Text); ok {
				idx, nums = append(idx, i), append(nums, n)
			}
		}
		if len(idx) < 2 {
			continue
		}
		for k := 1; k < len(nums); k++ {
			if nums[k] != nums[k-1]+1 {
				idx = nil
				break
			}
		}
		for k, i := range idx {
			next := len(a.Blocks)
			if k+1 < len(idx) {
				next = idx[k+1]
			}
			if next-i < 2 || a.Blocks[i+1].Kind != bulletinfeed.Paragraph {
				idx = nil // an item of a list, not the head of a part
				break
			}
		}
		for _, i := range idx {
			a.Blocks[i].Kind = bulletinfeed.Subhead
		}
	}
}

// partNumber reads the number that starts a short line that ends no
// sentence: "2.反复地阅读圣经", "3、有耐心", "4. Choosing a text".
func partNumber(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if endsSentence(s) || displayWidth(s) > 40 {
		return 0, false
	}
	i := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
	if i <= 0 || i > 2 {
		return 0, false
	}
	rest := s[i:]
	sep := ""
	for _, p := range []string{".", "．", "、"} {
		if strings.HasPrefix(rest, p) {
			sep = p
			break
		}
	}
	if sep == "" {
		return 0, false
	}
	text := strings.TrimSpace(rest[len(sep):])
	if text == "" || unicode.IsDigit([]rune(text)[0]) {
		return 0, false // 2.5, a date
	}
	n, err := strconv.Atoi(s[:i])
	return n, err == nil
}
