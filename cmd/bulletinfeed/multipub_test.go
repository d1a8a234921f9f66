package main

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/mmcdole/gofeed"
)

// twoPublications writes a configuration with the reference bulletin as
// the first publication and the example bulletin as the second, both in
// the store db.
func twoPublications(t *testing.T, db string) string {
	t.Helper()
	ex, _ := filepath.Abs("../../examples/xinyuan-2024-05.txt")
	return writeConfig(t, `db = "`+db+`"
base_url = "http://news.example.org"

[[publication]]
id = "default"
title = "河西"
lang = "zh-CN"
sections = ["`+referenceBanners[0]+`", "`+referenceBanners[1]+`"]

[[publication]]
id = "xinyuan"
title = "新苑街道工作简报"
description = "新苑街道的工作动态"
lang = "zh-CN"
sections = [
  { banner = "幸福养老 温暖夕阳", slug = "elderly-care", name = "幸福养老" },
  "文明创建 人人参与",
]
seed = ["`+ex+`"]
`)
}

func TestTwoPublicationsInOneServer(t *testing.T) {
	db := mustReferenceDB(t)

	// The site without a configuration file: the feed URLs readers have.
	cfg := config.Default()
	cfg.DB, cfg.Addr, cfg.BaseURL = db, "127.0.0.1:0", "http://news.example.org"
	one := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := one.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	var before []string
	for _, p := range one.feed.Site().Paths() {
		if strings.HasPrefix(p, "/feeds/") {
			before = append(before, p)
		}
	}
	one.Close()

	path := twoPublications(t, db)
	cfg, err := loadConfig(&Env{Getenv: func(string) string { return "" }}, []string{"--config", path})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr = "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	site := m.feed.Site()
	paths := map[string]bool{}
	for _, p := range site.Paths() {
		paths[p] = true
	}
	for _, p := range before {
		if !paths[p] {
			t.Errorf("%s of the first publication is gone with the configuration file", p)
		}
	}
	base := m.srv.URL()
	parser := gofeed.NewParser()
	for _, c := range []struct {
		path    string
		entries int
		link    string
	}{
		{"/feeds/all.atom", 10, "http://news.example.org/articles/"},
		{"/xinyuan/feeds/all.atom", 0, "http://news.example.org/xinyuan/articles/"},
		{"/xinyuan/feeds/elderly-care.rss", 0, "http://news.example.org/xinyuan/articles/"},
		{"/xinyuan/feeds/all.json", 0, "http://news.example.org/xinyuan/articles/"},
	} {
		code, body := get(t, base+c.path)
		if code != 200 {
			t.Errorf("%s: status %d", c.path, code)
			continue
		}
		f, err := parser.ParseString(body)
		if err != nil {
			t.Errorf("%s: %v", c.path, err)
			continue
		}
		if len(f.Items) == 0 || c.entries > 0 && len(f.Items) != c.entries {
			t.Errorf("%s: %d items", c.path, len(f.Items))
		}
		for _, it := range f.Items {
			if !strings.HasPrefix(it.Link, c.link) {
				t.Errorf("%s: item link %s, want under %s", c.path, it.Link, c.link)
				break
			}
		}
	}
	_, sec := get(t, base+"/xinyuan/sections/elderly-care")
	if !strings.Contains(sec, "幸福养老") {
		t.Error("the configured section name is not shown")
	}
	_, index := get(t, base+"/")
	if !strings.Contains(index, "新苑街道工作简报") || !strings.Contains(index, "/xinyuan/") {
		t.Error("/ does not list the second publication")
	}
	_, opml := get(t, base+"/feeds.opml")
	for _, want := range []string{"http://news.example.org/feeds/all.atom", "http://news.example.org/xinyuan/feeds/all.atom", "新苑街道工作简报"} {
		if !strings.Contains(opml, want) {
			t.Errorf("/feeds.opml lacks %s", want)
		}
	}
	if strings.Contains(opml, ".rss") || strings.Contains(opml, ".json") {
		t.Error("/feeds.opml lists a feed in more than one format")
	}
	if strings.Contains(opml, "/sections/") {
		t.Error("/feeds.opml lists section feeds beside the all-sections feeds: a reader shows each article twice")
	}
	_, bySection := get(t, base+"/feeds.opml?sections=1")
	if !strings.Contains(bySection, "http://news.example.org/xinyuan/feeds/elderly-care.atom") || strings.Contains(bySection, "/feeds/all.atom") {
		t.Errorf("/feeds.opml?sections=1 does not list the section feeds alone:\n%s", bySection)
	}
	_, rss := get(t, base+"/feeds.opml?format=rss")
	if !strings.Contains(rss, "http://news.example.org/xinyuan/feeds/all.rss") {
		t.Error("/feeds.opml?format=rss lacks the RSS feeds")
	}

	// issues, ingest and build choose with --publication.
	code, out, errs := runCmd(t, "issues", "--config", path, "--publication", "xinyuan")
	if code != 0 || !strings.Contains(out, "xinyuan-2024-05") {
		t.Errorf("issues --publication xinyuan: exit %d\n%s%s", code, out, errs)
	}
	code, _, errs = runCmd(t, "issues", "--config", path, "--publication", "gazette")
	if code != exitUsage || !strings.Contains(errs, "default, xinyuan") {
		t.Errorf("unknown publication: exit %d, %s", code, errs)
	}
	out2 := t.TempDir()
	if code, _, errs := runCmd(t, "build", "--config", path, "--out", out2); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	for _, f := range []string{"feeds.opml", "feeds-rss.opml", "feeds-json.opml", "feeds-sections.opml", "feeds-sections-rss.opml", "feeds-sections-json.opml", "xinyuan/feeds-sections.opml", "feeds/all.atom", "xinyuan/feeds/all.atom", "xinyuan/index.html"} {
		if !fileExists(filepath.Join(out2, f)) {
			t.Errorf("build did not write %s", f)
		}
	}
}

func TestBaseURLWithPath(t *testing.T) {
	out := t.TempDir()
	if code, _, errs := runCmd(t, "build", "--db", mustReferenceDB(t), "--out", out, "--base-url", "https://example.org/bulletin/"); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	index := readFile(t, filepath.Join(out, "index.html"))
	if !strings.Contains(index, `href="/bulletin/sections/`) {
		t.Error("page links do not carry the base path")
	}
	if strings.Contains(index, `href="/sections/`) {
		t.Error("a page link leaves the base path")
	}
	atom := readFile(t, filepath.Join(out, "feeds", "all.atom"))
	if !strings.Contains(atom, `href="https://example.org/bulletin/feeds/all.atom" rel="self"`) {
		t.Error("feed links do not carry the base path")
	}
}
