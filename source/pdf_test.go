package source_test

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/source"
)

const referencePDF2 = "../../shared/testdata/hexi-2023-04.pdf"
const referencePDF3 = "../../shared/testdata/hexi-2023-04-3col.pdf"

func TestReferencePDFMatchesGold(t *testing.T) {
	for _, path := range []string{referencePDF2, referencePDF3} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			requirePdftotext(t)
			iss, err := source.ParseFile(path, source.Options{Banners: referenceBanners})
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

// requirePdftotext skips a test that needs poppler's pdftotext where it is
// not installed; .ci/run installs it.
func requirePdftotext(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed (Debian: apt-get install poppler-utils poppler-data)")
	}
}
