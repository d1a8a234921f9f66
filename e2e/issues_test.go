//go:build e2e

package e2e

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// sections are the banners of both templates, given to every ingest so that
// their section feeds exist.
var sections = []string{
	"幸福养老 温暖夕阳",
	"文明创建 人人参与",
	"新时代新征程新伟业 以新担当新作为推动高质量发展",
	"十项行动 奋进新征程",
}

func sectionArgs() []string {
	var args []string
	for _, s := range sections {
		args = append(args, "--section", s)
	}
	return args
}

// A template is a real bulletin with the edits that make copy n an issue
// of its own: its first article's title and opening sentence carry the
// number and the date, so every copy has its own articles.
type template struct {
	path  string // from the module root
	edits []edit
	title string // first article's title, with %d for the number
}

type edit struct {
	old string
	new func(n int, date time.Time) string
}

var templates = []template{
	// Odd numbers: the made-up district bulletin, 3 articles, 2 KB.
	{
		path:  "examples/xinyuan-2024-05.txt",
		title: "新苑街道召开第%d次重点工作推进会",
		edits: []edit{
			{"5月10日,", func(_ int, d time.Time) string { return fmt.Sprintf("%d月%d日,", d.Month(), d.Day()) }},
			{"新苑街道召开二季度重点工作推进会", func(n int, _ time.Time) string {
				return fmt.Sprintf("新苑街道召开第%d次重点工作推进会", n)
			}},
		},
	},
	// Even numbers: the reference issue of a real district paper, 10
	// articles, 18 KB.
	{
		path:  "../shared/testdata/hexi-2023-04.txt",
		title: "河西区委常委会第%d次扩大会议暨十项行动工作推动会议召开",
		edits: []edit{
			{"日前,区委常委会扩大会议", func(n int, d time.Time) string {
				return fmt.Sprintf("%d月%d日,区委常委会第%d次扩大会议", d.Month(), d.Day(), n)
			}},
			{"河西区委常委会扩大会议暨十项行动工作推动会议召开", func(n int, _ time.Time) string {
				return fmt.Sprintf("河西区委常委会第%d次扩大会议暨十项行动工作推动会议召开", n)
			}},
		},
	},
}

var templateText struct {
	sync.Once
	text []string
	err  error
}

func loadTemplates() ([]string, error) {
	templateText.Do(func() {
		for _, tp := range templates {
			b, err := os.ReadFile(filepath.Join(repoRoot, tp.path))
			if err != nil {
				templateText.err = fmt.Errorf("issue template: %w", err)
				return
			}
			s := strings.TrimPrefix(string(b), "\ufeff")
			for _, e := range tp.edits {
				if !strings.Contains(s, e.old) {
					templateText.err = fmt.Errorf("issue template %s no longer contains %q; update e2e/issues_test.go", tp.path, e.old)
					return
				}
			}
			templateText.text = append(templateText.text, s)
		}
	})
	return templateText.text, templateText.err
}

// issueFile is a generated issue.
type issueFile struct {
	n     int
	key   string // e2e-0001
	path  string
	title string // title of its first article
}

// firstDate is the date of issue 1; issue n is n-1 days later.
var firstDate = time.Date(2024, 1, 8, 0, 0, 0, 0, time.UTC)

// writeIssues writes issues number ns into dir as e2e-NNNN.txt: the
// template's text under header lines Issue: e2e-NNNN and Date: YYYY-MM-DD.
func (h *harness) writeIssues(dir string, ns ...int) []issueFile {
	h.t.Helper()
	texts, err := loadTemplates()
	if err != nil {
		h.t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		h.t.Fatal(err)
	}
	var files []issueFile
	for _, n := range ns {
		i := (n + 1) % 2 // odd numbers the first template, even the second
		tp, text := templates[i], texts[i]
		date := firstDate.AddDate(0, 0, n-1)
		for _, e := range tp.edits {
			text = strings.ReplaceAll(text, e.old, e.new(n, date))
		}
		key := fmt.Sprintf("e2e-%04d", n)
		body := fmt.Sprintf("Issue: %s\nDate: %s\n\n%s", key, date.Format("2006-01-02"), text)
		path := filepath.Join(dir, key+".txt")
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			h.t.Fatal(err)
		}
		files = append(files, issueFile{n: n, key: key, path: path, title: fmt.Sprintf(tp.title, n)})
	}
	return files
}

// checkTitles parses files with `bulletinfeed parse` and checks that their
// first article has the title the tests look for in the feeds.
func (h *harness) checkTitles(files ...issueFile) {
	h.t.Helper()
	for _, f := range files {
		r := h.mustRun(30*time.Second, "parse "+f.key, append(append([]string{"parse", "--format", "json"}, sectionArgs()...), f.path)...)
		var iss struct {
			Key      string `json:"key"`
			Articles []struct {
				Title string `json:"title"`
			} `json:"articles"`
		}
		if err := json.Unmarshal([]byte(r.stdout), &iss); err != nil {
			h.t.Fatalf("parse %s: %v\n%s", f.path, err, clip(r.stdout, 500))
		}
		if iss.Key != f.key || len(iss.Articles) == 0 || iss.Articles[0].Title != f.title {
			first := ""
			if len(iss.Articles) > 0 {
				first = iss.Articles[0].Title
			}
			h.t.Fatalf("parse %s: key %q, first title %q; the generator expects key %q, title %q", f.path, iss.Key, first, f.key, f.title)
		}
	}
}

// hashFiles returns the SHA-256 of every file in dir by name.
func (h *harness) hashFiles(dir string) map[string][32]byte {
	h.t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		h.t.Fatal(err)
	}
	sums := map[string][32]byte{}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			h.t.Fatal(err)
		}
		sums[e.Name()] = sha256.Sum256(b)
	}
	return sums
}

// checkSources fails the test unless every file of before is still in dir
// with the same bytes.
func (h *harness) checkSources(dir string, before map[string][32]byte) {
	h.t.Helper()
	after := map[string][32]byte{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		h.t.Errorf("source folder %s: %v", dir, err)
		return
	}
	for _, e := range entries {
		if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil {
			after[e.Name()] = sha256.Sum256(b)
		}
	}
	var missing, changed []string
	for name, sum := range before {
		got, ok := after[name]
		switch {
		case !ok:
			missing = append(missing, name)
		case got != sum:
			changed = append(changed, name)
		}
	}
	if len(missing) > 0 || len(changed) > 0 {
		h.t.Errorf("source files: %d missing %v, %d changed %v (of %d)", len(missing), first(missing, 10), len(changed), first(changed, 10), len(before))
	} else {
		h.t.Logf("source files: all %d present and byte-identical", len(before))
	}
}

func first[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}
