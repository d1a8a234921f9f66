package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// The WebSub outbox. A replica that rendered new bytes of a feed
// announces them (AnnounceFeed): one statement moves the topic's row to
// the new entity tag only if it holds another tag from no later store
// version, so of several replicas that saw the same change one wins, the
// others change nothing, and only the winner enqueues deliveries, in the
// same transaction. Replicas then claim due deliveries in batches
// (ClaimDeliveries): on PostgreSQL the rows are picked FOR UPDATE SKIP
// LOCKED, so two replicas claiming at once take different rows; on SQLite
// one writer at a time does the same. A claim lasts a lease; a replica
// that dies leaves its rows to the others when the lease lapses.

// AnnounceFeed records new content of a topic and, unless another
// announcement of the same bytes or of a later store version came first,
// enqueues its delivery to every subscription of the topic active at now
// and a publish ping to each of hubs. It returns the number of
// deliveries enqueued: 0 when the announcement was not needed.
func (db *DB) AnnounceFeed(ctx context.Context, u *bulletinfeed.FeedUpdate, hubs []string, now time.Time) (int, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return 0, db.errorf(err, "begin announce")
	}
	defer tx.Rollback()
	t := micros(now)
	var seq int64
	err = tx.QueryRowContext(ctx, db.d.rebind(`INSERT INTO websub_topics (topic, etag, version, seq, content_type, link, body, announced_at)
		VALUES (?, ?, ?, 1, ?, ?, ?, ?)
		ON CONFLICT (topic) DO UPDATE SET etag = excluded.etag, version = excluded.version, seq = websub_topics.seq + 1,
			content_type = excluded.content_type, link = excluded.link, body = excluded.body, announced_at = excluded.announced_at
		WHERE websub_topics.etag <> excluded.etag AND websub_topics.version <= excluded.version
		RETURNING seq`),
		u.Topic, u.ETag, u.Version, u.ContentType, u.Link, nonNil(u.Body), t).Scan(&seq)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil // announced already, or superseded
	}
	if err != nil {
		return 0, db.errorf(err, "announce %s", u.Topic)
	}
	// A delivery still owed is brought up to the new content and made
	// due at once; one being made keeps its claim and sees, when done,
	// that it was superseded (FinishDelivery).
	const upsert = ` ON CONFLICT (kind, topic, target) DO UPDATE SET seq = excluded.seq, attempts = 0,
		enqueued_at = excluded.enqueued_at, next_at = excluded.next_at, last_error = ''`
	res, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO websub_deliveries (kind, topic, target, callback, seq, enqueued_at, next_at)
		SELECT 'subscriber', topic, callback, callback, ?, ?, ? FROM websub_subscriptions WHERE topic = ? AND expires_at > ?`+upsert),
		seq, t, t, u.Topic, t)
	if err != nil {
		return 0, db.errorf(err, "enqueue deliveries of %s", u.Topic)
	}
	n, _ := res.RowsAffected()
	for _, h := range hubs {
		if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO websub_deliveries (kind, topic, target, callback, seq, enqueued_at, next_at)
			VALUES ('hub', ?, ?, NULL, ?, ?, ?)`+upsert), u.Topic, h, seq, t, t); err != nil {
			return 0, db.errorf(err, "enqueue ping of %s for %s", h, u.Topic)
		}
		n++
	}
	if err := tx.Commit(); err != nil {
		return 0, db.errorf(err, "commit announce")
	}
	return int(n), nil
}

