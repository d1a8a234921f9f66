package feed_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// countingStore counts the reads of an article's version: the read a
// cached page's hit used to make at every request.
type countingStore struct {
	*store.DB
	articleReads atomic.Int64
}

func (c *countingStore) ArticleVersion(ctx context.Context, pubID, id string) (bulletinfeed.ArticleVersion, error) {
	c.articleReads.Add(1)
	return c.DB.ArticleVersion(ctx, pubID, id)
}

// A cached article page is served with no read of the store while the
// store has not changed; after a change (the site refreshed) it is
// checked once and served with its new bytes.
func TestCachedPageHitReadsNoStore(t *testing.T) {
	body := xinyuanText(t)
	ctx := context.Background()
	db := storeBackends()[0].open(t)
	ingest := func(text string) *bulletinfeed.Issue {
		t.Helper()
		return ingestXinyuan(t, db, text, "xinyuan-2024-05.txt", store.IngestOptions{})
	}
	iss := ingest(body)
	st := &countingStore{DB: db}
	srv := feed.NewHandler(st, feed.Config{PublicationID: "xinyuan", BaseURL: "https://xinyuan.example.org", Now: func() time.Time { return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err := srv.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	path := "/articles/" + iss.Articles[0].ID
	get := func() string {
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		return rec.Body.String()
	}
	first := get()
	reads := st.articleReads.Load()
	for range 5 {
		if got := get(); got != first {
			t.Fatal("a hit changed the page")
		}
	}
	if n := st.articleReads.Load() - reads; n != 0 {
		t.Errorf("5 hits read the store %d times", n)
	}

	ingest(strings.Replace(body, "新苑街道召开二季度重点工作推进会", "新苑街道召开二季度重点工作推进会（修订）", 1))
	if err := srv.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got := get(); !strings.Contains(got, "（修订）") {
		t.Error("after a revision and a refresh, the cached page was served stale")
	}
	reads = st.articleReads.Load()
	get()
	if n := st.articleReads.Load() - reads; n != 0 {
		t.Errorf("a hit after the revalidation read the store %d times", n)
	}
}

// BenchmarkArticlePageHitSQLite serves a cached article page of a SQLite
// store, as serve does for a page readers follow from a feed.
func BenchmarkArticlePageHitSQLite(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, b.TempDir()+"/x.db", nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	iss := ingestXinyuan(b, db, xinyuanText(b), "xinyuan-2024-05.txt", store.IngestOptions{})
	srv := feed.NewHandler(db, feed.Config{PublicationID: "xinyuan", BaseURL: "https://xinyuan.example.org"})
	if err := srv.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	req := httptest.NewRequest(http.MethodGet, "/articles/"+iss.Articles[0].ID, nil)
	req.Header.Set("Accept-Encoding", "gzip")
	srv.ServeHTTP(httptest.NewRecorder(), req)
	w := &statusWriter{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		clear(w.h)
		srv.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}

// BenchmarkArticlePageMissSQLite renders an article page of a SQLite
// store at every request, as serve does at a miss of its page cache: the
// read of the article and its issue, the template, the gzip.
func BenchmarkArticlePageMissSQLite(b *testing.B) {
	ctx := context.Background()
	db, err := store.Open(ctx, b.TempDir()+"/x.db", nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	iss := ingestXinyuan(b, db, xinyuanText(b), "xinyuan-2024-05.txt", store.IngestOptions{})
	srv := feed.NewHandler(db, feed.Config{PublicationID: "xinyuan", BaseURL: "https://xinyuan.example.org", CacheBytes: -1})
	if err := srv.Refresh(ctx); err != nil {
		b.Fatal(err)
	}
	var reqs []*http.Request
	for _, a := range iss.Articles {
		req := httptest.NewRequest(http.MethodGet, "/articles/"+a.ID, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		reqs = append(reqs, req)
	}
	w := &statusWriter{h: http.Header{}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		clear(w.h)
		srv.ServeHTTP(w, reqs[i%len(reqs)])
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}
