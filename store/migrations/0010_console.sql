-- The editors' console (issue 21): its users, the publications each may
-- change, their sessions, the issue files uploaded and not yet published,
-- the audit log of every change made through it, and the corrections
-- editors make to stored articles. Nothing here refers
-- to another migration's tables but publications, so the console's
-- schema stands whatever migrations come between. Times are
-- microseconds since the epoch, as elsewhere; flags are 0 or 1.
CREATE TABLE users (
	name          TEXT PRIMARY KEY,
	password_hash TEXT NOT NULL,
	admin         INTEGER NOT NULL DEFAULT 0,
	created_at    BIGINT NOT NULL,
	updated_at    BIGINT NOT NULL
);

-- No foreign key to publications: a user may be given a publication of
-- the configuration before its first issue stores it.
CREATE TABLE user_publications (
	user_name      TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
	publication_id TEXT NOT NULL,
	PRIMARY KEY (user_name, publication_id)
);

-- A session is found by the SHA-256 of its cookie's token, so that a
-- copy of the store gives no one a way in; csrf is the token its forms
-- carry.
CREATE TABLE sessions (
	token_hash TEXT PRIMARY KEY,
	user_name  TEXT NOT NULL REFERENCES users (name) ON DELETE CASCADE,
	csrf       TEXT NOT NULL,
	created_at BIGINT NOT NULL,
	last_seen  BIGINT NOT NULL
);

CREATE INDEX sessions_by_user ON sessions (user_name);

-- An uploaded issue file, parsed for a preview and published (or
-- scheduled) from here through the same code as ingest, then removed.
CREATE TABLE uploads (
	id             TEXT PRIMARY KEY,
	publication_id TEXT NOT NULL,
	name           TEXT NOT NULL,
	body           BYTEA NOT NULL,
	uploaded_by    TEXT NOT NULL,
	uploaded_at    BIGINT NOT NULL
);

CREATE INDEX uploads_by_publication ON uploads (publication_id, uploaded_at);

-- The audit log keeps the user's name, not a reference: an entry outlives
-- the user who made it. publication_id and issue_key are '' for changes
-- to no issue (a login, a user added).
CREATE TABLE audit_log (
	id             TEXT PRIMARY KEY,
	at             BIGINT NOT NULL,
	user_name      TEXT NOT NULL,
	action         TEXT NOT NULL,
	publication_id TEXT NOT NULL DEFAULT '',
	issue_key      TEXT NOT NULL DEFAULT '',
	detail         TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_log_by_time ON audit_log (at);

-- An editor's correction of an article (bulletinfeed.Correction): kept
-- with its issue and made again to each later parse of the issue's file,
-- found there by orig_title. section is used when move_section is 1;
-- remove 1 takes the article out of the issue.
CREATE TABLE corrections (
	publication_id TEXT NOT NULL,
	issue_key      TEXT NOT NULL,
	article_id     TEXT NOT NULL,
	orig_title     TEXT NOT NULL,
	title          TEXT NOT NULL DEFAULT '',
	move_section   INTEGER NOT NULL DEFAULT 0,
	section        TEXT NOT NULL DEFAULT '',
	remove         INTEGER NOT NULL DEFAULT 0,
	made_by        TEXT NOT NULL,
	made_at        BIGINT NOT NULL,
	PRIMARY KEY (publication_id, issue_key, article_id)
);
