package worker_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/worker"
	"golang.org/x/text/encoding/simplifiedchinese"
)

// settlePass lets the files of the inbox keep still and runs the pass
// that reads them.
func settlePass(t *testing.T, in *worker.Inbox, c *clock) worker.PassResult {
	t.Helper()
	pass(t, in)
	c.advance(2 * time.Second)
	return pass(t, in)
}

func readText(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestInboxCopyOfStoredIssue: the example issue dropped again as copy.txt,
// or saved in GB18030 as copy-gbk.txt, is the issue stored already: it is
// moved to processed/ with a note naming that issue, and published
// nowhere a second time.
func TestInboxCopyOfStoredIssue(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	in, c, _ := newInbox(t, db)
	in.Options = func(context.Context) (source.Options, error) { return source.Options{}, nil }
	orig := readText(t, "../examples/xinyuan-2024-05.txt")
	write(t, filepath.Join(in.Dir, "xinyuan-2024-05.txt"), orig)
	if res := settlePass(t, in, c); res.Published != 1 {
		t.Fatalf("first pass: %+v", res)
	}
	stored, err := db.Issue(ctx, "parish", "xinyuan-2024-05")
	if err != nil {
		t.Fatal(err)
	}

	gbk, err := simplifiedchinese.GB18030.NewEncoder().String(orig)
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(in.Dir, "copy.txt"), orig)
	write(t, filepath.Join(in.Dir, "copy-gbk.txt"), gbk)
	if res := settlePass(t, in, c); res != (worker.PassResult{Duplicates: 2}) {
		t.Fatalf("copies: %+v, want two duplicates", res)
	}
	issues, err := db.Issues(ctx, "parish", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(issues) != 1 {
		t.Errorf("%d issues stored, want the one: %v", len(issues), issues)
	}
	for _, name := range []string{"copy.txt", "copy-gbk.txt"} {
		moved := filepath.Join(in.Dir, "processed", name)
		if readText(t, moved) == "" {
			t.Errorf("%s lost", name)
		}
		note := readText(t, moved+".note")
		if !strings.Contains(note, `issue "xinyuan-2024-05"`) || !strings.Contains(note, "--key") {
			t.Errorf("note of %s %q should name the stored issue and how to store it anyway", name, note)
		}
	}
	if !strings.Contains(readText(t, filepath.Join(in.Dir, "processed", "copy.txt.note")), "same bytes") ||
		!strings.Contains(readText(t, filepath.Join(in.Dir, "processed", "copy-gbk.txt.note")), "same articles") {
		t.Error("the notes should say whether the bytes or only the articles are the same")
	}
	again, err := db.Issue(ctx, "parish", "xinyuan-2024-05")
	if err != nil {
		t.Fatal(err)
	}
	if !again.UpdatedAt.Equal(stored.UpdatedAt) || len(again.Articles) != len(stored.Articles) {
		t.Error("the stored issue changed")
	}
}

// TestInboxUndatedIssue: an issue that prints no date anywhere goes to
// failed/ with the reason, unless the publication dates on arrival.
func TestInboxUndatedIssue(t *testing.T) {
	db := openStore(t)
	in, c, _ := newInbox(t, db)
	undated := "ST MARY'S PARISH\n\nParish News\n\nSummer fair raises funds\n\nBy Jane Doe\n\nThe fair on 6 July 2024 raised four hundred pounds for the roof appeal.\n"
	write(t, filepath.Join(in.Dir, "bulletin.txt"), undated)
	if res := settlePass(t, in, c); res != (worker.PassResult{Failed: 1}) {
		t.Fatalf("undated: %+v", res)
	}
	if reason := readText(t, filepath.Join(in.Dir, "failed", "bulletin.txt.error")); !strings.Contains(reason, "has no date") {
		t.Errorf("reason %q", reason)
	}

	in.Options = func(context.Context) (source.Options, error) {
		return source.Options{Banners: []string{"Parish News"}, DateOnArrival: true}, nil
	}
	write(t, filepath.Join(in.Dir, "bulletin.txt"), undated)
	if res := settlePass(t, in, c); res != (worker.PassResult{Published: 1}) {
		t.Fatalf("date = arrival: %+v", res)
	}
}
