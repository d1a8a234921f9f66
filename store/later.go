package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"log/slog"
	"sync/atomic"

	"github.com/bulletinfeed/bulletinfeed"
)

// gate is the connector of every store's connection pool. It is open for a
// store opened at once; a store made by Later keeps it shut until Take, so
// that every method of a store that could not be opened yet fails with
// kind Unavailable at its first query, with no method forwarded by hand.
type gate struct {
	inner driver.Connector
	drv   driver.Driver
	shut  atomic.Bool
	// why is the last reason the store could not be opened, nil for none
	// recorded yet.
	why atomic.Pointer[error]
}

// openPool opens a pool of the driver named name on dsn behind an open
// gate, without connecting yet (as sql.Open).
func openPool(name, dsn string) (*sql.DB, *gate, error) {
	probe, err := sql.Open(name, dsn)
	if err != nil {
		return nil, nil, err
	}
	drv := probe.Driver()
	probe.Close()
	g := &gate{drv: drv}
	if dc, ok := drv.(driver.DriverContext); ok {
		if g.inner, err = dc.OpenConnector(dsn); err != nil {
			return nil, nil, err
		}
	} else {
		g.inner = dsnConnector{drv: drv, dsn: dsn}
	}
	return sql.OpenDB(g), g, nil
}

// Connect connects unless the gate is shut.
func (g *gate) Connect(ctx context.Context) (driver.Conn, error) {
	if g.shut.Load() {
		return nil, g.closedError()
	}
	return g.inner.Connect(ctx)
}

func (g *gate) Driver() driver.Driver { return g.drv }

func (g *gate) closedError() error {
	if p := g.why.Load(); p != nil {
		return &shutError{why: *p}
	}
	return &shutError{why: bulletinfeed.Errorf(bulletinfeed.Unavailable, "store not open yet")}
}

// shutError is what a shut gate answers: the reason the store could not
// be opened, which errorf passes on as it is, so that /healthz and the
// console say "open store …: …" rather than the query that found the
// gate shut.
type shutError struct{ why error }

func (e *shutError) Error() string { return e.why.Error() }
func (e *shutError) Unwrap() error { return e.why }

// dsnConnector is the connector of a driver that offers none.
type dsnConnector struct {
	drv driver.Driver
	dsn string
}

func (c dsnConnector) Connect(context.Context) (driver.Conn, error) { return c.drv.Open(c.dsn) }
func (c dsnConnector) Driver() driver.Driver                        { return c.drv }

// Later returns the store named by dsn without opening it: serve listens
// at once and answers 503 while PostgreSQL cannot be reached. Every method
// fails with kind Unavailable (and the reason Fail last recorded) until
// Take hands it a store of the same dsn that was opened as the caller
// requires (created, migrated, checked).
func Later(dsn string, log *slog.Logger) (*DB, error) {
	loc, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db, err := connect(loc, log, false)
	if err != nil {
		return nil, openError(dsn, err)
	}
	db.gate.shut.Store(true)
	return db, nil
}

// Fail records why the store could not be opened, which its methods
// report until it is.
func (db *DB) Fail(err error) {
	if bulletinfeed.KindOf(err) != bulletinfeed.Unavailable {
		// Whatever the reason, a store not open yet is unavailable.
		err = &bulletinfeed.Error{Kind: bulletinfeed.Unavailable, Message: "store not open yet", Err: err}
	}
	db.gate.why.Store(&err)
}

// IsOpen reports whether the store can be used: false for a store of
// Later until Take.
func (db *DB) IsOpen() bool { return !db.gate.shut.Load() }

// Take makes a store of Later usable, once opened, a store of the same
// dsn opened by Open or OpenExisting, has done what opening it required;
// opened is closed, its work done.
func (db *DB) Take(opened *DB) error {
	// Set before the gate opens: a method reads them only once it is.
	db.file, db.fileInfo = opened.file, opened.fileInfo
	db.gate.why.Store(nil)
	db.gate.shut.Store(false)
	return opened.Close()
}
