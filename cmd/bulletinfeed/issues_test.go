package main

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

func TestIssuesCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	in := bulletinDir(t)
	runCmd(t, "ingest", "--db", db, "--section", referenceBanners[0], "--section", referenceBanners[1], in)

	code, out, errs := runCmd(t, "issues", "--db", db)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "KEY ") || !strings.Contains(lines[0], "ARTICLES") {
		t.Errorf("no header line: %q", lines[0])
	}
	var ref string
	for _, l := range lines {
		if strings.HasPrefix(l, "hexi-2023-04 ") {
			ref = l
		}
	}
	// The reference issue: its date, its 10 articles, its two banners.
	for _, want := range []string{"2023-04-01", "  10  ", referenceBanners[1]} {
		if !strings.Contains(ref, want) {
			t.Errorf("line of the reference issue %q lacks %q", ref, want)
		}
	}
	txts, _ := filepath.Glob(filepath.Join(in, "*.txt"))
	// A header; no line for the empty file, nor for the UTF-8 twin of
	// school-2023-11.gb18030.txt.
	if want := 1 + len(txts) - 2; len(lines) != want {
		t.Errorf("%d lines, want %d:\n%s", len(lines), want, out)
	}

	if code, _, errs := runCmd(t, "issues", "--db", db, "--publication", "nope"); code != 1 || !strings.Contains(errs, `publication "nope" has nothing stored yet`) {
		t.Errorf("unknown publication: exit %d, stderr %q; want 1 and nothing stored", code, errs)
	}
}

func TestWriteIssuesAligns(t *testing.T) {
	pub := &bulletinfeed.Publication{ID: "p", TimeZone: "Asia/Shanghai", DefaultSection: "头版"}
	shanghai, _ := time.LoadLocation("Asia/Shanghai")
	issues := []*bulletinfeed.Issue{
		{Key: "第15期", Title: "河西报道", Date: time.Date(2023, 4, 20, 0, 0, 0, 0, shanghai),
			Articles: []*bulletinfeed.Article{{Section: ""}, {Section: "要闻"}, {Section: "要闻"}}},
		{Key: "2023-03-long-key", Date: time.Date(2023, 3, 20, 15, 4, 0, 0, shanghai),
			Articles: []*bulletinfeed.Article{{Section: "Notices"}}},
	}
	var b strings.Builder
	if err := writeIssues(&b, pub, issues); err != nil {
		t.Fatal(err)
	}
	want := "" +
		"KEY               DATE              TITLE     ARTICLES  SECTIONS\n" +
		"第15期            2023-04-20        河西报道  3         头版, 要闻\n" +
		"2023-03-long-key  2023-03-20 15:04  -         1         Notices\n"
	if b.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", b.String(), want)
	}
}

// TestWriteIssuesEscapesControls: stored text reaches the terminal as
// text: an escape sequence in a title must not recolour the screen, nor a
// bidi override reorder the line.
func TestWriteIssuesEscapesControls(t *testing.T) {
	pub := &bulletinfeed.Publication{ID: "p", TimeZone: "UTC"}
	issues := []*bulletinfeed.Issue{{Key: "2024-05", Title: "新苑\u202e讯通\x1b[31mred\u2066x\u2069 \xff",
		Articles: []*bulletinfeed.Article{{Section: "栏目\x07"}}}}
	var b strings.Builder
	if err := writeIssues(&b, pub, issues); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, raw := range []string{"\u202e", "\x1b", "\u2066", "\u2069", "\x07", "\xff"} {
		if strings.Contains(out, raw) {
			t.Errorf("output holds %q raw:\n%s", raw, out)
		}
	}
	for _, want := range []string{`新苑\u202e讯通\x1b[31mred\u2066x\u2069 \xff`, `栏目\a`} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %s:\n%s", want, out)
		}
	}
}
