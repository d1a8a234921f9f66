package store

import (
	"context"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// PutSubscriptionCapped stores a verified subscription, or renews the one
// the callback has to the topic with a new lease and secret. current is the
// topic's content as the hub saw it when the subscriber asked: it is
// recorded as announced, so that the subscriber is sent the next change,
// not what it could fetch then, unless the topic has a record from no
// later version made while it had subscribers.
// When the record holds other content from no earlier store version,
// announced while the subscriber was being verified, a new subscriber is
// owed it: its delivery is enqueued.
//
// It refuses, with an error of kind Conflict, a new subscription that would make more than maxPerTopic
// active subscriptions to its topic or maxTotal in all; a renewal takes
// no new room, and a cap of 0 is none. The count is made in the
// transaction that stores the subscription, one such transaction at a
// time, so verifications made at once, here or by other replicas, cannot
// pass a cap together.
func (db *DB) PutSubscriptionCapped(ctx context.Context, sub *bulletinfeed.Subscription, current *bulletinfeed.FeedUpdate, maxPerTopic, maxTotal int, now time.Time) error {
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.errorf(err, "begin subscription")
	}
	defer tx.Rollback()
	if db.d.name == "postgres" {
		// Serialise the transactions that store subscriptions, so that
		// each counts what the one before stored. SQLite's writers
		// take the lock at BEGIN already. Advisory locks are
		// database-wide: the key names the schema.
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(hashtextextended(current_schema() || ':websub subscriptions', 0))`); err != nil {
			return db.errorf(err, "lock subscriptions")
		}
	}
	c, err := subscriptionCounts(ctx, db, tx, sub.Topic, sub.Callback, now)
	if err != nil {
		return err
	}
	if maxPerTopic > 0 || maxTotal > 0 {
		switch {
		case c.Exists: // a renewal takes no new room
		case maxPerTopic > 0 && c.Topic >= maxPerTopic:
			return bulletinfeed.Errorf(bulletinfeed.Conflict, "this feed has the most subscriptions this hub takes (%d)", maxPerTopic)
		case maxTotal > 0 && c.Total >= maxTotal:
			return bulletinfeed.Errorf(bulletinfeed.Conflict, "this hub has the most subscriptions it takes (%d)", maxTotal)
		}
	}
	if current != nil {
		// A record made while the topic had subscribers stays: they are
		// owed what changed since it, new subscribers among them. One
		// left from before, when nobody was subscribed, may be older
		// than what the subscriber could fetch, and is brought to that,
		// else the next report of the feed would send it what it has.
		if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO websub_topics (topic, etag, version, seq, content_type, link, body, announced_at)
			VALUES (?, ?, ?, 0, ?, ?, ?, ?)
			ON CONFLICT (topic) DO UPDATE SET etag = excluded.etag, version = excluded.version, seq = websub_topics.seq + 1,
				content_type = excluded.content_type, link = excluded.link, body = excluded.body, announced_at = excluded.announced_at
			WHERE websub_topics.etag <> excluded.etag AND websub_topics.version <= excluded.version
				AND NOT EXISTS (SELECT 1 FROM websub_subscriptions s WHERE s.topic = websub_topics.topic AND s.expires_at > ?)`),
			current.Topic, current.ETag, current.Version, current.ContentType, current.Link, nonNil(current.Body), micros(now), micros(now)); err != nil {
			return db.errorf(err, "record topic %s", current.Topic)
		}
	}
	if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO websub_subscriptions (topic, callback, secret, lease_seconds, expires_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (topic, callback) DO UPDATE SET secret = excluded.secret, lease_seconds = excluded.lease_seconds, expires_at = excluded.expires_at`),
		sub.Topic, sub.Callback, sub.Secret, sub.LeaseSeconds, micros(sub.Expires), micros(now)); err != nil {
		return db.errorf(err, "store subscription of %s to %s", sub.Callback, sub.Topic)
	}
	if current != nil && current.Topic == sub.Topic && !c.Exists {
		// The topic changed since the subscriber could fetch it, and
		// that change was announced while it was not yet active: it is
		// owed the content announced.
		var etag string
		var version, seq int64
		if err := tx.QueryRowContext(ctx, db.d.rebind(`SELECT etag, version, seq FROM websub_topics WHERE topic = ?`), sub.Topic).Scan(&etag, &version, &seq); err != nil {
			return db.errorf(err, "read topic %s", sub.Topic)
		}
		if etag != current.ETag && version >= current.Version {
			t := micros(now)
			if _, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO websub_deliveries (kind, topic, target, callback, seq, enqueued_at, next_at)
				VALUES ('subscriber', ?, ?, ?, ?, ?, ?)
				ON CONFLICT (kind, topic, target) DO UPDATE SET seq = excluded.seq, attempts = 0,
					enqueued_at = excluded.enqueued_at, next_at = excluded.next_at, last_error = ''`),
				sub.Topic, sub.Callback, sub.Callback, seq, t, t); err != nil {
				return db.errorf(err, "enqueue delivery of %s to %s", sub.Topic, sub.Callback)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		return db.errorf(err, "commit subscription")
	}
	return nil
}

