package feed_test

import (
	"context"
	crand "crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// pgTestSchema creates a schema of its own for one test and returns a DSN
// whose search_path points at it, so that tests never see each other's
// tables (as store's pgSchema does).
func pgTestSchema(t testing.TB, dsn string) string {
	t.Helper()
	admin, err := sql.Open("pgx", dsn)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	crand.Read(b)
	schema := "bf_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		t.Fatalf("create schema (is BULLETINFEED_TEST_POSTGRES=%q reachable?): %v", dsn, err)
	}
	t.Cleanup(func() {
		if _, err := admin.Exec("DROP SCHEMA " + schema + " CASCADE"); err != nil {
			t.Errorf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	if !strings.HasPrefix(dsn, "postgres://") && !strings.HasPrefix(dsn, "postgresql://") {
		return dsn + " search_path=" + schema
	}
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
