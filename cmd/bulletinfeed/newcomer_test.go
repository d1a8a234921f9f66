package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
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

// [log] access = true logs a line per request in the log's own format;
// without it, serve logs none.
func TestServeAccessLog(t *testing.T) {
	db := mustReferenceDB(t)
	for _, on := range []bool{true, false} {
		dir := t.TempDir()
		conf := writeFile(t, dir, "bulletinfeed.toml", fmt.Sprintf(`db = %q
base_url = "https://news.example.org/"
[log]
format = "json"
access = %v
`, db, on))
		cfg, err := loadConfig(&Env{Getenv: func(string) string { return "" }}, []string{"--config", conf})
		if err != nil {
			t.Fatal(err)
		}
		cfg.Addr = "127.0.0.1:0"
		var logs syncBuffer
		log, err := cfg.Logger(&logs)
		if err != nil {
			t.Fatal(err)
		}
		m := &serveMain{cfg: cfg, log: log}
		if err := m.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		req, _ := http.NewRequest("GET", m.srv.URL()+"/feeds/all.atom?x=1", nil)
		req.Header.Set("User-Agent", "Miniflux/2.3.5")
		req.Header.Set("Accept-Encoding", "gzip") // the body as sent: the log counts bytes on the wire
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		m.Close()
		var line map[string]any
		for l := range strings.Lines(logs.String()) {
			if strings.Contains(l, `"msg":"request"`) {
				if err := json.Unmarshal([]byte(l), &line); err != nil {
					t.Fatalf("access line is not the log's JSON: %v: %s", err, l)
				}
			}
		}
		switch {
		case !on && line != nil:
			t.Errorf("access = false logged a request: %v", line)
		case on && line == nil:
			t.Errorf("access = true logged no request:\n%s", logs.String())
		case on:
			if line["path"] != "/feeds/all.atom?x=1" || line["status"] != float64(200) || line["bytes"] != float64(len(body)) || line["user_agent"] != "Miniflux/2.3.5" || line["method"] != "GET" {
				t.Errorf("access line %v (body %d bytes)", line, len(body))
			}
		}
	}
}

// syncBuffer is a bytes.Buffer that a server's goroutines may log into
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
