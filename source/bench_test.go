package source_test

import (
	"bytes"
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
// ingest does: pdftotext included. pages/s is the figure to watch (the
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
