package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestPictureLimitsConfig: max_pictures and max_picture_bytes come from
// the file, then the environment, and reach the parse options; 0 pictures
// turns their extraction off; a negative count is a mistake.
func TestPictureLimitsConfig(t *testing.T) {
	path := writeConfig(t, "max_pictures = 7\nmax_picture_bytes = \"5M\"\n")
	env := map[string]string{"BULLETINFEED_CONFIG": path}
	e := &Env{Getenv: func(k string) string { return env[k] }}
	cfg, err := loadConfig(e, nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := cfg.SourceOptions("default", nil, time.UTC)
	if !opts.Pictures || opts.MaxPictures != 7 || opts.MaxPictureBytes != 5<<20 {
		t.Errorf("from the file: pictures %v, %d, %d bytes", opts.Pictures, opts.MaxPictures, opts.MaxPictureBytes)
	}
	env["BULLETINFEED_MAX_PICTURES"] = "0"
	if cfg, err = loadConfig(e, nil); err != nil {
		t.Fatal(err)
	}
	if opts := cfg.SourceOptions("default", nil, time.UTC); opts.Pictures {
		t.Errorf("BULLETINFEED_MAX_PICTURES=0 still extracts pictures")
	}
	if ps := configProblems(t, "max_pictures = -1\n"); len(ps) != 1 {
		t.Errorf("max_pictures = -1: problems %v, want one", ps)
	}
}

// TestParseOutlineShowsPictures: parse --format text shows a text issue's
// picture line between the paragraphs it stands between.
func TestParseOutlineShowsPictures(t *testing.T) {
	raw, err := os.ReadFile("../../examples/xinyuan-2024-05.txt")
	if err != nil {
		t.Fatal(err)
	}
	// Under the title of the first article, before its text.
	text := strings.Replace(string(raw), "社区食堂让老人吃上“放心饭”\n", "社区食堂让老人吃上“放心饭”\n\n[图：shitang.jpg 图为社区食堂]\n", 1)
	if text == string(raw) {
		t.Fatal("the example changed: no heading to put the picture under")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "xinyuan-2024-05.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCmd(t, "parse", "--format", "text", "--section", "幸福养老 温暖夕阳", "--section", "文明创建 人人参与", path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "[picture, shitang.jpg] 图为社区食堂") {
		t.Errorf("outline lacks the picture:\n%s", out)
	}
}
