package main

import (
	"context"
	"database/sql"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/config"
	_ "modernc.org/sqlite"
)

// oldStore writes a SQLite store at the schema of the first two
// migrations, as an older bulletinfeed left it.
func oldStore(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "old.db")
	sdb, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer sdb.Close()
	exec := func(q string, args ...any) {
		t.Helper()
		if _, err := sdb.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	exec(`CREATE TABLE schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)`)
	for i, name := range []string{"0001_init.sql", "0002_archive_order.sql"} {
		text, err := os.ReadFile(filepath.Join("../../store/migrations", name))
		if err != nil {
			t.Fatal(err)
		}
		var stmt strings.Builder
		for line := range strings.Lines(string(text)) {
			if strings.HasPrefix(strings.TrimSpace(line), "--") {
				continue
			}
			stmt.WriteString(line)
			if strings.HasSuffix(strings.TrimSpace(line), ";") {
				exec(stmt.String())
				stmt.Reset()
			}
		}
		exec(`INSERT INTO schema_migrations VALUES (?, ?, 0)`, i+1, name)
	}
	return path
}

func TestReadOnlyCommandsNeverMigrate(t *testing.T) {
	db := oldStore(t)
	before, _ := os.ReadFile(db)
	for _, args := range [][]string{{"issues"}, {"sections"}, {"build", "--out", t.TempDir(), "--base-url", "https://x.example/"}} {
		code, _, errs := runCmd(t, append(args, "--db", db)...)
		if code != exitFail || !strings.Contains(errs, `run "bulletinfeed migrate"`) {
			t.Errorf("%v on an old store: exit %d, stderr %q", args, code, errs)
		}
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("a read-only command changed the old store")
	}
	cfg := config.Default()
	cfg.DB, cfg.DBDefault, cfg.Addr, cfg.BaseURL = db, false, "127.0.0.1:0", "http://news.example.org"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	err := m.Open(context.Background())
	m.Close()
	if err == nil || !strings.Contains(err.Error(), "migrate") {
		t.Errorf("serve on an old store: %v", err)
	}
	// serve --migrate updates it, as migrate does.
	m = &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler), migrate: true}
	if err := m.Open(context.Background()); err != nil {
		t.Fatalf("serve --migrate: %v", err)
	}
	m.Close()
	if code, out, errs := runCmd(t, "migrate", "--db", db); code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("migrate after serve --migrate: exit %d %s %s", code, out, errs)
	}
	if code, _, errs := runCmd(t, "issues", "--db", db); code != 0 {
		t.Errorf("issues after the migration: %s", errs)
	}
}

func TestMigrateCommand(t *testing.T) {
	db := oldStore(t)
	if code, out, errs := runCmd(t, "migrate", "--db", db); code != 0 || !strings.Contains(out, "store migrated") {
		t.Errorf("migrate: exit %d %s %s", code, out, errs)
	}
	if code, out, _ := runCmd(t, "migrate", "--db", db); code != 0 || !strings.Contains(out, "up to date") {
		t.Errorf("migrate again: exit %d %s", code, out)
	}
}
