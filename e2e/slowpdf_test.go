//go:build e2e

package e2e

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSlowPDFsDoNotHoldTheInbox: two PDFs of 150 KB whose one 30 MB
// content stream is shared by 300 pages (pdftohtml would write gigabytes
// from each, and is stopped at its output limit after seconds) are
// dropped into an inbox with a text issue whose name sorts after them.
// The text issue is served within a few seconds: a pass takes text files
// before PDFs. (Behind the two PDFs it waited for both.)
func TestSlowPDFsDoNotHoldTheInbox(t *testing.T) {
	h := newHarness(t, 3*time.Minute)
	conf, db, inbox := h.inboxSite("")
	s := h.startServe("serve", db, "--config", conf)

	evil := expandingPDF(300, 30<<20)
	for _, name := range []string{"a-evil-1.pdf", "a-evil-2.pdf"} {
		if err := os.WriteFile(filepath.Join(inbox, name), evil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	good := h.writeIssues(filepath.Join(h.dir, "good"), 7)[0]
	if err := os.Rename(good.path, filepath.Join(inbox, "z-"+filepath.Base(good.path))); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	took, ok, detail := h.eventually(60*time.Second, 100*time.Millisecond, func() (bool, string) {
		r, err := h.get(s.base + "/feeds/all.atom")
		if err != nil {
			return false, err.Error()
		}
		return hasTitle(r.body, good.title), r.String()
	})
	if !ok {
		t.Fatalf("the text issue was not served within %v: %s", took, detail)
	}
	t.Logf("the text issue dropped beside two expanding PDFs was served %v after the drop", time.Since(start).Round(time.Millisecond))
	if took > 4*time.Second {
		t.Errorf("the text issue waited %v behind the PDFs", took.Round(time.Millisecond))
	}
	// The PDFs end in failed/ with their reason, each within its limits.
	took, ok, _ = h.eventually(90*time.Second, 200*time.Millisecond, func() (bool, string) {
		n, _ := filepath.Glob(filepath.Join(inbox, "failed", "a-evil-*.pdf.error"))
		return len(n) == 2, ""
	})
	if !ok {
		t.Errorf("the expanding PDFs were not refused within %v:\n%s", took, tail(s.stderr.String(), 20))
	} else {
		reason, _ := os.ReadFile(filepath.Join(inbox, "failed", "a-evil-1.pdf.error"))
		t.Logf("both PDFs refused %v after the drop: %s", time.Since(start).Round(time.Millisecond), strings.TrimSpace(string(reason)))
	}
	s.terminate(10 * time.Second)
}

// expandingPDF is a small PDF whose pages all draw one content stream of
// about size bytes, which compresses to a few hundred kilobytes.
func expandingPDF(pages, size int) []byte {
	line := "BT /F1 9 Tf 20 700 Td (A bulletin line that repeats and repeats to fill the page.) Tj ET\n"
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write([]byte(strings.Repeat(line, size/len(line))))
	w.Close()
	var b bytes.Buffer
	var offs []int
	obj := func(s string) { offs = append(offs, b.Len()); fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offs), s) }
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	kids := make([]string, pages)
	for i := range kids {
		kids[i] = fmt.Sprintf("%d 0 R", 5+i)
	}
	obj(fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), pages))
	obj("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
	offs = append(offs, b.Len())
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d /Filter /FlateDecode >>\nstream\n", z.Len())
	b.Write(z.Bytes())
	b.WriteString("\nendstream\nendobj\n")
	for range pages {
		obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>")
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, xref)
	return b.Bytes()
}
