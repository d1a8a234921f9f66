package feed_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestRevisionMovingArticlesRendersEverySection: revising an issue with a
// new first article (in the default section) moves every other article of
// the issue one place down, and so one second earlier in every feed
// (articles are dated in print order). The sections whose articles the
// revision did not touch must be rendered again all the same: a server
// that refreshed must serve what a fresh render of the store gives.
func TestRevisionMovingArticlesRendersEverySection(t *testing.T) {
	body := xinyuanText(t)
	june := "Issue: xinyuan-2024-06\nDate: 2024-06-01\n\n" + body
	lead := "新苑街道开展防汛演练\n\n通讯员 罗佳怡\n\n6月3日,新苑街道组织防汛应急演练,检验预案,锻炼队伍。\n\n"
	revised := strings.Replace(june, "新苑街道召开二季度重点工作推进会", lead+"新苑街道召开二季度重点工作推进会", 1)

	for _, b := range storeBackends() {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			db := b.open(t)
			clock := time.Date(2024, 6, 2, 8, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return clock }
			ingest := func(text string, opt store.IngestOptions) {
				t.Helper()
				ingestXinyuan(t, db, text, "xinyuan-2024-06.txt", opt)
			}
			cfg := feed.Config{PublicationID: "xinyuan", BaseURL: "https://xinyuan.example.org", Now: func() time.Time { return time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC) }}
			ingest(june, store.IngestOptions{})
			srv := feed.NewHandler(db, cfg)
			if err := srv.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			clock = clock.Add(time.Hour)
			ingest(revised, store.IngestOptions{Revise: true})
			if err := srv.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			fresh, err := feed.Render(ctx, db, cfg)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range fresh.Paths() {
				want, _ := fresh.Body(p)
				got, ok := srv.Site().Body(p)
				if !ok || !bytes.Equal(got, want) {
					t.Errorf("%s after the revision:\n%s", p, shortDiff(got, want))
				}
			}
		})
	}
}
