package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A credential in a DSN (in its user information, its query or as a
// keyword) or in a source URL's query never reaches an error, a log line
// or /healthz; the public /healthz names no URL at all.
func TestSecretsAreRedactedEverywhere(t *testing.T) {
	ex := filepath.Join(origWD(t), "../../examples/xinyuan-2024-05.txt")
	refDB := mustReferenceDB(t)
	t.Chdir(t.TempDir()) // a DSN taken for a file name would be created here
	for _, dsn := range []string{
		"postgres://app:SECRET1@127.0.0.1:1/news?sslmode=disable&connect_timeout=1",
		"postgres://app@127.0.0.1:1/news?sslmode=disable&connect_timeout=1&password=SECRET2",
		"host=127.0.0.1 port=1 user=app password=SECRET3 dbname=news",
	} {
		code, out, errs := runCmd(t, "ingest", "--db", dsn, "--wait", "0", ex)
		if code == 0 {
			t.Errorf("%s: ingest succeeded", dsn)
		}
		if strings.Contains(out+errs, "SECRET") {
			t.Errorf("a DSN's password was shown:\n%s%s", out, errs)
		}
		if !strings.Contains(errs, "xxxxx") {
			t.Errorf("the error does not show the redacted DSN: %s", errs)
		}
	}
	if left, _ := os.ReadDir("."); len(left) != 0 {
		t.Errorf("a DSN was taken for a file name: %v", left)
	}

	up := newUpstream(t, "")
	up.fail.Store(true)
	dir := t.TempDir()
	conf := filepath.Join(dir, "bulletinfeed.toml")
	os.WriteFile(conf, []byte(`db = "`+refDB+`"
base_url = "http://news.example.org"
schedule = "* * * * * *"
[log]
level = "debug"
[[publication]]
id = "default"
[[publication.sources]]
kind = "feed"
url = "`+up.URL+`/bulletin.atom?api_key=SECRET4"
`), 0o644)
	cfg, err := loadConfig(&Env{Getenv: func(string) string { return "" }}, []string{"--config", conf})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr = "127.0.0.1:0"
	var logs syncBuffer
	log, _ := cfg.Logger(&logs)
	m := &serveMain{cfg: cfg, log: log}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	var private, public string
	for deadline := time.Now().Add(10 * time.Second); ; {
		_, private = getTB(t, m.srv.URL()+"/healthz")
		if strings.Contains(private, "failing since") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	req, _ := http.NewRequest("GET", m.srv.URL()+"/healthz", nil)
	req.Header.Set("X-Forwarded-For", "203.0.113.7") // through a proxy: a public reader
	if resp, err := http.DefaultClient.Do(req); err == nil {
		var b strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := resp.Body.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		resp.Body.Close()
		public = b.String()
	}
	if !strings.Contains(private, "api_key=xxxxx") || strings.Contains(private, "SECRET") {
		t.Errorf("private /healthz: %q", private)
	}
	if !strings.Contains(public, "source feed source 1 of default: failing since") || strings.Contains(public, up.URL) || strings.Contains(public, "SECRET") {
		t.Errorf("public /healthz: %q", public)
	}
	if strings.Contains(logs.String(), "SECRET") || !strings.Contains(logs.String(), "api_key=xxxxx") {
		t.Errorf("logs:\n%s", logs.String())
	}
}
