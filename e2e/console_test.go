//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// consoleSite writes the configuration of two publications, hexi (the
// reference issue's, with its two banners) and other, and makes their
// store with two editors as an administrator would: users add with
// --password-stdin. It returns the configuration file and the store.
func (h *harness) consoleSite() (conf, db string) {
	h.t.Helper()
	db = filepath.Join(h.dir, "console.db")
	conf = filepath.Join(h.dir, "bulletinfeed.toml")
	text := fmt.Sprintf(`db = %q
[[publication]]
id = "hexi"
title = "河西区工作简报"
lang = "zh-CN"
tz = "Asia/Shanghai"
sections = [
  { banner = "新时代新征程新伟业 以新担当新作为推动高质量发展", slug = "new-era" },
  { banner = "十项行动 奋进新征程", slug = "ten-actions" },
]
[[publication]]
id = "other"
title = "Other bulletin"
lang = "en"
`, db)
	if err := os.WriteFile(conf, []byte(text), 0o644); err != nil {
		h.t.Fatal(err)
	}
	h.addUser(conf, "alice", "hexi")
	h.addUser(conf, "bob", "other")
	return conf, db
}

// consolePassword is every test user's password.
const consolePassword = "correct horse battery"

// addUser runs users add NAME --publication PUB --password-stdin.
func (h *harness) addUser(conf, name, pub string) {
	h.t.Helper()
	cmd := exec.CommandContext(h.ctx, bin, "users", "add", name, "--publication", pub, "--password-stdin", "--config", conf)
	cmd.Dir, cmd.Env = h.dir, childEnv()
	cmd.Stdin = strings.NewReader(consolePassword + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		h.t.Fatalf("users add %s: %v\n%s", name, err, out)
	}
}

// signIn signs name in through the login form.
func (h *harness) signIn(ctx context.Context, base, name string) {
	h.t.Helper()
	h.do(ctx, "sign in as "+name,
		chromedp.Navigate(base+"/admin/"),
		chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), name),
		chromedp.SendKeys(chromedp.ID("password"), consolePassword),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
		// Only a signed-in page has the sign-out form.
		chromedp.WaitReady(chromedp.CSS(`header form[action$="/logout"]`)),
	)
}

// upload sends an issue file from the publication's page and waits for
// its preview; it returns the preview's address.
func (h *harness) upload(ctx context.Context, base, pub, file string) string {
	h.t.Helper()
	h.do(ctx, "upload "+file,
		chromedp.Navigate(base+"/admin/p/"+pub+"/"),
		chromedp.SetUploadFiles(chromedp.ID("file"), []string{file}),
		chromedp.Click(chromedp.CSS(`form[enctype="multipart/form-data"] button[type=submit]`)),
		chromedp.WaitReady(chromedp.CSS(`form:has(input[name=when][value=now]) button`)),
	)
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	return loc
}

// doneKey waits for the issues list's notice after a publish, schedule or
// delete, and returns the key it names.
func (h *harness) doneKey(ctx context.Context) string {
	h.t.Helper()
	h.do(ctx, "wait for the notice", chromedp.WaitVisible(chromedp.CSS(`p.notice`)))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	u, err := url.Parse(loc)
	if err != nil {
		h.t.Fatal(err)
	}
	return u.Query().Get("key")
}

// eventuallyGet waits until url answers want and its body holds every
// string of has.
func (h *harness) eventuallyGet(url string, want int, has ...string) *response {
	h.t.Helper()
	var last *response
	_, ok, detail := h.eventually(20*time.Second, 100*time.Millisecond, func() (bool, string) {
		r, err := h.get(url)
		if err != nil {
			return false, err.Error()
		}
		last = r
		if r.status != want {
			return false, r.String()
		}
		for _, s := range has {
			if !strings.Contains(r.body, s) {
				return false, "no " + s
			}
		}
		return true, ""
	})
	if !ok {
		h.t.Fatalf("GET %s: want %d with %q: %s", url, want, has, detail)
	}
	return last
}

