package feed_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// The benchmarks at scale read a fake store of benchIssues() issues of
// ten articles in twenty sections: 100,000 articles by default, set by
// BULLETINFEED_BENCH_ISSUES.
//
//	go test ./feed -run '^$' -bench Scale -benchtime 20x
func benchIssues() int {
	if n, err := strconv.Atoi(os.Getenv("BULLETINFEED_BENCH_ISSUES")); err == nil && n > 0 {
		return n
	}
	return 10_000
}

const (
	scaleSections = 20
	scaleArticles = 10 // a issue
)

// scaleBlocks are the body every generated article shares: three
// paragraphs of a district bulletin.
var scaleBlocks = []bulletinfeed.Block{
	para("日前,区委常委会扩大会议暨十项行动工作推动会议召开,全面贯彻党的二十大精神,紧扣中央决策部署和市委、市政府“十项行动”,科学研判、统筹协调、系统推进。"),
	para("会议指出,今年以来,全区上下认真贯彻落实中央精神和市委部署要求,锚定建设经济强区、打造品质之城目标任务,以只争朝夕的精神状态推进各项行动有序开展。"),
	subhead("打造城市商业新地标"),
	para("项目总建筑面积约25万平方米,集购物、餐饮、娱乐于一体,开业在即,近日,本刊走进现场,一探究竟。"),
}

// scaleIssue returns the i-th generated issue, one a day from 1995.
func scaleIssue(i int) *bulletinfeed.Issue {
	d := time.Date(1995, 1, 1, 0, 0, 0, 0, shanghai).AddDate(0, 0, i).UTC()
	key := fmt.Sprintf("n%05d", i)
	iss := &bulletinfeed.Issue{Key: key, Title: "河西报道 第" + strconv.Itoa(i) + "期", Date: d, PublicationID: "hexi", UpdatedAt: d, IngestedAt: d}
	for j := 0; j < scaleArticles; j++ {
		sec := (i*scaleArticles + j) % scaleSections
		title := fmt.Sprintf("第%d期第%d篇 河西区持续改善区域水环境质量", i, j)
		iss.Articles = append(iss.Articles, &bulletinfeed.Article{
			ID: fmt.Sprintf("%s-%02d", key, j), IssueKey: key, Position: j,
			Section: fmt.Sprintf("栏目%02d", sec), SectionSlug: fmt.Sprintf("s%02d", sec),
			Headings: []string{title}, Title: title, Bylines: []bulletinfeed.Byline{by("通讯员", "赵钰真")},
			Blocks: scaleBlocks, Published: d, Updated: d,
		})
	}
	return iss
}

var scale struct {
	once sync.Once
	m    *memory
	next int
}

// scaleStore returns the store of the benchmarks, made once: later
// benchmarks see the issues earlier ones added.
func scaleStore(b *testing.B) (*memory, *fakeStore) {
	scale.once.Do(func() {
		n := benchIssues()
		issues := make([]*bulletinfeed.Issue, n)
		for i := range issues {
			issues[i] = scaleIssue(n - 1 - i)
		}
		scale.m = &memory{}
		scale.m.set(fixturePublication(), issues)
		scale.next = n
	})
	return scale.m, newFakeStore(scale.m)
}

// addScaleIssue ingests the next issue.
func addScaleIssue() {
	scale.m.add("hexi", scaleIssue(scale.next))
	scale.next++
}

func scaleConfig() feed.Config {
	return feed.Config{PublicationID: "hexi", BaseURL: baseURL, Now: func() time.Time { return time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC) }}
}

