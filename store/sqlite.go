package store

import (
	"database/sql"
	"errors"
	"fmt"
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

func openSQLite(path string) (*sql.DB, *dialect, error) {
	file, _, _ := strings.Cut(strings.TrimPrefix(path, "file:"), "?")
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
