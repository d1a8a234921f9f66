package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// sqliteParams are set on every connection.
//   - WAL lets a server read while an ingest process writes, each reader
//     keeping its snapshot until its transaction ends.
//   - busy_timeout makes a second writer wait for the first instead of
//     failing at once with SQLITE_BUSY.
//   - foreign_keys is off by default in SQLite, per connection.
//   - synchronous=FULL syncs the WAL at each commit: an ingest reported as
//     done survives a power cut, not only a crash of the process.
//   - cache_size of 32 MB (the default is 2 MB) keeps the pages of the
//     newest articles of every section in memory on a large store.
//   - _txlock=immediate takes the write lock at BEGIN, so a writing
//     transaction never fails halfway for want of an upgrade from a read
//     lock. Read-only transactions still begin deferred (see readTxOptions).
var sqliteParams = []string{
	"_pragma=busy_timeout(10000)",
	"_pragma=journal_mode(WAL)",
	"_pragma=foreign_keys(1)",
	"_pragma=synchronous(FULL)",
	"_pragma=cache_size(-32000)",
	"_txlock=immediate",
}

// sqliteFile returns the file path of a SQLite DSN (a path, or a file: URL
// with parameters).
func sqliteFile(dsn string) string {
	file, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	return file
}

func openSQLite(path string) (*sql.DB, *dialect, error) {
	file := sqliteFile(path)
	if dir := filepath.Dir(file); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, nil, fmt.Errorf("open store: %w", err)
		}
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	sdb, err := sql.Open("sqlite", path+sep+strings.Join(sqliteParams, "&"))
	if err != nil {
		return nil, nil, fmt.Errorf("open store %s: %w", path, err)
	}
	return sdb, &dialect{
		name:          "sqlite",
		formatError:   sqliteError,
		readTxOptions: &sql.TxOptions{ReadOnly: true},
	}, nil
}

// sqliteError is where SQLite's errors get their kinds.
func sqliteError(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return &bulletinfeed.Error{Kind: bulletinfeed.NotFound, Message: "not found"}
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return &bulletinfeed.Error{Kind: bulletinfeed.Conflict, Message: "already exists"}
		}
	}
	return err
}

// sqliteOpenProblem tells why SQLite could not open file, which it says
// only as "unable to open database file (14)": the file cannot be read and
// written, or its folder does not let SQLite create the -wal and -shm
// files beside it. It returns nil when it finds neither.
func sqliteOpenProblem(file string) error {
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if f != nil {
		f.Close()
	}
	dir := filepath.Dir(file)
	probe, err := os.CreateTemp(dir, ".bulletinfeed-probe-*")
	if err != nil {
		return fmt.Errorf("folder %s does not let SQLite create its journal files beside the store: %w", dir, unwrapPath(err))
	}
	probe.Close()
	os.Remove(probe.Name())
	return nil
}

// unwrapPath drops the path of an *fs.PathError, for a message that names
// it already.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
