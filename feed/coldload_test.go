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

// readsStore counts the reads an article page makes of the store.
type readsStore struct {
	*store.DB
	versions, articles atomic.Int64
}

func (c *readsStore) ArticleVersion(ctx context.Context, pubID, id string) (bulletinfeed.ArticleVersion, error) {
	c.versions.Add(1)
	return c.DB.ArticleVersion(ctx, pubID, id)
}

func (c *readsStore) PublicationArticle(ctx context.Context, pubID, id string) (*bulletinfeed.Article, *bulletinfeed.Issue, error) {
	c.articles.Add(1)
	return c.DB.PublicationArticle(ctx, pubID, id)
}

// An article page the cache does not hold is read from the store once,
// its version with its content, and gets the entity tag that a read of
// its version alone gives: a conditional request with it is answered 304.
func TestArticleMissReadsOnce(t *testing.T) {
	ctx := context.Background()
	db := storeBackends()[0].open(t)
	iss := ingestXinyuan(t, db, xinyuanText(t), "xinyuan-2024-05.txt", store.IngestOptions{})
	st := &readsStore{DB: db}
	srv := feed.NewHandler(st, feed.Config{PublicationID: "xinyuan", BaseURL: "https://xinyuan.example.org", CacheBytes: -1,
		Now: func() time.Time { return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err := srv.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	path := "/articles/" + iss.Articles[0].ID
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("%s: %d", path, rec.Code)
	}
	if v, a := st.versions.Load(), st.articles.Load(); v != 0 || a != 1 {
		t.Errorf("a miss read the version %d times and the article %d times, want 0 and 1", v, a)
	}
	req := httptest.NewRequest(http.MethodGet, path, nil)
	req.Header.Set("If-None-Match", rec.Header().Get("ETag"))
	rec = httptest.NewRecorder()
	srv.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotModified {
		t.Errorf("with the tag of the miss: %d, want 304", rec.Code)
	}
	if v, a := st.versions.Load(), st.articles.Load(); v != 1 || a != 1 {
		t.Errorf("a conditional request read the version %d times and the article %d times in all, want 1 and 1", v, a)
	}
}

// Pages rendered one after the other at misses, each in a buffer the
// next reuses, keep their own bytes in the cache, for clients with and
// without gzip.
func TestMissesKeepTheirBytes(t *testing.T) {
	ctx := context.Background()
	db := storeBackends()[0].open(t)
	iss := ingestXinyuan(t, db, xinyuanText(t), "xinyuan-2024-05.txt", store.IngestOptions{})
	srv := feed.NewHandler(db, feed.Config{PublicationID: "xinyuan", BaseURL: "https://xinyuan.example.org",
		Now: func() time.Time { return time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC) }})
	if err := srv.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	get := func(path string, gzip bool) *httptest.ResponseRecorder {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, path, nil)
		if gzip {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			t.Fatalf("%s: %d", path, rec.Code)
		}
		return rec
	}
	var paths []string
	first := map[string]string{}
	for _, a := range iss.Articles {
		p := "/articles/" + a.ID
		paths = append(paths, p)
		first[p] = get(p, true).Body.String() // a miss, then cached
	}
	if len(paths) < 2 {
		t.Fatal("want two articles at least")
	}
	for _, p := range paths {
		if got := get(p, true).Body.String(); got != first[p] {
			t.Errorf("%s: the cached gzip bytes differ from those of the miss", p)
		}
		plain := get(p, false).Body.String()
		if !strings.Contains(plain, "</html>") || !strings.Contains(plain, strings.TrimPrefix(p, "/articles/")) {
			t.Errorf("%s: the plain page is not whole or not its own", p)
		}
	}
}
