package main

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/config"
)

func pngIcon(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 32, 32))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestIconConfigChecks: config check reports an icon that is missing, is
// not a PNG, ICO or SVG, or is too large, on the icon's line; a good one,
// relative to the configuration file, passes.
func TestIconConfigChecks(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, dir, "notes.txt", "not an image\n")
	writeFile(t, dir, "big.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\">"+strings.Repeat(" ", config.MaxIconSize)+"</svg>")
	writeFile(t, dir, "logo.svg", "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1 1\"></svg>\n")
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), pngIcon(t), 0o644); err != nil {
		t.Fatal(err)
	}
	conf := func(icon string) string {
		return writeFile(t, dir, "bulletinfeed.toml", "[[publication]]\nid = \"a\"\ntitle = \"A\"\n\nicon = \""+icon+"\"\n")
	}
	cases := []struct {
		icon, want string
	}{
		{"missing.png", "icon: read icon:"},
		{"notes.txt", "is not a PNG, ICO or SVG image"},
		{"big.svg", "is larger than 256 KB"},
	}
	for _, tc := range cases {
		t.Run(tc.icon, func(t *testing.T) {
			code, out, errs := runCmd(t, "config", "check", conf(tc.icon))
			if code == 0 || !strings.Contains(out, "bulletinfeed.toml:5: icon") || !strings.Contains(out, tc.want) {
				t.Errorf("exit %d, output %q %q; want line 5 and %q", code, out, errs, tc.want)
			}
		})
	}
	for _, good := range []string{"logo.png", "logo.svg"} {
		if code, _, errs := runCmd(t, "config", "check", conf(good)); code != 0 {
			t.Errorf("%s: exit %d: %s", good, code, errs)
		}
	}
}

// TestIconConfigBuild: a configured icon is what build writes and pages
// declare; a publication without one gets the SVG made from its title.
func TestIconConfigBuild(t *testing.T) {
	db := mustReferenceDB(t)
	dir := t.TempDir()
	logo := pngIcon(t)
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), logo, 0o644); err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, dir, "bulletinfeed.toml", "db = \""+db+"\"\nbase_url = \"http://news.example.org\"\n\n"+
		"[[publication]]\nid = \"default\"\ntitle = \"河西\"\nlang = \"zh-CN\"\nicon = \"logo.png\"\n\n"+
		"[[publication]]\nid = \"xinyuan\"\ntitle = \"新苑街道工作简报\"\nlang = \"zh-CN\"\n")
	out := t.TempDir()
	if code, _, errs := runCmd(t, "build", "--config", path, "--out", out); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	if got, err := os.ReadFile(filepath.Join(out, "icon.png")); err != nil || !bytes.Equal(got, logo) {
		t.Errorf("build did not write the configured icon.png: %v", err)
	}
	if !strings.Contains(readFile(t, filepath.Join(out, "index.html")), `<link rel="icon" type="image/png" href="/icon.png">`) {
		t.Error("index.html does not declare the configured icon")
	}
	if svg := readFile(t, filepath.Join(out, "xinyuan", "icon.svg")); !strings.Contains(svg, ">新</text>") {
		t.Errorf("xinyuan/icon.svg is not made from the title:\n%s", svg)
	}
	if atom := readFile(t, filepath.Join(out, "feeds", "all.atom")); !strings.Contains(atom, "<icon>http://news.example.org/icon.png</icon>") {
		t.Error("the Atom feed does not name the configured icon")
	}
}
