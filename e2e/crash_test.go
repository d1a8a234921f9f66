//go:build e2e

package e2e

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

const (
	crashIssues = 200
	crashRounds = 20
	// serveKillEvery: every this many rounds the server is killed with
	// SIGKILL together with the ingest, and started again.
	serveKillEvery = 4
)

// crashSeed is E2E_SEED if set, else the time: the kill times differ from
// run to run and the log says how to replay one.
func crashSeed(t *testing.T) uint64 {
	if s := os.Getenv("E2E_SEED"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			t.Fatalf("E2E_SEED=%q: %v", s, err)
		}
		return v
	}
	return uint64(time.Now().UnixNano())
}

// TestCrashDuringIngest kills `ingest` at random moments while a server
// reads the same SQLite store (and is itself killed now and then), then
// checks that one more ingest completes and leaves every issue stored
// exactly once, the sources untouched, the file intact and every feed
// valid to real clients.
func TestCrashDuringIngest(t *testing.T) {
	checkFeed := checkFeedTool(t)
	h := newHarness(t, 4*time.Minute+30*time.Second)
	seed := crashSeed(t)
	t.Logf("seed %d (replay the kill times with E2E_SEED=%d)", seed, seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	inbox := filepath.Join(h.dir, "inbox")
	ns := make([]int, crashIssues)
	for i := range ns {
		ns[i] = i + 1
	}
	h.writeIssues(inbox, ns...)
	sources := h.hashFiles(inbox)
	if len(sources) != crashIssues {
		t.Fatalf("wrote %d issue files, want %d", len(sources), crashIssues)
	}
	ingestArgs := func(db string) []string {
		return append(append([]string{"ingest", "--db", db}, sectionArgs()...), inbox)
	}

	// A full run into a store of its own: how long one takes (the range of
	// the kill times), and what the crashed store must end up holding.
	refDB := filepath.Join(h.dir, "reference", "bulletinfeed.db")
	mkdirs(t, filepath.Dir(refDB))
	ref := h.mustRun(2*time.Minute, "reference ingest", ingestArgs(refDB)...)
	full := ref.duration
	t.Logf("reference ingest of %d files: %v; %s", crashIssues, full.Round(time.Millisecond), strings.TrimSpace(ref.stdout))
	want := h.readStore(refDB)
	if len(want.issues) != crashIssues {
		t.Fatalf("reference store holds %d issues, want %d", len(want.issues), crashIssues)
	}

	db := filepath.Join(h.dir, "store", "bulletinfeed.db")
	// serve opens only an existing store: an ingest of an empty folder
	// creates it, with no issue.
	empty := filepath.Join(h.dir, "empty")
	mkdirs(t, filepath.Dir(db), empty)
	h.mustRun(time.Minute, "create the store", "ingest", "--db", db, empty)
	serves := 1
	srv := h.startServe("serve#1", db, "--schedule", "@every 1s")
	served := false // this server has answered 200 on the feed

	for round := 1; round <= crashRounds; round++ {
		delay := time.Duration(rng.Int64N(int64(full)))
		killServe := round%serveKillEvery == 0
		ing := h.startQuiet(fmt.Sprintf("ingest round %d", round), ingestArgs(db)...)
		outcome := ""
		if code, err := ing.wait(delay); err == nil {
			outcome = fmt.Sprintf("finished before the kill: exit %d", code)
			if code != 0 {
				t.Errorf("round %d: ingest exited %d on its own:\n%s", round, code, tail(ing.stderr.String(), 20))
			}
		} else {
			ing.kill()
			outcome = "killed"
		}
		if killServe {
			srv.kill()
			outcome += fmt.Sprintf(", %s killed", srv.name)
		}
		n, err := countIssues(db)
		stored := strconv.Itoa(n)
		if err != nil {
			stored = "? (" + err.Error() + ")"
		}
		t.Logf("round %2d: kill at %v: %s; %d log lines; store holds %s issues", round, delay.Round(time.Millisecond), outcome,
			strings.Count(ing.stderr.String(), "\n"), stored)

		if killServe {
			serves++
			srv = h.startServe(fmt.Sprintf("serve#%d", serves), db, "--schedule", "@every 1s")
			served = false
			continue
		}
		// The server keeps serving across the crashes: 200 once it has
		// rendered, 503 only before that.
		if srv.exited() {
			t.Fatalf("round %d: %s exited by itself: %s\n%s", round, srv.name, srv.describe(), tail(srv.stderr.String(), 30))
		}
		r, err := h.get(srv.base + "/feeds/all.atom")
		switch {
		case err != nil:
			t.Errorf("round %d: %s: GET /feeds/all.atom: %v", round, srv.name, err)
		case r.status == http.StatusOK:
			served = true
		case r.status == http.StatusServiceUnavailable && !served:
		default:
			t.Errorf("round %d: %s: GET /feeds/all.atom: %s (served before: %v)", round, srv.name, r, served)
		}
	}
	if code, err := srv.terminate(20 * time.Second); err != nil || code != 0 {
		t.Errorf("%s: SIGTERM: exit %d, %v\n%s", srv.name, code, err, tail(srv.stderr.String(), 20))
	}

	// One more ingest, to completion.
	last := h.run(2*time.Minute, "final ingest", ingestArgs(db)...)
	t.Logf("final ingest: exit %d after %v: %s", last.code, last.duration.Round(time.Millisecond), strings.TrimSpace(last.stdout))
	if last.code != 0 {
		t.Errorf("final ingest: %s", last)
	}
	if c, ok := parseIngestSummary(last.stdout); !ok {
		t.Errorf("final ingest: no summary line in stdout %q", last.stdout)
	} else if c.new+c.unchanged != crashIssues || c.revised != 0 || c.failed != 0 {
		t.Errorf("final ingest: %+v; want new+unchanged = %d, none revised or failed (a revision means a killed ingest stored an issue differently)", c, crashIssues)
	}

	// Every issue exactly once, as the reference ingest stored it.
	listed := h.listIssues(db)
	seen := map[string]int{}
	for _, li := range listed {
		seen[li.key]++
	}
	for _, n := range ns {
		if k := fmt.Sprintf("e2e-%04d", n); seen[k] != 1 {
			t.Errorf("issues: %s listed %d times, want once", k, seen[k])
		}
	}
	if len(listed) != crashIssues {
		t.Errorf("issues lists %d issues, want %d", len(listed), crashIssues)
	}
	got := h.readStore(db)
	if got.integrity != "ok" {
		t.Errorf("PRAGMA integrity_check: %q", got.integrity)
	}
	if got.fkErrors != 0 {
		t.Errorf("PRAGMA foreign_key_check: %d rows", got.fkErrors)
	}
	if d := diffStores(want, got); len(d) > 0 {
		t.Errorf("the store differs from one ingested without crashes:\n  %s", strings.Join(d, "\n  "))
	}
	t.Logf("store: %d issues, %d articles, integrity_check %q, %d foreign key errors", len(got.issues), len(got.articles), got.integrity, got.fkErrors)
	h.checkSources(inbox, sources)

	// The site it serves, through check-feed.
	final := h.startServe("serve (final)", db)
	h.waitHealthy(final, 90*time.Second)
	// The OPML lists each feed once, as Atom; ?format= gives the others.
	var feeds []string
	for _, format := range []string{"atom", "rss", "json"} {
		opml, err := h.get(final.base + "/feeds.opml?format=" + format)
		if err != nil || opml.status != http.StatusOK {
			t.Fatalf("GET /feeds.opml?format=%s: %v %s", format, err, opml)
		}
		listed, err := opmlFeeds(opml.body)
		if err != nil {
			t.Fatalf("/feeds.opml?format=%s: %v", format, err)
		}
		if f := "all." + format; !slices.Contains(listed, final.base+"/feeds/"+f) {
			t.Errorf("/feeds.opml?format=%s does not list %s: %v", format, f, listed)
		}
		feeds = append(feeds, listed...)
	}
	t.Logf("/feeds.opml lists %d feeds in three formats", len(feeds))
	for _, f := range h.checkFeeds(checkFeed, feeds) {
		t.Error(f)
	}
}
