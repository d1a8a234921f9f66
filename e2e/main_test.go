//go:build e2e

// Package e2e holds end-to-end fault tests of the bulletinfeed binary. They
// build it once, drive it as processes the way a user or an operator would
// (ingest, serve, issues, parse) and break what is under it: SIGKILL in the
// middle of an ingest, a PostgreSQL that goes away and comes back, a full
// disk. They talk to the servers over loopback only.
//
//	go test -tags e2e -count=1 ./e2e
//
// TestDiskFull mounts a tmpfs and needs root (it skips otherwise); the
// PostgreSQL tests start their own server from /usr/lib/postgresql/*/bin as
// the postgres user. Feeds are checked with check-feed from
// ../shared/tools/check-feed, installed on first use. E2E_SEED fixes the
// random kill times of TestCrashDuringIngest (each run logs its seed).
package e2e

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// bin is the absolute path of the binary TestMain built.
var bin string

// repoRoot is the module root, the parent of this package's directory.
var repoRoot string

func TestMain(m *testing.M) {
	flag.Parse()
	root, err := filepath.Abs("..")
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		os.Exit(1)
	}
	repoRoot = root
	path, err := buildBinary()
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		os.Exit(1)
	}
	bin = path
	os.Exit(m.Run())
}

// buildBinary runs `go build -o tmp/bulletinfeed ./cmd/bulletinfeed` from
// the module root, the output going to this package's tmp/ (ignored by git).
// A failed build is tried once more: a file being saved by an editor at
// that moment can make one build fail.
func buildBinary() (string, error) {
	out, err := filepath.Abs(filepath.Join("tmp", "bulletinfeed"))
	if err != nil {
		return "", err
	}
	var last error
	for attempt := 1; attempt <= 2; attempt++ {
		start := time.Now()
		cmd := exec.Command("go", "build", "-o", out, "./cmd/bulletinfeed")
		cmd.Dir = repoRoot
		b, err := cmd.CombinedOutput()
		if err == nil {
			fmt.Fprintf(os.Stderr, "e2e: built %s in %v\n", out, time.Since(start).Round(time.Millisecond))
			return out, nil
		}
		last = fmt.Errorf("go build -o %s ./cmd/bulletinfeed (attempt %d): %v\n%s", out, attempt, err, b)
		fmt.Fprintln(os.Stderr, "e2e:", last)
		time.Sleep(2 * time.Second)
	}
	return "", last
}
