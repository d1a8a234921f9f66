package store_test

import (
	"context"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/internal/testpg"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// backend is one kind of database the tests run against; dsn returns the
// name of a fresh, empty database that is dropped when the test ends.
type backend struct {
	name string
	dsn  func(t testing.TB) string
}

// backends returns SQLite always, and PostgreSQL when
// BULLETINFEED_TEST_POSTGRES holds a DSN.
func backends() []backend {
	bs := []backend{{name: "sqlite", dsn: func(t testing.TB) string {
		// Open creates the file but not its directory.
		return filepath.Join(t.TempDir(), "bulletinfeed.db")
	}}}
	if pg := os.Getenv("BULLETINFEED_TEST_POSTGRES"); pg != "" {
		bs = append(bs, backend{name: "postgres", dsn: func(t testing.TB) string { return pgSchema(t, pg) }})
	}
	return bs
}

// forEachBackend runs f once per backend, as parallel subtests.
func forEachBackend(t *testing.T, f func(t *testing.T, dsn string)) {
	t.Helper()
	for _, b := range backends() {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			f(t, b.dsn(t))
		})
	}
}

// pgSchema gives one test a schema of its own (testpg.Schema).
func pgSchema(t testing.TB, dsn string) string { return testpg.Schema(t, dsn) }

// clock is a settable time source for DB.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock {
	return &clock{t: time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

const pubID = "hexi"

// mustOpen opens the store dsn with the clock c (when not nil), makes sure
// the test publication exists, and closes the store when the test ends.
func mustOpen(t testing.TB, dsn string, c *clock) *store.DB {
	t.Helper()
	db, err := store.Open(context.Background(), dsn, nil)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { db.Close() })
	if c != nil {
		db.Now = c.Now
	}
	err = db.PutPublication(context.Background(), &bulletinfeed.Publication{
		ID: pubID, Title: "河西通讯", Lang: "zh-CN", TimeZone: "Asia/Shanghai",
	})
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func mustIngest(t testing.TB, db *store.DB, iss *bulletinfeed.Issue) *store.IngestResult {
	t.Helper()
	res, err := db.Ingest(context.Background(), pubID, iss)
	if err != nil {
		t.Fatalf("ingest %s: %v", iss.Key, err)
	}
	return res
}

func mustVersion(t testing.TB, db *store.DB) int64 {
	t.Helper()
	v, err := db.Version(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// article builds an article with one heading line (its title) and a
// paragraph for each of paras.
func article(section, title string, paras ...string) *bulletinfeed.Article {
	a := &bulletinfeed.Article{
		Section:  section,
		Headings: []string{title},
		Title:    title,
		Bylines:  []bulletinfeed.Byline{{Role: "通讯员", Name: "赵钰真"}},
	}
	for _, p := range paras {
		a.Blocks = append(a.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: p})
	}
	return a
}

func issue(key string, date time.Time, arts ...*bulletinfeed.Article) *bulletinfeed.Issue {
	return &bulletinfeed.Issue{Key: key, Date: date, SourceName: key + ".txt", Articles: arts}
}

func day(d string) time.Time {
	t, err := time.Parse("2006-01-02", d)
	if err != nil {
		panic(err)
	}
	return t.Add(-8 * time.Hour) // midnight in Asia/Shanghai, in UTC
}

// para returns a paragraph of about 120 characters drawn from seed, so
// that two seeds give texts as unlike as two real articles and text
// similarity has something to compare.
func para(seed string) string {
	const pool = "社区居民活动会议志愿服务改造垃圾分类停车场建设老旧小区街道党员群众文化健康教育安全环境交通卫生养老儿童学校医院公园道路绿化治理"
	rs := []rune(pool)
	h := fnv.New64a()
	h.Write([]byte(seed))
	r := rand.New(rand.NewPCG(h.Sum64(), 0))
	var b strings.Builder
	b.WriteString(seed)
	for i := range 120 {
		b.WriteRune(rs[r.IntN(len(rs))])
		if i%20 == 19 {
			b.WriteString("。")
		}
	}
	return b.String()
}

func ids(arts []*bulletinfeed.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.ID)
	}
	return out
}

func titles(arts []*bulletinfeed.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, a.Title)
	}
	return out
}
