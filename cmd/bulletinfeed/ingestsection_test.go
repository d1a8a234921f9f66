package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestSectionOnStoredFile: the reference issue stored without its
// banners, then ingested again with --section, is parsed again into the
// sections it prints rather than reported unchanged.
func TestIngestSectionOnStoredFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, out, errs := runCmd(t, "ingest", "--db", db, reference); code != 0 || !strings.Contains(out, "1 new") {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	code, out, errs := runCmd(t, "ingest", "--db", db, "--section", referenceBanners[0], "--section", referenceBanners[1], reference)
	if code != 0 || out != "ingested: 0 new, 1 revised, 0 unchanged, 0 failed\n" {
		t.Errorf("--section: exit %d, stdout %q, want it revised; stderr:\n%s", code, out, errs)
	}
	code, out, errs = runCmd(t, "sections", "--db", db)
	if code != 0 || strings.Contains(out, "not printed") || !strings.Contains(out, referenceBanners[1]) {
		t.Errorf("sections: exit %d:\n%s%s", code, out, errs)
	}
	// The same bytes and the same sections again change nothing.
	if _, out, _ := runCmd(t, "ingest", "--db", db, reference); out != "ingested: 0 new, 0 revised, 1 unchanged, 0 failed\n" {
		t.Errorf("again: stdout %q", out)
	}
}
