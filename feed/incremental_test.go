package feed_test

import (
	"bytes"
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestIncrementalRenderMatchesFullRender: a server that refreshes after
// each write serves, at every path of the site, the bytes a fresh render
// of the same store serves. Each seed makes a small publication of its own
// and writes to it at random: new issues (dated, undated, dated ahead),
// revisions (articles added at the front, in the middle or at the end,
// removed, moved to another section or place, retitled, rewritten, the
// issue retitled or redated), deletions and the same bytes again, with a
// clock that at times moves by a microsecond only between writes. After each write every
// path either server knows (feeds in every format, archive pages, section,
// issue and article pages, lists of issues, OPML, sitemaps, the pages of
// what was deleted) is compared, status and body. The live server asks
// for every page after each write, so its cache of pages rendered on
// request holds the previous bytes: a tag that does not follow a change
// shows as a stale page.
//
// It runs 30 seeds per backend, 5 with -short and 4 with the race
// detector; BULLETINFEED_TEST_SEEDS=n runs n. A failure names the seed, which
// reproduces it alone with BULLETINFEED_TEST_SEED=n.
func TestIncrementalRenderMatchesFullRender(t *testing.T) {
	var seeds []uint64
	n := 30
	switch {
	case testing.Short():
		n = 5
	case raceDetector:
		// The detector has nothing to find in one goroutine, and it
		// makes each seed ten times slower.
		n = 4
	}
	if v := os.Getenv("BULLETINFEED_TEST_SEEDS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("BULLETINFEED_TEST_SEEDS=%q: %v", v, err)
		}
	}
	for i := range n {
		seeds = append(seeds, uint64(i+1))
	}
	if v := os.Getenv("BULLETINFEED_TEST_SEED"); v != "" {
		s, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("BULLETINFEED_TEST_SEED=%q: %v", v, err)
		}
		seeds = []uint64{s}
	}
	for _, b := range storeBackends() {
		t.Run(b.name, func(t *testing.T) {
			db := b.open(t)
			start := time.Now()
			for i, seed := range seeds {
				if !runSeed(t, db, seed) {
					t.Logf("stopped after %d seeds", i+1) // one failing seed says enough
					return
				}
			}
			t.Logf("%d seeds of %d steps in %s", len(seeds), simSteps, time.Since(start).Round(time.Millisecond))
		})
	}
}

// simSteps is the number of writes of one seed.
const simSteps = 8

// simArticle is an article as the simulation writes it.
type simArticle struct {
	section, title, text string
	byline               bool
}

// simIssue is an issue as the simulation writes it.
type simIssue struct {
	key, title string
	date       time.Time // zero: undated
	arts       []simArticle
}

func (si *simIssue) issue() *bulletinfeed.Issue {
	iss := &bulletinfeed.Issue{Key: si.key, Title: si.title, Date: si.date, SourceName: si.key + ".txt"}
	for _, sa := range si.arts {
		a := &bulletinfeed.Article{Section: sa.section, Headings: []string{sa.title}, Title: sa.title,
			Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: sa.text}}}
		if sa.byline {
			a.Bylines = []bulletinfeed.Byline{{Role: "By", Name: "Ann Lee"}}
		}
		iss.Articles = append(iss.Articles, a)
	}
	return iss
}

// simSections are the sections of the simulated publication; "" is the
// default section, before any banner.
var simSections = []string{"", "Notices", "Parish Life", "Letters"}

// sim is one seed's publication, its writer and its random source.
type sim struct {
	rng    *rand.Rand
	db     *store.DB
	pubID  string
	issues []*simIssue
	gone   []*simIssue // deleted, which may come back
	serial int         // of issues and articles, for unique texts
	clock  time.Time
}

func (s *sim) article() simArticle {
	s.serial++
	words := []string{"fair", "choir", "roof", "garden", "meeting", "walk", "library", "supper"}
	var b strings.Builder
	fmt.Fprintf(&b, "Story %d.", s.serial)
	for range 3 + s.rng.IntN(8) {
		b.WriteString(" The " + words[s.rng.IntN(len(words))] + " is on.")
	}
	return simArticle{
		section: simSections[s.rng.IntN(len(simSections))],
		title:   fmt.Sprintf("Item %d %s", s.serial, words[s.rng.IntN(len(words))]),
		text:    b.String(),
		byline:  s.rng.IntN(2) == 0,
	}
}

