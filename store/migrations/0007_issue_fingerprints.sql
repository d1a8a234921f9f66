-- The fingerprint of an issue's articles as parsed (their sections,
-- headings, credits and text, in order), beside content_hash, the hash of
-- its source bytes: the same issue copied under another file name, or
-- saved in another encoding, is recognised by one or the other. Issues
-- stored before this migration have none ('') and are recognised by their
-- bytes alone until they are stored again.
ALTER TABLE issues ADD COLUMN articles_hash TEXT NOT NULL DEFAULT '';

CREATE INDEX issues_by_content_hash ON issues (publication_id, content_hash);

CREATE INDEX issues_by_articles_hash ON issues (publication_id, articles_hash);
