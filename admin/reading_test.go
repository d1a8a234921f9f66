package admin_test

import (
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestPreviewPages: the preview of a PDF shows each page's picture, the
// articles that begin on it and its lines with their roles and why; a
// picture is a PNG the browser may keep, since an upload never changes,
// and a page the PDF has not is 404.
func TestPreviewPages(t *testing.T) {
	for _, prog := range []string{"pdftohtml", "pdftoppm"} {
		if _, err := exec.LookPath(prog); err != nil {
			t.Skipf("%s is not installed (Debian: apt-get install poppler-utils poppler-data)", prog)
		}
	}
	pdf, err := os.ReadFile("../../shared/testdata/hexi-2023-04.pdf")
	if err != nil {
		t.Fatal(err)
	}
	c := newConsole(t, filepath.Join(t.TempDir(), "bulletinfeed.db"), nil)
	cl := c.client()
	tok := cl.login("clerk")
	resp, body := cl.upload("hexi", "hexi-2023-04.pdf", pdf, tok)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("upload: %s\n%s", resp.Status, body)
	}
	preview := resp.Header.Get("Location")
	resp, body = cl.get(preview)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("preview: %s\n%s", resp.Status, body)
	}
	if n := strings.Count(body, `<section class="page"`); n != 4 {
		t.Errorf("preview shows %d pages, want 4", n)
	}
	for _, want := range []string{`<img src="` + preview + `/pages/1"`, "<td class=\"nw\">heading</td>", "larger than the body text", "河西区持续改善区域水环境质量</li>"} {
		if !strings.Contains(body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	resp, img := cl.get(preview + "/pages/2")
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/png" || !strings.HasPrefix(img, "\x89PNG") {
		t.Fatalf("page 2: %s %q, %d bytes", resp.Status, resp.Header.Get("Content-Type"), len(img))
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "max-age") || strings.Contains(cc, "no-store") {
		t.Errorf("page 2: Cache-Control %q, want one that keeps it", cc)
	}
	resp, _ = cl.get(preview + "/pages/9")
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("page 9 of 4: %s, want 404", resp.Status)
	}
	// Another editor's publication: refused before any program runs.
	other := c.client()
	other.login("teacher")
	if resp, _ := other.get(preview + "/pages/1"); resp.StatusCode != http.StatusForbidden {
		t.Errorf("teacher asks for hexi's page: %s, want 403", resp.Status)
	}
}
