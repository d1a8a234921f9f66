package worker_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// counter counts the notifications it gets.
type counter int

func (c *counter) StoreChanged() { *c++ }

func openStore(t *testing.T) *store.DB {
	t.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, filepath.Join(t.TempDir(), "x.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if err := db.PutPublication(ctx, &bulletinfeed.Publication{ID: "parish", Title: "Parish", Lang: "en", TimeZone: "UTC"}); err != nil {
		t.Fatal(err)
	}
	return db
}

// parish writes a small English bulletin without an "Issue:" header.
func parish(t *testing.T, dir, name, date, title string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	text := "Date: " + date + "\n\nParish News\n\n" + title + "\n\nBy Jane Doe\n\nThe fair on Saturday raised four hundred pounds for the roof appeal.\n"
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPublish(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	dir := t.TempDir()
	opts := source.Options{Banners: []string{"Parish News", "Notices"}}
	july := parish(t, dir, "july/bulletin.txt", "2023-07-01", "Summer fair raises funds")
	var n counter

	res, err := worker.Publish(ctx, db, &n, worker.Job{Publication: "parish", Path: july, Parse: opts})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != store.New || n != 1 || len(res.Issue.Articles) != 1 {
		t.Errorf("first publish: status %s, %d notices, %d articles", res.Status, n, len(res.Issue.Articles))
	}
	if strings.Join(res.MissingBanners, ",") != "Notices" {
		t.Errorf("missing banners = %q, want Notices", res.MissingBanners)
	}
	// The same bytes again change nothing and wake no one.
	if res, err = worker.Publish(ctx, db, &n, worker.Job{Publication: "parish", Path: july, Parse: opts}); err != nil || res.Status != store.Unchanged || n != 1 {
		t.Errorf("again: %v, status %v, %d notices", err, res, n)
	}
	// Force stores them again.
	if res, err = worker.Publish(ctx, db, &n, worker.Job{Publication: "parish", Path: july, Parse: opts, Force: true}); err != nil || res.Status != store.Revised || n != 2 {
		t.Errorf("forced: %v, %d notices", err, n)
	}

	// Another file of the same name is another issue: refused, then
	// published under its own key, or as a revision on purpose.
	august := parish(t, dir, "august/bulletin.txt", "2023-08-01", "Choir welcomes new voices")
	_, err = worker.Publish(ctx, db, &n, worker.Job{Publication: "parish", Path: august, Parse: opts})
	if bulletinfeed.KindOf(err) != bulletinfeed.Conflict || !strings.Contains(err.Error(), july) || !strings.Contains(err.Error(), august) {
		t.Errorf("august over july: %v", err)
	}
	if res, err = worker.Publish(ctx, db, &n, worker.Job{Publication: "parish", Path: august, Parse: opts, Key: "2023-08"}); err != nil || res.Status != store.New || res.Issue.Key != "2023-08" {
		t.Errorf("with its own key: %v", err)
	}
	if res, err = worker.Publish(ctx, db, &n, worker.Job{Publication: "parish", Path: august, Parse: opts, Revise: "bulletin"}); err != nil || res.Status != store.Revised {
		t.Errorf("as a revision: %v", err)
	}
	if _, err = worker.Publish(ctx, db, &n, worker.Job{Publication: "parish", Path: august, Key: "a", Revise: "b"}); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
		t.Errorf("key and revision: %v", err)
	}
}

func TestPublishBadFile(t *testing.T) {
	db := openStore(t)
	bad := filepath.Join(t.TempDir(), "empty.txt")
	if err := os.WriteFile(bad, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	var n counter
	_, err := worker.Publish(context.Background(), db, &n, worker.Job{Publication: "parish", Path: bad})
	if err == nil || !strings.Contains(err.Error(), bad) || n != 0 {
		t.Errorf("empty file: %v, %d notices", err, n)
	}
	if st, err := os.Stat(bad); err != nil || st.Size() != 0 {
		t.Errorf("the bad file was touched: %v", err)
	}
}

// TestPublishPDF: a PDF is published like a text file.
func TestPublishPDF(t *testing.T) {
	pdf := "../source/testdata/pdf/parish-2024-spring.pdf"
	want, err := source.ParseFile(context.Background(), pdf, source.Options{})
	if err != nil {
		t.Skipf("no PDF support here: %v", err)
	}
	db := openStore(t)
	res, err := worker.Publish(context.Background(), db, nil, worker.Job{Publication: "parish", Path: pdf})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != store.New || len(res.Issue.Articles) != len(want.Articles) || len(want.Articles) == 0 {
		t.Errorf("PDF: status %s, %d articles, want %d", res.Status, len(res.Issue.Articles), len(want.Articles))
	}
}

// TestPublishBody: a fetched body is published like a file of its name,
// and its URL tells it apart from another file of that name.
func TestPublishBody(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	text := "Date: 2023-07-01\n\nParish News\n\nSummer fair raises funds\n\nBy Jane Doe\n\nThe fair on Saturday raised four hundred pounds for the roof appeal.\n"
	july := worker.Job{Publication: "parish", Body: []byte(text), Name: "bulletin.txt", SourcePath: "https://example.org/july/bulletin.txt"}
	res, err := worker.Publish(ctx, db, nil, july)
	if err != nil {
		t.Fatal(err)
	}
	if res.Issue.Key != "bulletin" || res.Issue.SourcePath != july.SourcePath || res.Status != store.New {
		t.Errorf("key %q, source %q, status %s", res.Issue.Key, res.Issue.SourcePath, res.Status)
	}
	fixed := july
	fixed.Body = []byte(strings.Replace(text, "four hundred", "five hundred", 1))
	if res, err = worker.Publish(ctx, db, nil, fixed); err != nil || res.Status != store.Revised {
		t.Errorf("the same URL changed: %v", err)
	}
	other := fixed
	other.SourcePath = "https://example.org/august/bulletin.txt"
	other.Body = []byte(strings.Replace(text, "four hundred", "six hundred", 1))
	if _, err = worker.Publish(ctx, db, nil, other); bulletinfeed.KindOf(err) != bulletinfeed.Conflict || !strings.Contains(err.Error(), other.SourcePath) {
		t.Errorf("another URL of the same name: %v", err)
	}
}
