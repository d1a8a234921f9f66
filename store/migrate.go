package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
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

// migrate applies the migrations the database lacks, all in one
// transaction: a failure leaves the schema as it was.
func (db *DB) migrate(ctx context.Context) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
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
	for _, m := range ms {
		if m.version <= current {
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
