package store

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"strconv"

	"github.com/bulletinfeed/bulletinfeed"
)

// idEncoding is lowercase base32 without padding: URL-safe and readable.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// baseArticleID derives an article id from what identifies the article
// when it first appears: its publication, its issue and its heading lines
// (or, for an article without headings, its first paragraph). Deriving
// rather than drawing at random means a store rebuilt from the same files
// gives the same ids, so feed readers see no duplicates. Later revisions
// do not derive again: a matched article keeps the id it has.
func baseArticleID(pubID, issueKey string, a *bulletinfeed.Article) string {
	h := sha256.New()
	h.Write([]byte(pubID))
	h.Write([]byte{0})
	h.Write([]byte(issueKey))
	h.Write([]byte{0})
	if len(a.Headings) > 0 {
		h.Write([]byte(headingsKey(a)))
	} else if len(a.Blocks) > 0 {
		h.Write([]byte(a.Blocks[0].Text))
	}
	sum := h.Sum(nil)
	// 65 bits: collisions are left to the suffix below, not to chance alone.
	return idEncoding.EncodeToString(sum[:8])
}

// insertNew writes a new article under an id no other article has: the
// derived one, or it with -2, -3 … when that is taken (two articles of one
// issue with the same headings, or a kept article of a revision). The
// insert itself is the check: one statement where a lookup would be two.
// The article gets the next ordinals of the publication and its section,
// after those of every article stored before, whatever its issue's date.
func (w *articleWriter) insertNew(ctx context.Context, pubID, issueKey string, a *bulletinfeed.Article) error {
	pubOrd, secOrd := w.ords.next(articlesChannel), w.ords.next(sectionChannel(a.SectionSlug))
	base := baseArticleID(pubID, issueKey, a)
	a.ID = base
	for n := 2; ; n++ {
		ok, err := w.insert(ctx, pubID, issueKey, a, pubOrd, secOrd)
		if err != nil || ok {
			return err
		}
		a.ID = base + "-" + strconv.Itoa(n)
	}
}
