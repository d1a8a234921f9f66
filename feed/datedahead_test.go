package feed_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// An issue printed ahead of its date is shown dated when it was ingested,
// from what the store keeps: two requests of its pages a few seconds
// apart give the same bytes under the same entity tag (its date was the
// time of each request), and a later render gives them too.
func TestIssueDatedAheadShowsTheSameBytes(t *testing.T) {
	ahead := "Issue: xinyuan-2024-12\nDate: 2024-12-01\n\n" + xinyuanText(t)
	for _, b := range storeBackends() {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			db := b.open(t)
			ingested := time.Date(2024, 6, 2, 8, 0, 0, 0, time.UTC)
			db.Now = func() time.Time { return ingested }
			ingestXinyuan(t, db, ahead, "xinyuan-2024-12.txt", store.IngestOptions{})
			var now atomic.Int64
			now.Store(ingested.Add(time.Hour).UnixNano())
			// No page cache: each request renders, as after an eviction.
			cfg := feed.Config{PublicationID: "xinyuan", BaseURL: "https://xinyuan.example.org", CacheBytes: -1, Now: func() time.Time { return time.Unix(0, now.Load()) }}
			srv := feed.NewHandler(db, cfg)
			if err := srv.Refresh(ctx); err != nil {
				t.Fatal(err)
			}
			get := func(path string) (string, string) {
				rec := httptest.NewRecorder()
				srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "https://xinyuan.example.org"+path, nil))
				return rec.Header().Get("ETag"), rec.Body.String()
			}
			for _, path := range []string{"/issues/xinyuan-2024-12", "/issues/", "/"} {
				tag1, body1 := get(path)
				now.Add(int64(2 * time.Second))
				tag2, body2 := get(path)
				if tag1 == tag2 && body1 != body2 {
					t.Errorf("%s: the same entity tag %s for two bodies 2 s apart", path, tag1)
				}
				if body1 != body2 {
					t.Errorf("%s changed in 2 s with the store unchanged", path)
				}
			}
			fresh, err := feed.Render(ctx, db, cfg)
			if err != nil {
				t.Fatal(err)
			}
			_, served := get("/issues/")
			if want, _ := fresh.Body("/issues/"); string(want) != served && want != nil {
				t.Errorf("/issues/ differs from a later render")
			}
		})
	}
}
