-- Pictures (issue 20). An article's pictures, with their captions and
-- places among its blocks, are JSON text like its blocks. Their images
-- are stored once by content: media.hash is the hex SHA-256 of the web
-- image, the name it is served by. article_media says which articles
-- show which image, so that an image no published article shows any
-- more (its issue deleted, or revised without it) answers 410 Gone.
-- BYTEA is PostgreSQL's type for bytes; SQLite keeps a blob in a column
-- of any declared type as it is.
ALTER TABLE articles ADD COLUMN pictures TEXT NOT NULL DEFAULT '[]';

CREATE TABLE media (
	hash         TEXT PRIMARY KEY,
	type         TEXT NOT NULL,
	width        INTEGER NOT NULL,
	height       INTEGER NOT NULL,
	data         BYTEA NOT NULL,
	thumb        BYTEA NOT NULL,
	thumb_width  INTEGER NOT NULL,
	thumb_height INTEGER NOT NULL,
	stored_at    BIGINT NOT NULL
);

CREATE TABLE article_media (
	article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
	hash       TEXT NOT NULL REFERENCES media (hash),
	PRIMARY KEY (article_id, hash)
);

CREATE INDEX article_media_by_hash ON article_media (hash);
