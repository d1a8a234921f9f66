//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// chromiumFlags are the flags Debian's chromium needs to run headless as
// root in a container, and those that keep it from reaching the network
// on its own (updates, sync, QUIC probes) while a test runs.
var chromiumFlags = []chromedp.ExecAllocatorOption{
	chromedp.Headless,
	chromedp.NoSandbox,
	chromedp.DisableGPU,
	chromedp.NoFirstRun,
	chromedp.Flag("disable-quic", true),
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	// The console speaks the browser's language; the tests read English.
	chromedp.Flag("accept-lang", "en-US"),
	chromedp.Flag("lang", "en-US"),
	chromedp.WindowSize(1280, 800),
}

// newBrowser starts a headless chromium with a profile of its own in the
// test's folder and returns the context of its first tab. It is closed
// when the test ends. .ci/run installs chromium when it is missing.
func (h *harness) newBrowser() context.Context {
	h.t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		h.t.Fatalf("no chromium on PATH (apt-get install chromium; .ci/run installs it): %v", err)
	}
	opts := append([]chromedp.ExecAllocatorOption{}, chromedp.DefaultExecAllocatorOptions[:]...)
	opts = append(opts, chromiumFlags...)
	opts = append(opts, chromedp.ExecPath(path), chromedp.UserDataDir(filepath.Join(h.dir, "chromium")))
	actx, cancelAlloc := chromedp.NewExecAllocator(h.ctx, opts...)
	h.t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(actx)
	h.t.Cleanup(cancel)
	start := time.Now()
	if err := chromedp.Do(ctx); err != nil {
		h.t.Fatalf("start chromium: %v", err)
	}
	h.t.Logf("chromium started in %v", time.Since(start).Round(time.Millisecond))
	return ctx
}

// newSession returns a tab of the same browser in a browser context of its
// own: no cookies shared with the others, as a second person's browser.
func (h *harness) newSession(browser context.Context) context.Context {
	h.t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	h.t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		h.t.Fatalf("new browser context: %v", err)
	}
	return ctx
}

// do runs the browser steps, failing the test with what was being done
// and the page's address.
func (h *harness) do(ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	h.t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		h.t.Fatalf("%s (at %s): %v", what, loc, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func evalIn[T any](h *harness, ctx context.Context, expr string) T {
	h.t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		h.t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// waitJS waits until a JavaScript expression is true in the page, through
// navigations (a form's submission), polling every 100 ms.
func (h *harness) waitJS(ctx context.Context, expr string, timeout time.Duration) {
	h.t.Helper()
	deadline := time.Now().Add(timeout)
	var last string
	for time.Now().Before(deadline) {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err == nil && ok {
			return
		}
		if err != nil {
			last = err.Error()
		}
		h.sleep(100 * time.Millisecond)
	}
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	h.t.Fatalf("%s not true within %v (at %s) %s", expr, timeout, loc, last)
}

// cssString quotes s for a CSS attribute selector.
func cssString(s string) string { return fmt.Sprintf("%q", s) }
