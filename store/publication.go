package store

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"github.com/bulletinfeed/bulletinfeed"
)

// PutPublication creates the publication p.ID or replaces its settings
// (title, description, language, time zone, base URL, banners, default
// section, section names). Its sections, issues and articles are kept.
func (db *DB) PutPublication(ctx context.Context, p *bulletinfeed.Publication) error {
	if p.ID == "" {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "publication needs an id")
	}
	banners, err := json.Marshal(nonNil(p.Banners))
	if err != nil {
		return err
	}
	names := p.SectionNames
	if names == nil {
		names = map[string]string{}
	}
	sectionNames, err := json.Marshal(names)
	if err != nil {
		return err
	}
	// Insert-or-nothing first, so that two processes creating the same
	// publication at once both succeed; then the row exists to be locked.
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		return db.errorf(err, "begin write")
	}
	defer tx.Rollback()
	res, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO publications
		(id, title, description, lang, tz, banners, default_section, section_names)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO NOTHING`),
		p.ID, p.Title, p.Description, p.Lang, p.TimeZone, string(banners), p.DefaultSection, string(sectionNames))
	if err != nil {
		return db.errorf(err, "save publication %q", p.ID)
	}
	if n, err := res.RowsAffected(); err != nil {
		return db.errorf(err, "save publication %q", p.ID)
	} else if n == 0 {
		if db.d.lockPublication != "" {
			if _, err := tx.ExecContext(ctx, db.d.rebind(db.d.lockPublication), p.ID); err != nil {
				return db.errorf(err, "lock publication %q", p.ID)
			}
		}
		old, err := db.publication(ctx, tx, p.ID)
		if err != nil {
			return err
		}
		if samePublication(old, p) {
			return nil
		}
		if _, err := tx.ExecContext(ctx, db.d.rebind(`UPDATE publications
			SET title = ?, description = ?, lang = ?, tz = ?, banners = ?,
				default_section = ?, section_names = ?
			WHERE id = ?`),
			p.Title, p.Description, p.Lang, p.TimeZone, string(banners),
			p.DefaultSection, string(sectionNames), p.ID); err != nil {
			return db.errorf(err, "save publication %q", p.ID)
		}
	}
	// A new title or description changes what a server renders.
	if err := db.bumpVersion(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return db.errorf(err, "save publication %q: commit", p.ID)
	}
	return nil
}

// Publication returns the publication id; its error has kind NotFound when
// there is none.
func (db *DB) Publication(ctx context.Context, id string) (*bulletinfeed.Publication, error) {
	return db.publication(ctx, db.db, id)
}

func (db *DB) publication(ctx context.Context, q querier, id string) (*bulletinfeed.Publication, error) {
	p := &bulletinfeed.Publication{ID: id}
	var banners, sectionNames string
	err := q.QueryRowContext(ctx, db.d.rebind(`SELECT title, description, lang, tz, banners,
			default_section, section_names
		FROM publications WHERE id = ?`), id).
		Scan(&p.Title, &p.Description, &p.Lang, &p.TimeZone, &banners, &p.DefaultSection, &sectionNames)
	if err != nil {
		return nil, db.errorf(err, "publication %q", id)
	}
	if err := json.Unmarshal([]byte(banners), &p.Banners); err != nil {
		return nil, fmt.Errorf("publication %q: banners: %w", id, err)
	}
	if len(p.Banners) == 0 {
		p.Banners = nil
	}
	if err := json.Unmarshal([]byte(sectionNames), &p.SectionNames); err != nil {
		return nil, fmt.Errorf("publication %q: section names: %w", id, err)
	}
	if len(p.SectionNames) == 0 {
		p.SectionNames = nil
	}
	return p, nil
}

// samePublication reports whether saving b over a would change nothing,
// so that a server starting with the same configuration does not bump the
// version. Nil and empty lists and maps are the same.
func samePublication(a, b *bulletinfeed.Publication) bool {
	return a.Title == b.Title && a.Description == b.Description && a.Lang == b.Lang &&
		a.TimeZone == b.TimeZone && a.DefaultSection == b.DefaultSection &&
		slices.Equal(a.Banners, b.Banners) && maps.Equal(a.SectionNames, b.SectionNames)
}

// IssueCounts returns every publication of the store with its number of
// issues, so that a command can notice a publication that its
// configuration no longer lists. Only published issues count: those
// scheduled for later are no pages yet (see ScheduledIssues).
func (db *DB) IssueCounts(ctx context.Context) (map[string]int, error) {
	rows, err := db.db.QueryContext(ctx, `SELECT p.id, COUNT(i.key) FROM publications p
		LEFT JOIN issues i ON i.publication_id = p.id GROUP BY p.id`)
	if err != nil {
		return nil, db.errorf(err, "count issues by publication")
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var id string
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, db.errorf(err, "count issues by publication")
		}
		out[id] = n
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "count issues by publication")
	}
	return out, nil
}
