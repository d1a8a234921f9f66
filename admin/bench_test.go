package admin_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// BenchmarkConsolePages: the server time of the console's pages with ten
// years of a weekly (520 issues of 10 articles, SQLite) and their audit
// entries: the issues list (first page and a search), an issue's page of
// corrections and the audit log; and the preview of the reference PDF,
// which runs poppler. Issue 21 asks for under 50 ms each:
//
//	go test ./admin -run '^$' -bench ConsolePages -benchtime 200x
func BenchmarkConsolePages(b *testing.B) {
	ctx := context.Background()
	c := newConsole(b, filepath.Join(b.TempDir(), "bulletinfeed.db"), nil)
	start := time.Date(2016, 1, 3, 0, 0, 0, 0, shanghai)
	for i := range 520 {
		iss := &bulletinfeed.Issue{Key: fmt.Sprintf("week-%03d", i), Title: fmt.Sprintf("第%d期", i+1), Date: start.AddDate(0, 0, 7*i), SourceName: "bench.txt"}
		for j := range 10 {
			title := fmt.Sprintf("第%d期 第%d篇 区委常委会扩大会议召开", i+1, j+1)
			iss.Articles = append(iss.Articles, &bulletinfeed.Article{Title: title, Headings: []string{title},
				Bylines: []bulletinfeed.Byline{{Role: "通讯员", Name: "赵钰真"}},
				Blocks: []bulletinfeed.Block{{Kind: bulletinfeed.Paragraph, Text: "日前，区委常委会扩大会议暨十项行动工作推动会议召开，全面贯彻党的二十大精神。"},
					{Kind: bulletinfeed.Paragraph, Text: "会议指出，今年以来，全区上下认真贯彻落实中央精神和市委部署要求。"}}})
		}
		if _, err := c.db.Ingest(ctx, "hexi", iss); err != nil {
			b.Fatal(err)
		}
		if err := c.db.AddAudit(ctx, &bulletinfeed.AuditEntry{At: time.Now(), User: "clerk", Action: bulletinfeed.AuditPublish, Publication: "hexi", Issue: iss.Key, Detail: "bench.txt"}); err != nil {
			b.Fatal(err)
		}
	}
	resp, _ := c.client().post("/admin/login", url.Values{"username": {"clerk"}, "password": {password}})
	cookies := resp.Cookies()
	if len(cookies) == 0 {
		b.Fatalf("login: %s, no session cookie", resp.Status)
	}
	pages := []struct{ name, path string }{
		{"issues", "/admin/p/hexi/"},
		{"search", "/admin/p/hexi/?q=week-3"},
		{"issue", "/admin/p/hexi/issues/week-260/"},
		{"audit", "/admin/audit"},
	}
	// The preview of the reference PDF, which parses it: its time is
	// pdftohtml's, whatever the store holds.
	if _, err := exec.LookPath("pdftohtml"); err == nil {
		cl := c.client()
		tok := cl.login("clerk")
		pdf, err := os.ReadFile("../../shared/testdata/hexi-2023-04.pdf")
		if err != nil {
			b.Fatal(err)
		}
		resp, _ := cl.upload("hexi", "hexi-2023-04.pdf", pdf, tok)
		pages = append(pages, struct{ name, path string }{"pdf-preview", resp.Header.Get("Location")})
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				req := httptest.NewRequest("GET", p.path, nil)
				for _, ck := range cookies {
					req.AddCookie(ck)
				}
				w := httptest.NewRecorder()
				c.h.ServeHTTP(w, req)
				if w.Code != http.StatusOK {
					b.Fatalf("%s: %d", p.path, w.Code)
				}
			}
		})
	}
}
