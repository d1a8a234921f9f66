package server_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/internal/servetest"
	"github.com/bulletinfeed/bulletinfeed/server"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// The server's tests serve a real site: feed's handler on a SQLite store
// holding two publications, hexi at the root and river under /river/,
// each with one issue.

// mustStore returns a store of the two publications, closed when the test
// ends.
func mustStore(t testing.TB) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "bulletinfeed.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, p := range []struct{ id, title, section, article string }{
		{"hexi", "Hexi News", "Community", "Spring fair raises funds for the library"},
		{"river", "Riverside News", "Town", "Bridge reopens after repairs"},
	} {
		if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: p.id, Title: p.title, Lang: "en", TimeZone: "UTC"}); err != nil {
			t.Fatal(err)
		}
		iss := &bulletinfeed.Issue{Key: "2023-04", Title: p.title + " April 2023", Date: time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC),
			Articles: []*bulletinfeed.Article{{
				Section: p.section, Headings: []string{p.article}, Title: p.article,
				Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "The whole town came out on Saturday."}},
			}}}
		if _, err := db.Ingest(ctx, p.id, iss); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// siteConfig renders hexi at the root of baseURL and river under /river/.
func siteConfig(baseURL string) feed.Config {
	return feed.Config{Publications: []string{"hexi", "river"}, BaseURL: baseURL, TTL: 15 * time.Minute}
}

// mustHandler returns feed's handler of st, refreshed.
func mustHandler(t testing.TB, st feed.Store, cfg feed.Config) *feed.Handler {
	t.Helper()
	h := feed.NewHandler(st, cfg)
	if err := h.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return h
}

// mustServer returns a server of the two publications at
// https://example.org behind an httptest.Server.
func mustServer(t *testing.T, cfg server.Config) (*server.Server, *feed.Handler, *httptest.Server) {
	t.Helper()
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://example.org"
	}
	h := mustHandler(t, mustStore(t), siteConfig(cfg.BaseURL))
	srv := server.New(h, cfg)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return srv, h, ts
}

var (
	do    = servetest.Do
	serve = servetest.Serve
)

// failing is a store whose version cannot be read while err is set.
type failing struct {
	*store.DB
	err error
}

func (f *failing) Version(ctx context.Context) (int64, error) {
	if f.err != nil {
		return 0, f.err
	}
	return f.DB.Version(ctx)
}
