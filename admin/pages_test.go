package admin_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/admin"
	"github.com/bulletinfeed/bulletinfeed/store"
)

var previewRE = regexp.MustCompile(`^/admin/p/hexi/uploads/([a-z0-9]+)$`)

// uploadHexi uploads the reference issue as cl and returns its preview's
// path.
func uploadHexi(t *testing.T, cl *client, tok string) string {
	t.Helper()
	resp, body := cl.upload("hexi", "hexi-2023-04.txt", hexi(t), tok)
	if resp.StatusCode != http.StatusSeeOther || !previewRE.MatchString(resp.Header.Get("Location")) {
		t.Fatalf("upload: %s to %q\n%s", resp.Status, resp.Header.Get("Location"), body)
	}
	return resp.Header.Get("Location")
}

// publishHexi uploads the reference issue and publishes it at once.
func publishHexi(t *testing.T, cl *client, tok string) {
	t.Helper()
	if resp, body := cl.post(uploadHexi(t, cl, tok)+"/publish", url.Values{"csrf": {tok}, "when": {"now"}}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("publish: %s\n%s", resp.Status, body)
	}
}

// TestUploadPreviewPublish: the reference issue uploaded is stored as an
// upload, not published, and its preview shows its ten articles with
// section, title, credits and paragraphs; publishing stores the issue as
// ingest would, removes the upload and is audited.
func TestUploadPreviewPublish(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newConsole(t, dsn, nil)
		cl := c.client()
		tok := cl.login("clerk")
		preview := uploadHexi(t, cl, tok)
		if _, err := c.db.Issue(ctx, "hexi", "hexi-2023-04"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
			t.Fatalf("issue after upload: err = %v, want not found (not published)", err)
		}
		resp, body := cl.get(preview)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("preview: %s\n%s", resp.Status, body)
		}
		if n := strings.Count(body, `<article class="article">`); n != 10 {
			t.Fatalf("preview shows %d articles, want 10", n)
		}
		iss, err := c.db.Issues(ctx, "hexi", 0)
		if err != nil || len(iss) != 0 {
			t.Fatalf("issues after preview: %d, %v", len(iss), err)
		}
		for _, want := range []string{"Section:", "Credits:", "<p>"} {
			if !strings.Contains(body, want) {
				t.Errorf("preview lacks %q", want)
			}
		}
		// The list shows the upload waiting.
		if _, list := cl.get("/admin/p/hexi/"); !strings.Contains(list, preview) {
			t.Errorf("issues list does not link the upload's preview")
		}

		resp, body = cl.post(preview+"/publish", url.Values{"csrf": {tok}, "when": {"now"}})
		if resp.StatusCode != http.StatusSeeOther || !strings.Contains(resp.Header.Get("Location"), "done=published") {
			t.Fatalf("publish: %s to %q\n%s", resp.Status, resp.Header.Get("Location"), body)
		}
		stored, err := c.db.Issues(ctx, "hexi", 0)
		if err != nil || len(stored) != 1 || len(stored[0].Articles) != 10 {
			t.Fatalf("stored after publish: %v, %v; want one issue of 10 articles", stored, err)
		}
		if ups, _ := c.db.Uploads(ctx, "hexi"); len(ups) != 0 {
			t.Fatalf("uploads after publish: %d, want 0", len(ups))
		}
		if resp, _ := cl.get(preview); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("preview after publish: %s, want 404", resp.Status)
		}
		_, list := cl.get(resp.Header.Get("Location"))
		if !strings.Contains(list, "Published: "+stored[0].Key) || !strings.Contains(list, "<td>10</td>") {
			t.Errorf("issues list after publish lacks the notice or the issue:\n%s", list)
		}
		log, err := c.db.Audit(ctx, storeAll)
		if err != nil {
			t.Fatal(err)
		}
		var publish *bulletinfeed.AuditEntry
		for _, e := range log {
			if e.Action == bulletinfeed.AuditPublish {
				publish = e
			}
		}
		if publish == nil || publish.User != "clerk" || publish.Publication != "hexi" || publish.Issue != stored[0].Key || publish.At.IsZero() {
			t.Fatalf("publish audit entry = %+v", publish)
		}
	})
}

