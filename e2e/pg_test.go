//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// pgCluster is a PostgreSQL server of the test's own, on a free loopback
// port, run as the postgres user when the test runs as root (initdb and
// postgres refuse to run as root).
type pgCluster struct {
	h    *harness
	bin  string // folder of initdb and pg_ctl
	dir  string // everything of this cluster; removed at the end
	data string
	sock string
	log  string
	port int
	cred *syscall.Credential // nil: run as the test's own user
}

// pgBinDir finds initdb: the newest /usr/lib/postgresql/*/bin, else PATH.
func pgBinDir() (string, error) {
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(dirs, func(i, j int) bool { return pgVersion(dirs[i]) > pgVersion(dirs[j]) })
	if len(dirs) > 0 {
		return filepath.Dir(dirs[0]), nil
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	return "", fmt.Errorf("no initdb under /usr/lib/postgresql/*/bin or on PATH (install postgresql)")
}

func pgVersion(initdb string) float64 {
	v, _ := strconv.ParseFloat(filepath.Base(filepath.Dir(filepath.Dir(initdb))), 64)
	return v
}

// newPostgres makes a cluster with initdb (trust authentication, superuser
// postgres); it is not started. It is stopped and removed when the test
// ends.
func (h *harness) newPostgres() *pgCluster {
	h.t.Helper()
	binDir, err := pgBinDir()
	if err != nil {
		h.t.Fatal(err)
	}
	c := &pgCluster{h: h, bin: binDir, port: h.freePort()}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			h.t.Fatalf("running as root, PostgreSQL needs the postgres user: %v", err)
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		c.cred = &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}
	}
	// Its own folder, traversable by the postgres user (t.TempDir's are
	// 0700 under a 0700 parent).
	dir, err := os.MkdirTemp("", "bulletinfeed-e2e-pg-")
	if err == nil && !traversable(dir) {
		os.RemoveAll(dir)
		dir, err = os.MkdirTemp("/tmp", "bulletinfeed-e2e-pg-")
	}
	if err != nil {
		h.t.Fatal(err)
	}
	c.dir = dir
	h.t.Cleanup(func() {
		// Not bound by the test's deadline, which may have passed.
		c.command(context.Background(), time.Minute, "pg_ctl", "-D", c.data, "-w", "-t", "60", "-m", "immediate", "stop")
		os.RemoveAll(dir)
	})
	c.data = filepath.Join(dir, "data")
	c.sock = filepath.Join(dir, "run")
	c.log = filepath.Join(dir, "run", "postgresql.log")
	if err := os.Chmod(dir, 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.Mkdir(c.sock, 0o700); err != nil {
		h.t.Fatal(err)
	}
	if c.cred != nil {
		for _, p := range []string{dir, c.sock} {
			if err := os.Chown(p, int(c.cred.Uid), int(c.cred.Gid)); err != nil {
				h.t.Fatal(err)
			}
		}
	}
	start := time.Now()
	if out, err := c.command(h.ctx, time.Minute, "initdb", "-D", c.data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C", "--no-sync"); err != nil {
		h.t.Fatalf("initdb: %v\n%s", err, tail(out, 30))
	}
	h.t.Logf("postgres: initdb %s (%s) in %v", c.data, binDir, time.Since(start).Round(time.Millisecond))
	return c
}

// traversable reports whether every folder from / down to dir lets others
// through.
func traversable(dir string) bool {
	for d := filepath.Dir(dir); ; d = filepath.Dir(d) {
		st, err := os.Stat(d)
		if err != nil || st.Mode().Perm()&0o001 == 0 {
			return false
		}
		if d == filepath.Dir(d) {
			return true
		}
	}
}

// DSN is the connection string the binary is given.
func (c *pgCluster) DSN() string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", c.port)
}

// command runs a PostgreSQL program as the cluster's user.
func (c *pgCluster) command(ctx context.Context, timeout time.Duration, name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, filepath.Join(c.bin, name), args...)
	cmd.Dir = c.dir
	cmd.Env = append(childEnv(), "LC_ALL=C", "PGTZ=UTC")
	if c.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: c.cred}
	}
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (c *pgCluster) pgctl(args ...string) (string, error) {
	return c.command(c.h.ctx, 90*time.Second, "pg_ctl", append([]string{"-D", c.data, "-w", "-t", "60"}, args...)...)
}

// start starts the server and waits until it accepts connections.
func (c *pgCluster) start() {
	c.h.t.Helper()
	start := time.Now()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1", c.port, c.sock)
	if out, err := c.pgctl("-l", c.log, "-o", opts, "start"); err != nil {
		logText, _ := os.ReadFile(c.log)
		c.h.t.Fatalf("pg_ctl start: %v\n%s\n--- %s:\n%s", err, tail(out, 20), c.log, tail(string(logText), 30))
	}
	c.h.t.Logf("postgres: started on 127.0.0.1:%d in %v", c.port, time.Since(start).Round(time.Millisecond))
}

// stop stops the server at once, as a crash or a lost host would.
func (c *pgCluster) stop() {
	c.h.t.Helper()
	if out, err := c.pgctl("-m", "immediate", "stop"); err != nil {
		c.h.t.Fatalf("pg_ctl stop: %v\n%s", err, tail(out, 20))
	}
	c.h.t.Logf("postgres: stopped (-m immediate)")
}

// logTail is the end of the server log, for failure messages.
func (c *pgCluster) logTail() string {
	b, _ := os.ReadFile(c.log)
	return strings.TrimSpace(tail(string(b), 20))
}
