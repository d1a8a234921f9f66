-- What the scheduled worker remembers between passes: per source of a
-- publication, how its passes went (source_states), and per document a
-- remote source fetched, the validators for the next conditional request
-- (remote_files). Neither is content: writing them bumps no version.
-- Times are BIGINT microseconds since the Unix epoch, 0 for none.
CREATE TABLE source_states (
	publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
	source_id      TEXT NOT NULL,
	last_success   BIGINT NOT NULL,
	last_attempt   BIGINT NOT NULL,
	failures       INTEGER NOT NULL,
	last_error     TEXT NOT NULL,
	-- When a failing source may be asked again (its back-off), 0 for
	-- at its next tick.
	not_before     BIGINT NOT NULL,
	PRIMARY KEY (publication_id, source_id)
);

-- An entry (a GUID, or a URL with a signed query string) may be longer
-- than a PostgreSQL index row can hold, so rows are keyed on entry_key,
-- the hex SHA-256 of entry, which the store computes.
CREATE TABLE remote_files (
	publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
	source_id      TEXT NOT NULL,
	entry_key      TEXT NOT NULL,
	entry          TEXT NOT NULL,
	url            TEXT NOT NULL,
	etag           TEXT NOT NULL,
	last_modified  TEXT NOT NULL,
	content_hash   TEXT NOT NULL,
	issue_key      TEXT NOT NULL,
	fetched_at     BIGINT NOT NULL,
	PRIMARY KEY (publication_id, source_id, entry_key)
);

-- Leases make one pass run at a time among the processes sharing a
-- SQLite file (PostgreSQL uses advisory locks instead and leaves this
-- table empty). A lease whose expires_at has passed belongs to a process
-- that died, and may be taken over.
CREATE TABLE leases (
	name       TEXT PRIMARY KEY,
	holder     TEXT NOT NULL,
	expires_at BIGINT NOT NULL
);

-- Issues held back until publish_at (an embargo). They stay out of the
-- issue and article tables, so that no read of what is served can see
-- them; issue is the parsed issue as JSON, ingested by the normal path
-- at release with the flags it was given (opt_force, opt_revise) and whether its
-- key came from its file name (key_from_name), as 0 or 1.
CREATE TABLE scheduled_issues (
	publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
	key            TEXT NOT NULL,
	publish_at     BIGINT NOT NULL,
	source_name    TEXT NOT NULL,
	source_path    TEXT NOT NULL,
	content_hash   TEXT NOT NULL,
	issue          TEXT NOT NULL,
	opt_force      INTEGER NOT NULL,
	opt_revise     INTEGER NOT NULL,
	key_from_name  INTEGER NOT NULL,
	created_at     BIGINT NOT NULL,
	PRIMARY KEY (publication_id, key)
);

-- NextRelease reads the earliest publish_at of all publications.
CREATE INDEX scheduled_issues_by_time ON scheduled_issues (publish_at);