// TestSchedule: a time in the past is refused with a message and stores
// nothing; a later one, read in the publication's zone, schedules the
// issue through the store's embargo.
func TestSchedule(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newConsole(t, dsn, nil)
		cl := c.client()
		tok := cl.login("clerk")
		preview := uploadHexi(t, cl, tok)
		past := c.clock.Now().In(shanghai).Add(-time.Hour).Format("2006-01-02T15:04")
		resp, body := cl.post(preview+"/publish", url.Values{"csrf": {tok}, "when": {"schedule"}, "at": {past}})
		if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "That time is in the past") {
			t.Fatalf("past schedule: %s\n%s", resp.Status, body)
		}
		if s, _ := c.db.ScheduledIssues(ctx, "hexi"); len(s) != 0 {
			t.Fatalf("scheduled after a past time: %v", s)
		}
		if resp, _ := cl.post(preview+"/publish", url.Values{"csrf": {tok}, "when": {"schedule"}, "at": {""}}); resp.StatusCode != http.StatusBadRequest {
			t.Fatalf("schedule without a time: %s, want 400", resp.Status)
		}
		at := c.clock.Now().In(shanghai).Add(48 * time.Hour).Truncate(time.Minute)
		resp, body = cl.post(preview+"/publish", url.Values{"csrf": {tok}, "when": {"schedule"}, "at": {at.Format("2006-01-02T15:04")}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("schedule: %s\n%s", resp.Status, body)
		}
		s, err := c.db.ScheduledIssues(ctx, "hexi")
		if err != nil || len(s) != 1 || !s[0].PublishAt.Equal(at) {
			t.Fatalf("scheduled = %+v, %v; want one at %v", s, err, at)
		}
		if iss, _ := c.db.Issues(ctx, "hexi", 0); len(iss) != 0 {
			t.Fatalf("a scheduled issue is published: %d issues", len(iss))
		}
		if _, list := cl.get("/admin/p/hexi/"); !strings.Contains(list, at.Format("2006-01-02 15:04 CST")) {
			t.Errorf("issues list lacks the scheduled time %s", at.Format("2006-01-02 15:04 CST"))
		}
		if got := c.auditActions(); !slices.Contains(got, bulletinfeed.AuditSchedule) {
			t.Fatalf("audit = %v, want a schedule entry", got)
		}
	})
}

// TestDelete: the delete link asks first; the confirmed POST deletes the
// issue as "issues delete" does (its key is then remembered as gone, for
// 410) and is audited.
func TestDelete(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newConsole(t, dsn, nil)
		cl := c.client()
		tok := cl.login("clerk")
		preview := uploadHexi(t, cl, tok)
		cl.post(preview+"/publish", url.Values{"csrf": {tok}, "when": {"now"}})
		iss, err := c.db.Issues(ctx, "hexi", 0)
		if err != nil || len(iss) != 1 {
			t.Fatal(iss, err)
		}
		key := iss[0].Key
		del := "/admin/p/hexi/issues/" + url.PathEscape(key) + "/delete"
		resp, body := cl.get(del)
		if resp.StatusCode != http.StatusOK || !strings.Contains(body, "410 Gone") {
			t.Fatalf("delete confirmation: %s\n%s", resp.Status, body)
		}
		if _, err := c.db.Issue(ctx, "hexi", key); err != nil {
			t.Fatalf("the confirmation page deleted: %v", err)
		}
		resp, _ = cl.post(del, url.Values{"csrf": {tok}})
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("delete: %s", resp.Status)
		}
		gone, _, err := c.db.Deleted(ctx, "hexi")
		if err != nil || !slices.Equal(gone, []string{key}) {
			t.Fatalf("deleted keys = %v, %v; want [%s]", gone, err, key)
		}
		if resp, _ := cl.post(del, url.Values{"csrf": {tok}}); resp.StatusCode != http.StatusNotFound {
			t.Fatalf("second delete: %s, want 404", resp.Status)
		}
		log, _ := c.db.Audit(ctx, storeAll)
		i := slices.IndexFunc(log, func(e *bulletinfeed.AuditEntry) bool { return e.Action == bulletinfeed.AuditDelete })
		if i < 0 || log[i].Issue != key || log[i].Detail != "10 articles" || log[i].User != "clerk" {
			t.Fatalf("audit = %v, want the delete of %s by clerk", log, key)
		}
	})
}

