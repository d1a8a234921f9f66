package admin_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/admin"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// TestConsoleOffWithoutUsers: until a user exists the console answers
// 404 and says how to create one; it is on once one exists.
func TestConsoleOffWithoutUsers(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db, err := store.Open(ctx, dsn, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		h := admin.New(admin.Config{Store: func() (admin.Store, error) { return db, nil }, Params: cheap})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", "/admin/login", nil))
		if rec.Code != http.StatusNotFound || !strings.Contains(rec.Body.String(), "users add") {
			t.Fatalf("console without users: %d\n%s", rec.Code, rec.Body)
		}
		c := newConsole(t, dsn, nil)
		if resp, _ := c.client().get("/admin/login"); resp.StatusCode != http.StatusOK {
			t.Fatalf("console with users: %s", resp.Status)
		}
	})
}

// TestLoginLogout: a wrong password is refused (401) and audited; the
// right one gives a session cookie with the safe attributes and leads to
// the page asked for; logout ends the session, so that the same cookie
// no longer opens anything.
func TestLoginLogout(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newConsole(t, dsn, nil)
		cl := c.client()
		resp, _ := cl.get("/admin/p/hexi/")
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/login?next=") {
			t.Fatalf("issues without a session: %s to %q, want 303 to the login page", resp.Status, resp.Header.Get("Location"))
		}
		resp, body := cl.post("/admin/login", url.Values{"username": {"clerk"}, "password": {"wrong"}})
		if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "Wrong user name or password") {
			t.Fatalf("wrong password: %s\n%s", resp.Status, body)
		}
		resp, body = cl.post("/admin/login", url.Values{"username": {"nobody"}, "password": {"wrong"}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Fatalf("unknown user: %s\n%s", resp.Status, body)
		}
		resp, _ = cl.post("/admin/login", url.Values{"username": {"clerk"}, "password": {password}, "next": {"/admin/p/hexi/"}})
		if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/admin/p/hexi/" {
			t.Fatalf("login: %s to %q, want 303 to the page asked for", resp.Status, resp.Header.Get("Location"))
		}
		ck := resp.Cookies()
		if len(ck) != 1 || !ck[0].HttpOnly || ck[0].SameSite != http.SameSiteLaxMode || ck[0].Path != "/admin/" || ck[0].Secure || len(ck[0].Value) < 43 {
			t.Fatalf("session cookie = %+v", ck)
		}
		cookie := ck[0]
		tok := cl.token()
		resp, _ = cl.post("/admin/logout", url.Values{"csrf": {tok}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("logout: %s", resp.Status)
		}
		// The old cookie, kept by someone who copied it, opens nothing.
		replay := c.client()
		req, _ := http.NewRequest("GET", c.srv.URL+"/admin/", nil)
		req.AddCookie(&http.Cookie{Name: cookie.Name, Value: cookie.Value})
		if resp, _ := replay.do(req); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("the cookie after logout: %s, want 303 to the login page", resp.Status)
		}
		got := c.auditActions()
		slices.Sort(got)
		if want := []string{"login", "login-failed", "login-failed", "logout"}; !slices.Equal(got, want) {
			t.Fatalf("audit = %v, want %v", got, want)
		}
		// A next page elsewhere is not followed.
		resp, _ = cl.post("/admin/login", url.Values{"username": {"clerk"}, "password": {password}, "next": {"//evil.example/admin/"}})
		if loc := resp.Header.Get("Location"); loc != "/admin/" {
			t.Fatalf("login with a foreign next: to %q, want /admin/", loc)
		}
	})
}

// TestSecureCookie: with an https base URL the cookie is Secure, under
// the base URL's path.
func TestSecureCookie(t *testing.T) {
	c := newConsole(t, t.TempDir()+"/s.db", func(cfg *admin.Config) { cfg.BaseURL = "https://example.org/news/" })
	resp, _ := c.client().post("/admin/login", url.Values{"username": {"clerk"}, "password": {password}})
	ck := resp.Cookies()
	if len(ck) != 1 || !ck[0].Secure || ck[0].Path != "/news/admin/" {
		t.Fatalf("cookie = %+v, want Secure with path /news/admin/", ck)
	}
	if loc := resp.Header.Get("Location"); loc != "/news/admin/" {
		t.Fatalf("after login: to %q, want /news/admin/", loc)
	}
}

// TestSessionExpiry: a session idle past IdleTimeout ends, and so does
// one older than MaxAge however busy.
func TestSessionExpiry(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newConsole(t, dsn, func(cfg *admin.Config) { cfg.IdleTimeout, cfg.MaxAge = 30*time.Minute, 2*time.Hour })
		cl := c.client()
		cl.login("clerk")
		c.clock.Advance(29 * time.Minute)
		if resp, _ := cl.get("/admin/"); resp.StatusCode != http.StatusOK {
			t.Fatalf("after 29 idle minutes: %s", resp.Status)
		}
		c.clock.Advance(31 * time.Minute)
		if resp, _ := cl.get("/admin/"); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("after 31 idle minutes: %s, want 303 to the login page", resp.Status)
		}

		cl = c.client()
		cl.login("clerk")
		for range 4 {
			c.clock.Advance(25 * time.Minute)
			if resp, _ := cl.get("/admin/"); resp.StatusCode != http.StatusOK {
				t.Fatalf("busy session: %s", resp.Status)
			}
		}
		c.clock.Advance(25 * time.Minute) // 2h05 since login
		if resp, _ := cl.get("/admin/"); resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("session past its absolute expiry: %s, want 303 to the login page", resp.Status)
		}
	})
}

