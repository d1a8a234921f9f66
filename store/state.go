package store

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// ChannelStates returns the state of every channel of publication pubID:
// first that of all sections (Slug ""), then that of every section that
// has or had an article, by slug. A section that lost all its articles is
// listed with none, since its feed and archive pages still exist.
//
// In one read transaction: the counts and latest updates come from one
// grouped pass over an index of the publication's articles, the last
// ordinals from the ordinals table; the latest write of the issues of each
// section from the issues newest written first, until every section with
// articles was seen in one (sectionIssueUpdates).
func (db *DB) ChannelStates(ctx context.Context, pubID string) ([]bulletinfeed.ChannelState, error) {
	tx, err := db.readTx(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, db.d.rebind(`SELECT o.name, o.last_ord, COALESCE(c.n, 0), COALESCE(c.updated, 0)
		FROM ordinals o
		LEFT JOIN (SELECT section_slug, COUNT(*) AS n, MAX(updated) AS updated FROM articles
			WHERE publication_id = ? GROUP BY section_slug) c
			ON o.name = 'section:' || c.section_slug
		WHERE o.publication_id = ? AND o.name <> 'issues'`), pubID, pubID)
	if err != nil {
		return nil, db.errorf(err, "channel states of %q", pubID)
	}
	defer rows.Close()
	all := bulletinfeed.ChannelState{}
	var allUpdated, allIssueUpdated int64
	var (
		sections []bulletinfeed.ChannelState
		updates  []int64
		slugs    []string // of the sections with articles
	)
	for rows.Next() {
		var (
			name    string
			st      bulletinfeed.ChannelState
			updated int64
		)
		if err := rows.Scan(&name, &st.LastOrdinal, &st.Articles, &updated); err != nil {
			return nil, db.errorf(err, "channel states of %q", pubID)
		}
		if name == articlesChannel {
			all.LastOrdinal = st.LastOrdinal
			continue
		}
		slug, ok := strings.CutPrefix(name, sectionChannel(""))
		if !ok {
			continue
		}
		st.Slug = slug
		sections = append(sections, st)
		updates = append(updates, updated)
		if st.Articles > 0 {
			slugs = append(slugs, slug)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "channel states of %q", pubID)
	}
	rows.Close()
	issueUpdates, err := db.sectionIssueUpdates(ctx, tx, pubID, slugs)
	if err != nil {
		return nil, db.errorf(err, "channel states of %q", pubID)
	}
	for i := range sections {
		st := &sections[i]
		issueUpdated := issueUpdates[st.Slug]
		st.Updated, st.IssueUpdated = updatedTime(updates[i], st.Articles), updatedTime(issueUpdated, st.Articles)
		all.Articles += st.Articles
		allUpdated = max(allUpdated, updates[i])
		allIssueUpdated = max(allIssueUpdated, issueUpdated)
	}
	all.Updated = updatedTime(allUpdated, all.Articles)
	all.IssueUpdated = updatedTime(allIssueUpdated, all.Articles)
	// By bytes, the same on both backends.
	slices.SortFunc(sections, func(a, b bulletinfeed.ChannelState) int { return strings.Compare(a.Slug, b.Slug) })
	return append([]bulletinfeed.ChannelState{all}, sections...), nil
}

// recentIssues is how many of the issues written last sectionIssueUpdates
// reads one by one before it reads them all at once: a publication's
// sections nearly all appear in its latest few issues.
const recentIssues = 32