// TestForbiddenAcrossPublications: an editor of hexi gets 403 for every
// page and action of school, and changes nothing there; an admin may.
func TestForbiddenAcrossPublications(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newConsole(t, dsn, nil)
		teacher := c.client()
		ttok := teacher.login("teacher")
		resp, body := teacher.upload("school", "news-2024-09-20.txt", []byte("Date: 2024-09-20\n\nSports Day\n\nBy Jane Doe\n\nThe whole school ran.\n"), ttok)
		if resp.StatusCode != http.StatusSeeOther {
			t.Fatalf("teacher's upload: %s\n%s", resp.Status, body)
		}
		schoolPreview := resp.Header.Get("Location")
		teacher.post(schoolPreview+"/publish", url.Values{"csrf": {ttok}, "when": {"now"}})
		sch, err := c.db.Issues(ctx, "school", 0)
		if err != nil || len(sch) != 1 {
			t.Fatalf("school issues = %v, %v", sch, err)
		}
		del := "/admin/p/school/issues/" + url.PathEscape(sch[0].Key) + "/delete"

		clerk := c.client()
		tok := clerk.login("clerk")
		for _, tc := range []struct {
			name string
			do   func() *http.Response
		}{
			{"list", func() *http.Response { r, _ := clerk.get("/admin/p/school/"); return r }},
			{"upload", func() *http.Response { r, _ := clerk.upload("school", "x.txt", hexi(t), tok); return r }},
			{"delete form", func() *http.Response { r, _ := clerk.get(del); return r }},
			{"delete", func() *http.Response { r, _ := clerk.post(del, url.Values{"csrf": {tok}}); return r }},
		} {
			if resp := tc.do(); resp.StatusCode != http.StatusForbidden {
				t.Errorf("clerk's %s of school: %s, want 403", tc.name, resp.Status)
			}
		}
		// A hexi upload is not reached through school's path either.
		hexiPreview := uploadHexi(t, clerk, tok)
		if resp, _ := teacher.get(strings.Replace(hexiPreview, "/hexi/", "/school/", 1)); resp.StatusCode != http.StatusNotFound {
			t.Errorf("teacher's look at a hexi upload under school: %s, want 404", resp.Status)
		}
		if resp, _ := teacher.get(hexiPreview); resp.StatusCode != http.StatusForbidden {
			t.Errorf("teacher's look at a hexi upload: %s, want 403", resp.Status)
		}
		if _, home := clerk.get("/admin/"); strings.Contains(home, "/admin/p/school/") {
			t.Errorf("clerk's home links school")
		}
		if sch, _ := c.db.Issues(ctx, "school", 0); len(sch) != 1 {
			t.Fatalf("school issues after the refused requests: %d", len(sch))
		}
		boss := c.client()
		boss.login("boss")
		if resp, _ := boss.get("/admin/p/school/"); resp.StatusCode != http.StatusOK {
			t.Fatalf("admin's list of school: %s", resp.Status)
		}
		// The audit page shows an editor its publications' entries only.
		_, audit := clerk.get("/admin/audit")
		if strings.Contains(audit, "teacher") {
			t.Errorf("clerk's audit page shows teacher's entries")
		}
		if _, audit := boss.get("/admin/audit"); !strings.Contains(audit, "teacher") {
			t.Errorf("admin's audit page lacks teacher's entries")
		}
	})
}

