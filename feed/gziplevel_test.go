package feed

import (
	"compress/gzip"
	"fmt"
	"net/http/httptest"
	"os"
	"testing"
)

// BenchmarkPageGzipLevel compresses a real article page, from a site of
// the reference issue, at the levels a page miss may use: the bytes it
// keeps in the cache against the time of the miss.
func BenchmarkPageGzipLevel(b *testing.B) {
	text, err := os.ReadFile("../../shared/testdata/hexi-2023-04.txt")
	if err != nil {
		b.Skip(err)
	}
	rec := httptest.NewRecorder()
	rec.WriteString("<!DOCTYPE html><html lang=\"zh-CN\"><body><article>")
	rec.Write(text[:12000])
	rec.WriteString("</article></body></html>")
	body := rec.Body.Bytes()
	for _, level := range []int{gzip.BestSpeed, 6, gzip.BestCompression} {
		b.Run(fmt.Sprintf("level-%d", level), func(b *testing.B) {
			var n int
			for range b.N {
				n = len(gzipBody(body, level))
			}
			b.ReportMetric(float64(n), "gzip-bytes")
			b.ReportMetric(float64(len(body)), "plain-bytes")
		})
	}
}
