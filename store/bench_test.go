package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

var benchSections = []string{"", "要闻", "民生", "文化", "社区风采"}

// benchIssue generates issue n of a daily bulletin with arts articles
// spread over the sections, each with three paragraphs.
func benchIssue(n, arts int) *bulletinfeed.Issue {
	date := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, n)
	iss := &bulletinfeed.Issue{Key: date.Format("2006-01-02"), Date: date, SourceName: "gen.txt"}
	for i := range arts {
		title := fmt.Sprintf("第%d期第%d篇", n, i)
		a := article(benchSections[i%len(benchSections)], title, para(title+"甲"), para(title+"乙"), para(title+"丙"))
		a.Headings = []string{"眉题", title}
		iss.Articles = append(iss.Articles, a)
	}
	return iss
}

// BenchmarkIngest ingests 1,000 generated issues of 10 articles into a
// new SQLite store per op. Target: at least 200 issues/s.
func BenchmarkIngest(b *testing.B) {
	const issues, arts = 1000, 10
	in := make([]*bulletinfeed.Issue, issues)
	for i := range in {
		in[i] = benchIssue(i, arts)
	}
	var elapsed time.Duration
	for b.Loop() {
		b.StopTimer()
		db := mustOpen(b, backends()[0].dsn(b), nil)
		b.StartTimer()
		start := time.Now()
		for _, iss := range in {
			if _, err := db.Ingest(context.Background(), pubID, iss); err != nil {
				b.Fatal(err)
			}
		}
		elapsed += time.Since(start)
		b.StopTimer()
		db.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(issues*b.N)/elapsed.Seconds(), "issues/s")
}

// BenchmarkLatestArticles reads the 50 newest articles of one section, the
// query behind a section feed, from stores of 1,000 and 100,000 articles.
// Target: the second within 2x of the first.
func BenchmarkLatestArticles(b *testing.B) {
	for _, be := range backends() {
		for _, total := range []int{1_000, 100_000} {
			b.Run(fmt.Sprintf("%s/%d", be.name, total), func(b *testing.B) {
				ctx := context.Background()
				dsn := be.dsn(b)
				db := mustOpen(b, dsn, nil)
				const arts = 50
				for i := range total / arts {
					if _, err := db.Ingest(ctx, pubID, benchIssue(i, arts)); err != nil {
						b.Fatal(err)
					}
				}
				// Read as a server started after the ingest does. Without
				// this the reads would be measured against whatever the
				// last ingests left in SQLite's write-ahead log, which
				// differs between the sizes by chance.
				db.Close()
				db = mustOpen(b, dsn, nil)
				for b.Loop() {
					got, err := db.LatestArticles(ctx, pubID, "yao-wen", 50)
					if err != nil {
						b.Fatal(err)
					}
					if len(got) != 50 {
						b.Fatalf("got %d articles, want 50", len(got))
					}
				}
			})
		}
	}
}

// BenchmarkSectionCounts lists the sections with their article counts, as
// an index page does after each change, beside Sections, from stores of
// 1,000 and 100,000 articles. The counts read every article of the
// publication (at 100,000 about 12 ms on SQLite and 60–100 ms on
// PostgreSQL, which scans the table); the order costs one probe per
// section, as in Sections.
func BenchmarkSectionCounts(b *testing.B) {
	for _, be := range backends() {
		for _, total := range []int{1_000, 100_000} {
			b.Run(fmt.Sprintf("%s/%d", be.name, total), func(b *testing.B) {
				ctx := context.Background()
				dsn := be.dsn(b)
				db := mustOpen(b, dsn, nil)
				const arts = 50
				for i := range total / arts {
					if _, err := db.Ingest(ctx, pubID, benchIssue(i, arts)); err != nil {
						b.Fatal(err)
					}
				}
				db.Close()
				db = mustOpen(b, dsn, nil)
				b.Run("SectionCounts", func(b *testing.B) {
					for b.Loop() {
						if got, err := db.SectionCounts(ctx, pubID); err != nil || len(got) != len(benchSections) {
							b.Fatalf("got %d sections (%v), want %d", len(got), err, len(benchSections))
						}
					}
				})
				b.Run("Sections", func(b *testing.B) {
					for b.Loop() {
						if got, err := db.Sections(ctx, pubID); err != nil || len(got) != len(benchSections) {
							b.Fatalf("got %d sections (%v), want %d", len(got), err, len(benchSections))
						}
					}
				})
			})
		}
	}
}
