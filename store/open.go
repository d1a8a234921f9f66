package store

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Open opens the store named by dsn (see CheckDSN), creating it when it
// does not exist, and brings its schema up to date: for the commands that
// write, ingest and migrate. A SQLite file is created in its directory,
// which must exist: a mistyped folder is an error of kind Invalid rather
// than a new, empty store somewhere unexpected.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*DB, error) {
	newest, err := newestVersion()
	if err != nil {
		return nil, err
	}
	return open(ctx, dsn, log, newest)
}

// open is Open applying the migrations up to version upTo only.
func open(ctx context.Context, dsn string, log *slog.Logger, upTo int64) (*DB, error) {
	loc, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	if !loc.postgres {
		dir := filepath.Dir(loc.file)
		if fi, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil, openError(dsn, bulletinfeed.Errorf(bulletinfeed.Invalid, "directory %s does not exist", dir))
		} else if err == nil && !fi.IsDir() {
			return nil, openError(dsn, bulletinfeed.Errorf(bulletinfeed.Invalid, "%s is not a directory", dir))
		}
	}
	db, err := connect(loc, log, true)
	if err != nil {
		return nil, openError(dsn, err)
	}
	if err := db.migrate(ctx, upTo); err != nil {
		db.Close()
		var ve *versionError
		if errors.As(err, &ve) {
			return nil, schemaVersionError(redactDSN(dsn), ve.have, ve.want)
		}
		if !loc.postgres {
			if why := sqliteOpenProblem(loc.file); why != nil {
				err = why
			}
		}
		return nil, openError(dsn, err)
	}
	if err := db.watchFile(loc); err != nil {
		db.Close()
		return nil, openError(dsn, err)
	}
	return db, nil
}

// OpenExisting opens the store named by dsn for the commands that read or
// serve it. It never creates a file or a table and never migrates, so a
// mistyped --db is an error rather than a new, empty store:
//
//   - no SQLite file at the path, or a database without bulletinfeed's
//     tables: kind NotFound;
//   - a schema older than this build needs (run the migrate command), or
//     newer than it knows: kind Invalid;
//   - a PostgreSQL server that cannot be reached: kind Unavailable.
func OpenExisting(ctx context.Context, dsn string, log *slog.Logger) (*DB, error) {
	loc, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	if !loc.postgres {
		// Looked at before the driver opens it: SQLite creates a missing
		// file on open unless told not to, and mode=rw (see sqliteDSN) is
		// only the second guard.
		fi, err := os.Stat(loc.file)
		switch {
		case errors.Is(err, fs.ErrNotExist):
			return nil, noStoreError(dsn)
		case err != nil:
			return nil, openError(dsn, err)
		case fi.IsDir():
			return nil, openError(dsn, bulletinfeed.Errorf(bulletinfeed.Invalid, "%s is a directory", loc.file))
		}
	}
	db, err := connect(loc, log, false)
	if err != nil {
		return nil, openError(dsn, err)
	}
	if err := db.checkSchema(ctx, dsn, loc); err != nil {
		db.Close()
		return nil, err
	}
	if err := db.watchFile(loc); err != nil {
		db.Close()
		return nil, openError(dsn, err)
	}
	return db, nil
}

// connect opens the database of loc without touching it yet.
func connect(loc *location, log *slog.Logger, create bool) (*DB, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	db := &DB{log: log, Now: time.Now, leaseTTL: leaseTTL}
	db.analyze.min = defaultAnalyzeMin
	var err error
	if loc.postgres {
		db.db, db.gate, db.d, err = openPostgres(loc.pgDSN)
		db.pgDSN = loc.pgDSN
	} else {
		db.db, db.gate, db.d, err = openSQLite(loc, create)
	}
	if err != nil {
		return nil, err
	}
	return db, nil
}

// checkSchema makes sure the database opened by OpenExisting holds a
// store at the schema version this build needs.
func (db *DB) checkSchema(ctx context.Context, dsn string, loc *location) error {
	var exists bool
	err := db.db.QueryRowContext(ctx, db.d.hasMigrations).Scan(&exists)
	if err == nil && !exists {
		if loc.postgres {
			return bulletinfeed.Errorf(bulletinfeed.NotFound, "no store in %s: ingest an issue first, or check --db", redactDSN(dsn))
		}
		return bulletinfeed.Errorf(bulletinfeed.NotFound, "no store at %s: the file is not a bulletinfeed store; check --db", dsn)
	}
	var have, count int64
	if err == nil {
		err = db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version), 0), COUNT(*) FROM schema_migrations`).Scan(&have, &count)
	}
	if err != nil {
		if loc.postgres {
			return openError(dsn, db.errorf(err, "read schema version"))
		}
		switch _, statErr := os.Stat(loc.file); {
		case errors.Is(statErr, fs.ErrNotExist):
			// Removed between the first look and the open.
			return noStoreError(dsn)
		case sqliteNotADatabase(err):
			return bulletinfeed.Errorf(bulletinfeed.NotFound, "no store at %s: the file is not a SQLite database, let alone a bulletinfeed store; check --db", dsn)
		}
		if why := sqliteOpenProblem(loc.file); why != nil {
			err = why
		}
		return openError(dsn, err)
	}
	want, err := newestVersion()
	if err != nil {
		return err
	}
	if have != want {
		return schemaVersionError(redactDSN(dsn), have, want)
	}
	// A store at the newest version may still lack a migration numbered
	// below it that its branch did not have (see migrate).
	if n, err := migrationCount(); err != nil {
		return err
	} else if count < n {
		return bulletinfeed.Errorf(bulletinfeed.Invalid,
			"store at %s lacks %d of this bulletinfeed's migrations below its version %d: run \"bulletinfeed migrate\" to apply them", redactDSN(dsn), n-count, have)
	}
	return nil
}

func noStoreError(dsn string) error {
	return bulletinfeed.Errorf(bulletinfeed.NotFound, "no store at %s: ingest an issue first, or check --db", dsn)
}

// watchFile records the SQLite file as it is now, for checkFile.
func (db *DB) watchFile(loc *location) error {
	if loc.postgres {
		return nil
	}
	abs, err := filepath.Abs(loc.file)
	if err != nil {
		return err
	}
	db.file = abs
	db.fileInfo, err = os.Stat(abs)
	return err
}

// openError names the store in an error from opening it, without the
// password a DSN may hold, and keeps the error's kind.
func openError(dsn string, err error) error {
	return &bulletinfeed.Error{Kind: bulletinfeed.KindOf(err), Message: "open store " + redactDSN(dsn), Err: err}
}
