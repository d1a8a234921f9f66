//go:build e2e

package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestInboxAfterKillNine: serve is killed with SIGKILL while its inbox is
// busy, which leaves the inbox's lease row held by a dead process; the
// restarted serve publishes the next file dropped in within seconds (it
// waited five and a half minutes for the lease to expire, saying so only
// at debug level). If the kill missed the pass, the row a crash leaves is
// written by hand, naming the killed process, so that the restart always
// meets it. (run-once that cannot run a source exits 1: cmd's
// TestRunOnceSourceHeldElsewhereFails.)
func TestInboxAfterKillNine(t *testing.T) {
	h := newHarness(t, 3*time.Minute)
	conf, db, inbox := h.inboxSite(`schedule = "@every 1s"`)
	first := h.startServe("serve-1", db, "--config", conf)
	h.writeIssues(inbox, seq(1, 40)...)
	took, ok, _ := h.eventually(60*time.Second, 20*time.Millisecond, func() (bool, string) {
		return strings.Contains(first.stderr.String(), "inbox file published"), ""
	})
	if !ok {
		t.Fatalf("serve-1 published nothing from its inbox in %v:\n%s", took, tail(first.stderr.String(), 20))
	}
	first.kill()

	lite, err := openSQLite(db)
	if err != nil {
		t.Fatal(err)
	}
	var holders int
	lite.QueryRowContext(h.ctx, `SELECT COUNT(*) FROM leases`).Scan(&holders)
	if holders == 0 {
		host, _ := os.Hostname()
		t.Logf("the kill came between passes; writing the lease a crash mid-pass leaves")
		if _, err := lite.ExecContext(h.ctx, `INSERT INTO leases (name, holder, expires_at) VALUES (?, ?, ?)`,
			"inbox:news:"+inbox, fmt.Sprintf("%s:%d:deadbeef", host, first.pid()), time.Now().Add(10*time.Minute).UnixMicro()); err != nil {
			t.Fatal(err)
		}
	} else {
		t.Logf("the kill left %d lease rows held by pid %d", holders, first.pid())
	}
	lite.Close()

	second := h.startServe("serve-2", db, "--config", conf)
	late := h.writeIssues(filepath.Join(h.dir, "late"), 41)[0]
	os.Rename(late.path, filepath.Join(inbox, filepath.Base(late.path)))
	start := time.Now()
	took, ok, detail := h.eventually(30*time.Second, 100*time.Millisecond, func() (bool, string) {
		r, err := h.get(second.base + "/feeds/all.atom")
		if err != nil {
			return false, err.Error()
		}
		return hasTitle(r.body, late.title), r.String()
	})
	if !ok {
		t.Fatalf("after the restart, the file dropped in was not served within %v: %s\n--- stderr:\n%s", took, detail, tail(second.stderr.String(), 30))
	}
	t.Logf("after kill -9 and a restart, a dropped file was served in %v", time.Since(start).Round(time.Millisecond))
	if _, err := os.Stat(filepath.Join(inbox, filepath.Base(late.path))); err == nil {
		t.Errorf("the file is still in the inbox")
	}
	second.terminate(10 * time.Second)
}

// seq returns the numbers from a to b.
func seq(a, b int) []int {
	var out []int
	for i := a; i <= b; i++ {
		out = append(out, i)
	}
	return out
}
