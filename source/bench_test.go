package source_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// BenchmarkParseReference parses the reference issue; b.SetBytes makes
// the MB/s figure the input throughput on one core.
func BenchmarkParseReference(b *testing.B) {
	raw := mustRead(b, referenceIssue)
	opts := source.Options{Banners: referenceBanners}
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := source.Parse(context.Background(), bytes.NewReader(raw), "hexi-2023-04.txt", opts); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkParsePDF parses the two-column reference PDF end to end, as
// ingest does: pdftohtml included. pages/s is the figure to watch (the
// target is 20 on one core).
func BenchmarkParsePDF(b *testing.B) {
	requirePoppler(b)
	raw := mustRead(b, referencePDF2)
	opts := source.Options{Banners: referenceBanners}
	const pages = 4
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := source.Parse(context.Background(), bytes.NewReader(raw), "hexi-2023-04.pdf", opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*pages)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkParseRealCorpus parses every real PDF of ../shared/testdata/real
// with a text layer, end to end (pdftohtml included); pages/s is over the
// whole corpus, one issue after another.
func BenchmarkParseRealCorpus(b *testing.B) {
	requirePoppler(b)
	paths, _ := filepath.Glob(filepath.Join(realCorpus, "*.pdf"))
	type issue struct {
		name  string
		raw   []byte
		pages int
	}
	var issues []issue
	total := 0
	for _, p := range paths {
		if strings.HasSuffix(p, "-scan.pdf") {
			continue
		}
		raw := mustRead(b, p)
		t, err := source.ExtractPDF(context.Background(), p, raw, source.Options{})
		if err != nil {
			b.Fatal(err)
		}
		issues = append(issues, issue{filepath.Base(p), raw, t.Pages})
		total += t.Pages
	}
	if len(issues) == 0 {
		b.Skip("no real corpus beside the clone")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, is := range issues {
			if _, err := source.Parse(context.Background(), bytes.NewReader(is.raw), is.name, source.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*total)/b.Elapsed().Seconds(), "pages/s")
}

// BenchmarkParseLongPDF parses a made-up issue of 400 pages (the page
// limit), each with a running head, a page number, two headings and 60
// lines of text in two columns, through a fake extractor: the cost of the
// layout and the typography alone, which must stay linear in the pages.
func BenchmarkParseLongPDF(b *testing.B) {
	const pages = 400
	var lines [][]string
	for p := 0; p < pages; p++ {
		page := []string{"0|20|50|Parish News, Spring 2024", fmt.Sprintf("0|810|290|%d", p+1)}
		for a := 0; a < 2; a++ {
			top := 80 + a*360
			page = append(page, fmt.Sprintf("1|%d|50|News item %d of page %d", top, a, p))
			for l := 0; l < 15; l++ {
				y := top + 30 + l*13
				page = append(page, fmt.Sprintf("0|%d|50|The committee met on Monday and agreed the plans for", y), fmt.Sprintf("0|%d|310|the summer fair, which will be held on the green again.", y))
			}
		}
		lines = append(lines, page)
	}
	xml := xmlPages(lines...)
	opts := source.Options{PDF: staticXML(xml)}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := source.Parse(context.Background(), bytes.NewReader(minimalPDF), "long.pdf", opts); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*pages)/b.Elapsed().Seconds(), "pages/s")
}
