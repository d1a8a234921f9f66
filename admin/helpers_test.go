package admin_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/admin"
	"github.com/bulletinfeed/bulletinfeed/internal/testpg"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// forEachBackend runs f on a fresh SQLite store, and on PostgreSQL when
// BULLETINFEED_TEST_POSTGRES holds a DSN.
func forEachBackend(t *testing.T, f func(t *testing.T, dsn string)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		f(t, filepath.Join(t.TempDir(), "bulletinfeed.db"))
	})
	if pg := os.Getenv("BULLETINFEED_TEST_POSTGRES"); pg != "" {
		t.Run("postgres", func(t *testing.T) {
			t.Parallel()
			f(t, testpg.Schema(t, pg))
		})
	}
}

// clock is a settable time source.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// console is a console on a real store with three users: boss (admin),
// clerk (editor of hexi) and teacher (editor of school).
type console struct {
	t     testing.TB
	db    *store.DB
	srv   *httptest.Server
	clock *clock
	h     *admin.Handler
}

const password = "s3cret pass"

var shanghai, london = mustZone("Asia/Shanghai"), mustZone("Europe/London")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// newConsole serves a console on dsn; tweak may change its
// configuration first.
func newConsole(t testing.TB, dsn string, tweak func(*admin.Config)) *console {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, dsn, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	for _, p := range []*bulletinfeed.Publication{
		{ID: "hexi", Title: "河西通讯", Lang: "zh-CN", TimeZone: "Asia/Shanghai"},
		{ID: "school", Title: "Riverside School", Lang: "en", TimeZone: "Europe/London"},
	} {
		if err := db.PutPublication(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []*bulletinfeed.User{
		{Name: "boss", Admin: true},
		{Name: "clerk", Publications: []string{"hexi"}},
		{Name: "teacher", Publications: []string{"school"}},
	} {
		u.PasswordHash = admin.HashPassword(password, cheap)
		if err := db.AddUser(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	c := &console{t: t, db: db, clock: &clock{t: time.Now().UTC()}}
	cfg := admin.Config{
		Store:        func() (admin.Store, error) { return db, nil },
		Publications: []admin.Publication{{ID: "hexi", Title: "河西通讯"}, {ID: "school", Title: "Riverside School"}},
		ParseOptions: func(ctx context.Context, pubID string) (source.Options, error) {
			loc := shanghai
			if pubID == "school" {
				loc = london
			}
			return source.Options{Location: loc}, nil
		},
		BaseURL: "http://example.org/",
		Now:     c.clock.Now,
		Params:  cheap,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	c.h = admin.New(cfg)
	c.srv = httptest.NewServer(c.h)
	t.Cleanup(c.srv.Close)
	return c
}

// client is a browser without JavaScript: it keeps cookies and does not
// follow redirects, so that tests see each answer.
type client struct {
	c    *console
	http *http.Client
}

func (c *console) client() *client {
	jar, _ := cookiejar.New(nil)
	return &client{c: c, http: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// do sends a request and returns the answer with its body read.
func (cl *client) do(req *http.Request) (*http.Response, string) {
	cl.c.t.Helper()
	resp, err := cl.http.Do(req)
	if err != nil {
		cl.c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		cl.c.t.Fatal(err)
	}
	return resp, string(b)
}

func (cl *client) get(path string) (*http.Response, string) {
	cl.c.t.Helper()
	req, err := http.NewRequest("GET", cl.c.srv.URL+path, nil)
	if err != nil {
		cl.c.t.Fatal(err)
	}
	return cl.do(req)
}

// post sends a form; headers are pairs of name and value.
func (cl *client) post(path string, form url.Values, headers ...string) (*http.Response, string) {
	cl.c.t.Helper()
	req, err := http.NewRequest("POST", cl.c.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		cl.c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	return cl.do(req)
}

// upload posts a file to the upload form of pub with the token csrf.
func (cl *client) upload(pub, name string, body []byte, csrf string) (*http.Response, string) {
	cl.c.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", csrf)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		cl.c.t.Fatal(err)
	}
	fw.Write(body)
	mw.Close()
	req, err := http.NewRequest("POST", cl.c.srv.URL+"/admin/p/"+pub+"/upload", &buf)
	if err != nil {
		cl.c.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return cl.do(req)
}

var csrfRE = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// login signs in as name and returns the session's form token.
func (cl *client) login(name string) string {
	cl.c.t.Helper()
	resp, body := cl.post("/admin/login", url.Values{"username": {name}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		cl.c.t.Fatalf("login as %s: %s\n%s", name, resp.Status, body)
	}
	return cl.token()
}

// token reads the form token from the console's home page.
func (cl *client) token() string {
	cl.c.t.Helper()
	resp, body := cl.get("/admin/")
	m := csrfRE.FindStringSubmatch(body)
	if resp.StatusCode != http.StatusOK || m == nil {
		cl.c.t.Fatalf("home: %s, no form token\n%s", resp.Status, body)
	}
	return m[1]
}

// auditActions returns the actions of the audit log, oldest first.
func (c *console) auditActions() []string {
	c.t.Helper()
	log, err := c.db.Audit(context.Background(), store.AuditQuery{})
	if err != nil {
		c.t.Fatal(err)
	}
	var out []string
	for i := len(log) - 1; i >= 0; i-- {
		out = append(out, log[i].Action)
	}
	return out
}

// hexi is the reference issue.
func hexi(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile("../../shared/testdata/hexi-2023-04.txt")
	if err != nil {
		t.Fatal(err)
	}
	return b
}
