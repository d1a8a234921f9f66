-- The initial schema. Written in SQL that SQLite and PostgreSQL both
-- accept, so both backends hold the same tables. Times are BIGINT
-- microseconds since the Unix epoch, UTC; lists are JSON text.

CREATE TABLE publications (
	id              TEXT PRIMARY KEY,
	title           TEXT NOT NULL,
	lang            TEXT NOT NULL,
	tz              TEXT NOT NULL,
	base_url        TEXT NOT NULL,
	banners         TEXT NOT NULL,
	default_section TEXT NOT NULL
);

-- A section's slug is given once and never changed: feed URLs use it.
CREATE TABLE sections (
	publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
	slug           TEXT NOT NULL,
	name           TEXT NOT NULL,
	PRIMARY KEY (publication_id, slug),
	UNIQUE (publication_id, name)
);

CREATE TABLE issues (
	publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
	key            TEXT NOT NULL,
	title          TEXT NOT NULL,
	date           BIGINT NOT NULL,
	source_name    TEXT NOT NULL,
	content_hash   TEXT NOT NULL,
	ingested_at    BIGINT NOT NULL,
	updated_at     BIGINT NOT NULL,
	PRIMARY KEY (publication_id, key)
);

CREATE INDEX issues_by_date ON issues (publication_id, date DESC, key DESC);

-- published repeats the issue date so that the feed query reads one index
-- in order instead of joining and sorting.
CREATE TABLE articles (
	id             TEXT PRIMARY KEY,
	publication_id TEXT NOT NULL,
	issue_key      TEXT NOT NULL,
	section_slug   TEXT NOT NULL,
	position       INTEGER NOT NULL,
	title          TEXT NOT NULL,
	headings       TEXT NOT NULL,
	bylines        TEXT NOT NULL,
	blocks         TEXT NOT NULL,
	published      BIGINT NOT NULL,
	updated        BIGINT NOT NULL,
	FOREIGN KEY (publication_id, issue_key) REFERENCES issues (publication_id, key) ON DELETE CASCADE,
	FOREIGN KEY (publication_id, section_slug) REFERENCES sections (publication_id, slug)
);

CREATE INDEX articles_by_issue ON articles (publication_id, issue_key, position);

-- The orders of LatestArticles, with and without a section.
CREATE INDEX articles_latest ON articles (publication_id, published DESC, issue_key DESC, position);
CREATE INDEX articles_latest_by_section ON articles (publication_id, section_slug, published DESC, issue_key DESC, position);

CREATE TABLE counters (
	name  TEXT PRIMARY KEY,
	value BIGINT NOT NULL
);

INSERT INTO counters (name, value) VALUES ('version', 0);
