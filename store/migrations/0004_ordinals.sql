-- Ordinals: every article gets, when first stored, its place among all
-- the articles of its publication (pub_ord) and among those of its
-- section (sec_ord); every issue its place among the issues of its
-- publication (ord). Archive pages are runs of ordinals (1–50, 51–100 …)
-- read by an indexed range, not by OFFSET, and a full one never changes.
-- Ordinals only grow and are never given twice, even after a deletion:
-- ordinals keeps the last one given per publication and channel
-- ('articles', 'section:<slug>', 'issues').
ALTER TABLE articles ADD COLUMN pub_ord BIGINT NOT NULL DEFAULT 0;
ALTER TABLE articles ADD COLUMN sec_ord BIGINT NOT NULL DEFAULT 0;
ALTER TABLE issues ADD COLUMN ord BIGINT NOT NULL DEFAULT 0;

CREATE TABLE ordinals (
	publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
	name           TEXT NOT NULL,
	last_ord       BIGINT NOT NULL,
	PRIMARY KEY (publication_id, name)
);

-- Existing rows are numbered in the archive order that paging by OFFSET
-- gave (articles_archive, dropped below), so archive pages keep their
-- articles. The numbers are computed once into a table keyed by id and
-- joined in one UPDATE: a window function per row would sort the
-- publication's articles once for each.
CREATE TEMPORARY TABLE article_ords (
	id      TEXT PRIMARY KEY,
	pub_ord BIGINT NOT NULL,
	sec_ord BIGINT NOT NULL
);

INSERT INTO article_ords (id, pub_ord, sec_ord)
SELECT id,
	ROW_NUMBER() OVER (PARTITION BY publication_id ORDER BY ingested, issue_key, position),
	ROW_NUMBER() OVER (PARTITION BY publication_id, section_slug ORDER BY ingested, issue_key, position)
FROM articles;

UPDATE articles SET pub_ord = o.pub_ord, sec_ord = o.sec_ord
FROM article_ords o WHERE o.id = articles.id;

DROP TABLE article_ords;

CREATE TEMPORARY TABLE issue_ords (
	publication_id TEXT NOT NULL,
	key            TEXT NOT NULL,
	ord            BIGINT NOT NULL,
	PRIMARY KEY (publication_id, key)
);

INSERT INTO issue_ords (publication_id, key, ord)
SELECT publication_id, key, ROW_NUMBER() OVER (PARTITION BY publication_id ORDER BY ingested_at, key)
FROM issues;

UPDATE issues SET ord = o.ord
FROM issue_ords o WHERE o.publication_id = issues.publication_id AND o.key = issues.key;

DROP TABLE issue_ords;

INSERT INTO ordinals (publication_id, name, last_ord)
SELECT publication_id, 'articles', MAX(pub_ord) FROM articles GROUP BY publication_id;

INSERT INTO ordinals (publication_id, name, last_ord)
SELECT publication_id, 'section:' || section_slug, MAX(sec_ord) FROM articles GROUP BY publication_id, section_slug;

INSERT INTO ordinals (publication_id, name, last_ord)
SELECT publication_id, 'issues', MAX(ord) FROM issues GROUP BY publication_id;

-- updated is in the ordinal indexes so that the state of a channel or of
-- a range (how many articles, their latest update) is read from the index
-- alone. articles_by_id lets a build walk the versions of one
-- publication's articles in batches by id, from the index alone too.
CREATE INDEX articles_by_pub_ord ON articles (publication_id, pub_ord, updated);
CREATE INDEX articles_by_sec_ord ON articles (publication_id, section_slug, sec_ord, updated);
CREATE INDEX articles_by_id ON articles (publication_id, id, issue_key, updated);
CREATE INDEX issues_by_ord ON issues (publication_id, ord, updated_at);

-- Only paging by OFFSET read these.
DROP INDEX articles_archive;
DROP INDEX articles_archive_by_section;
