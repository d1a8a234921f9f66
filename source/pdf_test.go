package source_test

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"time"

	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"

	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/source/poppler"
)

const referencePDF2 = "../../shared/testdata/hexi-2023-04.pdf"
const referencePDF3 = "../../shared/testdata/hexi-2023-04-3col.pdf"

func TestReferencePDFMatchesGold(t *testing.T) {
	for _, path := range []string{referencePDF2, referencePDF3} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			requirePoppler(t)
			iss, err := source.ParseFile(context.Background(), path, source.Options{Banners: referenceBanners})
			if err != nil {
				t.Fatal(err)
			}
			compareArticles(t, iss.Articles, readGold(t, strings.TrimSuffix(referenceIssue, ".txt")+".gold.json"))
			if iss.Key != strings.TrimSuffix(filepath.Base(path), ".pdf") {
				t.Errorf("key %q", iss.Key)
			}
			if path == referencePDF2 && iss.Date.Format("2006-01-02") != "2023-04-01" {
				t.Errorf("date %v, want 2023-04-01 from the file name", iss.Date)
			}
			if t.Failed() {
				raw := mustRead(t, path)
				txt, _ := source.ExtractPDF(context.Background(), path, raw, source.Options{})
				if txt != nil {
					t.Logf("recovered text:\n%s", txt)
				}
			}
		})
	}
}

// requirePoppler skips a test that needs poppler's pdftohtml where it is
// not installed; .ci/run installs it.
func requirePoppler(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		t.Skip("pdftohtml is not installed (Debian: apt-get install poppler-utils poppler-data)")
	}
}

// ownPDFs are the PDFs that testdata/pdf/make.py typesets, each with its
// expected parse NAME.gold.json.
var ownPDFs = []string{
	"xinyuan-2024-03-1col.pdf", // one column, running head and page numbers, paragraphs across a page
	"xinyuan-2024-03-2col.pdf", // a title over both columns, wrapped titles, paragraphs across columns and a page
	"xinyuan-2024-03-3col.pdf", // three narrow columns: titles wrapped over two and three lines
	"parish-2024-spring.pdf",   // English in two columns, hyphenated line ends
	// No credit lines: bold headings and a letter signed at its end
	// (English), headings set larger and a signature after ～ (Chinese).
	// Their golds are written by make.py from what it typesets.
	"harbourside-2024-summer-nocredits.pdf",
	"binjiang-jianbao-2024-06.pdf",
	// A band turned sideways down every page, banners in one face and
	// place (one printed twice, two once), a title in two halves, a
	// prayer list's parts named before a colon, a sidebar of names.
	"stmarks-messenger-2024-advent.pdf",
	// Its Chinese counterpart: a band on every page, a title broken over
	// two sizes, a notices box under its own label, a prayer list, a
	// title in two halves, a sidebar of the deacons' names.
	"enguang-zhoukan-2025-01-05.pdf",
}

func TestOwnPDFsMatchGold(t *testing.T) {
	requirePoppler(t)
	for _, name := range ownPDFs {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", "pdf", name)
			iss, err := source.ParseFile(context.Background(), path, source.Options{})
			if err != nil {
				t.Fatal(err)
			}
			gold := strings.TrimSuffix(path, ".pdf") + ".gold.json"
			// A gold make.py writes from what it typesets is never
			// rewritten from the parse.
			if *update && !strings.Contains(name, "nocredits") && !strings.Contains(name, "jianbao") && !strings.Contains(name, "messenger") && !strings.Contains(name, "zhoukan") {
				b, _ := json.MarshalIndent(goldFile{Articles: stripStoreFields(iss.Articles)}, "", "  ")
				if err := os.WriteFile(gold, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			compareArticles(t, iss.Articles, readGold(t, gold))
		})
	}
}

