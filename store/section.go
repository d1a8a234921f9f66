package store

import (
	"cmp"
	"context"
	"database/sql"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/bulletinfeed/bulletinfeed"
)

// defaultSectionSlug names the section of articles before the first
// banner, unless the publication names that section.
const defaultSectionSlug = "general"

// Sections returns the sections of publication pubID that have at least
// one article, in the order they first appeared: oldest issue first, then
// position within it.
func (db *DB) Sections(ctx context.Context, pubID string) ([]bulletinfeed.Section, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	all, err := db.sections(ctx, tx, pubID)
	if err != nil {
		return nil, err
	}
	type first struct {
		sec       bulletinfeed.Section
		published int64
		issue     string
		position  int
	}
	var firsts []first
	// One index probe per section rather than a scan of every article:
	// a publication has tens of sections and may have 100,000 articles.
	q := db.d.rebind(`SELECT published, issue_key, position FROM articles
		WHERE publication_id = ? AND section_slug = ?
		ORDER BY published, issue_key, position LIMIT 1`)
	for _, s := range all {
		f := first{sec: s}
		err := tx.QueryRowContext(ctx, q, pubID, s.Slug).Scan(&f.published, &f.issue, &f.position)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, db.errorf(err, "first article of section %q", s.Slug)
		}
		firsts = append(firsts, f)
	}
	sort.SliceStable(firsts, func(i, j int) bool {
		a, b := firsts[i], firsts[j]
		if a.published != b.published {
			return a.published < b.published
		}
		if a.issue != b.issue {
			return a.issue < b.issue
		}
		return a.position < b.position
	})
	out := make([]bulletinfeed.Section, len(firsts))
	for i, f := range firsts {
		out[i] = f.sec
	}
	return out, nil
}

// SectionCount is a section with the number of articles it has.
type SectionCount struct {
	bulletinfeed.Section
	Articles int
}

