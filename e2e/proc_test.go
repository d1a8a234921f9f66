//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// harness is one test's deadline, scratch folder and processes.
type harness struct {
	t   *testing.T
	ctx context.Context
	dir string
}

// newHarness bounds the test by timeout: every process it starts is killed
// at the deadline, and every wait gives up then.
func newHarness(t *testing.T, timeout time.Duration) *harness {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), timeout)
	t.Cleanup(cancel)
	return &harness{t: t, ctx: ctx, dir: t.TempDir()}
}

// remaining is the time left before the test's deadline.
func (h *harness) remaining() time.Duration {
	d, ok := h.ctx.Deadline()
	if !ok {
		return time.Hour
	}
	return time.Until(d)
}

// sleep waits d, or fails the test at its deadline.
func (h *harness) sleep(d time.Duration) {
	h.t.Helper()
	select {
	case <-time.After(d):
	case <-h.ctx.Done():
		h.t.Fatalf("test deadline reached while waiting (%v)", context.Cause(h.ctx))
	}
}

// lockedBuffer collects a process's output while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// proc is a running bulletinfeed process.
type proc struct {
	name    string
	args    []string
	cmd     *exec.Cmd
	stdout  lockedBuffer
	stderr  lockedBuffer
	started time.Time
	done    chan struct{} // closed when the process has exited
	ended   time.Time
	state   *os.ProcessState
}

// childEnv is the environment of the processes: the test's, less any
// BULLETINFEED_* setting, so that only the flags given count.
func childEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "BULLETINFEED_") {
			env = append(env, kv)
		}
	}
	return env
}

// start runs bulletinfeed with args in the background. name labels it in
// the log. If the test fails, its last lines of output are logged; when
// the test ends it is killed if still running.
func (h *harness) start(name string, args ...string) *proc {
	h.t.Helper()
	return h.startProc(true, name, args...)
}

// startQuiet is start for processes whose output is not worth logging on
// failure (the ingests killed on purpose).
func (h *harness) startQuiet(name string, args ...string) *proc {
	h.t.Helper()
	return h.startProc(false, name, args...)
}

func (h *harness) startProc(logOnFail bool, name string, args ...string) *proc {
	h.t.Helper()
	p := &proc{name: name, args: args, done: make(chan struct{})}
	cmd := exec.CommandContext(h.ctx, bin, args...)
	cmd.Dir = h.dir
	cmd.Env = childEnv()
	cmd.Stdout = &p.stdout
	cmd.Stderr = &p.stderr
	cmd.WaitDelay = 5 * time.Second
	p.cmd = cmd
	if err := cmd.Start(); err != nil {
		h.t.Fatalf("%s: start %s: %v", name, bin, err)
	}
	p.started = time.Now()
	go func() {
		cmd.Wait()
		p.state = cmd.ProcessState
		p.ended = time.Now()
		close(p.done)
	}()
	h.t.Cleanup(func() {
		if !p.exited() {
			p.kill()
		}
		if logOnFail && h.t.Failed() {
			h.t.Logf("%s (pid %d, %s): %s\n--- stderr (last lines):\n%s--- stdout (last lines):\n%s",
				p.name, p.pid(), p.describe(), strings.Join(p.args, " "), tail(p.stderr.String(), 30), tail(p.stdout.String(), 10))
		}
	})
	return p
}

func (p *proc) pid() int { return p.cmd.Process.Pid }

// exited reports whether the process has ended.
func (p *proc) exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// code is the exit status, -1 when killed by a signal or still running.
func (p *proc) code() int {
	if !p.exited() {
		return -1
	}
	return p.state.ExitCode()
}

// describe says how the process ended, or that it runs.
func (p *proc) describe() string {
	if !p.exited() {
		return fmt.Sprintf("running for %v", time.Since(p.started).Round(time.Millisecond))
	}
	return fmt.Sprintf("%v after %v", p.state, p.ended.Sub(p.started).Round(time.Millisecond))
}

var errStillRunning = errors.New("still running")

// wait waits up to timeout for the process to end and returns its exit
// status.
func (p *proc) wait(timeout time.Duration) (int, error) {
	select {
	case <-p.done:
		return p.code(), nil
	case <-time.After(timeout):
		return -1, errStillRunning
	}
}

// kill sends SIGKILL and waits for the process to be gone.
func (p *proc) kill() {
	if p.exited() {
		return
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
}

// terminate sends SIGTERM and waits up to timeout for an exit; a process
// still running then is killed and an error returned.
func (p *proc) terminate(timeout time.Duration) (int, error) {
	if p.exited() {
		return p.code(), nil
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	code, err := p.wait(timeout)
	if err != nil {
		p.kill()
		return -1, fmt.Errorf("%s did not exit within %v of SIGTERM; killed", p.name, timeout)
	}
	return code, nil
}

// result is a finished process.
type result struct {
	code     int
	stdout   string
	stderr   string
	duration time.Duration
}

func (r *result) String() string {
	return fmt.Sprintf("exit %d after %v\n--- stdout:\n%s--- stderr:\n%s", r.code, r.duration.Round(time.Millisecond), tail(r.stdout, 20), tail(r.stderr, 30))
}

// run runs bulletinfeed to its end, failing the test if it takes longer
// than timeout.
func (h *harness) run(timeout time.Duration, name string, args ...string) *result {
	h.t.Helper()
	p := h.startQuiet(name, args...)
	if _, err := p.wait(timeout); err != nil {
		p.kill()
		h.t.Fatalf("%s: no exit within %v; killed.\n%s", name, timeout, (&result{code: -1, stdout: p.stdout.String(), stderr: p.stderr.String(), duration: timeout}))
	}
	return &result{code: p.code(), stdout: p.stdout.String(), stderr: p.stderr.String(), duration: p.ended.Sub(p.started)}
}

// mustRun is run that fails the test unless the exit status is 0.
func (h *harness) mustRun(timeout time.Duration, name string, args ...string) *result {
	h.t.Helper()
	r := h.run(timeout, name, args...)
	if r.code != 0 {
		h.t.Fatalf("%s: %s %s: %s", name, bin, strings.Join(args, " "), r)
	}
	return r
}

// tail returns the last n lines of s.
func tail(s string, n int) string {
	lines := strings.SplitAfter(s, "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	if len(lines) > n {
		lines = append([]string{fmt.Sprintf("[… %d lines]\n", len(lines)-n)}, lines[len(lines)-n:]...)
	}
	out := strings.Join(lines, "")
	if out != "" && !strings.HasSuffix(out, "\n") {
		out += "\n"
	}
	return out
}

// eventually calls cond every interval until it reports true or timeout
// passes; it returns how long that took, and whether it did. detail is the
// last thing cond said, for the failure message.
func (h *harness) eventually(timeout, interval time.Duration, cond func() (ok bool, detail string)) (took time.Duration, ok bool, detail string) {
	start := time.Now()
	for {
		ok, detail = cond()
		if ok {
			return time.Since(start), true, detail
		}
		if time.Since(start) > timeout || h.ctx.Err() != nil {
			return time.Since(start), false, detail
		}
		select {
		case <-time.After(interval):
		case <-h.ctx.Done():
		}
	}
}

// mkdirs creates folders: a store's folder must exist, since only the
// default one is created for it.
func mkdirs(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
}