func TestPDFErrors(t *testing.T) {
	requirePoppler(t)
	truncated := mustRead(t, referencePDF2)
	truncated = truncated[:len(truncated)/2]
	tests := []struct {
		name string
		raw  []byte
		want string
	}{
		{"scan", mustRead(t, "testdata/pdf/scan.pdf"), "no text layer: scanned PDFs need OCR, which bulletinfeed does not do"},
		{"encrypted", mustRead(t, "testdata/pdf/encrypted.pdf"), "encrypted PDF"},
		{"truncated", truncated, "truncated PDF"},
		{"garbage", []byte("%PDF-1.4\nnothing here\n%%EOF\n"), "pdftohtml cannot read the PDF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := source.Parse(context.Background(), bytes.NewReader(tc.raw), tc.name+".pdf", source.Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), tc.name+".pdf") {
				t.Fatalf("got %v, want an error naming the file and saying %q", err, tc.want)
			}
			if k := bulletinfeed.KindOf(err); k != bulletinfeed.Invalid {
				t.Errorf("kind %s, want invalid", k)
			}
		})
	}
}

// fakeExtractor stands in for pdftohtml.
type fakeExtractor struct {
	layout func(ctx context.Context, pdf []byte) ([]byte, error)
}

var _ source.PDFExtractor = (*fakeExtractor)(nil)

func (f *fakeExtractor) XMLLayout(ctx context.Context, pdf []byte) ([]byte, error) {
	return f.layout(ctx, pdf)
}

func TestPDFTimeout(t *testing.T) {
	// A pdftohtml that hangs: the run is killed at the timeout and the
	// error says so.
	dir := t.TempDir()
	slow := filepath.Join(dir, "pdftohtml")
	if err := os.WriteFile(slow, []byte("#!/bin/sh\nexec sleep 30\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err := source.Parse(context.Background(), bytes.NewReader(minimalPDF), "slow.pdf", source.Options{PDF: poppler.Pdftohtml{Path: slow, Timeout: 200 * time.Millisecond}})
	if err == nil || !strings.Contains(err.Error(), "pdftohtml timed out after 200ms") || !strings.Contains(err.Error(), "slow.pdf") {
		t.Fatalf("got %v, want a timeout naming the file", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestPDFMissingPdftohtml(t *testing.T) {
	_, err := source.Parse(context.Background(), bytes.NewReader(minimalPDF), "a.pdf", source.Options{PDF: poppler.Pdftohtml{Path: "/nonexistent/pdftohtml"}})
	if err == nil || !strings.Contains(err.Error(), "pdftohtml") || !strings.Contains(err.Error(), "poppler-utils") {
		t.Fatalf("got %v, want an error naming pdftohtml and its package", err)
	}
}

func TestPDFOutputLimit(t *testing.T) {
	requirePoppler(t)
	_, err := source.ParseFile(context.Background(), referencePDF2, source.Options{PDF: poppler.Pdftohtml{MaxOutput: 1000}})
	if err == nil || !strings.Contains(err.Error(), "larger than the limit of 1000 bytes") {
		t.Fatalf("got %v", err)
	}
}

// TestPDFManyPages runs the layout over a 200-page extraction (the
// reference pages again and again) and one over the page limit.
func TestPDFManyPages(t *testing.T) {
	requirePoppler(t)
	out, err := poppler.Pdftohtml{}.XMLLayout(context.Background(), mustRead(t, referencePDF2))
	if err != nil {
		t.Fatal(err)
	}
	i, j := bytes.Index(out, []byte("<page ")), bytes.LastIndex(out, []byte("</page>"))+len("</page>")
	pages := func(n int) []byte {
		var b bytes.Buffer
		b.Write(out[:i])
		for k := 0; k < n/4; k++ {
			b.Write(out[i:j])
		}
		b.Write(out[j:])
		return b.Bytes()
	}
	fake := func(n int) source.Options {
		return source.Options{Banners: referenceBanners, PDF: &fakeExtractor{layout: func(context.Context, []byte) ([]byte, error) { return pages(n), nil }}}
	}
	iss, err := source.Parse(context.Background(), bytes.NewReader(minimalPDF), "big.pdf", fake(200))
	if err != nil {
		t.Fatal(err)
	}
	if len(iss.Articles) < 100 {
		t.Errorf("%d articles", len(iss.Articles))
	}
	_, err = source.Parse(context.Background(), bytes.NewReader(minimalPDF), "huge.pdf", fake(source.DefaultPDFMaxPages+4))
	if err == nil || !strings.Contains(err.Error(), "more than the limit") {
		t.Fatalf("got %v", err)
	}
}

var minimalPDF = []byte("%PDF-1.4\n%%EOF\n")
