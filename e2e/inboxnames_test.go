//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInboxReservedNames: a file named "failed" in a served inbox once
// made every move fail and the same issues be published again and again
// (14 times in 13 s). Now the inbox publishes nothing and /healthz names
// the fault until the file is renamed; then the issue is published once.
// (A file named "processed" goes to failed/ with a note: worker's
// TestInboxFileNamedLikeItsFolder.)
func TestInboxReservedNames(t *testing.T) {
	h := newHarness(t, 2*time.Minute)
	conf, db, inbox := h.inboxSite("")
	s := h.startServe("serve", db, "--config", conf)

	os.WriteFile(filepath.Join(inbox, "failed"), []byte("notes\n"), 0o644)
	issue := h.writeIssues(filepath.Join(h.dir, "new"), 3)[0]
	os.Rename(issue.path, filepath.Join(inbox, filepath.Base(issue.path)))
	took, ok, detail := h.eventually(20*time.Second, 200*time.Millisecond, func() (bool, string) {
		r, err := h.get(s.base + "/healthz")
		if err != nil {
			return false, err.Error()
		}
		return strings.Contains(r.body, `"failed" is a file`), r.String()
	})
	if !ok {
		t.Fatalf("/healthz does not name the file in the way within %v: %s", took, detail)
	}
	h.sleep(2 * time.Second)
	if n := strings.Count(s.stderr.String(), "inbox file published"); n != 0 {
		t.Errorf("published %d times with nowhere to move the files", n)
	}
	// Renamed away: published once, moved, and the fault gone.
	os.Rename(filepath.Join(inbox, "failed"), filepath.Join(h.dir, "notes.txt"))
	took, ok, detail = h.eventually(20*time.Second, 200*time.Millisecond, func() (bool, string) {
		r, err := h.get(s.base + "/feeds/all.atom")
		if err != nil {
			return false, err.Error()
		}
		return hasTitle(r.body, issue.title), r.String()
	})
	if !ok {
		t.Fatalf("not served within %v after the rename: %s", took, detail)
	}
	h.sleep(2 * time.Second)
	if n := strings.Count(s.stderr.String(), "inbox file published"); n != 1 {
		t.Errorf("the issue was published %d times, want once", n)
	}
	if r, err := h.get(s.base + "/healthz"); err != nil || strings.Contains(r.body, "failing") {
		t.Errorf("/healthz after the rename: %v %v", r, err)
	}
	s.terminate(10 * time.Second)
}
