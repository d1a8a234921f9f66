package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestBuild(t *testing.T) {
	out := t.TempDir()
	code, _, errs := runCmd(t, "build", "--db", mustReferenceDB(t), "--out", out, "--base-url", "https://news.example.org")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, f := range []string{"index.html", "404.html", "feeds.opml", "feeds/all.rss", "feeds/all.atom", "feeds/all.json"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Error(err)
		}
	}
	atom, err := os.ReadFile(filepath.Join(out, "feeds", "all.atom"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(atom), `href="https://news.example.org/feeds/all.atom" rel="self"`) {
		t.Error("feed links do not use --base-url")
	}
	articles, _ := filepath.Glob(filepath.Join(out, "articles", "*", "index.html"))
	if len(articles) != 10 {
		t.Errorf("%d article pages, want 10", len(articles))
	}
}

func TestBuildNeedsOut(t *testing.T) {
	if code, _, _ := runCmd(t, "build"); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
}
