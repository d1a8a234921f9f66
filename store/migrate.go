package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// migrations holds the schema changes, one file each, named
// NNNN_what.sql. A file, once released, is never edited: a change is a new
// file with the next number.
//
//go:embed migrations/*.sql
var migrations embed.FS

type migration struct {
	version int64
	name    string
	stmts   []string
}

// loadMigrations reads the embedded migrations in version order.
func loadMigrations() ([]migration, error) {
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, name := range names {
		base := strings.TrimPrefix(name, "migrations/")
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.ParseInt(num, 10, 64)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and _", base)
		}
		text, err := migrations.ReadFile(name)
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: base, stmts: splitStatements(string(text))})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// splitStatements cuts a migration into statements at each ; that ends a
// line, since not every driver runs several statements in one Exec.
func splitStatements(text string) []string {
	var stmts []string
	var cur strings.Builder
	for line := range strings.Lines(text) {
		trimmed := strings.TrimSpace(line)
		if strings.HasPrefix(trimmed, "--") {
			continue
		}
		cur.WriteString(line)
		if strings.HasSuffix(trimmed, ";") {
			if s := strings.TrimSpace(cur.String()); s != ";" {
				stmts = append(stmts, s)
			}
			cur.Reset()
		}
	}
	if s := strings.TrimSpace(cur.String()); s != "" {
		stmts = append(stmts, s)
	}
	return stmts
}

// newestVersion returns the version of the last migration this build
// has: the schema version it needs.
func newestVersion() (int64, error) {
	ms, err := loadMigrations()
	if err != nil {
		return 0, fmt.Errorf("load migrations: %w", err)
	}
	if len(ms) == 0 {
		return 0, nil
	}
	return ms[len(ms)-1].version, nil
}

// migrationCount returns how many migrations this build has.
func migrationCount() (int64, error) {
	ms, err := loadMigrations()
	if err != nil {
		return 0, fmt.Errorf("load migrations: %w", err)
	}
	return int64(len(ms)), nil
}

// versionError is a store whose schema version is not the one this build
// needs; Open and OpenExisting name the store in its message.
type versionError struct {
	have, want int64
}

func (e *versionError) Error() string {
	return fmt.Sprintf("schema version %d, want %d", e.have, e.want)
}

// schemaVersionError says what to do about a store at the wrong schema
// version. where names the store.
func schemaVersionError(where string, have, want int64) error {
	if have > want {
		return bulletinfeed.Errorf(bulletinfeed.Invalid,
			"store at %s has schema version %d, newer than the %d this bulletinfeed knows: a newer bulletinfeed wrote it; run that one, or upgrade this one",
			where, have, want)
	}
	return bulletinfeed.Errorf(bulletinfeed.Invalid,
		"store at %s has schema version %d; this bulletinfeed needs %d: run \"bulletinfeed migrate\" to update it",
		where, have, want)
}

// migrate applies the migrations the database lacks, up to version upTo,
// all in one transaction: a failure leaves the schema as it was. A schema
// newer than this build's migrations is a *versionError: a newer build
// wrote it, and this one might write what it no longer reads.
func (db *DB) migrate(ctx context.Context, upTo int64) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	newest := int64(0)
	if len(ms) > 0 {
		newest = ms[len(ms)-1].version
	}
	// The write transaction (BEGIN IMMEDIATE on SQLite, an advisory lock on
	// PostgreSQL) makes a second process that starts at the same time wait
	// and then find the work done.
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.errorf(err, "migrate: begin")
	}
	defer tx.Rollback()
	if db.d.lockMigrations != "" {
		if _, err := tx.ExecContext(ctx, db.d.lockMigrations); err != nil {
			return db.errorf(err, "migrate: lock")
		}
	}
	if _, err := tx.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version    BIGINT PRIMARY KEY,
		name       TEXT NOT NULL,
		applied_at BIGINT NOT NULL
	)`); err != nil {
		return db.errorf(err, "migrate: create schema_migrations")
	}
	var current int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&current); err != nil {
		return db.errorf(err, "migrate: read version")
	}
	if current > newest {
		return &versionError{have: current, want: newest}
	}
	// Each migration not yet recorded is applied, not only those above
	// the highest: branches add numbers side by side (0010 before 0009
	// is merged), and a store migrated by one must take the other's
	// later.
	applied := map[int64]bool{}
	rows, err := tx.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return db.errorf(err, "migrate: read versions")
	}
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			rows.Close()
			return db.errorf(err, "migrate: read versions")
		}
		applied[v] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return db.errorf(err, "migrate: read versions")
	}
	for _, m := range ms {
		if applied[m.version] || m.version > upTo {
			continue
		}
		for _, s := range m.stmts {
			if _, err := tx.ExecContext(ctx, s); err != nil {
				return db.errorf(err, "migrate %s", m.name)
			}
		}
		if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			m.version, m.name, micros(db.now())); err != nil {
			return db.errorf(err, "migrate %s: record", m.name)
		}
		db.log.Info("applied migration", "migration", m.name, "backend", db.d.name)
	}
	if err := tx.Commit(); err != nil {
		return db.errorf(err, "migrate: commit")
	}
	return nil
}
