package bulletinfeed

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
)

// ArticleEdit is an article's content as an editor left it: the parts a
// structural correction (headings, credits, blocks marked, an article
// split or two merged) replaces as a whole. It is kept in the store as
// the edited structure, and made again to every later parse of the
// issue's file that still reads the article as it was read then.
type ArticleEdit struct {
	Headings []string `json:"headings"`
	Title    string   `json:"title"`
	Bylines  []Byline `json:"bylines"`
	Blocks   []Block  `json:"blocks"`
}

// EditOf returns the content of a as an ArticleEdit, with slices of its
// own.
func EditOf(a *Article) ArticleEdit {
	return ArticleEdit{Headings: slices.Clone(a.Headings), Title: a.Title, Bylines: slices.Clone(a.Bylines), Blocks: slices.Clone(a.Blocks)}
}

// apply gives a the edited content; its id, section and dates stay.
func (e ArticleEdit) apply(a *Article) {
	a.Headings, a.Title = slices.Clone(e.Headings), e.Title
	a.Bylines, a.Blocks = slices.Clone(e.Bylines), slices.Clone(e.Blocks)
	if a.Title != "" && !slices.Contains(a.Headings, a.Title) {
		a.Headings = append([]string{a.Title}, a.Headings...)
	}
}

// Article returns a new article of the edited content in section: one
// split off another.
func (e ArticleEdit) Article(section string) *Article {
	a := &Article{Section: section}
	e.apply(a)
	return a
}

// ContentSum fingerprints what the parser read of an article's body, its
// credits and blocks: an edited structure is made again to a later parse
// only while the parse reads the same body, so that a newer file that
// changed the text is not overwritten with the old one. Headings are
// left out: a correction finds its article by title, and a title
// correction changes only headings.
func ContentSum(a *Article) string {
	h := sha256.New()
	for _, b := range a.Bylines {
		h.Write([]byte("b\x00" + b.Role + "\x00" + b.Name + "\x00"))
	}
	for _, b := range a.Blocks {
		h.Write([]byte(string(b.Kind) + "\x00" + b.Text + "\x00"))
	}
	return hex.EncodeToString(h.Sum(nil)[:12])
}
