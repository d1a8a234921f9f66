package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

const referencePDF = "../../../shared/testdata/hexi-2023-04.pdf"

func requirePoppler(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		t.Skip("pdftohtml is not installed (Debian: apt-get install poppler-utils poppler-data)")
	}
}

func TestParseCommandPDF(t *testing.T) {
	requirePoppler(t)
	code, out, errs := runCmd(t, "parse",
		"--section", "新时代新征程新伟业 以新担当新作为推动高质量发展",
		"--section", "十项行动 奋进新征程", referencePDF)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got, want struct {
		Articles []*bulletinfeed.Article `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	gold, err := os.ReadFile(strings.TrimSuffix(reference, ".txt") + ".gold.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(gold, &want); err != nil {
		t.Fatal(err)
	}
	g, _ := json.Marshal(got.Articles)
	w, _ := json.Marshal(want.Articles)
	if string(g) != string(w) {
		t.Errorf("parse of the PDF differs from the gold")
	}

	code, out, errs = runCmd(t, "parse", "--format", "text", referencePDF)
	if code != 0 || !strings.Contains(out, "heading") || !strings.Contains(out, "dropped (page number)") {
		t.Errorf("exit %d, outline without the recovered lines and roles:\n%s%s", code, out, errs)
	}
}

func TestExtractCommand(t *testing.T) {
	requirePoppler(t)
	code, out, errs := runCmd(t, "extract", referencePDF)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// The extracted text, saved, parses as the PDF does.
	path := filepath.Join(t.TempDir(), "hexi-2023-04.txt")
	if err := os.WriteFile(path, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	code, again, errs := runCmd(t, "parse", path)
	if code != 0 {
		t.Fatalf("parse of the extracted text: exit %d: %s", code, errs)
	}
	_, direct, _ := runCmd(t, "parse", referencePDF)
	if articlesOf(t, again) != articlesOf(t, direct) {
		t.Errorf("the extracted text parses to other articles than the PDF:\n%s\n%s", articlesOf(t, again), articlesOf(t, direct))
	}
	code, out, errs = runCmd(t, "extract", "--raw", referencePDF)
	if code != 0 || !strings.Contains(out, "河西区委常委会扩大会议暨十项行动工作推动会议召开\n\n扎实推动实施方案落地落实见行见效") {
		t.Errorf("extract --raw: exit %d, %s %.300s", code, errs, out)
	}

	code, _, errs = runCmd(t, "extract", reference)
	if code != 1 || !strings.Contains(errs, "not a PDF") || !strings.Contains(errs, "hexi-2023-04.txt") {
		t.Errorf("extract of a text file: exit %d, %q", code, errs)
	}
	code, _, errs = runCmd(t, "parse", "../../source/testdata/pdf/scan.pdf")
	if code != 1 || !strings.Contains(errs, "scan.pdf") || !strings.Contains(errs, "OCR") {
		t.Errorf("parse of a scan: exit %d, %q", code, errs)
	}
}

func TestIngestPDF(t *testing.T) {
	requirePoppler(t)
	in := t.TempDir()
	raw, err := os.ReadFile(referencePDF)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(in, "hexi-2023-04.pdf"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "bulletinfeed.db")
	code, out, errs := runCmd(t, "ingest", "--db", db, "--section", "新时代新征程新伟业 以新担当新作为推动高质量发展", "--section", "十项行动 奋进新征程", in)
	if code != 0 || out != "ingested: 1 new, 0 revised, 0 unchanged, 0 failed\n" {
		t.Fatalf("exit %d, %q, %s", code, out, errs)
	}
}

// articlesOf is the articles of a parse's JSON, as JSON.
func articlesOf(t *testing.T, out string) string {
	t.Helper()
	var iss struct {
		Articles []*bulletinfeed.Article `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &iss); err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(iss.Articles)
	return string(b)
}