// sectionIssueUpdates returns, for each section of slugs, the latest
// write (updated_at) of the issues that have an article in it. The issues
// are read newest written first, each with the sections of its articles:
// a section's value is that of the first issue it appears in. That stops
// once every section was seen, after a handful of issues, where a pass
// over every article of the publication and its issue would take a third
// of a second at 100,000 articles. A section not seen in the
// recentIssues written last is found by that pass.
func (db *DB) sectionIssueUpdates(ctx context.Context, tx *sql.Tx, pubID string, slugs []string) (map[string]int64, error) {
	out := make(map[string]int64, len(slugs))
	if len(slugs) == 0 {
		return out, nil
	}
	type issueWrite struct {
		key     string
		updated int64
	}
	rows, err := tx.QueryContext(ctx, db.d.rebind(`SELECT key, updated_at FROM issues WHERE publication_id = ?
		ORDER BY updated_at DESC, key LIMIT ?`), pubID, recentIssues)
	if err != nil {
		return nil, err
	}
	var recent []issueWrite
	for rows.Next() {
		var w issueWrite
		if err := rows.Scan(&w.key, &w.updated); err != nil {
			rows.Close()
			return nil, err
		}
		recent = append(recent, w)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, err
	}
	rows.Close()
	want := make(map[string]bool, len(slugs))
	for _, s := range slugs {
		want[s] = true
	}
	stmt, err := tx.PrepareContext(ctx, db.d.rebind(`SELECT DISTINCT section_slug FROM articles WHERE publication_id = ? AND issue_key = ?`))
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	for _, w := range recent {
		if len(out) == len(want) {
			return out, nil
		}
		rows, err := stmt.QueryContext(ctx, pubID, w.key)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var slug string
			if err := rows.Scan(&slug); err != nil {
				rows.Close()
				return nil, err
			}
			if _, seen := out[slug]; want[slug] && !seen {
				out[slug] = w.updated
			}
		}
		if err := rows.Err(); err != nil {
			rows.Close()
			return nil, err
		}
		rows.Close()
	}
	if len(out) == len(want) {
		return out, nil
	}
	rows, err = tx.QueryContext(ctx, db.d.rebind(`SELECT p.section_slug, MAX(i.updated_at)
		FROM (SELECT DISTINCT section_slug, issue_key FROM articles WHERE publication_id = ?) p
		JOIN issues i ON i.publication_id = ? AND i.key = p.issue_key
		GROUP BY p.section_slug`), pubID, pubID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			slug    string
			updated int64
		)
		if err := rows.Scan(&slug, &updated); err != nil {
			return nil, err
		}
		out[slug] = updated
	}
	return out, rows.Err()
}

// RangeStates cuts the channel slug of publication pubID ("" for all
// sections) into runs of size ordinals, 1–size, size+1–2·size … up to
// the last ordinal the channel gave, and returns the state of each, in
// order: the archive pages of its feed. A run whose articles were all
// deleted has Articles 0. A channel that never had an article has no runs.
func (db *DB) RangeStates(ctx context.Context, pubID, slug string, size int) ([]bulletinfeed.RangeState, error) {
	if size <= 0 {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "range size %d: want at least 1", size)
	}
	where, ord, args := channelWhere(pubID, slug)
	// One statement, so the runs and the last ordinal are of one snapshot:
	// the grouped runs joined to the channel's counter, which also gives a
	// row (with no run) when no article is left.
	rows, err := db.db.QueryContext(ctx, db.d.rebind(`SELECT o.last_ord, r.run, r.n, r.updated, r.issue_updated
		FROM ordinals o
		LEFT JOIN (SELECT (`+ord+` - 1) / ? AS run, COUNT(*) AS n, MAX(a.updated) AS updated, MAX(i.updated_at) AS issue_updated
			FROM articles a `+issueJoin+`
			WHERE `+where+` GROUP BY 1) r ON 1 = 1
		WHERE o.publication_id = ? AND o.name = ?`),
		append(append([]any{int64(size)}, args...), pubID, channelName(slug))...)
	if err != nil {
		return nil, db.errorf(err, "range states of %q", channelName(slug))
	}
	defer rows.Close()
	var out []bulletinfeed.RangeState
	for rows.Next() {
		var (
			last                     int64
			run                      *int64
			n, updated, issueUpdated *int64
		)
		if err := rows.Scan(&last, &run, &n, &updated, &issueUpdated); err != nil {
			return nil, db.errorf(err, "range states of %q", channelName(slug))
		}
		if out == nil {
			runs := (last + int64(size) - 1) / int64(size)
			out = make([]bulletinfeed.RangeState, runs)
			for i := range out {
				out[i].First = int64(i)*int64(size) + 1
			}
		}
		if run == nil || *run < 0 || *run >= int64(len(out)) {
			continue
		}
		out[*run].Articles = int(*n)
		out[*run].Updated = updatedTime(*updated, int(*n))
		if issueUpdated != nil {
			out[*run].IssueUpdated = updatedTime(*issueUpdated, int(*n))
		}
	}
	if err := rows.Err(); err != nil {
		return nil, db.errorf(err, "range states of %q", channelName(slug))
	}
	return out, nil
}

