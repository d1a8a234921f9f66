package store_test

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// scaleSections are the twenty sections of the scale benchmarks' store.
var scaleSections = []string{"", "要闻", "民生", "文化", "社区风采", "党建", "教育", "卫生", "交通", "环境",
	"安全", "养老", "青年", "体育", "科技", "经济", "法治", "公告", "读者来信", "图片新闻"}

// scaleGenerator names the shape of the generated store; change it when
// scaleIssue changes, so that no cached store of the old shape is used.
const scaleGenerator = "g2"

// scaleIssue generates issue n of a weekly bulletin of ten articles, each
// issue over ten of the twenty sections: from 1900, the earliest date
// the store takes, the 10,000th is dated 2091.
func scaleIssue(n int) *bulletinfeed.Issue {
	date := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*n)
	iss := &bulletinfeed.Issue{Key: fmt.Sprintf("%05d", n), Date: date, SourceName: "gen.txt"}
	for i := range 10 {
		title := fmt.Sprintf("第%d期第%d篇", n, i)
		a := article(scaleSections[(n*10+i)%len(scaleSections)], title, para(title+"甲"), para(title+"乙"), para(title+"丙"))
		a.Headings = []string{"眉题", title}
		iss.Articles = append(iss.Articles, a)
	}
	return iss
}

// scaleArticles is the number of articles of the scale benchmarks' store:
// BULLETINFEED_BENCH_ARTICLES, 5,000 by default so that a run of every
// benchmark stays short; the figures of issue 14 are at 100,000.
func scaleArticles(b *testing.B) int {
	n := 5_000
	if s := os.Getenv("BULLETINFEED_BENCH_ARTICLES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1000 {
			b.Fatalf("BULLETINFEED_BENCH_ARTICLES=%q: want a number of articles, at least 1000", s)
		}
		n = v
	}
	return n / 10 * 10
}

// scaleStore returns the DSN of a store of the given number of articles
// on backend be, built the first time and kept between runs (remove them
// by hand): a file in the temporary folder, or a schema of the PostgreSQL
// database, named by the size, the migrations and the generator. A build
// that did not finish is not used.
func scaleStore(b *testing.B, be backend, articles int) string {
	b.Helper()
	name := fmt.Sprintf("bulletinfeed_bench_%d_%s_%s", articles, schemaHash(b), scaleGenerator)
	if be.name == "sqlite" {
		path := filepath.Join(os.TempDir(), name+".db")
		if _, err := os.Stat(path); err == nil {
			return path
		}
		tmp := path + ".building"
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(tmp + suffix)
		}
		buildScaleStore(b, tmp, articles)
		if err := os.Rename(tmp, path); err != nil {
			b.Fatal(err)
		}
		return path
	}
	admin, err := sql.Open("pgx", os.Getenv("BULLETINFEED_TEST_POSTGRES"))
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var done bool
	if err := admin.QueryRow(`SELECT to_regclass($1) IS NOT NULL`, name+".bench_done").Scan(&done); err != nil {
		b.Fatal(err)
	}
	dsn := withSearchPath(b, os.Getenv("BULLETINFEED_TEST_POSTGRES"), name)
	if done {
		return dsn
	}
	for _, q := range []string{"DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name} {
		if _, err := admin.Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	buildScaleStore(b, dsn, articles)
	if _, err := admin.Exec("CREATE TABLE " + name + ".bench_done ()"); err != nil {
		b.Fatal(err)
	}
	return dsn
}

// schemaHash fingerprints the migrations, so that a store cached by an
// earlier schema is not used.
func schemaHash(b *testing.B) string {
	files, err := filepath.Glob("migrations/*.sql")
	if err != nil || len(files) == 0 {
		b.Fatalf("migrations: %v", err)
	}
	h := fnv.New32a()
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		h.Write([]byte(f))
		h.Write(text)
	}
	return fmt.Sprintf("%08x", h.Sum32())
}

