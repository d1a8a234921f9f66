package store

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
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
//     newest articles of every section in memory on a large store. A
//     DSN that sets its own (WithCacheSize) keeps it.
//   - _txlock=immediate takes the write lock at BEGIN, so a writing
//     transaction never fails halfway for want of an upgrade from a read
//     lock. Read-only transactions still begin deferred (see readTxOptions).
var sqliteParams = []string{
	"_pragma=busy_timeout(10000)",
	walParam,
	"_pragma=foreign_keys(1)",
	"_pragma=synchronous(FULL)",
	"_pragma=cache_size(-32000)",
	"_txlock=immediate",
}

// cacheSizePragma starts the parameter that sets the page cache's size.
const cacheSizePragma = "_pragma=cache_size("

// setsCacheSize reports whether a SQLite DSN's query sets the page
// cache's size.
func setsCacheSize(query string) bool {
	for kv := range strings.SplitSeq(query, "&") {
		if strings.HasPrefix(strings.ToLower(kv), cacheSizePragma) {
			return true
		}
	}
	return false
}

// WithCacheSize returns dsn with SQLite's page cache set to kib KiB per
// connection, for a process that keeps little in memory and finds the
// rest in the operating system's cache (serve): unchanged for a
// PostgreSQL store, one that sets its own size, or one Open would refuse.
func WithCacheSize(dsn string, kib int) string {
	loc, err := parseDSN(dsn)
	if err != nil || loc.postgres || setsCacheSize(loc.query) || strings.Contains(dsn, "#") {
		return dsn
	}
	sep := "?"
	if strings.Contains(dsn, "?") {
		sep = "&"
		if strings.HasSuffix(dsn, "?") || strings.HasSuffix(dsn, "&") {
			sep = ""
		}
	}
	return dsn + sep + cacheSizePragma + strconv.Itoa(-kib) + ")"
}

// walParam is left out when opening a store that must exist: WAL mode is
// kept in the file, so a store made by Open has it already, and on a file
// that turns out not to be a store, setting it would be a write.
const walParam = "_pragma=journal_mode(WAL)"

// sqliteDSN returns the driver's name for the file of loc: always a file:
// URI of the absolute path, so that SQLite honours mode=rw (it ignores the
// parameters of a plain path) and a later chdir changes nothing. Unless
// create is set, SQLite is not allowed to create the file.
func sqliteDSN(loc *location, create bool) (string, error) {
	abs, err := filepath.Abs(loc.file)
	if err != nil {
		return "", err
	}
	var params []string
	if loc.query != "" {
		params = append(params, loc.query)
	}
	if !create && !hasParam(loc.query, "mode") {
		params = append(params, "mode=rw")
	}
	ownCache := setsCacheSize(loc.query)
	for _, p := range sqliteParams {
		if (p != walParam || create) && !(ownCache && strings.HasPrefix(p, cacheSizePragma)) {
			params = append(params, p)
		}
	}
	return "file://" + uriPathEscaper.Replace(filepath.ToSlash(abs)) + "?" + strings.Join(params, "&"), nil
}

// uriPathEscaper escapes what would end a URI file name's path or start
// an escape in it.
var uriPathEscaper = strings.NewReplacer("%", "%25", "?", "%3f", "#", "%23")

func hasParam(query, key string) bool {
	for kv := range strings.SplitSeq(query, "&") {
		if k, _, _ := strings.Cut(kv, "="); k == key {
			return true
		}
	}
	return false
}

func openSQLite(loc *location, create bool) (*sql.DB, *gate, *dialect, error) {
	dsn, err := sqliteDSN(loc, create)
	if err != nil {
		return nil, nil, nil, err
	}
	sdb, g, err := openPool("sqlite", dsn)
	if err != nil {
		return nil, nil, nil, err
	}
	return sdb, g, &dialect{
		name:          "sqlite",
		formatError:   sqliteError,
		readTxOptions: &sql.TxOptions{ReadOnly: true},
		// 0x10002 analyzes every table that needs it, not only those this
		// connection queried, which a pooled connection may not have.
		// SQLite bounds the work itself (analysis_limit).
		analyze:       `PRAGMA optimize=0x10002`,
		hasMigrations: `SELECT COUNT(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'`,
		bumpVersion:   bumpVersionSQL,
	}, nil
}

// sqliteNotADatabase reports whether err is SQLite finding that a file is
// not a SQLite database at all.
func sqliteNotADatabase(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && se.Code()&0xff == sqlite3.SQLITE_NOTADB
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
