package worker_test

import (
	"bytes"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/internal/fetchtest"
	"github.com/bulletinfeed/bulletinfeed/worker"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// rssItem is one entry of a test feed: its enclosure or its link.
type rssItem struct{ title, guid, enclosure, ctype, link string }

func rss(encoding string, items ...rssItem) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\" encoding=%q?>\n<rss version=\"2.0\"><channel><title>上游</title><link>https://upstream.example/</link>\n", encoding)
	for _, it := range items {
		fmt.Fprintf(&b, "<item><title>%s</title>", it.title)
		if it.guid != "" {
			fmt.Fprintf(&b, "<guid isPermaLink=\"false\">%s</guid>", it.guid)
		}
		if it.enclosure != "" {
			fmt.Fprintf(&b, "<enclosure url=%q type=%q length=\"1\"/>", it.enclosure, it.ctype)
		}
		if it.link != "" {
			fmt.Fprintf(&b, "<link>%s</link>", it.link)
		}
		b.WriteString("</item>\n")
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

func newFeedSource(up *upstream, st *remoteStore, n worker.Notifier, log *records) *worker.FeedSource {
	src := &worker.FeedSource{Remote: worker.Remote{
		URL: up.URL + "/feeds/issues.xml", PublicationID: "parish", Store: st, Notifier: n,
		Fetcher: fetchtest.NewFetcher(&fetchtest.Sleeps{}),
	}}
	if log != nil {
		src.Log = slog.New(log)
	}
	return src
}

// TestFeedSource: an upstream feed's issue files are published once;
// passes after send conditional requests and publish nothing; a changed
// file revises its issue, whose articles keep their ids.
func TestFeedSource(t *testing.T) {
	up := newUpstream(t)
	hexi := readFile(t, hexiPath)
	up.put("/files/hexi-2023-04.txt", "text/plain; charset=utf-8", hexi)
	up.put("/files/beichen-2024-09.txt", "text/plain", readFile(t, beichenPath))
	up.put("/feeds/issues.xml", "application/rss+xml", []byte(rss("UTF-8",
		// A relative enclosure, resolved against the feed's URL.
		rssItem{title: "Hexi, April", guid: "hexi-april", enclosure: "../files/hexi-2023-04.txt", ctype: "text/plain"},
		// No enclosure: the link names the file.
		rssItem{title: "Beichen, September", guid: "beichen-september", link: up.URL + "/files/beichen-2024-09.txt"},
		// Neither: skipped.
		rssItem{title: "A notice", guid: "notice", link: up.URL + "/notice.html"},
	)))
	st := newRemoteStore(t)
	var n counter
	src := newFeedSource(up, st, &n, nil)
	if src.ID() != "feed:"+up.URL+"/feeds/issues.xml" || src.Publication() != "parish" {
		t.Errorf("ID %q, publication %q", src.ID(), src.Publication())
	}

	if res := remotePass(t, src); res.Published != 2 || res.Failed != 0 || n != 2 {
		t.Fatalf("first pass: %+v, %d notices", res, n)
	}
	reqs := up.take()
	if got := paths(reqs); !slices.Equal(got, []string{"/feeds/issues.xml", "/files/hexi-2023-04.txt", "/files/beichen-2024-09.txt"}) {
		t.Errorf("first pass asked for %v", got)
	}
	for _, r := range reqs {
		if ua := r.Header.Get("User-Agent"); ua != "bulletinfeed/1.2.3 (+https://news.example.org/)" {
			t.Errorf("%s: User-Agent %q", r.URL.Path, ua)
		}
	}
	before := st.issue(t, "hexi-2023-04")
	if before.SourcePath != up.URL+"/files/hexi-2023-04.txt" || len(before.Articles) == 0 {
		t.Errorf("stored issue from %q with %d articles", before.SourcePath, len(before.Articles))
	}
	st.issue(t, "beichen-2024-09")
	f, ok := st.remembered(src.ID(), "hexi-april")
	if !ok || f.IssueKey != "hexi-2023-04" || f.URL != up.URL+"/files/hexi-2023-04.txt" || f.ETag == "" || len(f.ContentHash) != 64 || f.FetchedAt.IsZero() {
		t.Errorf("remembered of the hexi entry: %+v", f)
	}
	if f, ok := st.remembered(src.ID(), src.URL); !ok || f.ETag == "" || f.IssueKey != "" {
		t.Errorf("remembered of the feed: %+v", f)
	}

	// Nothing changed: the feed and the files answer 304.
	ingests := st.ingested()
	res := remotePass(t, src)
	if res.Published != 0 || res.NotModified != 2 || st.ingested() != ingests || n != 2 {
		t.Errorf("second pass: %+v, %d ingests", res, st.ingested()-ingests)
	}
	for _, r := range up.take() {
		if r.Header.Get("If-None-Match") == "" {
			t.Errorf("second pass: %s asked without If-None-Match", r.URL.Path)
		}
	}

	// One file is corrected upstream; the feed itself is the same.
	up.put("/files/hexi-2023-04.txt", "text/plain", bytes.Replace(hexi, []byte(hexiParagraph), []byte("水清、岸绿、河畅、景美，游人如织。"), 1))
	res = remotePass(t, src)
	if res.Published != 1 || res.NotModified != 1 || n != 3 {
		t.Fatalf("after the correction: %+v", res)
	}
	after := st.issue(t, "hexi-2023-04")
	if articleIDs(after) != articleIDs(before) || !strings.Contains(articleText(after), "游人如织") {
		t.Errorf("revised issue: ids %s, want %s; corrected text found: %v", articleIDs(after), articleIDs(before), strings.Contains(articleText(after), "游人如织"))
	}

	// A restarted process knows no entries: it reads the whole feed,
	// and finds the files unchanged.
	up.take()
	res = remotePass(t, newFeedSource(up, st, &n, nil))
	if res.Published != 0 || res.NotModified != 2 {
		t.Errorf("after a restart: %+v", res)
	}
	if reqs := up.take(); len(reqs) != 3 || reqs[0].Header.Get("If-None-Match") != "" {
		t.Errorf("after a restart: %d requests, the feed with If-None-Match %q", len(reqs), reqs[0].Header.Get("If-None-Match"))
	}
}

// TestFeedSourceBadFile: a file that cannot be published is counted and
// logged, the others are published, and the same bad bytes are not parsed
// again; once corrected, the file is published.
func TestFeedSourceBadFile(t *testing.T) {
	up := newUpstream(t)
	// Served without validators, so that each pass fetches it whole.
	up.putNoETag("/files/broken-2024-01.txt", "text/plain", []byte("Nothing here is an article.\n"))
	up.put("/files/beichen-2024-09.txt", "text/plain", readFile(t, beichenPath))
	up.put("/feeds/issues.xml", "application/rss+xml", []byte(rss("UTF-8",
		rssItem{title: "Broken", enclosure: "/files/broken-2024-01.txt", ctype: "text/plain"},
		rssItem{title: "Beichen", enclosure: "/files/beichen-2024-09.txt", ctype: "text/plain"},
	)))
	st := newRemoteStore(t)
	var log records
	src := newFeedSource(up, st, nil, &log)

	if res := remotePass(t, src); res.Published != 1 || res.Failed != 1 {
		t.Fatalf("first pass: %+v", res)
	}
	if log.count("remote issue file failed") != 1 {
		t.Errorf("failure logged %d times", log.count("remote issue file failed"))
	}
	res := remotePass(t, src)
	if res.Published != 0 || res.Failed != 1 || res.NotModified != 1 {
		t.Errorf("second pass: %+v", res)
	}
	if log.count("remote issue file failed") != 1 {
		t.Errorf("the same bad bytes were published again: failure logged %d times", log.count("remote issue file failed"))
	}

	up.putNoETag("/files/broken-2024-01.txt", "text/plain", readFile(t, jinnanPath))
	if res := remotePass(t, src); res.Published != 1 || res.Failed != 0 {
		t.Errorf("after the correction: %+v", res)
	}
	st.issue(t, "broken-2024-01")
}

// TestFeedSourceGBK: a feed in GBK, as it declares, is read correctly.
func TestFeedSourceGBK(t *testing.T) {
	feed := rss("GBK",
		rssItem{title: "河西区通讯 四月", guid: "甲", enclosure: "hexi-2023-04.txt", ctype: "text/plain"},
		rssItem{title: "北辰区通讯 九月", guid: "乙", link: "beichen-2024-09.txt"},
	)
	gbk, err := simplifiedchinese.GBK.NewEncoder().String(feed)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(gbk, "河西") {
		t.Fatal("the feed is not in GBK")
	}
	up := newUpstream(t)
	up.put("/feeds/issues.xml", "application/rss+xml", []byte(gbk))
	up.put("/feeds/hexi-2023-04.txt", "text/plain", readFile(t, hexiPath))
	up.put("/feeds/beichen-2024-09.txt", "text/plain", readFile(t, beichenPath))

	entries, err := worker.FeedEntries([]byte(gbk), up.URL+"/feeds/issues.xml")
	if err != nil {
		t.Fatal(err)
	}
	want := []worker.RemoteEntry{
		{ID: "甲", URL: up.URL + "/feeds/hexi-2023-04.txt", Title: "河西区通讯 四月"},
		{ID: "乙", URL: up.URL + "/feeds/beichen-2024-09.txt", Title: "北辰区通讯 九月"},
	}
	if !slices.Equal(entries, want) {
		t.Errorf("entries:\n got %v\nwant %v", entries, want)
	}
	st := newRemoteStore(t)
	if res := remotePass(t, newFeedSource(up, st, nil, nil)); res.Published != 2 {
		t.Errorf("pass: %+v", res)
	}
}

func TestFeedEntries(t *testing.T) {
	const base = "https://upstream.example/feeds/all.xml"
	cases := []struct {
		name string
		item rssItem
		want worker.RemoteEntry
	}{
		{"enclosure by type", rssItem{title: "a", guid: "g", enclosure: "/dl?id=7", ctype: "application/pdf"},
			worker.RemoteEntry{ID: "g", URL: "https://upstream.example/dl?id=7", Title: "a"}},
		{"enclosure by name", rssItem{title: "a", guid: "g", enclosure: "x/Issue.PDF", ctype: "application/octet-stream"},
			worker.RemoteEntry{ID: "g", URL: "https://upstream.example/feeds/x/Issue.PDF", Title: "a"}},
		{"enclosure of another kind, link to a file", rssItem{title: "a", guid: "g", enclosure: "cover.jpg", ctype: "image/jpeg", link: "issue.txt"},
			worker.RemoteEntry{ID: "g", URL: "https://upstream.example/feeds/issue.txt", Title: "a"}},
		{"no GUID", rssItem{title: "a", link: "https://other.example/issue.txt"},
			worker.RemoteEntry{ID: "https://other.example/issue.txt", URL: "https://other.example/issue.txt", Title: "a"}},
		{"nothing to fetch", rssItem{title: "a", guid: "g", link: "https://upstream.example/post.html"},
			worker.RemoteEntry{ID: "g", Title: "a"}},
		{"not http", rssItem{title: "a", guid: "g", link: "ftp://upstream.example/issue.txt"},
			worker.RemoteEntry{ID: "g", Title: "a"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := worker.FeedEntries([]byte(rss("UTF-8", tc.item)), base)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	if _, err := worker.FeedEntries([]byte("<html><body>not a feed</body></html>"), base); err == nil {
		t.Error("an HTML page was read as a feed")
	}
}

// TestFeedSourceTwoProcesses: two processes (a replica, or run-once beside
// serve) run one feed source on one store. When the other fetched a newer
// feed meanwhile, this one's entries are of an older version: it must not
// send the newer validators, get 304 and walk its old entries, missing
// the new issue the other could not fetch.
func TestFeedSourceTwoProcesses(t *testing.T) {
	up := newUpstream(t)
	up.put("/files/hexi-2023-04.txt", "text/plain", readFile(t, hexiPath))
	one := rssItem{title: "Hexi, April", guid: "hexi-april", enclosure: "/files/hexi-2023-04.txt", ctype: "text/plain"}
	two := rssItem{title: "Beichen, September", guid: "beichen-september", enclosure: "/files/beichen-2024-09.txt", ctype: "text/plain"}
	up.put("/feeds/issues.xml", "application/rss+xml", []byte(rss("UTF-8", one)))
	st := newRemoteStore(t)
	now := time.Now()
	clock := func() time.Time { return now }
	a := newFeedSource(up, st, nil, nil)
	a.Now = clock
	if res := remotePass(t, a); res.Published != 1 {
		t.Fatalf("a's first pass: %+v", res)
	}
	// The feed gains an entry whose file is not there yet when b looks.
	up.put("/feeds/issues.xml", "application/rss+xml", []byte(rss("UTF-8", two, one)))
	b := newFeedSource(up, st, nil, nil)
	b.Now = clock
	if res := remotePass(t, b); res.Failed != 1 {
		t.Fatalf("b's pass: %+v", res)
	}
	up.put("/files/beichen-2024-09.txt", "text/plain", readFile(t, beichenPath))
	// A file that failed is asked again after its back-off, a minute
	// after one failure: the next tick of any real schedule.
	now = now.Add(time.Minute)
	if res := remotePass(t, a); res.Published != 1 {
		t.Errorf("a's pass after b fetched the newer feed: %+v, want the new issue published", res)
	}
	st.issue(t, "beichen-2024-09")
}
