package feed_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

// TestDeletedIssueIsGone: after the store deletes an issue, its page and
// its articles' pages answer 410 with a page in the publication's
// language, without validators, and are counted like other responses.
func TestDeletedIssueIsGone(t *testing.T) {
	m, st := newFixtureStore()
	m.remove("hexi", "2023-03")
	srv := feed.NewHandler(st, testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	site := srv.Site()
	gone := []string{"/articles/b1c2d3e4", "/articles/c7d8e9f0", "/articles/d5e6f7a8", "/issues/2023-03"}
	if got := site.Gone(); !slices.Equal(got, gone) {
		t.Errorf("Gone() = %q, want %q", got, gone)
	}
	for _, p := range gone {
		if slices.Contains(allPaths(t, site), p) {
			t.Errorf("%s is both a page and gone", p)
		}
	}
	cases := []struct{ path, text string }{
		{"/articles/b1c2d3e4", "本文已删除"},
		{"/issues/2023-03", "本期已删除"},
	}
	for _, c := range cases {
		for _, method := range []string{"GET", "HEAD"} {
			rec := serve(srv, method, c.path, "If-None-Match", "*")
			if rec.Code != 410 {
				t.Errorf("%s %s: status %d, want 410 whatever the preconditions", method, c.path, rec.Code)
			}
			if rec.Header().Get("ETag") != "" || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
				t.Errorf("%s %s: ETag %q, Content-Type %q", method, c.path, rec.Header().Get("ETag"), rec.Header().Get("Content-Type"))
			}
			if method == "GET" {
				body := rec.Body.String()
				if !strings.Contains(body, `<html lang="zh-CN">`) || !strings.Contains(body, "<h1>410</h1>") || !strings.Contains(body, c.text) {
					t.Errorf("GET %s: not the 410 page in Chinese:\n%s", c.path, body)
				}
			}
		}
	}
	if rec := serve(srv, "GET", "/articles/a1b2c3d4"); rec.Code != 200 {
		t.Errorf("a live article: status %d", rec.Code)
	}
	metrics := metricsText(t, srv)
	for _, want := range []string{
		`bulletinfeed_http_requests_total{route="/articles/{id}",status="410"} 2`,
		`bulletinfeed_http_requests_total{route="/issues/{key}",status="410"} 2`,
	} {
		if !strings.Contains(metrics, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

// TestDeletedThenLiveAgain: an id the store lists as deleted but that has a
// page again (the issue ingested anew) is served, not gone; a bad key is
// listed by its safe name, a bad id not at all.
func TestDeletedThenLiveAgain(t *testing.T) {
	_, st := newFixtureStore()
	st.DeletedFunc = func(context.Context, string) ([]string, []string, error) {
		return []string{"2023-04", "2022-12", "../x"}, []string{"a1b2c3d4", "0dead0", "../../etc"}, nil
	}
	srv := feed.NewHandler(st, testConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := srv.Site().Gone()
	if len(got) != 5 || !strings.HasPrefix(got[4], "/issues/key-") || slices.ContainsFunc(got, func(p string) bool { return strings.Contains(p, "..") }) {
		t.Errorf("Gone() = %q, want the deleted paths, a bad key by its safe name, a bad id skipped", got)
	}
	for path, want := range map[string]int{
		"/issues/2023-04": 200, "/articles/a1b2c3d4": 200,
		"/issues/2022-12": 410, "/articles/0dead0": 410, got[4]: 410,
	} {
		if rec := serve(srv, "GET", path); rec.Code != want {
			t.Errorf("%s: status %d, want %d", path, rec.Code, want)
		}
	}
}

// TestDeletedInSecondPublication: gone pages of a publication under /{id}
// are in its language and link to its index.
func TestDeletedInSecondPublication(t *testing.T) {
	m, st := newMultiStore()
	m.remove("river", "2023-04")
	srv := feed.NewHandler(st, multiConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	rec := serve(srv, "GET", "/river/articles/r1a2b3c4")
	body := rec.Body.String()
	if rec.Code != 410 || !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "This article was removed.") || !strings.Contains(body, `<a href="/river/">Riverside News</a>`) {
		t.Errorf("status %d:\n%s", rec.Code, body)
	}
	if rec := serve(srv, "GET", "/articles/r1a2b3c4"); rec.Code != 404 {
		t.Errorf("the id at the root: status %d, want 404", rec.Code)
	}
	metrics := metricsText(t, srv)
	if !strings.Contains(metrics, `bulletinfeed_http_requests_total{route="/{pub}/articles/{id}",status="410"} 1`) {
		t.Error("metrics do not count the 410 under /{pub}/articles/{id}")
	}
}

// TestWriteDirLeavesGonePagesOut: a static server cannot answer 410, so
// a build after a delete writes nothing at the gone paths and removes the
// files the build before wrote there.
func TestWriteDirLeavesGonePagesOut(t *testing.T) {
	m, st := newFixtureStore()
	dir := t.TempDir()
	if _, err := mustRender(t, st, testConfig()).WriteDir(context.Background(), dir); err != nil {
		t.Fatal(err)
	}
	m.remove("hexi", "2023-03")
	site := mustRender(t, st, testConfig())
	res, err := site.WriteDir(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if want := len(allPaths(t, site)) + 1; res.Files != want {
		t.Errorf("a site of %d files, want %d", res.Files, want)
	}
	for _, p := range site.Gone() {
		if _, err := os.Stat(filepath.Join(dir, feed.FilePath(p))); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: %s is still there (%v)", p, feed.FilePath(p), err)
		}
	}
}
