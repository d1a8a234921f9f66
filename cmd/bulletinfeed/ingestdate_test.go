package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// undatedBulletin prints no date on its masthead; the 2023年5月1日 in its
// text is news, not the issue's date.
const undatedBulletin = "新苑街道工作简报\n\n街道召开安全生产工作会议\n\n通讯员 王一\n\n" +
	"9月12日，街道召开安全生产工作会议，部署节前安全检查。会议要求，自2023年5月1日起施行的新规要逐条落实。\n"

// An issue dated nowhere is refused, unless its publication says
// date = "arrival"; a bad value of date is named with its line.
func TestIngestUndatedIssue(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "july", "bulletin.txt")
	if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(undatedBulletin), 0o644); err != nil {
		t.Fatal(err)
	}
	config := func(date string) string {
		path := filepath.Join(t.TempDir(), "bulletinfeed.toml")
		text := "db = \"" + filepath.Join(t.TempDir(), "x.db") + "\"\n\n[[publication]]\nid = \"xinyuan\"\ntz = \"Asia/Shanghai\"\n" + date
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}

	code, out, errs := runCmd(t, "ingest", "--config", config(""), file)
	if code != 1 || !strings.Contains(out, "1 failed") || !strings.Contains(errs, "has no date") || !strings.Contains(errs, `date = \"arrival\"`) {
		t.Errorf("undated issue: exit %d, stdout %q; want it refused saying how to date it; stderr:\n%s", code, out, errs)
	}

	code, out, errs = runCmd(t, "ingest", "--config", config("date = \"arrival\"\n"), file)
	if code != 0 || !strings.Contains(out, "1 new") {
		t.Errorf("date = \"arrival\": exit %d, stdout %q; stderr:\n%s", code, out, errs)
	}

	code, _, errs = runCmd(t, "ingest", "--config", config("date = \"today\"\n"), file)
	if code != 1 || !strings.Contains(errs, "bulletinfeed.toml:6: date \"today\"") || !strings.Contains(errs, "arrival") {
		t.Errorf("date = \"today\": exit %d; want a configuration error; stderr:\n%s", code, errs)
	}
}
