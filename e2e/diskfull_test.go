//go:build e2e

package e2e

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDiskFull fills the filesystem of a SQLite store under a running
// server: an ingest fails at once with a clear error and leaves the store as
// it was, the server keeps serving, and once there is room again the same
// ingest succeeds and its articles are served.
func TestDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs needs root (CI runs as root)")
	}
	h := newHarness(t, 90*time.Second)
	mnt := filepath.Join(h.dir, "small")
	h.mountTmpfs(mnt, "2m")
	inbox := filepath.Join(mnt, "inbox")
	db := filepath.Join(mnt, "store", "bulletinfeed.db")
	mkdirs(t, filepath.Dir(db))

	// Issue 1 is a small one; 2 and 4 are large ones, larger than what
	// the first ingest left in the write-ahead log.
	files := h.writeIssues(inbox, 1, 2, 4)
	h.checkTitles(files...)
	sources := h.hashFiles(inbox)
	ingest := func(name string, fs ...issueFile) *result {
		args := append([]string{"ingest", "--db", db}, sectionArgs()...)
		for _, f := range fs {
			args = append(args, f.path)
		}
		return h.run(90*time.Second, name, args...)
	}
	if r := ingest("ingest 1", files[0]); r.code != 0 {
		t.Fatalf("ingest 1 with room on the disk: %s", r)
	}

	// The default schedule (every 5 minutes): serve checks the store every
	// second whatever the schedule, so a new issue shows within seconds.
	srv := h.startServe("serve", db)
	h.waitHealthy(srv, 30*time.Second)
	atom := srv.base + "/feeds/all.atom"
	served, err := h.feedETag(atom)
	if err != nil {
		t.Fatal(err)
	}
	etag := served.header.Get("ETag")
	before := h.readStore(db)
	if before.integrity != "ok" || len(before.issues) != 1 {
		t.Fatalf("store after the first ingest: %d issues, integrity_check %q", len(before.issues), before.integrity)
	}

	filler := filepath.Join(mnt, "filler")
	n, err := fillDisk(filler)
	if err != nil {
		t.Fatalf("filling %s: %v", mnt, err)
	}
	t.Logf("filled %s with %d bytes; %s", mnt, n, diskUsage(mnt))

	// Further issues, on a full disk: exit 1 at once (no retry), naming a
	// file and the full disk.
	r := ingest("ingest 2+4 (disk full)", files[1], files[2])
	t.Logf("ingest on a full disk: exit %d after %v; stderr:\n%s", r.code, r.duration.Round(time.Millisecond), tail(r.stderr, 10))
	if r.code != 1 {
		t.Errorf("ingest on a full disk: exit %d, want 1", r.code)
	}
	if r.duration > 20*time.Second {
		t.Errorf("ingest on a full disk took %v: a full disk must fail at once, not be retried", r.duration.Round(time.Millisecond))
	}
	named := false
	for line := range strings.Lines(r.stderr) {
		l := strings.ToLower(line)
		if strings.Contains(line, filepath.Base(files[1].path)) && strings.Contains(l, "full") && strings.Contains(l, "disk") {
			named = true
		}
	}
	if !named {
		t.Errorf("ingest on a full disk: no stderr line names %s and the full disk:\n%s", filepath.Base(files[1].path), tail(r.stderr, 20))
	}

	// Meanwhile the server serves what it has.
	for i := 0; i < 3; i++ {
		r, err := h.feedETag(atom)
		if err != nil {
			t.Errorf("with the disk full: %v", err)
		} else if r.header.Get("ETag") != etag {
			t.Errorf("with the disk full: ETag of /feeds/all.atom changed from %s to %s", etag, r.header.Get("ETag"))
		}
		if hz, err := h.get(srv.base + "/healthz"); err == nil && i == 0 {
			t.Logf("/healthz with the disk full: %s", hz)
		}
		h.sleep(500 * time.Millisecond)
	}

	after := h.readStore(db)
	if after.integrity != "ok" {
		t.Errorf("after the failed ingest: integrity_check %q", after.integrity)
	}
	if d := diffStores(before, after); len(d) > 0 {
		t.Errorf("the failed ingest changed the store:\n  %s", strings.Join(d, "\n  "))
	}
	h.checkSources(inbox, sources)

	// Room again: the same ingest succeeds and is served.
	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	t.Logf("removed the filler; %s", diskUsage(mnt))
	r = ingest("ingest 2+4", files[1], files[2])
	if r.code != 0 {
		t.Fatalf("ingest with room again: %s", r)
	}
	done := time.Now()
	took, ok, detail := h.eventually(10*time.Second, 200*time.Millisecond, func() (bool, string) {
		r, err := h.get(atom)
		if err != nil {
			return false, err.Error()
		}
		ok := r.status == 200 && hasTitle(r.body, files[1].title) && hasTitle(r.body, files[2].title)
		return ok, fmt.Sprintf("status %d, lists %q: %v, %q: %v", r.status, files[1].title, hasTitle(r.body, files[1].title), files[2].title, hasTitle(r.body, files[2].title))
	})
	if ok {
		t.Logf("new articles served %v after the ingest", took.Round(time.Millisecond))
	} else {
		t.Errorf("new articles not served within %v of the ingest: %s", time.Since(done).Round(time.Millisecond), detail)
	}
	final := h.readStore(db)
	if final.integrity != "ok" || len(final.issues) != 3 {
		t.Errorf("store at the end: %d issues, integrity_check %q; want 3, ok", len(final.issues), final.integrity)
	}
	if srv.exited() {
		t.Errorf("serve exited: %s", srv.describe())
	}
}

// mountTmpfs mounts a tmpfs of size at dir until the test ends (after its
// processes are gone: cleanups run last-registered first).
func (h *harness) mountTmpfs(dir, size string) {
	h.t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		h.t.Fatal(err)
	}
	if out, err := exec.CommandContext(h.ctx, "mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		h.t.Fatalf("mount -t tmpfs -o size=%s tmpfs %s: %v\n%s", size, dir, err, out)
	}
	h.t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			h.t.Logf("umount %s: %v %s; lazy unmount", dir, err, out)
			if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
				h.t.Errorf("umount -l %s: %v %s", dir, err, out)
			}
		}
	})
	h.t.Logf("mounted a tmpfs of %s at %s", size, dir)
}

// fillDisk writes path until the filesystem has no room left, in ever
// smaller pieces, and returns how much it wrote.
func fillDisk(path string) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	var n int64
	buf := make([]byte, 64<<10)
	for i := range buf {
		buf[i] = byte(i)
	}
	for size := len(buf); size >= 1; size /= 4 {
		for {
			w, err := f.Write(buf[:size])
			n += int64(w)
			if errors.Is(err, syscall.ENOSPC) {
				break
			}
			if err != nil {
				return n, err
			}
		}
	}
	return n, nil
}

// diskUsage says how full the filesystem at dir is.
func diskUsage(dir string) string {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return err.Error()
	}
	bs := uint64(st.Bsize)
	return fmt.Sprintf("%d of %d KiB free", st.Bavail*bs>>10, st.Blocks*bs>>10)
}
