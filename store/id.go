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

// newID returns an id for a new article that no stored article and none
// in used has: the derived id, or it with -2, -3 … when two articles of
// one issue share their headings.
func (w *articleWriter) newID(ctx context.Context, used map[string]bool, pubID, issueKey string, a *bulletinfeed.Article) (string, error) {
	base := baseArticleID(pubID, issueKey, a)
	id := base
	for n := 2; ; n++ {
		if !used[id] {
			taken, err := w.exists(ctx, id)
			if err != nil || !taken {
				return id, err
			}
		}
		id = base + "-" + strconv.Itoa(n)
	}
}
