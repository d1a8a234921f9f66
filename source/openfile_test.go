package source

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// ParseFile refuses a named pipe at once, even one put in the place of a
// file after it was listed.
func TestParseFileRefusesANamedPipe(t *testing.T) {
	p := filepath.Join(t.TempDir(), "issue.txt")
	if err := syscall.Mkfifo(p, 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	_, err := ParseFile(context.Background(), p, Options{})
	if err == nil || !strings.Contains(err.Error(), "issue.txt") || !strings.Contains(err.Error(), "a named pipe") {
		t.Errorf("ParseFile of a named pipe: %v", err)
	}
}
