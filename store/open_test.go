package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestOpenErrorsNameTheStore: SQLite says only "unable to open database
// file (14)"; the error must say which store and why, and a PostgreSQL DSN
// is shown without its password.
func TestOpenErrorsNameTheStore(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	notAFile := filepath.Join(dir, "store.db")
	if err := os.Mkdir(notAFile, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := store.Open(ctx, notAFile, nil)
	if err == nil || !strings.Contains(err.Error(), "open store "+notAFile) || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("Open(a folder) = %v, want the path and the reason", err)
	}

	_, err = store.Open(ctx, "postgres://bulletin:s3cret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", nil)
	if err == nil {
		t.Fatal("Open of a closed port succeeded")
	}
	if strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error shows the password: %v", err)
	}
	if !strings.Contains(err.Error(), "open store postgres://bulletin:xxxxx@127.0.0.1:1/none") {
		t.Errorf("error %v does not name the store", err)
	}
	if k := bulletinfeed.KindOf(err); k != bulletinfeed.Unavailable {
		t.Errorf("kind %s, want unavailable: a database that cannot be reached is worth retrying", k)
	}
}

// TestVersionNoticesAReplacedFile: a SQLite file deleted or replaced while
// a server has it open would leave the server reading the old file for
// ever; Version reports it instead.
func TestVersionNoticesAReplacedFile(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		do   func(path string) error
		want string
	}{
		{"deleted", os.Remove, "was deleted while open"},
		{"replaced", func(path string) error {
			other := path + ".restored"
			if err := os.WriteFile(other, []byte("a backup"), 0o644); err != nil {
				return err
			}
			return os.Rename(other, path)
		}, "was replaced by another file while open"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "bulletinfeed.db")
			db, err := store.Open(ctx, path, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Version(ctx); err != nil {
				t.Fatalf("Version before: %v", err)
			}
			if err := tc.do(path); err != nil {
				t.Fatal(err)
			}
			_, err = db.Version(ctx)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), path) {
				t.Errorf("Version after the file was %s = %v, want %q with the path", tc.name, err, tc.want)
			}
		})
	}
}
