package feed_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/internal/testpg"

	"github.com/bulletinfeed/bulletinfeed/store"
)

// The feed tests render from a fake store; those that must see what the
// real store does with a sequence of writes (positions, ordinals, states)
// run on the store itself, on each backend, as store's own tests do.

// storeBackend is one kind of database: open returns a fresh, empty store
// that is closed (and on PostgreSQL dropped) when the test ends.
type storeBackend struct {
	name string
	open func(t testing.TB) *store.DB
}

// storeBackends returns SQLite always, and PostgreSQL when
// BULLETINFEED_TEST_POSTGRES holds a DSN.
func storeBackends() []storeBackend {
	bs := []storeBackend{{name: "sqlite", open: func(t testing.TB) *store.DB {
		return mustOpenStore(t, filepath.Join(t.TempDir(), "bulletinfeed.db"))
	}}}
	if pg := os.Getenv("BULLETINFEED_TEST_POSTGRES"); pg != "" {
		bs = append(bs, storeBackend{name: "postgres", open: func(t testing.TB) *store.DB {
			return mustOpenStore(t, pgTestSchema(t, pg))
		}})
	}
	return bs
}

func mustOpenStore(t testing.TB, dsn string) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// pgTestSchema gives one test a schema of its own (testpg.Schema).
func pgTestSchema(t testing.TB, dsn string) string { return testpg.Schema(t, dsn) }
