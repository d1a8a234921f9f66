package store_test

import (
	"context"
	"fmt"
	"log/slog"
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
		for _, existing := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/existing=%v", tc.name, existing), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "bulletinfeed.db")
				db, err := store.Open(ctx, path, nil)
				if err != nil {
					t.Fatal(err)
				}
				if existing {
					db.Close()
					if db, err = store.OpenExisting(ctx, path, nil); err != nil {
						t.Fatal(err)
					}
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
}

// TestOpenNeedsTheDirectory: Open creates the file but not a missing
// folder, which is far more often a typo than a wish.
func TestOpenNeedsTheDirectory(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	path := filepath.Join(dir, "bulletinfeed.db")
	_, err := store.Open(context.Background(), path, nil)
	want := "open store " + path + ": directory " + dir + " does not exist"
	if err == nil || err.Error() != want || bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
		t.Errorf("Open in a missing folder = %v, want invalid %q", err, want)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("the folder was created: %v", err)
	}
}

// TestOpenURLForms: a path, a file: URL and a sqlite: URL of the same
// file open the same store, relative or absolute, and a name with
// characters a URI escapes is the file of that name.
func TestOpenURLForms(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("data", 0o755); err != nil {
		t.Fatal(err)
	}
	abs := filepath.Join(dir, "data", "x.db")
	db, err := store.Open(ctx, "sqlite:data/x.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: pubID, Title: "河西通讯"}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := os.Stat(abs); err != nil {
		t.Fatalf("sqlite:data/x.db did not make data/x.db: %v", err)
	}
	for _, dsn := range []string{"data/x.db", "./data/x.db", abs, "file:data/x.db", "file:" + abs, "file://" + abs,
		"file://localhost" + abs, "sqlite:data/x.db", "sqlite://" + abs, "file:data/x.db?_pragma=busy_timeout(500)"} {
		db, err := store.OpenExisting(ctx, dsn, nil)
		if err != nil {
			t.Errorf("OpenExisting(%q): %v", dsn, err)
			continue
		}
		if p, err := db.Publication(ctx, pubID); err != nil || p.Title != "河西通讯" {
			t.Errorf("OpenExisting(%q) read %+v, %v; want the publication stored through sqlite:data/x.db", dsn, p, err)
		}
		db.Close()
	}

	for _, tc := range []struct{ dsn, file string }{
		{"odd %41 #1.db", "odd %41 #1.db"},    // a path is taken as it is
		{"file:odd%3f%23%25.db", "odd?#%.db"}, // a URL's escapes are decoded
		{"sqlite:my%20store.db", "my store.db"},
	} {
		db, err := store.Open(ctx, tc.dsn, nil)
		if err != nil {
			t.Errorf("Open(%q): %v", tc.dsn, err)
			continue
		}
		db.Close()
		if _, err := os.Stat(filepath.Join(dir, tc.file)); err != nil {
			t.Errorf("Open(%q) did not make the file %q: %v", tc.dsn, tc.file, err)
		}
	}
}

