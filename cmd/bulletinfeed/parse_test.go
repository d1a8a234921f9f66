package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
)

// runCmd runs the command line as main would, with no environment.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

const reference = "../../../shared/testdata/hexi-2023-04.txt"

func TestParseCommandPrintsGoldShape(t *testing.T) {
	code, out, errs := runCmd(t, "parse",
		"--section", "新时代新征程新伟业 以新担当新作为推动高质量发展",
		"--section", "十项行动 奋进新征程", reference)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var got struct {
		Articles []*bulletinfeed.Article `json:"articles"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	goldBytes, err := os.ReadFile(strings.TrimSuffix(reference, ".txt") + ".gold.json")
	if err != nil {
		t.Fatal(err)
	}
	var gold struct {
		Articles []*bulletinfeed.Article `json:"articles"`
	}
	if err := json.Unmarshal(goldBytes, &gold); err != nil {
		t.Fatal(err)
	}
	if len(got.Articles) != len(gold.Articles) {
		t.Fatalf("%d articles, want %d", len(got.Articles), len(gold.Articles))
	}
	for i := range gold.Articles {
		g, _ := json.Marshal(got.Articles[i].Blocks)
		w, _ := json.Marshal(gold.Articles[i].Blocks)
		if got.Articles[i].Title != gold.Articles[i].Title || got.Articles[i].Section != gold.Articles[i].Section || !bytes.Equal(g, w) {
			t.Errorf("article %d differs from the gold", i)
		}
	}
	// The raw JSON uses the documented field names, and no HTML escaping.
	for _, key := range []string{`"articles"`, `"section"`, `"headings"`, `"title"`, `"bylines"`, `"role": "通讯员"`, `"kind": "subhead"`, `"text"`, "“1+10”"} {
		if !strings.Contains(out, key) {
			t.Errorf("output lacks %s", key)
		}
	}
}

func TestParseCommandTextOutline(t *testing.T) {
	code, out, errs := runCmd(t, "parse", "--format", "text", "--section", "幸福养老 温暖夕阳", "--section", "文明创建 人人参与", "../../examples/xinyuan-2024-05.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, want := range []string{"3 articles", "== 幸福养老 温暖夕阳", "社区食堂让老人吃上“放心饭”", "bylines: 通讯员 钟雨晴 摄影 邱明", "paragraphs: 3", "# 清理楼道杂物"} {
		if !strings.Contains(out, want) {
			t.Errorf("outline lacks %q:\n%s", want, out)
		}
	}
}

// TestParseCommandTextDate: the outline gives the date in the
// publication's time zone, not the UTC of the stored midnight (the day
// before in Asia/Shanghai).
func TestParseCommandTextDate(t *testing.T) {
	dir := t.TempDir()
	cfg := writeFile(t, dir, "bulletinfeed.toml", "[[publication]]\nid = \"hexi\"\ntitle = \"河西报道\"\nlang = \"zh-CN\"\ntz = \"Asia/Shanghai\"\n")
	in := writeFile(t, dir, "issue.txt", "日期：2024-08-01\n\n社区义诊进楼门\n\n记者 王一\n\n50余名医生走进12个小区，为老人测血压、查血糖。\n")
	code, out, errs := runCmd(t, "parse", "--format", "text", "--config", cfg, in)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "(2024-08-01)") {
		t.Errorf("outline does not date the issue 2024-08-01:\n%s", out)
	}
}

func TestParseCommandErrors(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	if err := os.WriteFile(empty, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		args   []string
		code   int
		stderr string
	}{
		{"empty file", []string{"parse", empty}, 1, "empty.txt: empty file"},
		{"missing file", []string{"parse", filepath.Join(dir, "nope.txt")}, 1, "nope.txt"},
		{"too large", []string{"parse", "--max-size", "1K", reference}, 1, "larger than the limit of 1024 bytes"},
		{"no file", []string{"parse"}, 2, "want exactly one FILE"},
		{"bad flag", []string{"parse", "--nope", reference}, 2, "flag provided but not defined"},
		{"bad format", []string{"parse", "--format", "xml", reference}, 2, "--format"},
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCmd(t, tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.stderr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tc.code, tc.stderr)
			}
			if strings.Count(strings.TrimSpace(errs), "\n") > 0 && tc.code == 1 {
				t.Errorf("want one line on stderr, got %q", errs)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"parse", "--help"}} {
		code, out, _ := runCmd(t, args...)
		if code != 0 || !strings.Contains(out, "Usage: bulletinfeed") {
			t.Errorf("%v: exit %d, output %q", args, code, out)
		}
	}
}
