package feed_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// TestShrink: Shrink counts the files of the last build and those the new
// site would remove, so a command can refuse a build that removes most of
// a site.
func TestShrink(t *testing.T) {
	m, st := newFixtureStore()
	full := mustRender(t, st, testConfig())

	for name, dir := range map[string]string{"empty folder": t.TempDir(), "no folder": filepath.Join(t.TempDir(), "none")} {
		if prev, removed, err := full.Shrink(context.Background(), dir); prev != 0 || removed != 0 || err != nil {
			t.Errorf("%s: Shrink = %d, %d, %v; want 0, 0, nil", name, prev, removed, err)
		}
	}

	dir := t.TempDir()
	res, err := full.WriteDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	n := res.Files
	if prev, removed, err := full.Shrink(context.Background(), dir); prev != n || removed != 0 || err != nil {
		t.Errorf("the same site: Shrink = %d, %d, %v; want %d, 0, nil", prev, removed, err, n)
	}

	// Deleting the March issue removes its page, its three articles' pages
	// and the archive pages that no longer fill up.
	m.remove("hexi", "2023-03")
	smaller := mustRender(t, st, testConfig())
	wantRemoved := 0
	have := map[string]bool{}
	for _, p := range allPaths(t, smaller) {
		have[p] = true
	}
	for _, p := range allPaths(t, full) {
		if !have[p] {
			wantRemoved++
		}
	}
	if wantRemoved < 4 {
		t.Fatalf("only %d paths gone; the fixture changed", wantRemoved)
	}
	prev, removed, err := smaller.Shrink(context.Background(), dir)
	if prev != n || removed != wantRemoved || err != nil {
		t.Errorf("after a delete: Shrink = %d, %d, %v; want %d, %d, nil", prev, removed, err, n, wantRemoved)
	}
	// Shrink only counts; WriteDir removes exactly that many.
	before := len(listFiles(t, dir))
	res2, err := smaller.WriteDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	n2 := res2.Files
	if after := len(listFiles(t, dir)); before-after != removed {
		t.Errorf("WriteDir removed %d files, Shrink said %d", before-after, removed)
	}
	if prev, removed, err := smaller.Shrink(context.Background(), dir); prev != n2 || removed != 0 || err != nil {
		t.Errorf("after the build: Shrink = %d, %d, %v; want %d, 0, nil", prev, removed, err, n2)
	}

	// An empty store would remove nearly everything.
	m.remove("hexi", "2023-04")
	if prev, removed, _ := mustRender(t, st, testConfig()).Shrink(context.Background(), dir); removed <= prev/2 {
		t.Errorf("an empty site: Shrink = %d, %d; want more than half removed", prev, removed)
	}

	// A manifest edited by hand to name files outside is not counted as
	// removed, since WriteDir would not remove them.
	if err := os.WriteFile(filepath.Join(dir, ".bulletinfeed-files"), []byte("index.html\n../outside.html\n/etc/passwd\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if prev, removed, err := smaller.Shrink(context.Background(), dir); prev != 3 || removed != 0 || err != nil {
		t.Errorf("hand-edited manifest: Shrink = %d, %d, %v; want 3, 0, nil", prev, removed, err)
	}
}