// date returns a random issue date: a day of 2023 mostly, at times none
// (dated at its ingest) or one after the clock (printed ahead).
func (s *sim) date() time.Time {
	switch s.rng.IntN(8) {
	case 0:
		return time.Time{}
	case 1:
		return time.Date(s.clock.Year(), s.clock.Month(), s.clock.Day()+1+s.rng.IntN(3), 0, 0, 0, 0, time.UTC)
	}
	return time.Date(2023, time.Month(1+s.rng.IntN(12)), 1+s.rng.IntN(28), 0, 0, 0, 0, time.UTC)
}

// step makes one random write and says what it was.
func (s *sim) step(ctx context.Context) (string, error) {
	// Writes are a microsecond apart at times, the store's resolution.
	// Never less: the entity tags of pages rendered on request follow the
	// times of writes, and two writes in one microsecond (a clock that
	// stands still, as only a test's does) could leave a tag unchanged.
	switch s.rng.IntN(4) {
	case 0:
		s.clock = s.clock.Add(time.Microsecond)
	case 1:
		s.clock = s.clock.Add(time.Second)
	default:
		s.clock = s.clock.Add(time.Duration(1+s.rng.IntN(48)) * time.Hour)
	}
	k := s.rng.IntN(20)
	switch {
	case len(s.issues) == 0 || k < 6 && len(s.issues) < 4:
		si := &simIssue{date: s.date()}
		if len(s.gone) > 0 && s.rng.IntN(3) == 0 {
			si = s.gone[0] // a deleted issue ingested again
			s.gone = s.gone[1:]
		} else {
			s.serial++
			si.key, si.title = fmt.Sprintf("issue-%d", s.serial), fmt.Sprintf("Bulletin %d", s.serial)
			for range 1 + s.rng.IntN(4) {
				si.arts = append(si.arts, s.article())
			}
		}
		s.issues = append(s.issues, si)
		return "ingest " + si.key, s.ingest(ctx, si)
	case k < 8:
		i := s.rng.IntN(len(s.issues))
		si := s.issues[i]
		s.issues = slices.Delete(s.issues, i, i+1)
		s.gone = append(s.gone, si)
		_, err := s.db.DeleteIssue(ctx, s.pubID, si.key)
		return "delete " + si.key, err
	case k < 9:
		si := s.issues[s.rng.IntN(len(s.issues))]
		return "ingest " + si.key + " unchanged", s.ingest(ctx, si)
	}
	si := s.issues[s.rng.IntN(len(s.issues))]
	var did []string
	for range 1 + s.rng.IntN(3) {
		did = append(did, s.revise(si))
	}
	return "revise " + si.key + ": " + strings.Join(did, ", "), s.ingest(ctx, si)
}

// revise changes si as one revision might and says how.
func (s *sim) revise(si *simIssue) string {
	n := len(si.arts)
	pick := s.rng.IntN(n)
	switch s.rng.IntN(10) {
	case 0:
		si.arts = slices.Insert(si.arts, 0, s.article())
		return "article added at the front"
	case 1:
		si.arts = slices.Insert(si.arts, s.rng.IntN(n+1), s.article())
		return "article added in the middle"
	case 2:
		si.arts = append(si.arts, s.article())
		return "article added at the end"
	case 3:
		if n > 1 {
			si.arts = slices.Delete(si.arts, pick, pick+1)
			return "article removed"
		}
		si.arts = append(si.arts, s.article())
		return "article added at the end"
	case 4:
		si.arts[pick].section = simSections[s.rng.IntN(len(simSections))]
		return "article moved to another section"
	case 5:
		a := si.arts[pick]
		si.arts = slices.Delete(si.arts, pick, pick+1)
		si.arts = slices.Insert(si.arts, s.rng.IntN(n), a)
		return "article moved in the issue"
	case 6:
		si.arts[pick].title += " (corrected)"
		return "article retitled"
	case 7:
		si.arts[pick].text += " Now with a correction."
		return "article rewritten"
	case 8:
		si.title += " (revised)"
		return "issue retitled"
	}
	si.date = s.date()
	return "issue redated"
}

