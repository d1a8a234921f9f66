package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"hash/fnv"
	"sort"
	"strings"
	"unicode"

	"github.com/bulletinfeed/bulletinfeed"
)

// similarThreshold is the least Jaccard similarity of two articles' text
// for a revision to count as the same article: a corrected paragraph or two
// stays above it, a different article falls far below.
const similarThreshold = 0.5

// shingleSize is the length in runes of the text pieces compared. Runes,
// not words, because Chinese text has no spaces between words.
const shingleSize = 3

// match pairs the articles of a revised issue with those stored before.
// It returns, for each new article, the index of the old one it continues,
// or -1 for an article that is new. Each old article continues at most one.
//
// Pairs are found in three passes, each over what the earlier left:
//  1. the same heading lines, in document order where they repeat;
//  2. the most similar text, best pairs first, above similarThreshold;
//  3. the same title, for an article rewritten under a new kicker.
func match(old, new []*bulletinfeed.Article) []int {
	pair := make([]int, len(new))
	for i := range pair {
		pair[i] = -1
	}
	taken := make([]bool, len(old))

	// Headings pair two articles only where they are unique on both sides:
	// repeated headings (简讯, 简讯, 简讯) or none at all say nothing about
	// which is which, and pairing them by order would hand one article's id
	// to its neighbour when a revision drops or inserts one.
	oldByHeadings := make(map[string][]int)
	for j, a := range old {
		k := headingsKey(a)
		oldByHeadings[k] = append(oldByHeadings[k], j)
	}
	newCount := make(map[string]int)
	for _, a := range new {
		newCount[headingsKey(a)]++
	}
	for i, a := range new {
		k := headingsKey(a)
		if js := oldByHeadings[k]; k != "" && len(js) == 1 && newCount[k] == 1 {
			pair[i], taken[js[0]] = js[0], true
		}
	}

	type candidate struct {
		i, j  int
		score float64
	}
	var cands []candidate
	oldShingles := make([]map[uint64]struct{}, len(old))
	for i, a := range new {
		if pair[i] >= 0 {
			continue
		}
		sh := shingles(a)
		for j, b := range old {
			if taken[j] {
				continue
			}
			if oldShingles[j] == nil {
				oldShingles[j] = shingles(b)
			}
			if s := jaccard(sh, oldShingles[j]); s >= similarThreshold {
				cands = append(cands, candidate{i, j, s})
			}
		}
	}
	sort.SliceStable(cands, func(x, y int) bool { return cands[x].score > cands[y].score })
	for _, c := range cands {
		if pair[c.i] < 0 && !taken[c.j] {
			pair[c.i], taken[c.j] = c.j, true
		}
	}

	for i, a := range new {
		if pair[i] >= 0 || a.Title == "" {
			continue
		}
		for j, b := range old {
			if !taken[j] && b.Title == a.Title {
				pair[i], taken[j] = j, true
				break
			}
		}
	}
	return pair
}

func headingsKey(a *bulletinfeed.Article) string {
	return strings.Join(a.Headings, "\x1f")
}

// shingles returns the set of hashed rune n-grams of an article's title
// and body, ignoring space and case.
func shingles(a *bulletinfeed.Article) map[uint64]struct{} {
	var rs []rune
	for _, r := range a.Title + a.Text() {
		if !unicode.IsSpace(r) {
			rs = append(rs, unicode.ToLower(r))
		}
	}
	set := make(map[uint64]struct{}, len(rs))
	h := fnv.New64a()
	for i := 0; i+shingleSize <= len(rs) || (i == 0 && len(rs) > 0); i++ {
		end := min(i+shingleSize, len(rs))
		h.Reset()
		h.Write([]byte(string(rs[i:end])))
		set[h.Sum64()] = struct{}{}
	}
	return set
}

func jaccard(a, b map[uint64]struct{}) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for k := range a {
		if _, ok := b[k]; ok {
			inter++
		}
	}
	return float64(inter) / float64(len(a)+len(b)-inter)
}

// contentHash fingerprints what a reader sees of an article, so that a
// revision can tell whether it changed: its section, headings, credits and
// body. Position and dates are not content.
func contentHash(a *bulletinfeed.Article) string {
	// Pictures count only when there are some, so that an article
	// without any hashes as it did before pictures were stored (stored
	// fingerprints of issues stay true).
	b, _ := json.Marshal(struct {
		Section  string
		Headings []string
		Title    string
		Bylines  []bulletinfeed.Byline
		Blocks   []bulletinfeed.Block
		Pictures []pictureContent `json:",omitempty"`
	}{a.Section, nonNil(a.Headings), a.Title, nonNil(a.Bylines), nonNil(a.Blocks), picturesContent(a.Pictures)})
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// pictureContent is what a reader sees of a picture: which image, its
// caption and its place.
type pictureContent struct {
	Hash, Caption string
	After         int
}

func picturesContent(ps []bulletinfeed.Picture) []pictureContent {
	var out []pictureContent
	for _, p := range ps {
		out = append(out, pictureContent{p.Hash, p.Caption, p.After})
	}
	return out
}
