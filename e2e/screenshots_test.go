//go:build e2e

package e2e

import (
	"context"
	"flag"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// screenshots is where TestConsoleScreenshots writes its pictures; the
// test is skipped without it. The README's pictures are made with
//
//	go test -tags e2e -count=1 -run ConsoleScreenshots ./e2e -screenshots ../docs/console
var screenshots = flag.String("screenshots", "", "write the console's screenshots (docs/console) to this folder")

// shotMode is one way the pictures are taken: a screen and a colour
// scheme.
type shotMode struct {
	name          string
	width, height int64
	mobile        bool
	scheme        string
}

var shotModes = []shotMode{
	{"desktop-light", 1280, 800, false, "light"},
	{"desktop-dark", 1280, 800, false, "dark"},
	{"phone-light", 390, 844, true, "light"},
	{"phone-dark", 390, 844, true, "dark"},
}

// emulate sets the tab's screen and colour scheme.
func emulate(m shotMode) chromedp.Action[chromedp.Void] {
	var opts []chromedp.EmulateViewportOption
	if m.mobile {
		opts = append(opts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	return chromedp.Steps(
		chromedp.EmulateViewport(m.width, m.height, opts...),
		chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
			_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
				Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: m.scheme}},
			})
			return err
		}),
	)
}

// TestConsoleScreenshots fills a console as an editor would (an issue
// published and corrected, one scheduled, a PDF uploaded and not yet
// published) and takes each main screen (the preview twice: its top and
// its pages; an issue's corrections twice: its top and an article's
// structure) in light and dark, on a phone
// (390×844) and a desktop (1280×800).
func TestConsoleScreenshots(t *testing.T) {
	if *screenshots == "" {
		t.Skip("no -screenshots DIR")
	}
	out, err := filepath.Abs(*screenshots)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, 4*time.Minute)
	conf, db := h.consoleSite()
	srv := h.startServe("serve", db, "--config", conf)
	base := srv.base
	browser := h.newBrowser()
	h.signIn(browser, base, "alice")

	shared := filepath.Join(repoRoot, "..", "shared", "testdata")
	h.upload(browser, base, "hexi", filepath.Join(shared, "hexi-2023-04.txt"))
	h.do(browser, "publish", chromedp.Click(chromedp.CSS(`form:has(input[name=when][value=now]) button`)))
	key := h.doneKey(browser)
	issueURL := base + "/admin/p/hexi/issues/" + url.PathEscape(key) + "/"
	h.do(browser, "open the issue", chromedp.Navigate(issueURL), chromedp.WaitVisible(chromedp.CSS(`article.article`)))
	first := evalIn[string](h, browser, `document.querySelector('article.article').id`)
	h.do(browser, "correct a title",
		chromedp.SetValue(chromedp.CSS(`input[id=`+cssString("title-"+first)+`]`), "河西区委常委会扩大会议召开"),
		chromedp.Click(chromedp.CSS(`article[id=`+cssString(first)+`] form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice`)),
	)
	h.upload(browser, base, "hexi", filepath.Join(repoRoot, "examples", "xinyuan-2024-05.txt"))
	h.do(browser, "schedule",
		chromedp.SetValue(chromedp.ID("at"), time.Now().Add(48*time.Hour).Format("2006-01-02")+"T08:00"),
		chromedp.Click(chromedp.CSS(`form:has(input[name=when][value=schedule]) button`)))
	h.doneKey(browser)
	preview := h.upload(browser, base, "hexi", filepath.Join(shared, "hexi-2023-04.pdf"))

	anon := h.newSession(browser)
	// structure opens the first article's form of headings, credits and
	// blocks, which is folded away.
	const structure = `(d => { d.open = true; d.scrollIntoView() })(document.querySelector('article.article details'))`
	screens := []struct {
		name string
		ctx  context.Context
		url  string
		js   string
	}{
		{"login", anon, base + "/admin/login", ""},
		{"issues", browser, base + "/admin/p/hexi/", ""},
		{"preview", browser, preview, ""},
		{"pages", browser, preview + "#page-1", ""},
		{"corrections", browser, issueURL, ""},
		{"structure", browser, issueURL, structure},
		{"audit", browser, base + "/admin/audit", ""},
	}
	for _, m := range shotModes {
		for _, s := range screens {
			h.do(s.ctx, s.name+" "+m.name, emulate(m), chromedp.Navigate(s.url), chromedp.WaitVisible(chromedp.CSS("main h1")),
				// The pictures on the screen, lazy ones included, drawn.
				chromedp.Poll[chromedp.Void](`[...document.images].filter(i => i.getBoundingClientRect().top < innerHeight).every(i => i.complete && i.naturalWidth > 0)`))
			if s.js != "" {
				h.do(s.ctx, s.name, chromedp.Evaluate[chromedp.Void](s.js))
			}
			png, err := chromedp.Run(s.ctx, chromedp.CaptureScreenshot())
			if err != nil {
				t.Fatalf("%s %s: %v", s.name, m.name, err)
			}
			name := filepath.Join(out, s.name+"-"+m.name+".png")
			if err := os.WriteFile(name, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	t.Logf("wrote %d screenshots to %s", len(shotModes)*len(screens), out)
}
