package worker_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/worker"
)

// TestFailedFiles: the files of failed/, newest first, each with the
// reason beside it (none when it has none), and not the reason files
// themselves; an inbox without failed/ has none.
func TestFailedFiles(t *testing.T) {
	dir := t.TempDir()
	if got, err := worker.FailedFiles(dir, 0); err != nil || got != nil {
		t.Fatalf("without failed/: %v, %v", got, err)
	}
	failed := filepath.Join(dir, worker.FailedDir)
	os.Mkdir(failed, 0o755)
	now := time.Now().Truncate(time.Second)
	for i, f := range []struct{ name, reason string }{
		{"old.txt", "no date anywhere\nsecond line"},
		{"new.pdf", "encrypted PDF"},
		{"bare.txt", ""},
	} {
		p := filepath.Join(failed, f.name)
		os.WriteFile(p, []byte("x"), 0o644)
		os.Chtimes(p, now, now.Add(time.Duration(i)*time.Minute))
		if f.reason != "" {
			os.WriteFile(p+".error", []byte(f.reason+"\n"), 0o644)
		}
	}
	got, err := worker.FailedFiles(dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []worker.FailedFile{
		{Name: "bare.txt", Failed: now.Add(2 * time.Minute)},
		{Name: "new.pdf", Reason: "encrypted PDF", Failed: now.Add(time.Minute)},
		{Name: "old.txt", Reason: "no date anywhere", Failed: now},
	}
	if len(got) != len(want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Name != want[i].Name || got[i].Reason != want[i].Reason || !got[i].Failed.Equal(want[i].Failed) {
			t.Errorf("file %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if got, _ := worker.FailedFiles(dir, 1); len(got) != 1 || got[0].Name != "bare.txt" {
		t.Fatalf("limit 1: %+v", got)
	}
}
