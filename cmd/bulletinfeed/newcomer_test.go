package main

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The README's way in: a configuration written by `config example`, then
// the commands a newcomer runs next, from the folder of the file.
func TestConfigExampleStartsAPublication(t *testing.T) {
	dir := t.TempDir()
	code, example, errs := runCmd(t, "config", "example")
	if code != 0 {
		t.Fatalf("config example: exit %d: %s", code, errs)
	}
	conf := writeFile(t, dir, "bulletinfeed.toml", example)
	issue, err := filepath.Abs(filepath.Join(origWD(t), "../../examples/xinyuan-2024-05.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if code, out, errs := runCmd(t, "ingest", "--config", conf, issue); code != 0 || !strings.Contains(out, "1 new") {
		t.Fatalf("ingest with the example configuration: exit %d, %s%s", code, out, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "data", "bulletinfeed.db")); err != nil {
		t.Errorf("the store the example names was not made: %v", err)
	}
	if code, out, errs := runCmd(t, "issues", "--config", conf); code != 0 || !strings.Contains(out, "xinyuan-2024-05") {
		t.Errorf("issues: exit %d, %s%s", code, out, errs)
	}
}

// serve creates the store its configuration file names, for a publication
// whose issues only ever come through its inbox.
func TestServeCreatesTheConfiguredStoreOfAnInboxPublication(t *testing.T) {
	dir := t.TempDir()
	conf := writeFile(t, dir, "bulletinfeed.toml", `db = "state/news.db"
base_url = "https://news.example.org/"
[[publication]]
id = "parish"
title = "St Mary's Parish Bulletin"
lang = "en"
[[publication.sources]]
kind = "inbox"
path = "inbox"
`)
	cfg, err := loadConfig(&Env{Getenv: func(string) string { return "" }}, []string{"--config", conf})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr = "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatalf("serve: %v", err)
	}
	m.Close()
	if _, err := os.Stat(filepath.Join(dir, "state", "news.db")); err != nil {
		t.Errorf("serve did not create the store its configuration names: %v", err)
	}
}

// A command that finds no store says which configuration it read, or that
// it read none and how to keep one: the usual cause is a --config left off.
func TestMissingStoreNamesTheConfiguration(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	code, _, errs := runCmd(t, "issues")
	if code == 0 || !strings.Contains(errs, "no configuration file") || !strings.Contains(errs, "BULLETINFEED_CONFIG") {
		t.Errorf("issues without a configuration: exit %d, stderr %q", code, errs)
	}
	conf := writeFile(t, dir, "site.toml", "db = \"data/x.db\"\n")
	code, _, errs = runCmd(t, "issues", "--config", conf)
	if code == 0 || !strings.Contains(errs, "configuration file "+conf) {
		t.Errorf("issues with a configuration: exit %d, stderr %q", code, errs)
	}
}
