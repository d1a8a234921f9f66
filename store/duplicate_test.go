package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestIngestCopyUnderAnotherKey: an issue with the bytes or the articles
// of a stored issue of another key is refused as a copy, naming it; with
// Duplicate it is stored; an undated issue is refused with Undated only
// once it is known to be no copy.
func TestIngestCopyUnderAnotherKey(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		arts := func() []*bulletinfeed.Article {
			return []*bulletinfeed.Article{article("", "区里举办读书节", para("读书")), article("", "街道开展义诊", para("义诊"))}
		}
		orig := issue("hexi-2023-04", day("2023-04-01"), arts()...)
		orig.ContentHash, orig.SourcePath = "bytes-of-hexi", "/in/hexi-2023-04.txt"
		mustIngest(t, db, orig)

		undated := errors.New("no date")
		cases := []struct {
			name, key, hash string
			sameBytes       bool
		}{
			{"same bytes", "copy", "bytes-of-hexi", true},
			{"same articles, other bytes", "copy-gbk", "bytes-in-gb18030", false},
		}
		for _, tc := range cases {
			cp := issue(tc.key, time.Time{}, arts()...)
			cp.ContentHash, cp.SourcePath = tc.hash, "/in/"+tc.key+".txt"
			_, err := db.IngestWith(ctx, pubID, cp, store.IngestOptions{Undated: undated})
			var dup *store.DuplicateError
			if !errors.As(err, &dup) || bulletinfeed.KindOf(err) != bulletinfeed.Conflict {
				t.Fatalf("%s: %v (%s), want a conflict with a *DuplicateError", tc.name, err, bulletinfeed.KindOf(err))
			}
			if dup.Stored.Key != "hexi-2023-04" || dup.SameBytes != tc.sameBytes ||
				!strings.Contains(err.Error(), "/in/"+tc.key+".txt") || !strings.Contains(err.Error(), "dated 2023-04-01") {
				t.Errorf("%s: %v, same bytes %v", tc.name, err, dup.SameBytes)
			}
		}

		other := issue("other", time.Time{}, article("", "新的一期", para("新的")))
		if _, err := db.IngestWith(ctx, pubID, other, store.IngestOptions{Undated: undated}); !errors.Is(err, undated) {
			t.Errorf("an undated issue of its own: %v, want the Undated error", err)
		}
		meant := issue("hexi-2023-04-reprint", day("2023-04-01"), arts()...)
		meant.ContentHash = "bytes-of-hexi"
		if res, err := db.IngestWith(ctx, pubID, meant, store.IngestOptions{Duplicate: true}); err != nil || res.Status != store.New {
			t.Errorf("Duplicate: %v, %v", res, err)
		}
	})
}
