//go:build e2e

package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCLINamedPipeAndSIGTERM: `ingest DIR` with a named pipe among the
// issue files ingests the regular files and refuses the pipe without
// opening it (an open of a pipe with no writer blocks for good), `parse`
// of a pipe fails at once, and a command waiting for its store ends on
// SIGTERM within a second or two.
func TestCLINamedPipeAndSIGTERM(t *testing.T) {
	h := newHarness(t, 2*time.Minute)
	issues := filepath.Join(h.dir, "issues")
	os.MkdirAll(issues, 0o755)
	if err := syscall.Mkfifo(filepath.Join(issues, "a-pipe.txt"), 0o644); err != nil {
		t.Skipf("no named pipes: %v", err)
	}
	ex, err := os.ReadFile(filepath.Join(repoRoot, "examples", "xinyuan-2024-05.txt"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(issues, "xinyuan-2024-05.txt"), ex, 0o644)
	db := filepath.Join(h.dir, "x.db")

	p := h.start("ingest-dir", "ingest", "--db", db, issues)
	code, err := p.wait(30 * time.Second)
	if err != nil {
		p.kill()
		t.Fatalf("ingest DIR with a named pipe is still running after 30 s")
	}
	if code != 1 || !strings.Contains(p.stdout.String(), "1 new") || !strings.Contains(p.stderr.String(), "not a regular file") {
		t.Errorf("ingest DIR: exit %d\n%s%s", code, p.stdout.String(), p.stderr.String())
	}
	p = h.start("parse-pipe", "parse", filepath.Join(issues, "a-pipe.txt"))
	if code, err := p.wait(30 * time.Second); err != nil || code != 1 {
		p.kill()
		t.Errorf("parse of a named pipe: exit %d, %v", code, err)
	}

	// A store that cannot be reached is retried for --wait: SIGTERM ends
	// the wait.
	p = h.start("ingest-wait", "ingest", "--db", "postgres://nobody@127.0.0.1:1/none?connect_timeout=1", "--wait", "10m",
		filepath.Join(issues, "xinyuan-2024-05.txt"))
	h.sleep(1500 * time.Millisecond)
	start := time.Now()
	if _, err := p.terminate(5 * time.Second); err != nil {
		t.Error(err)
	}
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("ingest took %v to end after SIGTERM", took)
	}
}
