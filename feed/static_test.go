package feed_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

// fileState is what tells a file rewritten from one left alone: a rename
// over it gives it another inode.
type fileState struct {
	body  string
	inode uint64
}

func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fileState{string(b), fi.Sys().(*syscall.Stat_t).Ino}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func mustWrite(t *testing.T, site *feed.Site, dir string) feed.BuildResult {
	t.Helper()
	res, err := site.WriteDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// checkBuild checks that dir holds every page and feed of site as it
// serves them, and 404.html, the manifest and nothing else.
func checkBuild(t *testing.T, site *feed.Site, dir string) {
	t.Helper()
	files := snapshot(t, dir)
	want := map[string]bool{"404.html": true, ".bulletinfeed-files": true}
	for _, p := range allPaths(t, site) {
		f := filepath.ToSlash(feed.FilePath(p))
		want[f] = true
		if files[f].body != string(mustBody(t, site, p)) {
			t.Errorf("%s: %s is not the page", p, f)
		}
	}
	for f := range files {
		if !want[f] {
			t.Errorf("%s: not a file of the site", f)
		}
	}
}

// TestWriteDirWritesWhatChanged: a build over an unchanged site renders and
// writes nothing; after one more issue it renders and writes only the
// files that changed, leaves every other file as it was, and the folder
// holds the new site.
func TestWriteDirWritesWhatChanged(t *testing.T) {
	m := &memory{}
	m.set(fixturePublication(), bigFixture(24))
	st := newFakeStore(m)
	dir := t.TempDir()
	first := mustWrite(t, mustRender(t, st, testConfig()), dir)
	if first.Written != first.Files || first.Files < 300 {
		t.Fatalf("first build: %+v", first)
	}
	if again := mustWrite(t, mustRender(t, st, testConfig()), dir); again.Rendered != 0 || again.Written != 0 || again.Removed != 0 || again.Files != first.Files {
		t.Errorf("a build of the same site: %+v, want nothing rendered or written", again)
	}

	before := snapshot(t, dir)
	iss := mayIssue()
	m.add("hexi", iss)
	site := mustRender(t, st, testConfig())
	res := mustWrite(t, site, dir)
	after := snapshot(t, dir)
	checkBuild(t, site, dir)
	var changed, rewritten []string
	for f, a := range after {
		b, ok := before[f]
		if f == ".bulletinfeed-files" {
			continue
		}
		if !ok || a.body != b.body {
			changed = append(changed, f)
		}
		if !ok || a.inode != b.inode {
			rewritten = append(rewritten, f)
		}
	}
	slices.Sort(changed)
	slices.Sort(rewritten)
	if !slices.Equal(changed, rewritten) {
		t.Errorf("rewritten %q\nchanged   %q", rewritten, changed)
	}
	t.Logf("after one issue: %+v: %q", res, changed)
	if res.Written != len(changed) || len(changed) > 40 {
		t.Errorf("%+v for %d changed files: %q", res, len(changed), changed)
	}
	for _, f := range []string{"articles/11aa22bb/index.html", "issues/2023-05/index.html", "feeds/all.atom", "index.html"} {
		if !slices.Contains(changed, f) {
			t.Errorf("%s not written", f)
		}
	}
	if res.Rendered > 30 {
		t.Errorf("rendered %d pages from the store for one issue", res.Rendered)
	}
}

// TestWriteDirSurvivesACrash: a build that stops between two renames
// leaves the last build's manifest, and the next build makes the folder
// exactly what a build from scratch makes, whatever had been written.
func TestWriteDirSurvivesACrash(t *testing.T) {
	for _, k := range []int{0, 1, 3, 8, 30} {
		m := &memory{}
		m.set(fixturePublication(), bigFixture(12))
		st := newFakeStore(m)
		dir := t.TempDir()
		mustWrite(t, mustRender(t, st, testConfig()), dir)
		manifest, err := os.ReadFile(filepath.Join(dir, ".bulletinfeed-files"))
		if err != nil {
			t.Fatal(err)
		}

		m.add("hexi", mayIssue())
		m.remove("hexi", "2022-12")
		site := mustRender(t, st, testConfig())
		restore := feed.FailRenameAfter(k)
		_, err = site.WriteDir(context.Background(), dir)
		restore()
		if err == nil || !strings.Contains(err.Error(), "injected crash") {
			t.Fatalf("k=%d: WriteDir = %v, want the injected crash", k, err)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, ".bulletinfeed-files")); !bytes.Equal(b, manifest) {
			t.Errorf("k=%d: the crash changed the manifest", k)
		}

		mustWrite(t, mustRender(t, st, testConfig()), dir)
		fresh := t.TempDir()
		mustWrite(t, mustRender(t, st, testConfig()), fresh)
		got, want := snapshot(t, dir), snapshot(t, fresh)
		if len(got) != len(want) {
			t.Errorf("k=%d: %d files after the repair, %d from scratch", k, len(got), len(want))
		}
		for f, w := range want {
			if got[f].body != w.body {
				t.Errorf("k=%d: %s differs from a build from scratch", k, f)
			}
		}
		checkBuild(t, site, dir)
	}
}

// TestWriteDirReadsTheFirstManifest: a manifest of the first format, one
// file a line, still names what the last build wrote: what the site no
// longer has is removed.
func TestWriteDirReadsTheFirstManifest(t *testing.T) {
	m, st := newFixtureStore()
	dir := t.TempDir()
	mustWrite(t, mustRender(t, st, testConfig()), dir)
	var files []string
	for f := range snapshot(t, dir) {
		if f != ".bulletinfeed-files" {
			files = append(files, f)
		}
	}
	old := strings.Join(files, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(dir, ".bulletinfeed-files"), []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	m.remove("hexi", "2023-03")
	site := mustRender(t, st, testConfig())
	res := mustWrite(t, site, dir)
	if res.Removed < 4 {
		t.Errorf("%+v: the deleted issue's files were not removed", res)
	}
	checkBuild(t, site, dir)
}

// TestWriteDirIssueWithoutArticles: an issue left without articles (its
// page is found by listing the issues, not the articles) still has its
// page in a build.
func TestWriteDirIssueWithoutArticles(t *testing.T) {
	m := &memory{}
	issues := fixtureIssues()
	issues[1].Articles = nil
	m.set(fixturePublication(), issues)
	site := mustRender(t, newFakeStore(m), testConfig())
	dir := t.TempDir()
	mustWrite(t, site, dir)
	if _, err := os.Stat(filepath.Join(dir, "issues", "2023-03", "index.html")); err != nil {
		t.Error(err)
	}
	checkBuild(t, site, dir)
}
