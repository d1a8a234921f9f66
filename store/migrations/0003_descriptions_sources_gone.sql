-- A publication's description and the display names of its sections (a
-- JSON object from banner to name); the absolute path of the file an
-- issue came from, so two files of one name in different folders are
-- told apart; and what was deleted, so that a server can answer 410 Gone
-- for it rather than 404. Rows before this migration have no path: ''.
ALTER TABLE publications ADD COLUMN description TEXT NOT NULL DEFAULT '';
ALTER TABLE publications ADD COLUMN section_names TEXT NOT NULL DEFAULT '{}';
ALTER TABLE issues ADD COLUMN source_path TEXT NOT NULL DEFAULT '';

-- kind is 'issue' (id is the issue key) or 'article' (id is the article
-- id). An ingest that gives a key or an id back removes its row.
CREATE TABLE gone (
	publication_id TEXT NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
	kind           TEXT NOT NULL CHECK (kind IN ('issue', 'article')),
	id             TEXT NOT NULL,
	deleted_at     BIGINT NOT NULL,
	PRIMARY KEY (publication_id, kind, id)
);