// SectionCounts returns every section of publication pubID with its
// number of articles: first those with articles, in the order of Sections,
// then the empty ones (emptied by a delete, or given a slug by the
// configuration before any article) by slug. Articles of issues scheduled
// for later are not counted, and their new sections not listed: neither
// exists until the issue is released.
func (db *DB) SectionCounts(ctx context.Context, pubID string) ([]SectionCount, error) {
	// One statement: the counts from one pass over an index of the
	// publication's articles, grouped; each section's first article, the
	// one Sections orders by, from one index probe.
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT s.name, s.slug, COALESCE(c.n, 0),
			COALESCE(f.published, 0), COALESCE(f.issue_key, ''), COALESCE(f.position, 0)
		FROM sections s
		LEFT JOIN (SELECT section_slug, COUNT(*) AS n FROM articles WHERE publication_id = ? GROUP BY section_slug) c
			ON c.section_slug = s.slug
		LEFT JOIN articles f ON f.id = (SELECT a.id FROM articles a
			WHERE a.publication_id = s.publication_id AND a.section_slug = s.slug
			ORDER BY a.published, a.issue_key, a.position LIMIT 1)
		WHERE s.publication_id = ?`), pubID, pubID)
	if err != nil {
		return nil, db.errorf(err, "section counts of %q", pubID)
	}
	defer rows.Close()
	type row struct {
		SectionCount
		published int64
		issue     string
		position  int
	}
	var all []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.Name, &r.Slug, &r.Articles, &r.published, &r.issue, &r.position); err != nil {
			return nil, db.errorf(err, "section counts of %q", pubID)
		}
		all = append(all, r)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "section counts of %q", pubID)
	}
	// Sorted here rather than in SQL so that both backends order keys and
	// slugs by bytes, as Sections does.
	slices.SortFunc(all, func(a, b row) int {
		if (a.Articles == 0) != (b.Articles == 0) {
			if a.Articles == 0 {
				return 1
			}
			return -1
		}
		if a.Articles == 0 {
			return strings.Compare(a.Slug, b.Slug)
		}
		return cmp.Or(cmp.Compare(a.published, b.published), strings.Compare(a.issue, b.issue),
			cmp.Compare(a.position, b.position), strings.Compare(a.Slug, b.Slug))
	})
	out := make([]SectionCount, len(all))
	for i, r := range all {
		out[i] = r.SectionCount
	}
	return out, nil
}

// SetSectionSlug gives the section name of publication pubID the slug
// slug, as a configuration may, before or after the section has articles:
// set first, it is the slug the section's articles get when they come. A
// section keeps its first slug forever, so this fails with kind Conflict
// when the section already has another one or when another section has
// this one; setting the slug it has changes nothing.
func (db *DB) SetSectionSlug(ctx context.Context, pubID, name, slug string) error {
	if !validSlug(slug) || reservedSlugs[slug] {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "section slug %q: want lowercase ASCII words joined by hyphens, and not a reserved word", slug)
	}
	tx, err := db.writeTx(ctx, pubID)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := db.publication(ctx, tx, pubID); err != nil {
		return err
	}
	all, err := db.sections(ctx, tx, pubID)
	if err != nil {
		return err
	}
	for _, s := range all {
		if s.Name == name && s.Slug == slug {
			return nil
		}
		if s.Name == name {
			return bulletinfeed.Errorf(bulletinfeed.Conflict, "section %q already has the slug %q", name, s.Slug)
		}
	}
	if err := db.insertSection(ctx, tx, pubID, name, slug); err != nil {
		return err
	}
	// SectionCounts lists the new section, empty as it is.
	if err := db.bumpVersion(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return db.errorf(err, "set section slug: commit")
	}
	return nil
}

// sections returns every section of pubID, with or without articles.
func (db *DB) sections(ctx context.Context, q querier, pubID string) ([]bulletinfeed.Section, error) {
	rows, err := q.QueryContext(ctx, db.d.rebind(`SELECT name, slug FROM sections WHERE publication_id = ? ORDER BY slug`), pubID)
	if err != nil {
		return nil, db.errorf(err, "sections of %q", pubID)
	}
	defer rows.Close()
	var out []bulletinfeed.Section
	for rows.Next() {
		var s bulletinfeed.Section
		if err := rows.Scan(&s.Name, &s.Slug); err != nil {
			return nil, db.errorf(err, "sections of %q", pubID)
		}
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "sections of %q", pubID)
	}
	return out, nil
}

// ensureSections returns the slug of each of names, giving a slug to those
// that have none yet. It runs inside the ingest's transaction.
func (db *DB) ensureSections(ctx context.Context, tx *sql.Tx, pub *bulletinfeed.Publication, names []string) (map[string]string, error) {
	all, err := db.sections(ctx, tx, pub.ID)
	if err != nil {
		return nil, err
	}
	slugs := make(map[string]string, len(all))
	taken := make(map[string]bool, len(all))
	for _, s := range all {
		slugs[s.Name] = s.Slug
		taken[s.Slug] = true
	}
	for _, name := range names {
		if _, ok := slugs[name]; ok {
			continue
		}
		base := slugify(name)
		if name == "" {
			base = defaultSectionSlug
			if pub.DefaultSection != "" {
				base = slugify(pub.DefaultSection)
			}
		}
		slug := uniqueSlug(base, taken)
		if err := db.insertSection(ctx, tx, pub.ID, name, slug); err != nil {
			return nil, err
		}
		slugs[name] = slug
		taken[slug] = true
	}
	return slugs, nil
}

func (db *DB) insertSection(ctx context.Context, tx *sql.Tx, pubID, name, slug string) error {
	_, err := tx.ExecContext(ctx, db.d.rebind(`INSERT INTO sections (publication_id, name, slug) VALUES (?, ?, ?)`), pubID, name, slug)
	if err != nil {
		return db.errorf(err, "add section %q as %q", name, slug)
	}
	return nil
}

// sectionNames caches the names of sections by publication and slug, for
// the articles that reads return. A section's slug and name never change
// once given, so a name cached is never stale; and it is cached only once
// committed, so an ingest that fails leaves nothing behind.
type sectionNames struct {
	mu    sync.RWMutex
	names map[string]map[string]string // publication → slug → name
}

func (c *sectionNames) get(pubID, slug string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	name, ok := c.names[pubID][slug]
	return name, ok
}

func (c *sectionNames) put(pubID string, all []bulletinfeed.Section) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.names == nil {
		c.names = make(map[string]map[string]string)
	}
	m := make(map[string]string, len(all))
	for _, s := range all {
		m[s.Slug] = s.Name
	}
	c.names[pubID] = m
}

// sectionName returns the name of the section slug of pubID: from the
// cache, else from the committed sections (cached then), else, for a
// section that the transaction q made and has not committed, from q.
func (db *DB) sectionName(ctx context.Context, q querier, pubID, slug string) (string, error) {
	if name, ok := db.names.get(pubID, slug); ok {
		return name, nil
	}
	all, err := db.sections(ctx, db.db, pubID)
	if err != nil {
		return "", err
	}
	db.names.put(pubID, all)
	if name, ok := db.names.get(pubID, slug); ok {
		return name, nil
	}
	var name string
	if err := q.QueryRowContext(ctx, db.d.rebind(`SELECT name FROM sections WHERE publication_id = ? AND slug = ?`),
		pubID, slug).Scan(&name); err != nil {
		return "", db.errorf(err, "section %q of %q", slug, pubID)
	}
	return name, nil
}
