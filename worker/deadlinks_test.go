package worker_test

import (
	"fmt"
	"testing"
	"time"
)

// A feed of 200 entries whose files answer 404 cost 201 requests at every
// pass. Each dead link is now remembered with a back-off of its own (a
// minute, doubling): the next passes ask for the feed and for no dead
// file until its wait is over, and a file that comes back is published
// at the first pass after it.
func TestDeadLinksBackOff(t *testing.T) {
	up := newUpstream(t)
	var items []rssItem
	for i := range 200 {
		items = append(items, rssItem{title: fmt.Sprint("Issue ", i), guid: fmt.Sprint("issue-", i), enclosure: fmt.Sprintf("/files/%03d-beichen-2024-09.txt", i), ctype: "text/plain"})
	}
	up.put("/feeds/issues.xml", "application/rss+xml", []byte(rss("UTF-8", items...)))
	st := newRemoteStore(t)
	now := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	src := newFeedSource(up, st, nil, nil)
	src.Now = func() time.Time { return now }

	remotePass(t, src)
	if n := len(up.take()); n != 201 {
		t.Fatalf("first pass: %d requests, want the feed and its 200 files", n)
	}
	for _, step := range []time.Duration{5 * time.Second, 30 * time.Second} {
		now = now.Add(step)
		remotePass(t, src)
		if got := paths(up.take()); len(got) != 1 || got[0] != "/feeds/issues.xml" {
			t.Fatalf("a pass within the back-off made %d requests: %v", len(got), got[:min(len(got), 5)])
		}
	}
	// After a minute every dead link is asked once more, and then waits
	// two minutes.
	now = now.Add(time.Minute)
	remotePass(t, src)
	if n := len(up.take()); n != 201 {
		t.Errorf("after the first back-off: %d requests, want 201", n)
	}
	now = now.Add(90 * time.Second)
	up.put("/files/007-beichen-2024-09.txt", "text/plain", readFile(t, beichenPath))
	remotePass(t, src)
	if n := len(up.take()); n != 1 {
		t.Errorf("within the second back-off: %d requests, want 1", n)
	}
	now = now.Add(time.Minute)
	if res := remotePass(t, src); res.Published != 1 {
		t.Errorf("the file that came back: %+v", res)
	}
	if f, _ := st.remembered(src.ID(), "issue-7"); f.Failures != 0 || !f.NotBefore.IsZero() || f.IssueKey == "" {
		t.Errorf("after it was published: %+v", f)
	}
}