// ClaimDeliveries hands out up to limit deliveries due at now that no
// claim holds, under the token claim until now+lease, with the content
// they carry. First attempts come before retries: a change reaches the
// subscribers that answer before those that keep failing are tried again.
func (db *DB) ClaimDeliveries(ctx context.Context, claim string, now time.Time, lease time.Duration, limit int) ([]*bulletinfeed.Delivery, error) {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, db.errorf(err, "begin claim")
	}
	defer tx.Rollback()
	t := micros(now)
	rows, err := tx.QueryContext(ctx, db.d.rebind(`UPDATE websub_deliveries SET claim = ?, claimed_until = ?
		WHERE (kind, topic, target) IN (
			SELECT kind, topic, target FROM websub_deliveries
			WHERE next_at <= ? AND claimed_until <= ?
			ORDER BY CASE WHEN attempts = 0 THEN 0 ELSE 1 END, next_at LIMIT ?`+db.d.skipLocked+`)
		RETURNING kind, topic, target, seq, attempts, enqueued_at`),
		claim, micros(now.Add(lease)), t, t, limit)
	if err != nil {
		return nil, db.errorf(err, "claim deliveries")
	}
	var ds []*bulletinfeed.Delivery
	for rows.Next() {
		d := &bulletinfeed.Delivery{Claim: claim}
		var kind string
		var enq int64
		if err := rows.Scan(&kind, &d.Topic, &d.Target, &d.Seq, &d.Attempts, &enq); err != nil {
			rows.Close()
			return nil, db.errorf(err, "read claimed delivery")
		}
		d.Kind, d.Enqueued = bulletinfeed.DeliveryKind(kind), fromMicros(enq)
		ds = append(ds, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "claim deliveries")
	}
	// Each topic's content once, however many subscribers it goes to.
	type content struct {
		typ, link string
		body      []byte
	}
	topics := map[string]*content{}
	for _, d := range ds {
		if d.Kind == bulletinfeed.ToSubscriber {
			if err := tx.QueryRowContext(ctx, db.d.rebind(`SELECT secret FROM websub_subscriptions WHERE topic = ? AND callback = ?`),
				d.Topic, d.Target).Scan(&d.Secret); err != nil {
				return nil, db.errorf(err, "read subscription of %s", d.Target)
			}
			c := topics[d.Topic]
			if c == nil {
				c = &content{}
				if err := tx.QueryRowContext(ctx, db.d.rebind(`SELECT content_type, link, body FROM websub_topics WHERE topic = ?`),
					d.Topic).Scan(&c.typ, &c.link, &c.body); err != nil {
					return nil, db.errorf(err, "read content of %s", d.Topic)
				}
				topics[d.Topic] = c
			}
			d.ContentType, d.Link, d.Body = c.typ, c.link, c.body
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, db.errorf(err, "commit claim")
	}
	return ds, nil
}

// RecordDeliveries records what became of claimed deliveries, in one
// transaction: a hub making many at once writes their outcomes together
// rather than queueing for the lock one by one.
func (db *DB) RecordDeliveries(ctx context.Context, outs []bulletinfeed.DeliveryOutcome, now time.Time) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.errorf(err, "begin delivery outcomes")
	}
	defer tx.Rollback()
	for _, o := range outs {
		d := o.Delivery
		switch {
		case o.Gone:
			_, err = tx.ExecContext(ctx, db.d.rebind(`DELETE FROM websub_subscriptions WHERE topic = ? AND callback = ?`), d.Topic, d.Target)
		case o.Done:
			err = db.finishDelivery(ctx, tx, d, now)
		default:
			err = db.retryDelivery(ctx, tx, d, o.Retry, o.Reason)
		}
		if err != nil {
			return db.errorf(err, "record delivery to %s", d.Target)
		}
	}
	if err := tx.Commit(); err != nil {
		return db.errorf(err, "commit delivery outcomes")
	}
	return nil
}

// finishDelivery ends a claimed delivery that was made, or given up: it
// is removed, unless a newer announcement superseded it meanwhile, in
// which case it is released to be made again at now.
func (db *DB) finishDelivery(ctx context.Context, q querier, d *bulletinfeed.Delivery, now time.Time) error {
	res, err := q.ExecContext(ctx, db.d.rebind(`DELETE FROM websub_deliveries
		WHERE kind = ? AND topic = ? AND target = ? AND claim = ? AND seq = ?`), string(d.Kind), d.Topic, d.Target, d.Claim, d.Seq)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n > 0 {
		return nil
	}
	_, err = q.ExecContext(ctx, db.d.rebind(`UPDATE websub_deliveries SET claim = '', claimed_until = 0, next_at = ?
		WHERE kind = ? AND topic = ? AND target = ? AND claim = ?`), micros(now), string(d.Kind), d.Topic, d.Target, d.Claim)
	return err
}

// retryDelivery releases a claimed delivery that failed, to be tried
// again at next, with the reason. A delivery superseded meanwhile keeps
// the fresh start its new announcement gave it.
func (db *DB) retryDelivery(ctx context.Context, q querier, d *bulletinfeed.Delivery, next time.Time, reason string) error {
	_, err := q.ExecContext(ctx, db.d.rebind(`UPDATE websub_deliveries SET claim = '', claimed_until = 0,
		attempts = CASE WHEN seq = ? THEN ? ELSE attempts END,
		next_at = CASE WHEN seq = ? THEN ? ELSE next_at END,
		last_error = ?
		WHERE kind = ? AND topic = ? AND target = ? AND claim = ?`),
		d.Seq, d.Attempts+1, d.Seq, micros(next), reason, string(d.Kind), d.Topic, d.Target, d.Claim)
	return err
}

// PendingDeliveries counts the deliveries owed, claimed or not.
func (db *DB) PendingDeliveries(ctx context.Context) (int, error) {
	var n int
	if err := db.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM websub_deliveries`).Scan(&n); err != nil {
		return 0, db.errorf(err, "count deliveries")
	}
	return n, nil
}
