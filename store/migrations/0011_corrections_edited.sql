-- The editors' console's structural corrections (issue 21): an article's
-- edited structure (bulletinfeed.ArticleEdit as JSON: headings, title,
-- credits, blocks), the fingerprint of the body it was made to
-- (orig_sum, bulletinfeed.ContentSum), and the articles split off it
-- (a JSON list of ArticleEdit). Empty text: none. Numbered 0011 beside
-- the photos branch's 0009; each is applied when missing.
ALTER TABLE corrections ADD COLUMN edited TEXT NOT NULL DEFAULT '';
ALTER TABLE corrections ADD COLUMN orig_sum TEXT NOT NULL DEFAULT '';
ALTER TABLE corrections ADD COLUMN after_articles TEXT NOT NULL DEFAULT '';

-- A correction of an issue itself: the key and the date a later file of
-- it (found by the key its parse gives, issue_key) is stored under.
-- new_key '' keeps the key; has_date 0 keeps the date.
CREATE TABLE issue_corrections (
	publication_id TEXT NOT NULL,
	issue_key      TEXT NOT NULL,
	new_key        TEXT NOT NULL DEFAULT '',
	has_date       INTEGER NOT NULL DEFAULT 0,
	new_date       BIGINT NOT NULL DEFAULT 0,
	made_by        TEXT NOT NULL,
	made_at        BIGINT NOT NULL,
	PRIMARY KEY (publication_id, issue_key)
);
