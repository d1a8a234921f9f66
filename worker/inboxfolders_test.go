package worker_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A file named "processed" in the inbox once made every move fail and the
// same files be published again at every pass. It is moved to failed/
// with a note, and the issue beside it is published once and moved.
func TestInboxFileNamedLikeItsFolder(t *testing.T) {
	db := openStore(t)
	in, c, n := newInbox(t, db)
	write(t, filepath.Join(in.Dir, "processed"), "notes from the editor\n")
	write(t, filepath.Join(in.Dir, "summer.txt"), goodIssue)
	for range 4 {
		if _, err := in.Pass(context.Background()); err != nil {
			t.Fatal(err)
		}
		c.advance(2 * time.Second)
	}
	note, err := os.ReadFile(filepath.Join(in.Dir, "failed", "processed.error"))
	if err != nil || !strings.Contains(string(note), "may not be named") {
		t.Errorf("the file named processed: %v %q", err, note)
	}
	if st, err := os.Stat(filepath.Join(in.Dir, "processed")); err != nil || !st.IsDir() {
		t.Errorf("processed/ is not a folder: %v", err)
	}
	if _, err := os.Stat(filepath.Join(in.Dir, "processed", "summer_2023-07-01_summer.txt")); err != nil {
		t.Error(err)
	}
	if got := int(*n); got != 1 {
		t.Errorf("the issue was published %d times, want once", got)
	}
}

// A file named "failed" leaves the inbox nowhere to put what it cannot
// publish: the pass fails, saying what to rename, and publishes nothing.
func TestInboxFileNamedFailedStopsThePass(t *testing.T) {
	db := openStore(t)
	in, c, n := newInbox(t, db)
	write(t, filepath.Join(in.Dir, "failed"), "x\n")
	write(t, filepath.Join(in.Dir, "summer.txt"), goodIssue)
	for range 3 {
		_, err := in.Pass(context.Background())
		if err == nil || !strings.Contains(err.Error(), `"failed" is a file`) || !strings.Contains(err.Error(), "rename") {
			t.Fatalf("pass: %v", err)
		}
		c.advance(2 * time.Second)
	}
	if got := int(*n); got != 0 {
		t.Errorf("published %d times with nowhere to move the files", got)
	}
	if _, err := os.Stat(filepath.Join(in.Dir, "summer.txt")); err != nil {
		t.Errorf("the issue file left the inbox: %v", err)
	}
}

// A published file that cannot be moved is a failing pass (shown on
// /healthz), not only a log line.
func TestInboxMoveFailureFailsThePass(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write into a read-only folder")
	}
	db := openStore(t)
	in, c, _ := newInbox(t, db)
	os.Mkdir(filepath.Join(in.Dir, "processed"), 0o555)
	t.Cleanup(func() { os.Chmod(filepath.Join(in.Dir, "processed"), 0o755) })
	write(t, filepath.Join(in.Dir, "summer.txt"), goodIssue)
	pass(t, in)
	c.advance(2 * time.Second)
	_, err := in.Pass(context.Background())
	if err == nil || !strings.Contains(err.Error(), "could not be moved") || !strings.Contains(err.Error(), "summer.txt") {
		t.Errorf("pass: %v", err)
	}
}
