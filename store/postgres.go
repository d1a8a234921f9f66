package store

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
)

// pgUniqueViolation is the SQLSTATE of a unique or primary key violation.
const pgUniqueViolation = "23505"

// pgMigrationLock is an arbitrary advisory lock key held while migrating.
const pgMigrationLock = 0x62756c6c // "bull"

func openPostgres(dsn string) (*sql.DB, *gate, *dialect, error) {
	sdb, g, err := openPool("pgx", dsn)
	if err != nil {
		return nil, nil, nil, err
	}
	return sdb, g, &dialect{
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
		// The tables that grow; the others stay small. VACUUM as well as
		// ANALYZE: it marks the pages written since as all-visible, without
		// which the planner scans the table rather than read the counts
		// and times of ChannelStates and RangeStates from an index.
		analyze: `VACUUM (ANALYZE) articles, issues, sections`,
		// to_regclass looks along the search_path, as the queries do.
		hasMigrations: `SELECT to_regclass('schema_migrations') IS NOT NULL`,
		skipLocked:    ` FOR UPDATE SKIP LOCKED`,
		bumpVersion: `WITH v AS (` + bumpVersionSQL + ` RETURNING value)
			SELECT pg_notify('` + changesChannel + `', value::text) FROM v`,
	}, nil
}

// postgresError is where PostgreSQL's errors get their kinds.
func postgresError(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &bulletinfeed.Error{Kind: bulletinfeed.NotFound, Message: "not found"}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch {
		case pe.Code == pgUniqueViolation:
			return &bulletinfeed.Error{Kind: bulletinfeed.Conflict, Message: "already exists"}
		case strings.HasPrefix(pe.Code, "08"), pe.Code == "57P01", pe.Code == "57P02", pe.Code == "57P03":
			// Class 08 is "connection exception"; 57P01–03 are the
			// server shutting down or starting up.
			return &bulletinfeed.Error{Kind: bulletinfeed.Unavailable, Message: "database unavailable", Err: err}
		}
		return err
	}
	if pgUnreachable(err) {
		return &bulletinfeed.Error{Kind: bulletinfeed.Unavailable, Message: "database unavailable", Err: err}
	}
	return err
}

// pgUnreachable reports whether err means the server could not be reached
// or the connection broke: a refused or timed-out dial, a closed
// connection, a network error.
func pgUnreachable(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.As(err, &ce), errors.As(err, &ne):
		return true
	case errors.Is(err, driver.ErrBadConn), errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNREFUSED), errors.Is(err, syscall.ECONNRESET):
		return true
	}
	return pgconn.SafeToRetry(err) || errors.Is(err, pgconn.ErrConnClosed)
}
