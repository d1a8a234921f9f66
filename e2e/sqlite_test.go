//go:build e2e

package e2e

import (
	"database/sql"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	_ "modernc.org/sqlite" // the driver the store uses, to inspect its file
)

// storeState is what a SQLite store holds, as far as the tests compare it.
type storeState struct {
	issues    map[string]string // issue key → content hash
	articles  map[string]string // article id → issue key
	integrity string            // PRAGMA integrity_check
	fkErrors  int               // rows of PRAGMA foreign_key_check
}

// openSQLite opens the store file for reading; another process may hold it.
func openSQLite(path string) (*sql.DB, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// readStore reads the state of the SQLite store at path.
func (h *harness) readStore(path string) storeState {
	h.t.Helper()
	db, err := openSQLite(path)
	if err != nil {
		h.t.Fatalf("open %s: %v", path, err)
	}
	defer db.Close()
	st := storeState{issues: map[string]string{}, articles: map[string]string{}}
	if err := db.QueryRowContext(h.ctx, `PRAGMA integrity_check`).Scan(&st.integrity); err != nil {
		h.t.Fatalf("%s: integrity_check: %v", path, err)
	}
	rows, err := db.QueryContext(h.ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		h.t.Fatalf("%s: foreign_key_check: %v", path, err)
	}
	for rows.Next() {
		st.fkErrors++
	}
	rows.Close()
	query := func(q string, into map[string]string) {
		rows, err := db.QueryContext(h.ctx, q)
		if err != nil {
			h.t.Fatalf("%s: %s: %v", path, q, err)
		}
		defer rows.Close()
		for rows.Next() {
			var k, v string
			if err := rows.Scan(&k, &v); err != nil {
				h.t.Fatalf("%s: %s: %v", path, q, err)
			}
			if _, dup := into[k]; dup {
				h.t.Errorf("%s: %s: %q twice", path, q, k)
			}
			into[k] = v
		}
		if err := rows.Err(); err != nil {
			h.t.Fatalf("%s: %s: %v", path, q, err)
		}
	}
	query(`SELECT key, content_hash FROM issues`, st.issues)
	query(`SELECT id, issue_key FROM articles`, st.articles)
	return st
}

// countIssues is the number of stored issues, or an error (the store may
// be missing or locked while an ingest is killed).
func countIssues(path string) (int, error) {
	db, err := openSQLite(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow(`SELECT count(*) FROM issues`).Scan(&n)
	return n, err
}

// diffStores lists how got differs from want, at most a few lines.
func diffStores(want, got storeState) []string {
	var d []string
	add := func(format string, args ...any) {
		if len(d) < 20 {
			d = append(d, fmt.Sprintf(format, args...))
		}
	}
	for _, k := range sortedKeys(want.issues) {
		if g, ok := got.issues[k]; !ok {
			add("issue %s missing", k)
		} else if g != want.issues[k] {
			add("issue %s: content hash %s, want %s", k, g, want.issues[k])
		}
	}
	for _, k := range sortedKeys(got.issues) {
		if _, ok := want.issues[k]; !ok {
			add("issue %s unexpected", k)
		}
	}
	for _, id := range sortedKeys(want.articles) {
		if g, ok := got.articles[id]; !ok {
			add("article %s (issue %s) missing", id, want.articles[id])
		} else if g != want.articles[id] {
			add("article %s in issue %s, want %s", id, g, want.articles[id])
		}
	}
	for _, id := range sortedKeys(got.articles) {
		if _, ok := want.articles[id]; !ok {
			add("article %s (issue %s) unexpected", id, got.articles[id])
		}
	}
	return d
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// listedIssue is a row of `bulletinfeed issues`.
type listedIssue struct {
	key      string
	articles int
}

// listIssues runs `bulletinfeed issues --db db` and reads its table:
// KEY DATE TITLE ARTICLES SECTIONS, where the generated issues have no
// title ("-") and sections come last.
func (h *harness) listIssues(db string) []listedIssue {
	h.t.Helper()
	r := h.mustRun(time.Minute, "issues", "issues", "--db", db)
	lines := strings.Split(strings.TrimRight(r.stdout, "\n"), "\n")
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "KEY") {
		h.t.Fatalf("issues: no header line:\n%s", clip(r.stdout, 500))
	}
	var out []listedIssue
	for _, l := range lines[1:] {
		f := strings.Fields(l)
		if len(f) < 4 {
			h.t.Fatalf("issues: unreadable line %q", l)
		}
		n, err := strconv.Atoi(f[3])
		if err != nil {
			h.t.Fatalf("issues: line %q: ARTICLES %q", l, f[3])
		}
		out = append(out, listedIssue{key: f[0], articles: n})
	}
	return out
}

// ingestSummary reads ingest's last stdout line:
// "ingested: 1 new, 0 revised, 2 unchanged, 0 failed".
var ingestSummary = regexp.MustCompile(`ingested: (\d+) new, (\d+) revised, (\d+) unchanged, (\d+) failed`)

type ingestCounts struct{ new, revised, unchanged, failed int }

func parseIngestSummary(stdout string) (ingestCounts, bool) {
	m := ingestSummary.FindStringSubmatch(stdout)
	if m == nil {
		return ingestCounts{}, false
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	return ingestCounts{n(m[1]), n(m[2]), n(m[3]), n(m[4])}, true
}