// TestOpenExisting: read-only and serving commands open a store without
// creating or migrating one, and say what is wrong when it is missing,
// empty, or at another schema version.
func TestOpenExisting(t *testing.T) {
	ctx := context.Background()
	for _, b := range backends() {
		postgres := b.name == "postgres"
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()

			t.Run("missing", func(t *testing.T) {
				if postgres {
					t.Skip("a PostgreSQL database is never created by the store")
				}
				dir := t.TempDir()
				path := filepath.Join(dir, "bulletinfeed.db")
				_, err := store.OpenExisting(ctx, path, nil)
				want := "no store at " + path + ": ingest an issue first, or check --db"
				if err == nil || err.Error() != want || bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
					t.Errorf("OpenExisting(missing) = %v, want not found %q", err, want)
				}
				if ents, _ := os.ReadDir(dir); len(ents) != 0 {
					t.Errorf("OpenExisting left %d files in the folder, want none", len(ents))
				}
			})

			t.Run("not a store", func(t *testing.T) {
				dsn := b.dsn(t)
				want := "no store in " + dsn + ": ingest an issue first, or check --db"
				if !postgres {
					// An empty file is an empty SQLite database.
					if err := os.WriteFile(dsn, nil, 0o644); err != nil {
						t.Fatal(err)
					}
					want = "no store at " + dsn + ": the file is not a bulletinfeed store; check --db"
				}
				for range 2 { // the first must not have made a store of it
					_, err := store.OpenExisting(ctx, dsn, nil)
					if err == nil || err.Error() != want || bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
						t.Errorf("OpenExisting(empty) = %v, want not found %q", err, want)
					}
				}
				if !postgres {
					if fi, err := os.Stat(dsn); err != nil || fi.Size() != 0 {
						t.Errorf("the empty file was written: %v, %v", fi, err)
					}
					if err := os.WriteFile(dsn, []byte("not SQLite\n"), 0o644); err != nil {
						t.Fatal(err)
					}
					_, err := store.OpenExisting(ctx, dsn, nil)
					if err == nil || !strings.Contains(err.Error(), "no store at "+dsn+": the file is not a SQLite database") ||
						bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
						t.Errorf("OpenExisting(a text file) = %v, want not found, not a SQLite database", err)
					}
				}
			})

			t.Run("up to date", func(t *testing.T) {
				dsn := b.dsn(t)
				c := newClock()
				w := mustOpen(t, dsn, c)
				in := mustIngest(t, w, issue("2023-04", day("2023-04-20"), article("要闻", "社区开展活动", para("活动"))))
				w.Close()

				db, err := store.OpenExisting(ctx, dsn, nil)
				if err != nil {
					t.Fatal(err)
				}
				defer db.Close()
				if v := mustVersion(t, db); v == 0 {
					t.Errorf("Version = 0, want the writes counted")
				}
				if got, err := db.Issue(ctx, pubID, "2023-04"); err != nil || got.Articles[0].ID != in.Issue.Articles[0].ID {
					t.Errorf("Issue = %+v, %v; want the ingested issue", got, err)
				}
			})

			t.Run("older schema", func(t *testing.T) {
				dsn := b.dsn(t)
				old, err := store.OpenAtVersion(ctx, dsn, 2)
				if err != nil {
					t.Fatal(err)
				}
				old.Close()
				_, err = store.OpenExisting(ctx, dsn, nil)
				want := fmt.Sprintf(`store at %s has schema version 2; this bulletinfeed needs %d: run "bulletinfeed migrate" to update it`,
					dsn, store.NewestVersion())
				if err == nil || err.Error() != want || bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
					t.Errorf("OpenExisting(older schema) = %v, want invalid %q", err, want)
				}
				old, err = store.OpenAtVersion(ctx, dsn, 2)
				if err != nil {
					t.Fatal(err)
				}
				if v, err := old.SchemaVersion(ctx); err != nil || v != 2 {
					t.Errorf("schema version after OpenExisting = %d, %v; want it left at 2", v, err)
				}
				old.Close()

				// Open migrates; then the store opens as it is.
				db, err := store.Open(ctx, dsn, nil)
				if err != nil {
					t.Fatal(err)
				}
				db.Close()
				db, err = store.OpenExisting(ctx, dsn, nil)
				if err != nil {
					t.Fatalf("OpenExisting after Open migrated: %v", err)
				}
				db.Close()
			})

			t.Run("newer schema", func(t *testing.T) {
				dsn := b.dsn(t)
				db, err := store.Open(ctx, dsn, nil)
				if err != nil {
					t.Fatal(err)
				}
				newer := store.NewestVersion() + 1
				err = db.Exec(ctx, `INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'from the future', 0)`, newer)
				db.Close()
				if err != nil {
					t.Fatal(err)
				}
				want := fmt.Sprintf("store at %s has schema version %d, newer than the %d this bulletinfeed knows: a newer bulletinfeed wrote it",
					dsn, newer, store.NewestVersion())
				for name, open := range map[string]func(context.Context, string, *slog.Logger) (*store.DB, error){
					"OpenExisting": store.OpenExisting, "Open": store.Open} {
					_, err := open(ctx, dsn, nil)
					if err == nil || !strings.HasPrefix(err.Error(), want) || bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
						t.Errorf("%s(newer schema) = %v, want invalid %q", name, err, want)
					}
				}
			})
		})
	}
}

// TestOpenExistingUnreachable: a PostgreSQL server that cannot be reached
// is Unavailable for OpenExisting as for Open, and the password is not
// shown.
func TestOpenExistingUnreachable(t *testing.T) {
	_, err := store.OpenExisting(context.Background(), "postgres://bulletin:s3cret@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", nil)
	if k := bulletinfeed.KindOf(err); k != bulletinfeed.Unavailable {
		t.Errorf("OpenExisting of a closed port: %v of kind %s, want unavailable", err, k)
	}
	if err != nil && strings.Contains(err.Error(), "s3cret") {
		t.Errorf("error shows the password: %v", err)
	}
}
