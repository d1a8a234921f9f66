package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestCopyOfStoredIssue: the example issue ingested again as
// copy.txt is not stored again; the message names the stored issue and
// says how to store the copy anyway, which --key then does.
func TestIngestCopyOfStoredIssue(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	orig := "../../examples/xinyuan-2024-05.txt"
	b, err := os.ReadFile(orig)
	if err != nil {
		t.Fatal(err)
	}
	cp := filepath.Join(t.TempDir(), "copy.txt")
	if err := os.WriteFile(cp, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCmd(t, "ingest", "--db", db, orig); code != 0 || !strings.Contains(out, "1 new") {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}

	code, out, errs := runCmd(t, "ingest", "--db", db, cp)
	if code != 0 || out != "ingested: 0 new, 0 revised, 0 unchanged, 0 failed, 1 not stored again (copies of stored issues)\n" {
		t.Errorf("copy: exit %d, stdout %q", code, out)
	}
	for _, want := range []string{"copy.txt", `issue \"xinyuan-2024-05\"`, "xinyuan-2024-05.txt", "dated 2024-05-01", "--key KEY"} {
		if !strings.Contains(errs, want) {
			t.Errorf("message lacks %q:\n%s", want, errs)
		}
	}
	if _, out, _ := runCmd(t, "issues", "--db", db); strings.Contains(out, "copy") {
		t.Errorf("the copy is listed:\n%s", out)
	}

	// Meant: with a key of its own it is stored (a copy whose name dates
	// it; copy.txt itself prints no date and is dated nowhere).
	reprint := filepath.Join(t.TempDir(), "reprint-2024-05.txt")
	if err := os.WriteFile(reprint, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, _ := runCmd(t, "ingest", "--db", db, reprint); code != 0 || !strings.Contains(out, "1 not stored again") {
		t.Errorf("reprint: exit %d, stdout %q", code, out)
	}
	if code, out, errs := runCmd(t, "ingest", "--db", db, "--key", "xinyuan-2024-05-reprint", reprint); code != 0 || !strings.Contains(out, "1 new") {
		t.Errorf("--key: exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
}
