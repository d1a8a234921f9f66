package worker_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/internal/fetchtest"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

const issuesPage = `<!doctype html>
<html><head><meta charset="utf-8"><title>往期</title><base href="/archive/"></head>
<body>
<nav><a href="/about.txt">关于</a> <a href="index.html">首页</a></nav>
<ul class="issues">
  <li><a href="2023/hexi-2023-04.txt">河西 四月</a></li>
  <li><a href="2024/beichen-2024-09.txt">北辰 九月</a></li>
  <li><a href="2024/beichen-2024-09.txt#top">北辰 九月（再）</a></li>
  <li><a href="2024/notes.txt">说明</a></li>
  <li><a href="mailto:editor@example.org">来信</a></li>
</ul>
<p><a href="/other/jinnan-2024-03.txt">津南 三月</a></p>
</body></html>`

// TestPageSource: the links of a list page that match the selector and
// the pattern are its issues; the others are never fetched.
func TestPageSource(t *testing.T) {
	up := newUpstream(t)
	up.put("/archive/list.html", "text/html; charset=utf-8", []byte(issuesPage))
	up.put("/archive/2023/hexi-2023-04.txt", "text/plain", readFile(t, hexiPath))
	up.put("/archive/2024/beichen-2024-09.txt", "text/plain", readFile(t, beichenPath))
	up.put("/archive/2024/notes.txt", "text/plain", []byte("not an issue"))
	up.put("/about.txt", "text/plain", []byte("not an issue"))
	up.put("/other/jinnan-2024-03.txt", "text/plain", readFile(t, jinnanPath))
	st := newRemoteStore(t)
	src, err := worker.NewPageSource(worker.Remote{
		URL: up.URL + "/archive/list.html", PublicationID: "parish", Store: st, Fetcher: fetchtest.NewFetcher(&fetchtest.Sleeps{}),
	}, "ul.issues", `^[a-z]+-\d{4}-\d{2}\.txt$`)
	if err != nil {
		t.Fatal(err)
	}
	if src.ID() != "page:"+up.URL+"/archive/list.html" {
		t.Errorf("ID %q", src.ID())
	}
	if res := remotePass(t, src); res.Published != 2 || res.Failed != 0 {
		t.Fatalf("first pass: %+v", res)
	}
	want := []string{"/archive/list.html", "/archive/2023/hexi-2023-04.txt", "/archive/2024/beichen-2024-09.txt"}
	if got := paths(up.take()); !slices.Equal(got, want) {
		t.Errorf("asked for %v, want %v", got, want)
	}
	st.issue(t, "hexi-2023-04")
	st.issue(t, "beichen-2024-09")

	res := remotePass(t, src)
	if res.Published != 0 || res.NotModified != 2 {
		t.Errorf("second pass: %+v", res)
	}
	for _, r := range up.take() {
		if r.Header.Get("If-None-Match") == "" {
			t.Errorf("second pass: %s asked without If-None-Match", r.URL.Path)
		}
	}
}