// TestAuditEveryChange: each kind of change made through the console is
// in the audit log, with who made it and which issue.
func TestAuditEveryChange(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		c := newConsole(t, dsn, nil)
		cl := c.client()
		cl.post("/admin/login", url.Values{"username": {"clerk"}, "password": {"nope"}})
		tok := cl.login("clerk")
		p := uploadHexi(t, cl, tok)
		cl.post(p+"/discard", url.Values{"csrf": {tok}})
		p = uploadHexi(t, cl, tok)
		at := c.clock.Now().Add(72 * time.Hour).In(shanghai).Format("2006-01-02T15:04")
		cl.post(p+"/publish", url.Values{"csrf": {tok}, "when": {"schedule"}, "at": {at}})
		p = uploadHexi(t, cl, tok)
		cl.post(p+"/publish", url.Values{"csrf": {tok}, "when": {"now"}})
		iss, _ := c.db.Issues(ctx, "hexi", 0)
		cl.post("/admin/p/hexi/issues/"+url.PathEscape(iss[0].Key)+"/delete", url.Values{"csrf": {tok}})
		cl.post("/admin/logout", url.Values{"csrf": {tok}})

		log, err := c.db.Audit(ctx, storeAll)
		if err != nil {
			t.Fatal(err)
		}
		count := map[string]int{}
		for _, e := range log {
			count[e.Action]++
			if e.User != "clerk" {
				t.Errorf("entry %s by %q, want clerk", e.Action, e.User)
			}
			switch e.Action {
			case bulletinfeed.AuditPublish, bulletinfeed.AuditSchedule, bulletinfeed.AuditDelete, bulletinfeed.AuditUpload:
				if e.Publication != "hexi" || e.Issue != iss[0].Key {
					t.Errorf("entry %s about %q/%q, want hexi/%s", e.Action, e.Publication, e.Issue, iss[0].Key)
				}
			}
		}
		want := map[string]int{"login-failed": 1, "login": 1, "upload": 3, "discard-upload": 1, "schedule": 1, "publish": 1, "delete": 1, "logout": 1}
		for a, n := range want {
			if count[a] != n {
				t.Errorf("%d %s entries, want %d (log: %v)", count[a], a, n, count)
			}
		}
	})
}

