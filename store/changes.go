package store

import (
	"context"
	"math/rand/v2"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"
)

// changesChannel is the PostgreSQL notification channel that every write
// which bumps the version notifies, with the new version as payload.
// Channels are database-wide, so stores in other schemas of the same
// database notify it too: a listener may wake for nothing, never miss.
const changesChannel = "bulletinfeed_version"

// How the listener of Changes paces itself: it checks an idle connection
// with a ping every listenIdle (a connection that died without a word,
// as behind a NAT, would otherwise wait forever), and reconnects after a
// failure with back-off from listenRetryMin doubling up to listenRetryMax.
const (
	listenIdle     = 30 * time.Second
	listenPing     = 5 * time.Second
	listenRetryMin = 100 * time.Millisecond
	listenRetryMax = 10 * time.Second
)

// Changes reports writes to the store by any process as soon as they are
// committed, so that a server renders them without waiting for its next
// poll of Version. On PostgreSQL it listens on a dedicated connection:
// the channel receives a value after each notified write (coalesced: a
// slow reader gets one value for many writes) and after the connection
// was lost and made again, since writes may have gone unnoticed
// meanwhile. The connection is remade with back-off whenever it drops;
// while it is down nothing is reported, so a caller still polls Version,
// less often. The first connection is made before Changes returns; when
// it fails, Changes logs why and goes on trying in the background. The
// channel is closed once ctx is done and the connection with it.
//
// On SQLite Changes returns a nil channel and no error: a poll of Version
// is cheap there.
func (db *DB) Changes(ctx context.Context) (<-chan struct{}, error) {
	if db.pgDSN == "" {
		return nil, nil
	}
	cfg, err := pgx.ParseConfig(db.pgDSN)
	if err != nil {
		return nil, db.errorf(err, "listen for store changes")
	}
	if _, ok := cfg.RuntimeParams["application_name"]; !ok {
		cfg.RuntimeParams["application_name"] = "bulletinfeed listen"
	}
	// Interrupt a wait by a read deadline, which leaves the connection
	// usable, rather than by a cancel request, which may cancel the ping
	// that follows.
	cfg.BuildContextWatcherHandler = func(c *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.DeadlineContextWatcherHandler{Conn: c.Conn()}
	}
	ch := make(chan struct{}, 1)
	conn, err := db.listenConn(ctx, cfg)
	if err != nil && ctx.Err() == nil {
		db.log.Warn("cannot listen for store changes; polling meanwhile and retrying", "err", err)
	}
	if conn != nil {
		db.listenPID.Store(conn.PgConn().PID())
	}
	go db.listen(ctx, cfg, conn, ch)
	return ch, nil
}

// listenConn opens a connection and listens on changesChannel.
func (db *DB) listenConn(ctx context.Context, cfg *pgx.ConnConfig) (*pgx.Conn, error) {
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, db.errorf(err, "connect to listen for store changes")
	}
	if _, err := conn.Exec(ctx, "LISTEN "+changesChannel); err != nil {
		closeConn(conn)
		return nil, db.errorf(err, "listen for store changes")
	}
	return conn, nil
}

// listen waits for notifications on conn, reconnecting while ctx lasts,
// and signals ch for each.
func (db *DB) listen(ctx context.Context, cfg *pgx.ConnConfig, conn *pgx.Conn, ch chan struct{}) {
	defer close(ch)
	retry := listenRetryMin
	for {
		if conn == nil {
			// Jitter, so that replicas cut off together do not come back
			// in step.
			d := retry + rand.N(retry/5+1)
			retry = min(retry*2, listenRetryMax)
			if !sleepCtx(ctx, d) {
				return
			}
			var err error
			if conn, err = db.listenConn(ctx, cfg); err != nil {
				if ctx.Err() != nil {
					return
				}
				db.log.Warn("cannot listen for store changes; polling meanwhile and retrying", "err", err, "retry_in", retry.Round(time.Millisecond))
				continue
			}
			db.log.Info("listening for store changes again")
			retry = listenRetryMin
			// Writes while the connection was down went unnoticed.
			signal(ch)
			db.listenPID.Store(conn.PgConn().PID())
		}
		err := db.wait(ctx, conn)
		if err == nil {
			signal(ch)
			continue
		}
		db.listenPID.Store(0)
		closeConn(conn)
		conn = nil
		if ctx.Err() != nil {
			return
		}
		db.log.Warn("lost the connection listening for store changes; reconnecting", "err", err)
	}
}

// wait returns nil when a notification arrived, or an error when the
// connection failed or ctx is done. An idle connection is pinged every
// listenIdle.
func (db *DB) wait(ctx context.Context, conn *pgx.Conn) error {
	for {
		wctx, cancel := context.WithTimeout(ctx, listenIdle)
		_, err := conn.WaitForNotification(wctx)
		cancel()
		switch {
		case err == nil:
			return nil
		case ctx.Err() != nil:
			return ctx.Err()
		case !pgconn.Timeout(err) || conn.IsClosed():
			return err
		}
		pctx, cancel := context.WithTimeout(ctx, listenPing)
		err = conn.Ping(pctx)
		cancel()
		if err != nil {
			return err
		}
	}
}

// signal sends on ch unless a value is already waiting there.
func signal(ch chan struct{}) {
	select {
	case ch <- struct{}{}:
	default:
	}
}

// closeConn closes conn without waiting long for a server that is gone.
func closeConn(conn *pgx.Conn) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	conn.Close(ctx)
}

// sleepCtx waits d or until ctx is done, and reports whether d passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