func BenchmarkScaleFirstRefresh(b *testing.B) {
	_, st := scaleStore(b)
	b.ReportAllocs()
	var srv *feed.Handler
	for b.Loop() {
		srv = feed.NewHandler(st, scaleConfig())
		if err := srv.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	// What a server holds: the heap it adds to the store's.
	srv = nil
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	srv = feed.NewHandler(st, scaleConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(int64(after.HeapAlloc)-int64(before.HeapAlloc))/(1<<20), "server-heap-MiB")
	runtime.KeepAlive(srv)
}

func BenchmarkScaleRefreshAfterIssue(b *testing.B) {
	_, st := scaleStore(b)
	srv := feed.NewHandler(st, scaleConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		addScaleIssue()
		b.StartTimer()
		if err := srv.Refresh(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(srv.Site().Rendered())), "rendered/op")
}

// benchServe answers requests for paths, one an iteration, in turn.
func benchServe(b *testing.B, srv *feed.Handler, paths []string, hdr http.Header, want int) {
	reqs := make([]*http.Request, len(paths))
	for i, p := range paths {
		reqs[i] = httptest.NewRequest("GET", p, nil)
		reqs[i].Header = hdr
	}
	w := &statusWriter{h: http.Header{}}
	srv.ServeHTTP(w, reqs[0]) // a first miss, outside the timing
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		srv.ServeHTTP(w, reqs[i%len(reqs)])
		if w.status != want {
			b.Fatalf("%s: status %d, want %d", paths[i%len(paths)], w.status, want)
		}
	}
}

// statusWriter is a ResponseWriter that keeps the status and one header
// map, as net/http does per connection.
type statusWriter struct {
	h      http.Header
	status int
}

func (w *statusWriter) Header() http.Header         { return w.h }
func (w *statusWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *statusWriter) WriteHeader(s int)           { w.status = s }

// scaleArticlePaths returns the pages of n articles spread over the
// archive.
func scaleArticlePaths(n int) []string {
	var out []string
	for i := 0; i < n; i++ {
		out = append(out, fmt.Sprintf("/articles/n%05d-%02d", (i*7919)%benchIssues(), i%scaleArticles))
	}
	return out
}

func scaleServer(b *testing.B, cacheBytes int64) *feed.Handler {
	_, st := scaleStore(b)
	cfg := scaleConfig()
	cfg.CacheBytes = cacheBytes
	srv := feed.NewHandler(st, cfg)
	if err := srv.Refresh(context.Background()); err != nil {
		b.Fatal(err)
	}
	return srv
}

// BenchmarkScaleColdArticleMiss renders an article page from the store
// at every request: no cache.
func BenchmarkScaleColdArticleMiss(b *testing.B) {
	benchServe(b, scaleServer(b, -1), scaleArticlePaths(1000), http.Header{"Accept-Encoding": {"gzip"}}, 200)
}

// BenchmarkScaleColdArticleHit serves an article page from the cache.
func BenchmarkScaleColdArticleHit(b *testing.B) {
	benchServe(b, scaleServer(b, 0), scaleArticlePaths(1), http.Header{"Accept-Encoding": {"gzip"}}, 200)
}

// BenchmarkScaleColdArticle304 answers a conditional request for an
// article page, which reads its version only.
func BenchmarkScaleColdArticle304(b *testing.B) {
	srv := scaleServer(b, -1)
	path := scaleArticlePaths(1)[0]
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	benchServe(b, srv, []string{path}, http.Header{"If-None-Match": {rec.Header().Get("ETag")}}, 304)
}

// BenchmarkScaleColdArchivePageMiss renders an archive page of the
// all-sections feed from the store at every request.
func BenchmarkScaleColdArchivePageMiss(b *testing.B) {
	var paths []string
	for i := 1; i <= 100; i++ {
		paths = append(paths, fmt.Sprintf("/feeds/all/archive/%d.atom", i*17))
	}
	benchServe(b, scaleServer(b, -1), paths, http.Header{"Accept-Encoding": {"gzip"}}, 200)
}

// BenchmarkScaleRebuildAfterIssue renders and writes a static build after
// one more issue, over the build before.
func BenchmarkScaleRebuildAfterIssue(b *testing.B) {
	_, st := scaleStore(b)
	dir := b.TempDir()
	start := time.Now()
	site, err := feed.Render(context.Background(), st, scaleConfig())
	if err != nil {
		b.Fatal(err)
	}
	first, err := site.WriteDir(context.Background(), dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("first build: %+v in %v", first, time.Since(start))
	b.ReportAllocs()
	b.ResetTimer()
	var res feed.BuildResult
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		addScaleIssue()
		b.StartTimer()
		site, err := feed.Render(context.Background(), st, scaleConfig())
		if err != nil {
			b.Fatal(err)
		}
		if res, err = site.WriteDir(context.Background(), dir); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(res.Written), "written/op")
	b.ReportMetric(float64(res.Rendered), "rendered/op")
}
