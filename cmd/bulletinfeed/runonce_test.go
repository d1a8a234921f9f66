package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunOnce: run-once publishes what lies in each inbox, moves it, and
// exits 1 with a summary when a file failed; other source kinds are
// skipped with a warning, not a failure.
func TestRunOnce(t *testing.T) {
	dir := t.TempDir()
	conf := filepath.Join(dir, "bulletinfeed.toml")
	text := `[[publication]]
id = "parish"
title = "Parish"
lang = "en"
sections = ["Parish News"]

[[publication.sources]]
kind = "inbox"
path = "inbox"

[[publication.sources]]
kind = "feed"
url = "https://example.org/bulletin.atom"
`
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	inbox := filepath.Join(dir, "inbox")
	if err := os.Mkdir(inbox, 0o755); err != nil {
		t.Fatal(err)
	}
	good := "Date: 2023-07-01\n\nParish News\n\nSummer fair raises funds\n\nBy Jane Doe\n\nThe fair on Saturday raised four hundred pounds for the roof appeal.\n"
	for name, body := range map[string]string{"summer.txt": good, "bad.txt": "", "later.txt.part": good} {
		if err := os.WriteFile(filepath.Join(inbox, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, out, errs := runCmd(t, "run-once", "--config", conf, "--settle", "20ms")
	if code != exitFail || !strings.Contains(out, "1 published, 1 failed") || !strings.Contains(errs, "1 file failed") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errs)
	}
	if !strings.Contains(errs, "not yet supported by this version") {
		t.Errorf("the feed source was not reported as unsupported: %s", errs)
	}
	for _, p := range []string{"processed/summer_2023-07-01_summer.txt", "failed/bad.txt", "failed/bad.txt.error", "later.txt.part"} {
		if _, err := os.Stat(filepath.Join(inbox, p)); err != nil {
			t.Error(err)
		}
	}
	code, _, errs = runCmd(t, "issues", "--config", conf)
	if code != exitOK {
		t.Fatalf("issues: exit %d: %s", code, errs)
	}

	// Nothing new: a clean exit.
	if err := os.Rename(filepath.Join(inbox, "later.txt.part"), filepath.Join(inbox, "later.txt")); err != nil {
		t.Fatal(err)
	}
	code, out, errs = runCmd(t, "run-once", "--config", conf, "--settle", "20ms")
	if code != exitOK || !strings.Contains(out, "1 published, 0 failed") {
		t.Fatalf("second run: exit %d, stdout %q, stderr %q", code, out, errs)
	}
}
