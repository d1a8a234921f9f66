package admin_test

import (
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/PuerkitoBio/goquery"
)

// TestLabelsAndKeyboard reads every page of the console as a screen
// reader and a keyboard would: each control a person fills in or chooses
// (input, select, textarea) has a label naming it (label for its id, or
// one around it), ids are unique, each button and link says what it does,
// and no control is taken out of the tab order or put first in it
// (tabindex), so that every one is reached by the keyboard in page order.
func TestLabelsAndKeyboard(t *testing.T) {
	c := newConsole(t, filepath.Join(t.TempDir(), "bulletinfeed.db"), nil)
	anon := c.client()
	cl := c.client()
	tok := cl.login("clerk")
	cl.post(uploadHexi(t, cl, tok)+"/publish", url.Values{"csrf": {tok}, "when": {"now"}})
	preview := uploadHexi(t, cl, tok)
	pages := map[string]struct {
		cl   *client
		path string
	}{
		"login":   {anon, "/admin/login"},
		"home":    {cl, "/admin/"},
		"issues":  {cl, "/admin/p/hexi/"},
		"preview": {cl, preview},
		"issue":   {cl, "/admin/p/hexi/issues/hexi-2023-04/"},
		"delete":  {cl, "/admin/p/hexi/issues/hexi-2023-04/delete"},
		"audit":   {cl, "/admin/audit"},
		"error":   {cl, "/admin/p/hexi/issues/no-such-issue/"},
	}
	// The preview of a PDF has the most: its pages, pictures and lines.
	if _, err := exec.LookPath("pdftohtml"); err == nil {
		if pdf, err := os.ReadFile("../../shared/testdata/hexi-2023-04.pdf"); err == nil {
			resp, _ := cl.upload("hexi", "hexi-2023-04.pdf", pdf, tok)
			pages["preview of a PDF"] = struct {
				cl   *client
				path string
			}{cl, resp.Header.Get("Location")}
		}
	}
	for name, p := range pages {
		t.Run(name, func(t *testing.T) {
			resp, body := p.cl.get(p.path)
			if resp.StatusCode != http.StatusOK && name != "error" {
				t.Fatalf("%s: %s", p.path, resp.Status)
			}
			doc, err := goquery.NewDocumentFromReader(strings.NewReader(body))
			if err != nil {
				t.Fatal(err)
			}
			checkLabels(t, doc)
		})
	}
}

// checkLabels reports every control of doc without a label, every id
// given twice, every button or link with no words, and every tabindex.
func checkLabels(t *testing.T, doc *goquery.Document) {
	t.Helper()
	ids := map[string]int{}
	doc.Find("[id]").Each(func(_ int, s *goquery.Selection) {
		ids[s.AttrOr("id", "")]++
	})
	for id, n := range ids {
		if n > 1 {
			t.Errorf("id %q is given %d times", id, n)
		}
	}
	controls := 0
	doc.Find("input, select, textarea").Each(func(_ int, s *goquery.Selection) {
		if s.AttrOr("type", "") == "hidden" {
			return
		}
		controls++
		id := s.AttrOr("id", "")
		named := s.ParentsFiltered("label").Length() > 0 || s.AttrOr("aria-label", "") != ""
		if id != "" {
			doc.Find("label").EachWithBreak(func(_ int, l *goquery.Selection) bool {
				if l.AttrOr("for", "") == id && strings.TrimSpace(l.Text()) != "" {
					named = true
				}
				return !named
			})
		}
		if !named {
			html, _ := goquery.OuterHtml(s)
			t.Errorf("control without a label: %s", html)
		}
	})
	doc.Find("button, a").Each(func(_ int, s *goquery.Selection) {
		if strings.TrimSpace(s.Text()) == "" && s.AttrOr("aria-label", "") == "" && s.Find("img[alt]").Length() == 0 {
			html, _ := goquery.OuterHtml(s)
			t.Errorf("%s says nothing: %s", goquery.NodeName(s), html)
		}
		if goquery.NodeName(s) == "a" && s.AttrOr("href", "") == "" {
			html, _ := goquery.OuterHtml(s)
			t.Errorf("a link without an address cannot be reached by the keyboard: %s", html)
		}
	})
	doc.Find("[tabindex]").Each(func(_ int, s *goquery.Selection) {
		html, _ := goquery.OuterHtml(s)
		t.Errorf("tabindex changes the keyboard's order: %s", html)
	})
	doc.Find("img").Each(func(_ int, s *goquery.Selection) {
		if _, ok := s.Attr("alt"); !ok {
			html, _ := goquery.OuterHtml(s)
			t.Errorf("picture without alt: %s", html)
		}
	})
	if doc.Find("main").Length() != 1 || doc.Find("h1").Length() != 1 || doc.Find("html[lang]").Length() != 1 {
		t.Errorf("a page has one main, one h1 and its language")
	}
	t.Logf("%d controls", controls)
}
