package store_test

import (
	"context"
	"testing"
)

// BenchmarkIssuePage: the first page of the console's issues list, and a
// search, among ten years of a weekly (520 issues of 10 articles): what
// one console page reads.
func BenchmarkIssuePage(b *testing.B) {
	ctx := context.Background()
	db := mustOpen(b, backends()[0].dsn(b), nil)
	for i := range 520 {
		mustIngest(b, db, benchIssue(i, 10))
	}
	for _, search := range []string{"", "2001-03"} {
		b.Run("search="+search, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := db.IssuePage(ctx, pubID, search, 0, 50); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