// RangeState returns the state of the articles of the channel slug of
// publication pubID ("" for all sections) whose ordinal is in
// [first, last]: one archive page.
func (db *DB) RangeState(ctx context.Context, pubID, slug string, first, last int64) (bulletinfeed.RangeState, error) {
	where, ord, args := channelWhere(pubID, slug)
	st := bulletinfeed.RangeState{First: first}
	var updated, issueUpdated int64
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT COUNT(*), COALESCE(MAX(a.updated), 0), COALESCE(MAX(i.updated_at), 0)
		FROM articles a `+issueJoin+`
		WHERE `+where+` AND `+ord+` BETWEEN ? AND ?`), append(args, first, last)...).Scan(&st.Articles, &updated, &issueUpdated)
	if err != nil {
		return st, db.errorf(err, "range state of %q", channelName(slug))
	}
	st.Updated, st.IssueUpdated = updatedTime(updated, st.Articles), updatedTime(issueUpdated, st.Articles)
	return st, nil
}

// IssueState returns the state of the issues of publication pubID as a
// channel: Slug "", Articles the number of issues, LastOrdinal the last
// issue ordinal given, Updated the latest time an issue was written.
func (db *DB) IssueState(ctx context.Context, pubID string) (bulletinfeed.ChannelState, error) {
	var st bulletinfeed.ChannelState
	var updated int64
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT COUNT(*), COALESCE(MAX(updated_at), 0),
			COALESCE((SELECT last_ord FROM ordinals WHERE publication_id = ? AND name = 'issues'), 0)
		FROM issues WHERE publication_id = ?`), pubID, pubID).Scan(&st.Articles, &updated, &st.LastOrdinal)
	if err != nil {
		return st, db.errorf(err, "issue state of %q", pubID)
	}
	st.Updated = updatedTime(updated, st.Articles)
	return st, nil
}

// IssueRangeState returns the state of the issues of publication pubID
// whose ordinal is in [first, last]: Articles counts issues, Updated and
// IssueUpdated are the latest time one of them was written.
func (db *DB) IssueRangeState(ctx context.Context, pubID string, first, last int64) (bulletinfeed.RangeState, error) {
	st := bulletinfeed.RangeState{First: first}
	var updated int64
	err := db.db.QueryRowContext(ctx, db.d.rebind(`SELECT COUNT(*), COALESCE(MAX(updated_at), 0) FROM issues
		WHERE publication_id = ? AND ord BETWEEN ? AND ?`), pubID, first, last).Scan(&st.Articles, &updated)
	if err != nil {
		return st, db.errorf(err, "issue range state of %q", pubID)
	}
	st.Updated = updatedTime(updated, st.Articles)
	st.IssueUpdated = st.Updated
	return st, nil
}

// channelWhere returns the condition that selects the articles (as a)
// of the channel slug ("" for all sections) of pubID, the column of their
// ordinal in it, and the condition's arguments: each pair the first
// columns of one index.
func channelWhere(pubID, slug string) (where, ord string, args []any) {
	if slug == "" {
		return `a.publication_id = ?`, `a.pub_ord`, []any{pubID}
	}
	return `a.publication_id = ? AND a.section_slug = ?`, `a.sec_ord`, []any{pubID, slug}
}

// issueJoin joins to the articles (as a) their issues (as i), whose last
// write a range's state follows: a revision moves the articles it kept.
// An outer join, so that the counts are the articles' whatever happens.
const issueJoin = `LEFT JOIN issues i ON i.publication_id = a.publication_id AND i.key = a.issue_key`

// channelName is the name in the ordinals table of the channel slug.
func channelName(slug string) string {
	if slug == "" {
		return articlesChannel
	}
	return sectionChannel(slug)
}

// updatedTime is the latest update of n rows: none when there are none.
func updatedTime(v int64, n int) time.Time {
	if n == 0 {
		return time.Time{}
	}
	return fromMicros(v)
}