// TestChinese: a browser that prefers Chinese gets the console in
// Chinese.
func TestChinese(t *testing.T) {
	c := newConsole(t, t.TempDir()+"/zh.db", nil)
	req, _ := http.NewRequest("GET", c.srv.URL+"/admin/login", nil)
	req.Header.Set("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
	_, body := c.client().do(req)
	if !strings.Contains(body, "登录") || !strings.Contains(body, `lang="zh-CN"`) {
		t.Fatalf("login page for a Chinese browser:\n%s", body)
	}
	_, body = c.client().get("/admin/login")
	if !strings.Contains(body, "Sign in") {
		t.Fatalf("login page by default:\n%s", body)
	}
}

var storeAll = store.AuditQuery{}

// TestFailedInboxFiles: the issues list shows the files the
// publication's inbox refused, with their reasons.
func TestFailedInboxFiles(t *testing.T) {
	inbox := t.TempDir()
	os.MkdirAll(filepath.Join(inbox, "failed"), 0o755)
	os.WriteFile(filepath.Join(inbox, "failed", "undated.txt"), []byte("x"), 0o644)
	os.WriteFile(filepath.Join(inbox, "failed", "undated.txt.error"), []byte("undated.txt: no date anywhere <b>\n"), 0o644)
	c := newConsole(t, t.TempDir()+"/f.db", func(cfg *admin.Config) { cfg.Inboxes = map[string][]string{"hexi": {inbox}} })
	cl := c.client()
	cl.login("clerk")
	_, body := cl.get("/admin/p/hexi/")
	if !strings.Contains(body, "<td>undated.txt</td>") || !strings.Contains(body, "no date anywhere &lt;b&gt;") {
		t.Fatalf("issues list lacks the failed file and its reason:\n%s", body)
	}
}

// TestSourcePasses: the issues list shows each remote source's last pass,
// as the schedule recorded it in the store, and one never run as never.
func TestSourcePasses(t *testing.T) {
	const feedID, pageID = "feed:https://upstream.example.org/feed.xml", "page:https://upstream.example.org/archive/"
	c := newConsole(t, t.TempDir()+"/s.db", func(cfg *admin.Config) { cfg.Sources = map[string][]string{"hexi": {feedID, pageID}} })
	ok := time.Date(2024, 5, 1, 2, 0, 0, 0, time.UTC)
	if err := c.db.SaveSourceState(context.Background(), "hexi", feedID, bulletinfeed.SourceState{
		LastSuccess: ok, LastAttempt: ok.Add(time.Hour), Failures: 2, LastError: "feed: 503 Service Unavailable <b>",
	}); err != nil {
		t.Fatal(err)
	}
	cl := c.client()
	cl.login("clerk")
	_, body := cl.get("/admin/p/hexi/")
	for _, want := range []string{feedID, "2024-05-01 10:00 CST", "2024-05-01 11:00 CST", "<td>2</td>", "503 Service Unavailable &lt;b&gt;", pageID, ">never<"} {
		if !strings.Contains(body, want) {
			t.Errorf("issues list lacks %q", want)
		}
	}
	boss := c.client()
	boss.login("boss")
	resp, body := boss.get("/admin/p/school/")
	if resp.StatusCode != http.StatusOK || strings.Contains(body, feedID) {
		t.Errorf("school's list: %s, shows hexi's source: %v", resp.Status, strings.Contains(body, feedID))
	}
}

// TestUploadRefused: a file that is no issue, or larger than max_size,
// is refused with the reason and nothing is kept.
func TestUploadRefused(t *testing.T) {
	c := newConsole(t, t.TempDir()+"/u.db", func(cfg *admin.Config) { cfg.MaxSize = 1 << 10 })
	cl := c.client()
	tok := cl.login("clerk")
	for _, tc := range []struct {
		name string
		body []byte
		code int
	}{
		{"empty", nil, http.StatusBadRequest},
		{"too large", bytes.Repeat([]byte("这是一段很长的文字。"), 200), http.StatusBadRequest},
		{"far too large", bytes.Repeat([]byte("x"), 200<<10), http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resp, body := cl.upload("hexi", "x-2024-01.txt", tc.body, tok)
			if resp.StatusCode != tc.code {
				t.Fatalf("upload: %s, want %d\n%s", resp.Status, tc.code, body)
			}
		})
	}
	if ups, _ := c.db.Uploads(context.Background(), "hexi"); len(ups) != 0 {
		t.Fatalf("refused uploads kept: %d", len(ups))
	}
}

// TestSlowUpload: an upload may take longer than the server's read
// timeout, which is set for readers' small requests.
func TestSlowUpload(t *testing.T) {
	c := newConsole(t, t.TempDir()+"/slow.db", nil)
	srv := httptest.NewUnstartedServer(c.h)
	srv.Config.ReadTimeout = 200 * time.Millisecond
	srv.Start()
	defer srv.Close()
	cl := c.client()
	cl.c = &console{t: t, db: c.db, srv: srv, clock: c.clock, h: c.h}
	tok := cl.login("clerk")

	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("csrf", tok)
	fw, _ := mw.CreateFormFile("file", "hexi-2023-04.txt")
	fw.Write(hexi(t))
	mw.Close()
	body := buf.Bytes()
	pr, pw := io.Pipe()
	go func() {
		pw.Write(body[:len(body)/2])
		time.Sleep(500 * time.Millisecond)
		pw.Write(body[len(body)/2:])
		pw.Close()
	}()
	req, _ := http.NewRequest("POST", srv.URL+"/admin/p/hexi/upload", pr)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := cl.http.Do(req)
	if err != nil {
		t.Fatalf("slow upload: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("slow upload: %s", resp.Status)
	}
}