// TestRateLimit: after AccountAttempts failures an account is refused
// (429, even with its right password) until the window ends; other
// accounts go on until the address has used AddressAttempts.
func TestRateLimit(t *testing.T) {
	c := newConsole(t, t.TempDir()+"/r.db", func(cfg *admin.Config) {
		cfg.AccountAttempts, cfg.AddressAttempts, cfg.AttemptWindow = 3, 5, 10*time.Minute
	})
	cl := c.client()
	try := func(name, pw string) int {
		t.Helper()
		resp, _ := cl.post("/admin/login", url.Values{"username": {name}, "password": {pw}})
		return resp.StatusCode
	}
	for i := range 3 {
		if got := try("clerk", "wrong"); got != http.StatusUnauthorized {
			t.Fatalf("failure %d: %d", i+1, got)
		}
	}
	if got := try("clerk", password); got != http.StatusTooManyRequests {
		t.Fatalf("right password after 3 failures: %d, want 429", got)
	}
	if got := try("CLERK", password); got != http.StatusTooManyRequests {
		t.Fatalf("the same account in capitals: %d, want 429", got)
	}
	if got := try("teacher", password); got != http.StatusSeeOther {
		t.Fatalf("another account: %d, want a login", got)
	}
	for i := range 2 {
		if got := try("boss", "wrong"); got != http.StatusUnauthorized {
			t.Fatalf("boss failure %d: %d", i+1, got)
		}
	}
	// Five failures from this address in all.
	if got := try("teacher", password); got != http.StatusTooManyRequests {
		t.Fatalf("after the address's failures: %d, want 429", got)
	}
	c.clock.Advance(11 * time.Minute)
	if got := try("clerk", password); got != http.StatusSeeOther {
		t.Fatalf("after the window: %d, want a login", got)
	}
}

// TestCSRF: a state-changing request is refused (403) when it comes
// from another site, and when its form lacks the session's token or
// carries another; nothing is changed.
func TestCSRF(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newConsole(t, dsn, nil)
		cl := c.client()
		tok := cl.login("clerk")
		other := c.client().login("boss")
		for _, tc := range []struct {
			name    string
			form    url.Values
			headers []string
		}{
			{"cross-site", url.Values{"csrf": {tok}}, []string{"Sec-Fetch-Site", "cross-site"}},
			{"foreign origin", url.Values{"csrf": {tok}}, []string{"Origin", "https://evil.example"}},
			{"no token", url.Values{}, nil},
			{"wrong token", url.Values{"csrf": {"x" + tok[1:]}}, nil},
			{"another session's token", url.Values{"csrf": {other}}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				resp, body := cl.post("/admin/logout", tc.form, tc.headers...)
				if resp.StatusCode != http.StatusForbidden {
					t.Fatalf("logout: %s, want 403\n%s", resp.Status, body)
				}
				resp, _ = cl.upload("hexi", "x.txt", []byte("x"), tc.form.Get("csrf"))
				if tc.headers == nil && resp.StatusCode != http.StatusForbidden {
					t.Fatalf("upload: %s, want 403", resp.Status)
				}
			})
		}
		// Still signed in: no logout went through.
		if resp, _ := cl.get("/admin/"); resp.StatusCode != http.StatusOK {
			t.Fatalf("after the refused posts: %s", resp.Status)
		}
		if ups, _ := c.db.Uploads(context.Background(), "hexi"); len(ups) != 0 {
			t.Fatalf("uploads stored by refused posts: %d", len(ups))
		}
	})
}

// TestLoginNextUnderBasePath: a page asked for without a session, on a
// site whose base URL has a path, is the page the login leads back to.
func TestLoginNextUnderBasePath(t *testing.T) {
	c := newConsole(t, t.TempDir()+"/n.db", func(cfg *admin.Config) { cfg.BaseURL = "http://example.org/news/" })
	cl := c.client()
	// The site's server hands the console the path without /news.
	resp, _ := cl.get("/admin/p/hexi/?q=x")
	loc := resp.Header.Get("Location")
	if want := "/news/admin/login?next=" + url.QueryEscape("/news/admin/p/hexi/?q=x"); loc != want {
		t.Fatalf("to %q, want %q", loc, want)
	}
	resp, _ = cl.post("/admin/login", url.Values{"username": {"clerk"}, "password": {password}, "next": {"/news/admin/p/hexi/?q=x"}})
	if got := resp.Header.Get("Location"); got != "/news/admin/p/hexi/?q=x" {
		t.Fatalf("after login: to %q", got)
	}
}
