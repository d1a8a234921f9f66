package worker_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/worker"
)

// TestInboxCorrectedFile: a corrected file dropped into the inbox, whose
// key and date are those of an issue ingested from another folder, revises
// it; a file of that key and another date is refused with what to rename,
// not with a flag an inbox cannot take.
func TestInboxCorrectedFile(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	in, c, _ := newInbox(t, db)
	first := parish(t, t.TempDir(), "office/bulletin-2024-05.txt", "2024-05-05", "Summer fair raises funds")
	if _, err := worker.Publish(ctx, db, nil, worker.Job{Publication: "parish", Path: first}); err != nil {
		t.Fatal(err)
	}

	parish(t, in.Dir, "bulletin-2024-05.txt", "2024-05-05", "Summer fair raises more funds")
	if res := settlePass(t, in, c); res != (worker.PassResult{Published: 1}) {
		t.Fatalf("corrected file: %+v; failed/: %v", res, files(t, filepath.Join(in.Dir, "failed")))
	}
	iss, err := db.Issue(ctx, "parish", "bulletin-2024-05")
	if err != nil {
		t.Fatal(err)
	}
	if iss.Articles[0].Title != "Summer fair raises more funds" {
		t.Errorf("title %q: the correction was not stored", iss.Articles[0].Title)
	}

	parish(t, in.Dir, "bulletin-2024-05.txt", "2024-06-02", "Harvest supper sold out")
	if res := settlePass(t, in, c); res != (worker.PassResult{Failed: 1}) {
		t.Fatalf("same key, other date: %+v", res)
	}
	b, err := os.ReadFile(filepath.Join(in.Dir, "failed", "bulletin-2024-05.txt.error"))
	if err != nil {
		t.Fatal(err)
	}
	reason := string(b)
	for _, want := range []string{"rename the file", "bulletin-2024-05-2024-06-02.txt", `"Issue:" header`, "Date: 2024-05-05"} {
		if !strings.Contains(reason, want) {
			t.Errorf("reason lacks %q: %s", want, reason)
		}
	}
	if strings.Contains(reason, "--revise") {
		t.Errorf("reason tells an inbox user to give a flag: %s", reason)
	}
}
