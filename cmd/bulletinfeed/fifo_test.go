package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A named pipe among the issue files (or named on the command line) is
// refused without being opened: opening one with no writer blocks for
// good, and the regular files beside it were never ingested.
func TestIngestRefusesAFIFO(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "a-pipe.txt"), 0o644); err != nil {
		t.Skipf("no named pipes here: %v", err)
	}
	ex, _ := os.ReadFile(filepath.Join(origWD(t), "../../examples/xinyuan-2024-05.txt"))
	writeFile(t, dir, "xinyuan-2024-05.txt", string(ex))
	db := filepath.Join(t.TempDir(), "x.db")

	type result struct {
		code      int
		out, errs string
	}
	run := func(args ...string) result {
		done := make(chan result, 1)
		go func() {
			code, out, errs := runCmd(t, args...)
			done <- result{code, out, errs}
		}()
		select {
		case r := <-done:
			return r
		case <-time.After(20 * time.Second):
			t.Fatalf("%v is still running after 20 s: blocked on the named pipe", args)
			return result{}
		}
	}
	r := run("ingest", "--db", db, dir)
	if r.code != exitFail || !strings.Contains(r.out, "1 new") || !strings.Contains(r.errs, "a-pipe.txt") || !strings.Contains(r.errs, "not a regular file") {
		t.Errorf("ingest DIR: exit %d, %s%s", r.code, r.out, r.errs)
	}
	r = run("parse", filepath.Join(dir, "a-pipe.txt"))
	if r.code != exitFail || !strings.Contains(r.errs, "not a regular file") {
		t.Errorf("parse FIFO: exit %d, %s", r.code, r.errs)
	}
	r = run("ingest", "--db", db, filepath.Join(dir, "a-pipe.txt"))
	if r.code != exitFail || !strings.Contains(r.errs, "not a regular file") {
		t.Errorf("ingest FIFO: exit %d, %s", r.code, r.errs)
	}
}
