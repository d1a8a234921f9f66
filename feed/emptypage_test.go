package feed_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

// TestEmptyArchivePageTag: an archive page whose articles were all
// deleted says the publication's last change as its updated time; one
// entity tag must always mean the same bytes, so the tag moves with it.
func TestEmptyArchivePageTag(t *testing.T) {
	m := &memory{}
	issues := bigFixture(4)
	if n := len(issues[0].Articles); n != 5 {
		t.Fatalf("the fixture issue has %d articles; the test wants 5 (ordinals 6–10 for the second issue)", n)
	}
	m.set(fixturePublication(), issues)
	st := newFakeStore(m)
	// No cache: what a server that evicted the page, or a fresh one,
	// renders.
	cfg := testConfig()
	cfg.CacheBytes = -1
	srv := feed.NewHandler(st, cfg)
	ctx := context.Background()
	refresh := func() {
		t.Helper()
		if err := srv.Refresh(ctx); err != nil {
			t.Fatal(err)
		}
	}
	refresh()
	// Issues are given ordinals oldest first: 2023-02 holds 6–10, so
	// page 3 (ordinals 7–9, three a page) has only its articles.
	m.remove("hexi", "2023-02")
	refresh()
	const page = "/feeds/all/archive/3.atom"
	first := serve(srv, "GET", page)
	if first.Code != 200 || strings.Contains(first.Body.String(), "<entry>") {
		t.Fatalf("%s: status %d, want 200 with no entry:\n%s", page, first.Code, first.Body)
	}
	later := bigFixture(5)[0]
	later.Key = "2023-05"
	d := time.Date(2023, 5, 1, 0, 0, 0, 0, shanghai).UTC()
	later.Date, later.UpdatedAt = d, d
	for _, a := range later.Articles {
		a.ID, a.IssueKey = a.ID+"-may", later.Key
		a.Published, a.Updated = d, d
	}
	m.add("hexi", later)
	refresh()
	second := serve(srv, "GET", page)
	sameTag := first.Header().Get("ETag") == second.Header().Get("ETag")
	sameBody := first.Body.String() == second.Body.String()
	if sameTag != sameBody {
		t.Errorf("%s: same tag %v but same bytes %v (tag %s)", page, sameTag, sameBody, second.Header().Get("ETag"))
	}
	if sameTag {
		if rec := serve(srv, "GET", page, "If-None-Match", first.Header().Get("ETag")); rec.Code == 304 && !sameBody {
			t.Error("a stale copy was confirmed with 304")
		}
	}
}
