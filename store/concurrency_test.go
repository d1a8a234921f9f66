package store_test

import (
	"context"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestReadWhileIngest has one handle ingest two versions of an issue in
// turn while another handle, as a server in another process would, reads
// it: every read must see one version whole.
func TestReadWhileIngest(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		writer := mustOpen(t, dsn, nil)
		reader := mustOpen(t, dsn, nil)

		a := issue("2023-04", day("2023-04-20"),
			article("要闻", "甲一", para("甲一")), article("要闻", "甲二", para("甲二")), article("民生", "甲三", para("甲三")))
		b := issue("2023-04", day("2023-04-20"),
			article("要闻", "乙一", para("乙一")), article("民生", "乙二", para("乙二")), article("民生", "乙三", para("乙三")),
			article("文化", "乙四", para("乙四")), article("文化", "乙五", para("乙五")))
		// The issue's own title tells which version its row is from, so a
		// read that took the row from one and the articles from the other
		// shows.
		a.Title, b.Title = "甲一", "乙一"
		versions := [][]string{titles(a.Articles), titles(b.Articles)}
		mustIngest(t, writer, a)

		rounds := 20
		if testing.Short() {
			rounds = 6
		}
		var done atomic.Bool
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer done.Store(true)
			for i := range rounds {
				in := b
				if i%2 == 1 {
					in = a
				}
				if _, err := writer.Ingest(ctx, pubID, in); err != nil {
					t.Errorf("ingest round %d: %v", i, err)
					return
				}
			}
		}()

		var reads, seen atomic.Int64
		for range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for !done.Load() {
					iss, err := reader.Issue(ctx, pubID, "2023-04")
					if err != nil {
						t.Errorf("read: %v", err)
						return
					}
					got := titles(iss.Articles)
					if !slices.Equal(got, versions[0]) && !slices.Equal(got, versions[1]) {
						t.Errorf("read a mix of versions: %q", got)
						return
					}
					if iss.Title != got[0] {
						t.Errorf("read issue %q with the articles of %q", iss.Title, got[0])
						return
					}
					if slices.Equal(got, versions[1]) {
						seen.Add(1)
					}
					latest, err := reader.LatestArticles(ctx, pubID, "", 0)
					if err != nil {
						t.Errorf("latest: %v", err)
						return
					}
					if n := len(latest); n != len(versions[0]) && n != len(versions[1]) {
						t.Errorf("LatestArticles returned %d articles, want %d or %d", n, len(versions[0]), len(versions[1]))
						return
					}
					reads.Add(1)
				}
			}()
		}
		wg.Wait()
		if reads.Load() == 0 {
			t.Error("no read happened while ingesting")
		}
		t.Logf("%d reads, %d of the second version, during %d ingests", reads.Load(), seen.Load(), rounds)
	})
}

// TestConcurrentOpenAndIngest starts two handles on a new database at
// once, as a server and an ingest command may, and has both write.
func TestConcurrentOpenAndIngest(t *testing.T) {
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			dsn := b.dsn(t)
			ctx := context.Background()
			var wg sync.WaitGroup
			dbs := make([]*store.DB, 2)
			for i := range dbs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					db, err := store.Open(ctx, dsn, nil)
					if err != nil {
						t.Errorf("open %d: %v", i, err)
						return
					}
					t.Cleanup(func() { db.Close() })
					if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: pubID, Title: "t", Lang: "zh-CN", TimeZone: "UTC"}); err != nil {
						t.Errorf("put publication %d: %v", i, err)
					}
					dbs[i] = db
				}()
			}
			wg.Wait()
			if t.Failed() {
				return
			}
			for i, db := range dbs {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for k := range 5 {
						key := time.Date(2023, 1, 1+k, 0, 0, 0, 0, time.UTC).Format("2006-01-02") + "-" + string(rune('a'+i))
						if _, err := db.Ingest(ctx, pubID, issue(key, day("2023-01-01"), article("要闻", key, para(key)))); err != nil {
							t.Errorf("handle %d ingest %s: %v", i, key, err)
						}
					}
				}()
			}
			wg.Wait()
			// Ordinals given by two handles are still one sequence.
			if st, err := dbs[0].ChannelStates(ctx, pubID); err != nil || st[0].Articles != 10 || st[0].LastOrdinal != 10 {
				t.Errorf("ChannelStates = %+v, %v; want 10 articles, ordinals 1–10", st, err)
			}
			if got, err := dbs[1].IssueState(ctx, pubID); err != nil || got.Articles != 10 || got.LastOrdinal != 10 {
				t.Errorf("IssueState = %+v, %v; want 10 issues, ordinals 1–10", got, err)
			}
		})
	}
}