// buildScaleStore ingests the generated issues into a new store at dsn.
func buildScaleStore(b *testing.B, dsn string, articles int) {
	b.Helper()
	ctx := context.Background()
	start := time.Now()
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: pubID, Title: "河西通讯", Lang: "zh-CN", TimeZone: "Asia/Shanghai"}); err != nil {
		b.Fatal(err)
	}
	// Ingested after every issue's date, as an archive is.
	c := &clock{t: time.Date(2100, 1, 1, 0, 0, 0, 0, time.UTC)}
	db.Now = c.Now
	for n := range articles / 10 {
		c.Advance(time.Minute)
		if _, err := db.Ingest(ctx, pubID, scaleIssue(n)); err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Analyze(ctx); err != nil {
		b.Fatal(err)
	}
	b.Logf("built a store of %d articles at %s in %v", articles, dsn, time.Since(start).Round(time.Millisecond))
}

// withSearchPath returns the PostgreSQL DSN dsn with its search_path set
// to schema.
func withSearchPath(b *testing.B, dsn, schema string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		u, err := url.Parse(dsn)
		if err != nil {
			b.Fatal(err)
		}
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	}
	return dsn + " search_path=" + schema
}

// BenchmarkScale measures the reads of a server rendering on request, on
// a store of BULLETINFEED_BENCH_ARTICLES articles (10 per weekly issue, 20
// sections) on each backend:
//
//	BULLETINFEED_BENCH_ARTICLES=100000 go test ./store -run '^$' -bench BenchmarkScale -benchtime 2s
//
// Targets at 100,000: a page or an article well under 5 ms, ChannelStates
// under 50 ms.
func BenchmarkScale(b *testing.B) {
	articles := scaleArticles(b)
	const page = 50
	for _, be := range backends() {
		b.Run(fmt.Sprintf("%s/%d", be.name, articles), func(b *testing.B) {
			ctx := context.Background()
			dsn := scaleStore(b, be, articles)
			db, err := store.OpenExisting(ctx, dsn, nil)
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			var all []bulletinfeed.ArticleVersion
			for after := ""; ; {
				vs, err := db.ArticleVersions(ctx, pubID, after, 1000)
				if err != nil {
					b.Fatal(err)
				}
				all = append(all, vs...)
				if len(vs) < 1000 {
					break
				}
				after = vs[len(vs)-1].ID
			}
			if len(all) != articles {
				b.Fatalf("store has %d articles, want %d", len(all), articles)
			}
			r := rand.New(rand.NewPCG(1, 2))
			randomID := func() string { return all[r.IntN(len(all))].ID }
			pages := int64(articles / page)
			section := "min-sheng"
			sectionPages := int64(articles / len(scaleSections) / page)
			issues := int64(articles / 10)

			archive := func(slug string, p int64, want int) func(b *testing.B) {
				return func(b *testing.B) {
					for b.Loop() {
						got, err := db.ArchiveArticles(ctx, pubID, slug, (p-1)*page+1, p*page)
						if err != nil || len(got) != want {
							b.Fatalf("ArchiveArticles(%q, page %d) = %d articles, %v; want %d", slug, p, len(got), err, want)
						}
					}
				}
			}
			b.Run("ArchiveArticles/all/first", archive("", 1, page))
			b.Run("ArchiveArticles/all/middle", archive("", pages/2+1, page))
			b.Run("ArchiveArticles/all/last", archive("", pages, page))
			if sectionPages > 0 {
				b.Run("ArchiveArticles/section/first", archive(section, 1, page))
				b.Run("ArchiveArticles/section/last", archive(section, sectionPages, page))
			}
			b.Run("ChannelStates", func(b *testing.B) {
				for b.Loop() {
					if got, err := db.ChannelStates(ctx, pubID); err != nil || len(got) != len(scaleSections)+1 || got[0].Articles != articles {
						b.Fatalf("ChannelStates = %d states, %v", len(got), err)
					}
				}
			})
			rangeStates := func(slug string, want int) func(b *testing.B) {
				return func(b *testing.B) {
					for b.Loop() {
						if got, err := db.RangeStates(ctx, pubID, slug, page); err != nil || len(got) != want {
							b.Fatalf("RangeStates(%q) = %d ranges, %v; want %d", slug, len(got), err, want)
						}
					}
				}
			}
			b.Run("RangeStates/all", rangeStates("", int(pages)))
			b.Run("RangeStates/section", rangeStates(section, int((int64(articles/len(scaleSections))+page-1)/page)))
			b.Run("RangeState/all/middle", func(b *testing.B) {
				first := pages / 2 * page
				for b.Loop() {
					if got, err := db.RangeState(ctx, pubID, "", first+1, first+page); err != nil || got.Articles != page {
						b.Fatalf("RangeState = %+v, %v", got, err)
					}
				}
			})
			b.Run("ArticleVersion", func(b *testing.B) {
				for b.Loop() {
					if _, err := db.ArticleVersion(ctx, pubID, randomID()); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("PublicationArticle", func(b *testing.B) {
				for b.Loop() {
					if a, iss, err := db.PublicationArticle(ctx, pubID, randomID()); err != nil || len(a.Blocks) == 0 || len(iss.Articles) != 10 {
						b.Fatalf("PublicationArticle = %v, %v, %v", a, iss, err)
					}
				}
			})
			b.Run("ArticleVersions/walk-1000", func(b *testing.B) {
				for b.Loop() {
					n := 0
					for after := ""; ; {
						vs, err := db.ArticleVersions(ctx, pubID, after, 1000)
						if err != nil {
							b.Fatal(err)
						}
						n += len(vs)
						if len(vs) < 1000 {
							break
						}
						after = vs[len(vs)-1].ID
					}
					if n != articles {
						b.Fatalf("walked %d articles, want %d", n, articles)
					}
				}
			})
			issuePage := min(int64(page), issues)
			b.Run("IssuesInRange/middle", func(b *testing.B) {
				first := issues/2 - issuePage/2 + 1
				for b.Loop() {
					if got, err := db.IssuesInRange(ctx, pubID, first, first+issuePage-1); err != nil || int64(len(got)) != issuePage {
						b.Fatalf("IssuesInRange = %d issues, %v; want %d", len(got), err, issuePage)
					}
				}
			})
			b.Run("IssueState", func(b *testing.B) {
				for b.Loop() {
					if got, err := db.IssueState(ctx, pubID); err != nil || int64(got.Articles) != issues {
						b.Fatalf("IssueState = %+v, %v", got, err)
					}
				}
			})
			b.Run("IssueRangeState", func(b *testing.B) {
				for b.Loop() {
					if got, err := db.IssueRangeState(ctx, pubID, 1, issuePage); err != nil || int64(got.Articles) != issuePage {
						b.Fatalf("IssueRangeState = %+v, %v", got, err)
					}
				}
			})
			b.Run("Issues/50", func(b *testing.B) {
				for b.Loop() {
					if got, err := db.Issues(ctx, pubID, int(issuePage)); err != nil || int64(len(got)) != issuePage {
						b.Fatalf("Issues = %d, %v", len(got), err)
					}
				}
			})
			latest := func(slug string) func(b *testing.B) {
				return func(b *testing.B) {
					for b.Loop() {
						if got, err := db.LatestArticles(ctx, pubID, slug, page); err != nil || len(got) != page {
							b.Fatalf("LatestArticles(%q) = %d, %v", slug, len(got), err)
						}
					}
				}
			}
			b.Run("LatestArticles/all", latest(""))
			b.Run("LatestArticles/section", latest(section))
			b.Run("SectionCounts", func(b *testing.B) {
				for b.Loop() {
					if got, err := db.SectionCounts(ctx, pubID); err != nil || len(got) != len(scaleSections) {
						b.Fatalf("SectionCounts = %d, %v", len(got), err)
					}
				}
			})
		})
	}
}
