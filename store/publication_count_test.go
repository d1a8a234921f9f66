package store_test

import (
	"context"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

func TestIssueCounts(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: "empty", Title: "Empty", Lang: "en", TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		mustIngest(t, db, issue("2023-04", day("2023-04-01"), article("社区动态", "标题一", para("一"))))
		mustIngest(t, db, issue("2023-05", day("2023-05-01"), article("社区动态", "标题二", para("二"))))
		got, err := db.IssueCounts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || got[pubID] != 2 || got["empty"] != 0 {
			t.Errorf("IssueCounts = %v, want %s: 2, empty: 0", got, pubID)
		}
	})
}
