package feed

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// A cached page keeps only its gzip bytes: it counts about a quarter of
// what plain and gzip together did, and a client without gzip still gets
// the exact plain bytes.
func TestCachedPageKeepsGzipOnly(t *testing.T) {
	text, err := os.ReadFile("../../shared/testdata/hexi-2023-04.txt")
	if err != nil {
		t.Skip(err)
	}
	// An article page's HTML is about the size of its text plus the page
	// around it; the reference issue stands in for a long article.
	body := append([]byte("<!DOCTYPE html><html lang=\"zh-CN\"><body><article>"), text[:12000]...)
	body = append(body, "</article></body></html>"...)
	res := newPageResource("/articles/{id}", "text/html; charset=utf-8", body, time.Now(), nil, "tag")
	both := res.size()
	res.keepGzipOnly()
	gzOnly := res.size()
	if !bytes.Equal(res.plain(), body) {
		t.Fatal("the plain body inflated from the gzip one differs")
	}
	if gzOnly*2 > both {
		t.Errorf("a cached page counts %d bytes with gzip only, %d with both: want less than half", gzOnly, both)
	}
	t.Logf("a %d-byte page: %d bytes cached with both bodies, %d with gzip only", len(body), both, gzOnly)
}
