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
