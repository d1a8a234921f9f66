package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/internal/testpg"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// runWithStdin runs the command line as main would, with stdin as its
// standard input and no environment.
func runWithStdin(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

// TestUsersCommand: users add, list, passwd and remove on a store, each
// audited; a short password, an unknown publication and a missing role
// are refused; without a terminal the password must come with
// --password-stdin.
func TestUsersCommand(t *testing.T) {
	db := filepath.Join(t.TempDir(), "bulletinfeed.db")
	seedReference(t, db)
	if code, out, _ := runCmd(t, "users", "--help"); code != 0 || !strings.Contains(out, "--password-stdin") {
		t.Fatalf("users --help: exit %d\n%s", code, out)
	}
	for _, tc := range []struct {
		name  string
		stdin string
		args  []string
		code  int
		err   string
	}{
		{"short password", "short\n", []string{"add", "clerk", "--publication", "default", "--password-stdin"}, 1, "the least is 10"},
		{"unknown publication", "long enough pw\n", []string{"add", "clerk", "--publication", "nope", "--password-stdin"}, 2, `"nope" is not a publication`},
		{"no role", "long enough pw\n", []string{"add", "clerk", "--password-stdin"}, 2, "--admin"},
		{"no terminal", "", []string{"add", "clerk", "--admin"}, 2, "--password-stdin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runWithStdin(t, tc.stdin, append([]string{"users", "--db", db}, tc.args...)...)
			if code != tc.code || !strings.Contains(errs, tc.err) {
				t.Fatalf("exit %d, want %d with %q:\n%s", code, tc.code, tc.err, errs)
			}
		})
	}
	if code, out, errs := runWithStdin(t, "a long password\n", "users", "add", "clerk", "--db", db, "--publication", "default", "--password-stdin"); code != 0 || !strings.Contains(out, "added user clerk") {
		t.Fatalf("users add: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runWithStdin(t, "a long password\n", "users", "add", "clerk", "--db", db, "--admin", "--password-stdin"); code != 1 || !strings.Contains(errs, "clerk") {
		t.Fatalf("users add twice: exit %d\n%s", code, errs)
	}
	code, out, _ := runCmd(t, "users", "--db", db)
	if code != 0 || !regexp.MustCompile(`clerk\s+editor\s+default`).MatchString(out) {
		t.Fatalf("users list: exit %d\n%s", code, out)
	}
	if code, out, errs := runWithStdin(t, "another long one\n", "users", "passwd", "clerk", "--db", db, "--password-stdin"); code != 0 || !strings.Contains(out, "changed the password") {
		t.Fatalf("users passwd: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runWithStdin(t, "another long one\n", "users", "passwd", "nobody", "--db", db, "--password-stdin"); code != 1 || !strings.Contains(errs, "nobody") {
		t.Fatalf("users passwd nobody: exit %d\n%s", code, errs)
	}
	if code, out, errs := runCmd(t, "users", "remove", "clerk", "--db", db); code != 0 || !strings.Contains(out, "removed user clerk") {
		t.Fatalf("users remove: exit %d\n%s%s", code, out, errs)
	}
	if code, out, _ := runCmd(t, "users", "list", "--db", db); code != 0 || !strings.Contains(out, "no users") {
		t.Fatalf("users list after remove: exit %d\n%s", code, out)
	}
	st, err := store.OpenExisting(context.Background(), db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	log, err := st.Audit(context.Background(), store.AuditQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range log {
		actions = append(actions, e.Action)
	}
	slices.Sort(actions)
	if want := []string{"user-add", "user-password", "user-remove"}; !slices.Equal(actions, want) {
		t.Fatalf("audit = %v, want %v", actions, want)
	}
}

// TestConsoleServed: serve mounts the console at /admin/ once a user
// exists; an issue uploaded and published there is in /feeds/all.atom
// within the watch's check, and deleting it there makes its pages 410
// Gone, as the commands do.
func TestConsoleServed(t *testing.T) {
	dsns := map[string]string{"sqlite": filepath.Join(t.TempDir(), "bulletinfeed.db")}
	if pg := os.Getenv("BULLETINFEED_TEST_POSTGRES"); pg != "" {
		dsns["postgres"] = testpg.Schema(t, pg)
	}
	for name, dsn := range dsns {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			st, err := store.Open(ctx, dsn, slog.New(slog.DiscardHandler))
			if err != nil {
				t.Fatal(err)
			}
			err = st.PutPublication(ctx, &bulletinfeed.Publication{ID: "default", Title: "河西", Lang: "zh-CN", TimeZone: "Asia/Shanghai", Banners: referenceBanners})
			st.Close()
			if err != nil {
				t.Fatal(err)
			}
			cfg := config.Default()
			cfg.DB, cfg.Addr = dsn, "127.0.0.1:0"
			m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
			if err := m.Open(ctx); err != nil {
				t.Fatal(err)
			}
			defer m.Close()
			base := m.srv.URL()
			if code, _ := get(t, base+"/admin/login"); code != http.StatusNotFound {
				t.Fatalf("console before the first user: %d, want 404", code)
			}
			if code, _, errs := runWithStdin(t, "a long password\n", "users", "add", "clerk", "--db", dsn, "--publication", "default", "--password-stdin"); code != 0 {
				t.Fatalf("users add: %s", errs)
			}
			jar, _ := cookiejar.New(nil)
			cl := &http.Client{Jar: jar}
			resp, err := cl.PostForm(base+"/admin/login", url.Values{"username": {"clerk"}, "password": {"a long password"}})
			if err != nil {
				t.Fatal(err)
			}
			home := readAll(t, resp)
			tok := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(home)
			if resp.StatusCode != http.StatusOK || tok == nil {
				t.Fatalf("after login: %s\n%s", resp.Status, home)
			}
			if h := resp.Header.Get("Content-Security-Policy"); !strings.Contains(h, "form-action 'self'") {
				t.Errorf("console CSP %q", h)
			}
			file, err := os.ReadFile(reference)
			if err != nil {
				t.Fatal(err)
			}
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			mw.WriteField("csrf", tok[1])
			fw, _ := mw.CreateFormFile("file", "hexi-2023-04.txt")
			fw.Write(file)
			mw.Close()
			resp, err = cl.Post(base+"/admin/default/upload", mw.FormDataContentType(), bytes.NewReader(body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
			if resp.StatusCode != http.StatusNotFound {
				t.Fatalf("upload to a path that is no route: %s", resp.Status)
			}
			resp, err = cl.Post(base+"/admin/p/default/upload", mw.FormDataContentType(), bytes.NewReader(body.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			preview := readAll(t, resp)
			if resp.StatusCode != http.StatusOK || strings.Count(preview, `<article class="article">`) != 10 {
				t.Fatalf("preview: %s, %d articles", resp.Status, strings.Count(preview, `<article class="article">`))
			}
			previewURL := resp.Request.URL.String()
			resp, err = cl.PostForm(previewURL+"/publish", url.Values{"csrf": {tok[1]}, "when": {"now"}})
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
			atom := waitFor(t, base+"/feeds/all.atom", func(code int, body string) bool { return strings.Count(body, "<entry>") == 10 })
			id := regexp.MustCompile(`/articles/([^"/<]+)`).FindStringSubmatch(atom)
			if id == nil {
				t.Fatalf("no article link in all.atom")
			}
			if code, _ := get(t, base+"/articles/"+id[1]); code != http.StatusOK {
				t.Fatalf("article page: %d", code)
			}
			// A corrected title reaches the feed, under the same id.
			resp, err = cl.PostForm(base+"/admin/p/default/issues/hexi-2023-04/articles/"+id[1], url.Values{"csrf": {tok[1]}, "title": {"Corrected in the console"}, "section": {"十项行动 奋进新征程"}})
			if err != nil {
				t.Fatal(err)
			}
			if body := readAll(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "Corrected in the console") {
				t.Fatalf("correct: %s\n%s", resp.Status, body)
			}
			atom = waitFor(t, base+"/feeds/all.atom", func(code int, body string) bool { return strings.Contains(body, "Corrected in the console") })
			if strings.Count(atom, "<entry>") != 10 || !strings.Contains(atom, "/articles/"+id[1]) {
				t.Fatalf("all.atom after the correction lost an entry or the article's id")
			}
			resp, err = cl.PostForm(base+"/admin/p/default/issues/hexi-2023-04/delete", url.Values{"csrf": {tok[1]}})
			if err != nil {
				t.Fatal(err)
			}
			readAll(t, resp)
			if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Request.URL.RawQuery, "done=deleted") {
				t.Fatalf("delete: %s at %s", resp.Status, resp.Request.URL)
			}
			waitFor(t, base+"/articles/"+id[1], func(code int, _ string) bool { return code == http.StatusGone })
			// A publication id may not be admin: the console has the path.
			if code, _, errs := runCmd(t, "config", "check", writeConfig(t, "[[publication]]\nid = \"first\"\n\n[[publication]]\nid = \"admin\"\n")); code == 0 {
				t.Errorf("a publication named admin passes the check: %s", errs)
			}
		})
	}
}

func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// waitFor GETs url until ok holds, for up to five seconds, and returns
// the body.
func waitFor(t *testing.T, url string, ok func(code int, body string) bool) string {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, body := get(t, url)
		if ok(code, body) {
			return body
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %d after 5s", url, code)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// TestConsoleOwnAddress: with admin_addr the console answers there, at
// /admin/, and the public site has no /admin/; a bad admin_addr is a
// mistake of the configuration file.
func TestConsoleOwnAddress(t *testing.T) {
	dsn := filepath.Join(t.TempDir(), "bulletinfeed.db")
	seedReference(t, dsn)
	if code, _, errs := runWithStdin(t, "a long password\n", "users", "add", "boss", "--db", dsn, "--admin", "--password-stdin"); code != 0 {
		t.Fatalf("users add: %s", errs)
	}
	cfg := config.Default()
	cfg.DB, cfg.Addr, cfg.AdminAddr = dsn, "127.0.0.1:0", "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if code, _ := get(t, m.srv.URL()+"/admin/login"); code != http.StatusNotFound {
		t.Errorf("public /admin/login with admin_addr: %d, want 404", code)
	}
	console := "http://" + m.srv.AdminAddr()
	if code, body := get(t, console+"/admin/login"); code != http.StatusOK || !strings.Contains(body, `action="/admin/login"`) {
		t.Errorf("console's own /admin/login: %d\n%s", code, body)
	}
	if code, _ := get(t, console+"/feeds/all.atom"); code != http.StatusNotFound {
		t.Errorf("the site on the console's address: %d, want 404", code)
	}
	jar, _ := cookiejar.New(nil)
	cl := &http.Client{Jar: jar}
	resp, err := cl.PostForm(console+"/admin/login", url.Values{"username": {"boss"}, "password": {"a long password"}})
	if err != nil {
		t.Fatal(err)
	}
	if body := readAll(t, resp); resp.StatusCode != http.StatusOK || !strings.Contains(body, "/admin/p/default/") {
		t.Fatalf("console home after login: %s\n%s", resp.Status, body)
	}
	if code, out, errs := runCmd(t, "config", "check", writeConfig(t, "admin_addr = \"nope\"\n")); code == 0 || !strings.Contains(out+errs, "admin_addr \"nope\": want host:port") {
		t.Errorf("config check of a bad admin_addr: exit %d\n%s", code, errs)
	}
}

// TestUsersStoreCreation: users add creates the store a configuration
// file names, not one a --db names; users list creates none.
func TestUsersStoreCreation(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "typo.db")
	if code, _, errs := runWithStdin(t, "a long password\n", "users", "add", "boss", "--admin", "--password-stdin", "--db", missing); code != 1 || !strings.Contains(errs, "no store") {
		t.Fatalf("users add --db of a missing store: exit %d\n%s", code, errs)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Fatal("users add created the store a --db names")
	}
	conf := writeConfig(t, "[[publication]]\nid = \"hexi\"\n")
	if code, _, _ := runCmd(t, "users", "list", "--config", conf); code != 1 {
		t.Fatalf("users list without a store: exit %d, want 1", code)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(conf), "data")); err == nil {
		t.Fatal("users list created the store")
	}
	if code, _, errs := runWithStdin(t, "a long password\n", "users", "add", "boss", "--admin", "--password-stdin", "--config", conf); code != 0 {
		t.Fatalf("users add with a configuration file: exit %d\n%s", code, errs)
	}
	if code, out, _ := runCmd(t, "users", "list", "--config", conf); code != 0 || !strings.Contains(out, "boss") {
		t.Fatalf("users list: exit %d\n%s", code, out)
	}
}
