-- Archive pages are cut in the order issues were first ingested, which
-- never changes, so that an older issue ingested late does not shift the
-- pages that readers and caches keep for long. ingested repeats the
-- issue's ingested_at so that the archive query reads one index in order.
ALTER TABLE articles ADD COLUMN ingested BIGINT NOT NULL DEFAULT 0;

UPDATE articles SET ingested = (SELECT i.ingested_at FROM issues i
	WHERE i.publication_id = articles.publication_id AND i.key = articles.issue_key);

CREATE INDEX articles_archive ON articles (publication_id, ingested, issue_key, position);
CREATE INDEX articles_archive_by_section ON articles (publication_id, section_slug, ingested, issue_key, position);