// DeleteSubscription removes a callback's subscription to a topic and the
// deliveries it was owed. Removing one that does not exist is no error.
func (db *DB) DeleteSubscription(ctx context.Context, topic, callback string) error {
	_, err := db.db.ExecContext(ctx, db.d.rebind(`DELETE FROM websub_subscriptions WHERE topic = ? AND callback = ?`), topic, callback)
	if err != nil {
		return db.errorf(err, "delete subscription of %s to %s", callback, topic)
	}
	return nil
}

// Subscriptions returns the subscriptions active at now to topic, or to
// every topic when topic is "", by callback.
func (db *DB) Subscriptions(ctx context.Context, topic string, now time.Time) ([]*bulletinfeed.Subscription, error) {
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT topic, callback, secret, lease_seconds, expires_at FROM websub_subscriptions
		WHERE (topic = ? OR ? = '') AND expires_at > ? ORDER BY topic, callback`), topic, topic, micros(now))
	if err != nil {
		return nil, db.errorf(err, "list subscriptions")
	}
	defer rows.Close()
	var out []*bulletinfeed.Subscription
	for rows.Next() {
		s := &bulletinfeed.Subscription{}
		var exp int64
		if err := rows.Scan(&s.Topic, &s.Callback, &s.Secret, &s.LeaseSeconds, &exp); err != nil {
			return nil, db.errorf(err, "read subscription")
		}
		s.Expires = fromMicros(exp)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "list subscriptions")
	}
	return out, nil
}

// SubscriptionCounts counts the subscriptions active at now: to topic, in
// all, and whether callback has one to topic.
func (db *DB) SubscriptionCounts(ctx context.Context, topic, callback string, now time.Time) (bulletinfeed.SubscriptionCounts, error) {
	return subscriptionCounts(ctx, db, db.db, topic, callback, now)
}

func subscriptionCounts(ctx context.Context, db *DB, q querier, topic, callback string, now time.Time) (bulletinfeed.SubscriptionCounts, error) {
	var c bulletinfeed.SubscriptionCounts
	var exists int
	t := micros(now)
	err := q.QueryRowContext(ctx, db.d.rebind(`SELECT
		(SELECT COUNT(*) FROM websub_subscriptions WHERE topic = ? AND expires_at > ?),
		(SELECT COUNT(*) FROM websub_subscriptions WHERE expires_at > ?),
		(SELECT COUNT(*) FROM websub_subscriptions WHERE topic = ? AND callback = ? AND expires_at > ?)`),
		topic, t, t, topic, callback, t).Scan(&c.Topic, &c.Total, &exists)
	if err != nil {
		return c, db.errorf(err, "count subscriptions")
	}
	c.Exists = exists > 0
	return c, nil
}

// ExpireSubscriptions removes the subscriptions whose lease ended by now,
// and what they were owed, and returns how many it removed.
func (db *DB) ExpireSubscriptions(ctx context.Context, now time.Time) (int, error) {
	res, err := db.db.ExecContext(ctx, db.d.rebind(`DELETE FROM websub_subscriptions WHERE expires_at <= ?`), micros(now))
	if err != nil {
		return 0, db.errorf(err, "expire subscriptions")
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// SubscribedTopics returns those of topics that have a subscription
// active at now, sorted; with topics nil, every topic that has one.
func (db *DB) SubscribedTopics(ctx context.Context, topics []string, now time.Time) ([]string, error) {
	if topics != nil && len(topics) == 0 {
		return nil, nil
	}
	args := make([]any, 0, len(topics)+1)
	args = append(args, micros(now))
	for _, t := range topics {
		args = append(args, t)
	}
	q := `SELECT DISTINCT topic FROM websub_subscriptions WHERE expires_at > ? ORDER BY topic`
	if topics != nil {
		q = `SELECT DISTINCT topic FROM websub_subscriptions WHERE expires_at > ? AND topic IN (?` + strings.Repeat(", ?", len(topics)-1) + `) ORDER BY topic`
	}
	rows, err := db.db.QueryContext(ctx, db.d.rebind(q), args...)
	if err != nil {
		return nil, db.errorf(err, "list subscribed topics")
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, db.errorf(err, "read subscribed topic")
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "list subscribed topics")
	}
	return out, nil
}
