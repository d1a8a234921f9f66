package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/store"
)

func TestWithCacheSize(t *testing.T) {
	for _, tc := range []struct {
		name, dsn, want string
	}{
		{"path", "data/x.db", "data/x.db?_pragma=cache_size(-2048)"},
		{"path with a query", "data/x.db?mode=rw", "data/x.db?mode=rw&_pragma=cache_size(-2048)"},
		{"file URL", "file:///srv/x.db", "file:///srv/x.db?_pragma=cache_size(-2048)"},
		{"own size kept", "x.db?_pragma=cache_size(-100)", "x.db?_pragma=cache_size(-100)"},
		{"PostgreSQL", "postgres://u@db/news", "postgres://u@db/news"},
		{"keyword PostgreSQL", "host=db dbname=news", "host=db dbname=news"},
		{"refused", ":memory:", ":memory:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := store.WithCacheSize(tc.dsn, 2048); got != tc.want {
				t.Errorf("WithCacheSize(%q) = %q, want %q", tc.dsn, got, tc.want)
			}
		})
	}
}

// A store opens with a cache size of its own.
func TestOpenWithCacheSize(t *testing.T) {
	ctx := context.Background()
	dsn := store.WithCacheSize(filepath.Join(t.TempDir(), "x.db"), 2048)
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Version(ctx); err != nil {
		t.Fatal(err)
	}
}