// TestConsoleInBrowser drives the editors' console in a real browser, as
// issue 21 asks: sign in, upload the reference PDF and see its ten
// articles, publish, correct a title and move an article, find the title
// in the feed; mark a block a caption and change the issue's date; schedule an issue and see it released; delete one and get
// 410; an editor of another publication is refused (403), and so is a
// cross-site POST.
func TestConsoleInBrowser(t *testing.T) {
	h := newHarness(t, 4*time.Minute)
	conf, db := h.consoleSite()
	srv := h.startServe("serve", db, "--config", conf)
	browser := h.newBrowser()
	base := srv.base

	h.signIn(browser, base, "alice")

	// The reference PDF: ten articles in the preview, then published.
	pdf, err := filepath.Abs(filepath.Join(repoRoot, "..", "shared", "testdata", "hexi-2023-04.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	h.upload(browser, base, "hexi", pdf)
	t.Logf("PDF uploaded and previewed in %v", time.Since(start).Round(time.Millisecond))
	if n := evalIn[int](h, browser, `document.querySelectorAll('article.article').length`); n != 10 {
		t.Fatalf("preview of hexi-2023-04.pdf: %d articles, want 10", n)
	}
	// Beside them, each of the four pages: its picture, the articles
	// that begin on it, its lines with their roles and why.
	if n := evalIn[int](h, browser, `document.querySelectorAll('section.page').length`); n != 4 {
		t.Errorf("preview: %d pages, want 4", n)
	}
	if s := evalIn[string](h, browser, `document.querySelector('section.page table').textContent`); !strings.Contains(s, "heading") || !strings.Contains(s, "larger than the body text") {
		t.Errorf("page 1's lines do not say which is a heading and why: %q", clip(s, 300))
	}
	h.do(browser, "see page 1's picture",
		chromedp.ScrollIntoView(chromedp.CSS(`section.page img`)),
		chromedp.Poll[chromedp.Void](`(i => i.complete && i.naturalWidth > 100)(document.querySelector('section.page img'))`, chromedp.WithPollingTimeout(20*time.Second)))
	h.do(browser, "publish now", chromedp.Click(chromedp.CSS(`form:has(input[name=when][value=now]) button`)))
	key := h.doneKey(browser)
	if key == "" {
		t.Fatal("no issue key after publishing")
	}
	issueURL := base + "/admin/p/hexi/issues/" + url.PathEscape(key) + "/"

	// Correct the first article's title and move the second to the
	// second banner's section, each through its own form.
	h.do(browser, "open the issue", chromedp.Navigate(issueURL), chromedp.WaitVisible(chromedp.CSS(`article.article`)))
	ids := evalIn[[]string](h, browser, `[...document.querySelectorAll('article.article')].map(a => a.id)`)
	if len(ids) != 10 {
		t.Fatalf("issue page: %d articles, want 10", len(ids))
	}
	const newTitle = "河西区委常委会扩大会议召开（更正）"
	h.do(browser, "correct a title",
		chromedp.SetValue(chromedp.CSS(`input[id=`+cssString("title-"+ids[0])+`]`), newTitle),
		chromedp.Click(chromedp.CSS(`article[id=`+cssString(ids[0])+`] form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice`)),
	)
	moved := evalIn[string](h, browser, `document.querySelector('article[id=`+cssString(ids[1])+`] h3').textContent`)
	const target = "十项行动 奋进新征程"
	h.do(browser, "move an article",
		chromedp.Navigate(issueURL),
		chromedp.SetValue(chromedp.CSS(`select[id=`+cssString("section-"+ids[1])+`]`), target),
		chromedp.Click(chromedp.CSS(`article[id=`+cssString(ids[1])+`] form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice`)),
	)
	if s := evalIn[string](h, browser, `document.querySelector('article[id=`+cssString(ids[1])+`] .meta').textContent`); !strings.Contains(s, target) {
		t.Errorf("moved article's line reads %q, want its new section %q", s, target)
	}
	// The third article's first block marked a caption, through the
	// form folded under it; then the issue's date moved a day.
	h.do(browser, "mark a caption",
		chromedp.Navigate(issueURL),
		chromedp.Click(chromedp.CSS(`article[id=`+cssString(ids[2])+`] details summary`)),
		chromedp.SetValue(chromedp.CSS(`select[id=`+cssString("kind-"+ids[2]+"-1")+`]`), "caption"),
		chromedp.Click(chromedp.CSS(`article[id=`+cssString(ids[2])+`] form[action$="/edit"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice`)),
	)
	h.do(browser, "change the date",
		chromedp.Navigate(issueURL),
		chromedp.Click(chromedp.CSS(`main > details summary`)),
		chromedp.SetValue(chromedp.ID("meta-date"), "2023-04-02"),
		chromedp.Click(chromedp.CSS(`form[action$="/meta"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`p.notice`)),
	)
	if s := evalIn[string](h, browser, `document.querySelector('main p.meta').textContent`); !strings.Contains(s, "2023-04-02") {
		t.Errorf("issue page after the date changed: %q", s)
	}
	h.eventuallyGet(base+"/articles/"+ids[2], http.StatusOK, `class="caption"`)
	h.eventuallyGet(base+"/feeds/all.atom", http.StatusOK, newTitle)
	h.eventuallyGet(base+"/sections/ten-actions", http.StatusOK, moved)

	// Schedule an issue a few seconds ahead (the field takes seconds
	// when given them; its form is sent without the minute's step check)
	// and see it move from Scheduled to the published list.
	other, err := filepath.Abs(filepath.Join(repoRoot, "examples", "xinyuan-2024-05.txt"))
	if err != nil {
		t.Fatal(err)
	}
	h.upload(browser, base, "hexi", other)
	shanghai, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		t.Fatal(err)
	}
	at := time.Now().Add(4 * time.Second).In(shanghai).Format("2006-01-02T15:04:05")
	h.do(browser, "schedule",
		chromedp.Evaluate[chromedp.Void](`(() => { const i = document.getElementById('at'); i.value = `+cssString(at)+`; i.form.submit() })()`))
	sched := h.doneKey(browser)
	if !evalIn[bool](h, browser, `[...document.querySelectorAll('table td')].some(td => td.textContent === `+cssString(sched)+`)`) {
		t.Fatalf("scheduled issue %s not in the Scheduled table", sched)
	}
	if r, err := h.get(base + "/issues/" + url.PathEscape(sched)); err != nil || r.status == http.StatusOK {
		t.Fatalf("scheduled issue served before its time: %v %v", r, err)
	}
	released := `!!document.querySelector('a[href$=` + cssString("/issues/"+url.PathEscape(sched)+"/") + `]')`
	deadline := time.Now().Add(30 * time.Second)
	for {
		h.do(browser, "reload the issues list", chromedp.Navigate(base+"/admin/p/hexi/"), chromedp.WaitReady(chromedp.ID("q")))
		if evalIn[bool](h, browser, released) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("issue %s scheduled at %s (Asia/Shanghai) not released within 30 s", sched, at)
		}
		h.sleep(250 * time.Millisecond)
	}
	h.eventuallyGet(base+"/issues/"+url.PathEscape(sched), http.StatusOK)

	// Delete it, through the confirmation page: its page answers 410.
	h.do(browser, "delete",
		chromedp.Click(chromedp.CSS(`a[href$=`+cssString("/issues/"+url.PathEscape(sched)+"/delete")+`]`)),
		chromedp.WaitVisible(chromedp.CSS(`main form button[type=submit]`)),
		chromedp.Click(chromedp.CSS(`main form button[type=submit]`)),
	)
	h.doneKey(browser)
	h.eventuallyGet(base+"/issues/"+url.PathEscape(sched), http.StatusGone)

	// Bob edits only "other": hexi's issue is 403 to him.
	bob := h.newSession(browser)
	h.signIn(bob, base, "bob")
	resp, err := chromedp.RunResponse(bob, chromedp.Navigate(issueURL))
	if err != nil {
		t.Fatalf("bob opens %s: %v", issueURL, err)
	}
	if resp.Status != http.StatusForbidden {
		t.Errorf("bob opens hexi's issue: status %d, want 403", resp.Status)
	}

	// A page of another site posts a form to the console in alice's
	// browser, where she is signed in: refused, and the issue stays.
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!DOCTYPE html><form method="post" action="%s"><input type="hidden" name="csrf" value="guess"></form><script>document.forms[0].submit()</script>`,
			base+"/admin/p/hexi/issues/"+url.PathEscape(key)+"/delete")
	}))
	defer evil.Close()
	// localhost is another site than 127.0.0.1 to the browser.
	evilURL := strings.Replace(evil.URL, "127.0.0.1", "localhost", 1)
	h.do(browser, "visit the other site", chromedp.Navigate(evilURL))
	h.waitJS(browser, `location.pathname.endsWith('/delete') && document.readyState === 'complete'`, 10*time.Second)
	if st := evalIn[int](h, browser, `performance.getEntriesByType('navigation')[0].responseStatus`); st != http.StatusForbidden {
		t.Errorf("cross-site POST: status %d, want 403", st)
	}
	h.eventuallyGet(base+"/issues/"+url.PathEscape(key), http.StatusOK)
}
