package store

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// pgUniqueViolation is the SQLSTATE of a unique or primary key violation.
const pgUniqueViolation = "23505"

// pgMigrationLock is an arbitrary advisory lock key held while migrating.
const pgMigrationLock = 0x62756c6c // "bull"

func openPostgres(dsn string) (*sql.DB, *dialect, error) {
	sdb, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, nil, fmt.Errorf("open store: %w", err)
	}
	return sdb, &dialect{
		name:        "postgres",
		numbered:    true,
		formatError: postgresError,
		// Ingests run at READ COMMITTED, serialised by a row lock on their
		// publication: SQLite's BEGIN IMMEDIATE, one publication at a time.
		lockPublication: `SELECT 1 FROM publications WHERE id = ? FOR UPDATE`,
		lockMigrations:  fmt.Sprintf(`SELECT pg_advisory_xact_lock(%d)`, pgMigrationLock),
		// REPEATABLE READ gives a multi-query read one snapshot, as a
		// deferred read transaction does on SQLite in WAL mode.
		readTxOptions: &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true},
	}, nil
}

// postgresError is where PostgreSQL's errors get their kinds.
func postgresError(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &bulletinfeed.Error{Kind: bulletinfeed.NotFound, Message: "not found"}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == pgUniqueViolation {
		return &bulletinfeed.Error{Kind: bulletinfeed.Conflict, Message: "already exists"}
	}
	return err
}