func TestPageEntries(t *testing.T) {
	const pageURL = "https://upstream.example/archive/list.html"
	cases := []struct {
		name, selector, pattern string
		want                    []string
	}{
		{"selector and pattern", "ul.issues", `^[a-z]+-\d{4}-\d{2}\.txt$`, []string{
			"https://upstream.example/archive/2023/hexi-2023-04.txt", "https://upstream.example/archive/2024/beichen-2024-09.txt"}},
		{"selector of the links", "ul.issues li > a", "", []string{
			"https://upstream.example/archive/2023/hexi-2023-04.txt", "https://upstream.example/archive/2024/beichen-2024-09.txt",
			"https://upstream.example/archive/2024/notes.txt"}},
		{"pattern only", "", `-\d{4}-\d{2}\.txt$`, []string{
			"https://upstream.example/archive/2023/hexi-2023-04.txt", "https://upstream.example/archive/2024/beichen-2024-09.txt",
			"https://upstream.example/other/jinnan-2024-03.txt"}},
		{"neither: text and PDF files", "", "", []string{
			"https://upstream.example/about.txt", "https://upstream.example/archive/2023/hexi-2023-04.txt",
			"https://upstream.example/archive/2024/beichen-2024-09.txt", "https://upstream.example/archive/2024/notes.txt",
			"https://upstream.example/other/jinnan-2024-03.txt"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src, err := worker.NewPageSource(worker.Remote{URL: pageURL}, tc.selector, tc.pattern)
			if err != nil {
				t.Fatal(err)
			}
			entries, err := src.Entries([]byte(issuesPage), "text/html", pageURL)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range entries {
				if e.ID != e.URL {
					t.Errorf("entry %q has URL %q", e.ID, e.URL)
				}
				got = append(got, e.URL)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v\nwant %v", got, tc.want)
			}
		})
	}

	// Without <base href>, links are resolved against the page's URL.
	src, _ := worker.NewPageSource(worker.Remote{URL: pageURL}, "", "")
	entries, err := src.Entries([]byte(`<a href="files/x-2024-01.txt"> 一月 </a>`), "text/html", pageURL)
	if err != nil || len(entries) != 1 || entries[0].URL != "https://upstream.example/archive/files/x-2024-01.txt" || entries[0].Title != "一月" {
		t.Errorf("no base: %v, %v", entries, err)
	}

	for _, bad := range [][2]string{{"ul[", ""}, {"", "a(b"}} {
		if _, err := worker.NewPageSource(worker.Remote{URL: pageURL}, bad[0], bad[1]); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
			t.Errorf("selector %q, pattern %q: %v", bad[0], bad[1], err)
		}
	}
}

// TestListingRecheck: a list page of forty published issues costs the
// upstream ten requests a pass (the newest), not forty; an older file is
// asked for again once a day, twenty a pass at most.
func TestListingRecheck(t *testing.T) {
	up := newUpstream(t)
	var page strings.Builder
	page.WriteString("<ul>")
	for i := range 40 {
		name := fmt.Sprintf("/bulletin/parish-%d.txt", 2000+i)
		fmt.Fprintf(&page, `<li><a href="%s">%d</a></li>`, name, i)
		up.put(name, "text/plain", []byte(fmt.Sprintf("Issue: %d\nDate: 2024-01-07\n\nParish News\n\nNotice number %d\n\nBy Jane Doe\n\nThe hall is open on Saturday.\n", 2000+i, i)))
	}
	page.WriteString("</ul>")
	up.put("/bulletin/", "text/html; charset=utf-8", []byte(page.String()))
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	st := newRemoteStore(t)
	src, err := worker.NewPageSource(worker.Remote{
		URL: up.URL + "/bulletin/", PublicationID: "parish", Store: st, Fetcher: fetchtest.NewFetcher(&fetchtest.Sleeps{}),
		Now: func() time.Time { return now },
	}, "", `\.txt$`)
	if err != nil {
		t.Fatal(err)
	}
	files := func() int {
		n := 0
		for _, r := range up.take() {
			if strings.HasSuffix(r.URL.Path, ".txt") {
				n++
			}
		}
		return n
	}
	if res := remotePass(t, src); res.Published != 40 || files() != 40 {
		t.Fatalf("first pass: %+v", res)
	}
	for pass, want := range []int{10, 10} {
		if res := remotePass(t, src); res.Published != 0 {
			t.Errorf("pass %d: %+v", pass+2, res)
		}
		if got := files(); got != want {
			t.Errorf("pass %d asked for %d files, want %d", pass+2, got, want)
		}
	}
	now = now.Add(25 * time.Hour)
	for pass, want := range []int{30, 20, 10} {
		remotePass(t, src)
		if got := files(); got != want {
			t.Errorf("a day later, pass %d asked for %d files, want %d", pass+1, got, want)
		}
	}
	// A new issue at the top is fetched at once.
	up.put("/bulletin/parish-2040.txt", "text/plain", []byte("Issue: 2040\nDate: 2024-01-14\n\nParish News\n\nA new notice\n\nBy Jane Doe\n\nThe fete is on Sunday.\n"))
	up.put("/bulletin/", "text/html; charset=utf-8", []byte(strings.Replace(page.String(), "<ul>", `<ul><li><a href="/bulletin/parish-2040.txt">new</a></li>`, 1)))
	if res := remotePass(t, src); res.Published != 1 {
		t.Errorf("a new link: %+v", res)
	}
}
