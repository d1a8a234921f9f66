package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
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

// A site built for deployment with the example's base URL would link every
// page and feed item to the builder's machine: refused, unless it is meant
// as a preview. The log reports the whole build's time.
func TestBuildRefusesALocalBaseURL(t *testing.T) {
	db := mustReferenceDB(t)
	for _, base := range []string{"http://localhost:8080", "http://127.0.0.1:8080/news/", "http://[::1]/", "http://bulletin.localhost/"} {
		out := t.TempDir()
		code, _, errs := runCmd(t, "build", "--db", db, "--out", out, "--base-url", base)
		if code != exitUsage || !strings.Contains(errs, "--allow-local") {
			t.Errorf("%s: exit %d, stderr %q", base, code, errs)
		}
		if entries, _ := os.ReadDir(out); len(entries) != 0 {
			t.Errorf("%s: a refused build wrote %d files", base, len(entries))
		}
	}
	code, _, errs := runCmd(t, "build", "--db", db, "--out", t.TempDir(), "--base-url", "http://localhost:8080", "--allow-local")
	if code != 0 || !strings.Contains(errs, "built site") || !strings.Contains(errs, "duration=") {
		t.Errorf("--allow-local: exit %d, stderr %q", code, errs)
	}
	if code, _, errs := runCmd(t, "build", "--db", db, "--out", t.TempDir(), "--base-url", "http://localhost.example.org/"); code != 0 {
		t.Errorf("a public host named localhost.example.org: exit %d, %s", code, errs)
	}
}

// build --gzip writes FILE.gz beside every text file, the same bytes
// compressed; a rebuild with nothing changed leaves every copy as it was,
// and a build without --gzip removes them.
func TestBuildGzipCopies(t *testing.T) {
	db := mustReferenceDB(t)
	out := t.TempDir()
	args := []string{"build", "--db", db, "--out", out, "--base-url", "https://news.example.org/", "--gzip"}
	if code, _, errs := runCmd(t, args...); code != 0 {
		t.Fatalf("build --gzip: exit %d: %s", code, errs)
	}
	copies := map[string]time.Time{}
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".gz") {
			return err
		}
		zr, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		defer zr.Close()
		gz, err := gzip.NewReader(zr)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		inflated, _ := io.ReadAll(gz)
		plain, err := os.ReadFile(strings.TrimSuffix(p, ".gz"))
		if err != nil || !bytes.Equal(inflated, plain) {
			t.Errorf("%s is not its file compressed (%v)", p, err)
		}
		st, _ := os.Stat(p)
		copies[p] = st.ModTime()
		return nil
	})
	for _, want := range []string{"index.html.gz", "feeds/all.atom.gz", "feeds/all.json.gz", "404.html.gz"} {
		if _, ok := copies[filepath.Join(out, want)]; !ok {
			t.Errorf("no %s", want)
		}
	}
	articles, _ := filepath.Glob(filepath.Join(out, "articles", "*", "index.html.gz"))
	if len(articles) != 10 {
		t.Errorf("%d article pages compressed, want 10", len(articles))
	}
	time.Sleep(20 * time.Millisecond)
	if code, _, errs := runCmd(t, args...); code != 0 {
		t.Fatalf("rebuild: exit %d: %s", code, errs)
	}
	for p, mod := range copies {
		if st, err := os.Stat(p); err != nil || !st.ModTime().Equal(mod) {
			t.Errorf("%s was written again by a build that changed nothing", p)
		}
	}
	if code, _, errs := runCmd(t, args[:len(args)-1]...); code != 0 {
		t.Fatalf("build without --gzip: exit %d: %s", code, errs)
	}
	for p := range copies {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s is left after a build without --gzip", p)
		}
	}
}
