package source_test

import (
	"bytes"
	"context"
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
		if _, err := source.Parse(bytes.NewReader(raw), "hexi-2023-04.txt", opts); err != nil {
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
		if _, err := source.Parse(bytes.NewReader(raw), "hexi-2023-04.pdf", opts); err != nil {
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
			if _, err := source.Parse(bytes.NewReader(is.raw), is.name, source.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*total)/b.Elapsed().Seconds(), "pages/s")
}
