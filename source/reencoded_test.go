package source_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// TestRealCorpusReencoded scores the real bulletins as another program
// wrote them: scripts/reencode-corpus.sh prints each one again through
// cairo (pdftocairo -pdf, as Firefox and most Linux programs print), which
// renames every font (CairoFont-N-M), splits fonts into subsets, and draws
// some text as outlines. The parse of an unseen publication made with
// other software depends on typography the same way; what a re-encoding
// costs is a measure of how much the parser leans on one program's habits.
// It runs only when BULLETINFEED_REENCODED names the folder of the copies,
// logs each file's figures, and fails where a copy gives no article of
// the gold at all (a rule that reads a whole issue as furniture once its
// fonts are renamed: a loose table band once did).
func TestRealCorpusReencoded(t *testing.T) {
	dir := os.Getenv("BULLETINFEED_REENCODED")
	if dir == "" {
		t.Skip("BULLETINFEED_REENCODED is not set: run scripts/reencode-corpus.sh")
	}
	requirePoppler(t)
	pdfs, _ := filepath.Glob(filepath.Join(dir, "*.pdf"))
	if len(pdfs) == 0 {
		t.Fatalf("no PDF in %s", dir)
	}
	var total score
	n := 0
	for _, path := range pdfs {
		name := strings.TrimSuffix(filepath.Base(path), ".pdf")
		gold := filepath.Join("testdata", "real", name+".gold.json")
		if _, err := os.Stat(gold); err != nil {
			continue
		}
		iss, err := source.ParseFile(context.Background(), path, source.Options{DateOnArrival: true, Pictures: true})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		s := scoreIssue(iss.Articles, readGold(t, gold))
		t.Logf("%-40s articles %.2f  titles %.2f  bylines %.2f  paragraphs %.2f  sections %.2f", name, s.articles, s.titles, s.bylines, s.paragraphs, s.sections)
		if s.articles == 0 {
			t.Errorf("%s: no article of the gold found in the copy", name)
		}
		total.articles += s.articles
		total.titles += s.titles
		total.bylines += s.bylines
		total.paragraphs += s.paragraphs
		total.sections += s.sections
		n++
	}
	if n > 0 {
		t.Logf("mean over %d files: articles %.2f  titles %.2f  bylines %.2f  paragraphs %.2f  sections %.2f", n, total.articles/float64(n), total.titles/float64(n), total.bylines/float64(n), total.paragraphs/float64(n), total.sections/float64(n))
	}
}
