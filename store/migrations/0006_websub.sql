-- WebSub: the hub's verified subscriptions, the content last announced
-- for each topic (a feed's URL), and the deliveries the hub owes, an
-- outbox that replicas sharing the database claim rows of, so that each
-- delivery is made by one of them. Times are microseconds, as elsewhere.
CREATE TABLE websub_subscriptions (
	topic         TEXT NOT NULL,
	callback      TEXT NOT NULL,
	secret        TEXT NOT NULL DEFAULT '',
	lease_seconds BIGINT NOT NULL,
	expires_at    BIGINT NOT NULL,
	created_at    BIGINT NOT NULL,
	PRIMARY KEY (topic, callback)
);

CREATE INDEX websub_subscriptions_by_expiry ON websub_subscriptions (expires_at);

-- One row per topic that had subscribers or was pinged: the bytes last
-- announced, their entity tag and store version. A replica announces a
-- change only by moving this row to another tag, which one transaction
-- does once whatever the number of replicas that saw the change; seq
-- counts the announcements, so that a delivery knows when a newer one
-- superseded it.
CREATE TABLE websub_topics (
	topic        TEXT PRIMARY KEY,
	etag         TEXT NOT NULL,
	version      BIGINT NOT NULL,
	seq          BIGINT NOT NULL,
	content_type TEXT NOT NULL,
	link         TEXT NOT NULL,
	body         BYTEA NOT NULL,
	announced_at BIGINT NOT NULL
);

-- kind 'subscriber' delivers the topic's content to target, a callback
-- (callback repeats it, for the foreign key that drops the delivery with
-- its subscription); kind 'hub' pings target, an outside hub. claim and
-- claimed_until mark a row handed to one replica until then: a replica
-- that dies leaves it to the others once its claim lapses.
CREATE TABLE websub_deliveries (
	kind          TEXT NOT NULL CHECK (kind IN ('subscriber', 'hub')),
	topic         TEXT NOT NULL REFERENCES websub_topics (topic) ON DELETE CASCADE,
	target        TEXT NOT NULL,
	callback      TEXT,
	seq           BIGINT NOT NULL,
	attempts      INTEGER NOT NULL DEFAULT 0,
	enqueued_at   BIGINT NOT NULL,
	next_at       BIGINT NOT NULL,
	claim         TEXT NOT NULL DEFAULT '',
	claimed_until BIGINT NOT NULL DEFAULT 0,
	last_error    TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (kind, topic, target),
	FOREIGN KEY (topic, callback) REFERENCES websub_subscriptions (topic, callback) ON DELETE CASCADE
);

CREATE INDEX websub_deliveries_due ON websub_deliveries (next_at);