func (s *sim) ingest(ctx context.Context, si *simIssue) error {
	_, err := s.db.Ingest(ctx, s.pubID, si.issue())
	return err
}

// runSeed writes a publication's seed at random and compares the live
// server with a fresh render after each write. It reports whether they
// matched throughout.
func runSeed(t *testing.T, db *store.DB, seed uint64) bool {
	t.Helper()
	ctx := context.Background()
	s := &sim{rng: rand.New(rand.NewPCG(seed, 22)), db: db, pubID: fmt.Sprintf("p%d", seed),
		clock: time.Date(2024, 1, 1, 8, 0, 0, 0, time.UTC)}
	db.Now = func() time.Time { return s.clock }
	pub := &bulletinfeed.Publication{ID: s.pubID, Title: "Simulated " + s.pubID, Lang: "en", TimeZone: "UTC"}
	if seed%2 == 0 {
		pub.Lang, pub.TimeZone = "zh-CN", "Asia/Shanghai"
	}
	if err := db.PutPublication(ctx, pub); err != nil {
		t.Fatal(err)
	}
	cfg := feed.Config{PublicationID: s.pubID, BaseURL: "https://bulletin.example.org", FeedItems: 3,
		// Later than every date written: no date is clamped to the
		// render's time, which would differ between the two.
		Now: func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }}
	live := feed.NewHandler(db, cfg)
	seen := map[string]bool{}
	for step := 1; step <= simSteps; step++ {
		what, err := s.step(ctx)
		if err != nil {
			t.Fatalf("seed %d, step %d (%s): %v", seed, step, what, err)
		}
		if err := live.Refresh(ctx); err != nil {
			t.Fatalf("seed %d, step %d (%s): refresh: %v", seed, step, what, err)
		}
		if bad := compareWithFresh(t, db, cfg, live, seen); len(bad) > 0 {
			t.Errorf("seed %d, step %d (%s): %d of %d paths differ from a fresh render:\n%s",
				seed, step, what, len(bad), len(seen), strings.Join(bad[:min(len(bad), 4)], "\n"))
			return false
		}
	}
	return true
}

// compareWithFresh serves every path of the live server's site and of a
// fresh render of the store (and every path seen before, now gone) from
// both, and returns how those that differ differ.
func compareWithFresh(t *testing.T, db *store.DB, cfg feed.Config, live *feed.Handler, seen map[string]bool) []string {
	t.Helper()
	ctx := context.Background()
	fresh := feed.NewHandler(db, cfg)
	if err := fresh.Refresh(ctx); err != nil {
		t.Fatalf("fresh render: %v", err)
	}
	for _, srv := range []*feed.Handler{live, fresh} {
		site := srv.Site()
		paths, err := site.AllPaths(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range slices.Concat(paths, site.Paths(), site.Gone()) {
			seen[p] = true
		}
	}
	var bad []string
	for _, p := range sortedSet(seen) {
		got := serve(live, http.MethodGet, p)
		// The fresh site's bytes without a response (and its gzip body)
		// around them, but for the pages it does not have, whose status
		// and error page its server gives.
		wantCode, want := http.StatusOK, []byte(nil)
		if body, err := fresh.Site().Page(ctx, p); err == nil {
			want = body
		} else {
			rec := serve(fresh, http.MethodGet, p)
			wantCode, want = rec.Code, rec.Body.Bytes()
		}
		switch {
		case got.Code != wantCode:
			bad = append(bad, fmt.Sprintf("%s: status %d, fresh render %d", p, got.Code, wantCode))
		case !bytes.Equal(got.Body.Bytes(), want):
			bad = append(bad, fmt.Sprintf("%s:\n%s", p, shortDiff(got.Body.Bytes(), want)))
		}
	}
	return bad
}

func sortedSet(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
