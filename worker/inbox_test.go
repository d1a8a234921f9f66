package worker_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// fakeStore is a worker.Store whose IngestWith is a function.
type fakeStore struct {
	ingest func(ctx context.Context, pubID string, iss *bulletinfeed.Issue, opt store.IngestOptions) (*store.IngestResult, error)
}

var _ worker.Store = (*fakeStore)(nil)

func (f *fakeStore) IngestWith(ctx context.Context, pubID string, iss *bulletinfeed.Issue, opt store.IngestOptions) (*store.IngestResult, error) {
	return f.ingest(ctx, pubID, iss, opt)
}

// clock is a hand-moved time for Inbox.Now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }
func newClock() *clock                   { return &clock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)} }
func write(t *testing.T, p, text string) { t.Helper(); writeB(t, p, []byte(text)) }
func writeB(t *testing.T, p string, b []byte) {
	t.Helper()
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// newInbox returns an inbox on a fresh folder of the "parish" store of
// openStore, with a hand-moved clock and a settle of one second.
func newInbox(t *testing.T, st worker.Store) (*worker.Inbox, *clock, *counter) {
	t.Helper()
	c, n := newClock(), new(counter)
	in := &worker.Inbox{
		Dir: t.TempDir(), Publication: "parish", Store: st, Notifier: n,
		Options: func(context.Context) (source.Options, error) {
			return source.Options{Banners: []string{"Parish News"}}, nil
		},
		Settle: time.Second, Now: c.now,
	}
	return in, c, n
}

func pass(t *testing.T, in *worker.Inbox) worker.PassResult {
	t.Helper()
	res, err := in.Pass(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// files lists the files under dir, recursively, with their sizes; the
// .error files of failed/ are left out (they are added, never removed).
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".error") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, rel)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(out)
	return out
}

func exists(t *testing.T, p string) bool {
	t.Helper()
	_, err := os.Lstat(p)
	return err == nil
}

const goodIssue = "Date: 2023-07-01\n\nParish News\n\nSummer fair raises funds\n\nBy Jane Doe\n\nThe fair on Saturday raised four hundred pounds for the roof appeal.\n"

// TestInbox: a good issue is published and moved to processed/ under its
// key and date, a bad one goes to failed/ with its reason, and a file
// still being written waits until it has kept its size, then lands.
func TestInbox(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	in, c, n := newInbox(t, db)
	write(t, filepath.Join(in.Dir, "summer.txt"), goodIssue)
	write(t, filepath.Join(in.Dir, "bad.txt"), "")
	half := filepath.Join(in.Dir, "autumn.txt")
	write(t, half, "Date: 2023-09-01\n\nParish News\n\nHarvest")
	for _, tmp := range []string{".hidden.txt", "copy.txt.part", "copy.tmp", "notes.txt~"} {
		write(t, filepath.Join(in.Dir, tmp), goodIssue)
	}
	if err := os.Mkdir(filepath.Join(in.Dir, "folder"), 0o755); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(in.Dir, "folder", "inside.txt"), goodIssue)
	before := files(t, in.Dir)

	// The first look only notes each file.
	if res := pass(t, in); res != (worker.PassResult{Waiting: 3}) {
		t.Fatalf("first pass: %+v", res)
	}
	// A second look too soon publishes nothing.
	c.advance(time.Second / 2)
	if res := pass(t, in); res != (worker.PassResult{Waiting: 3}) {
		t.Fatalf("pass too soon: %+v", res)
	}
	c.advance(time.Second)
	f, err := os.OpenFile(half, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(" festival\n\nBy John Roe\n\nThe harvest festival fills the hall with ")
	// The mtime must change even on a coarse clock.
	os.Chtimes(half, time.Time{}, time.Now().Add(time.Minute))
	if res := pass(t, in); res != (worker.PassResult{Published: 1, Failed: 1, Waiting: 1}) {
		t.Fatalf("second pass: %+v", res)
	}
	if !exists(t, filepath.Join(in.Dir, "processed", "summer_2023-07-01_summer.txt")) || exists(t, filepath.Join(in.Dir, "summer.txt")) {
		t.Errorf("good file not moved to processed/: %v", files(t, in.Dir))
	}
	if iss, err := db.Issue(ctx, "parish", "summer"); err != nil || len(iss.Articles) != 1 || *n != 1 {
		t.Errorf("good issue: %v, %d notices", err, *n)
	}
	reason, err := os.ReadFile(filepath.Join(in.Dir, "failed", "bad.txt.error"))
	if err != nil || !exists(t, filepath.Join(in.Dir, "failed", "bad.txt")) {
		t.Fatalf("bad file not in failed/ with its reason: %v", err)
	}
	if s := string(reason); strings.Count(s, "\n") != 1 || !strings.HasSuffix(s, "\n") || !strings.Contains(s, "bad.txt") {
		t.Errorf("reason = %q, want one line naming the file", s)
	}

	// The half-written file, finished, lands once it has kept still.
	f.WriteString("sheaves and bread.\n")
	f.Close()
	os.Chtimes(half, time.Time{}, time.Now().Add(2*time.Minute))
	if res := pass(t, in); res != (worker.PassResult{Waiting: 1}) {
		t.Fatalf("third pass: %+v", res)
	}
	c.advance(time.Second)
	if res := pass(t, in); res != (worker.PassResult{Published: 1}) {
		t.Fatalf("fourth pass: %+v", res)
	}
	iss, err := db.Issue(ctx, "parish", "autumn")
	if err != nil || len(iss.Articles) != 1 || !strings.Contains(iss.Articles[0].Text(), "sheaves and bread") {
		t.Fatalf("half-written issue: %v", err)
	}
	if !exists(t, filepath.Join(in.Dir, "processed", "autumn_2023-09-01_autumn.txt")) {
		t.Errorf("finished file not in processed/: %v", files(t, in.Dir))
	}

	// Temporary names, hidden files and folders are never touched, and
	// nothing was deleted.
	after := files(t, in.Dir)
	if len(after) != len(before) {
		t.Errorf("files before %v, after %v", before, after)
	}
	for _, keep := range []string{".hidden.txt", "copy.txt.part", "copy.tmp", "notes.txt~", "folder/inside.txt"} {
		if !slices.Contains(after, filepath.FromSlash(keep)) {
			t.Errorf("%s was moved: %v", keep, after)
		}
	}
}

// TestInboxNameClash: a name taken in processed/ gets -2, -3 before its
// extension.
func TestInboxNameClash(t *testing.T) {
	db := openStore(t)
	in, c, _ := newInbox(t, db)
	for i := range 3 {
		write(t, filepath.Join(in.Dir, "summer.txt"), goodIssue)
		pass(t, in)
		c.advance(2 * time.Second)
		if res := pass(t, in); res.Published != 1 {
			t.Fatalf("drop %d: %+v", i, res)
		}
	}
	want := []string{"processed/summer_2023-07-01_summer-2.txt", "processed/summer_2023-07-01_summer-3.txt", "processed/summer_2023-07-01_summer.txt"}
	for i := range want {
		want[i] = filepath.FromSlash(want[i])
	}
	if got := files(t, in.Dir); !slices.Equal(got, want) {
		t.Errorf("files = %q, want %q", got, want)
	}
}

// TestInboxSymlink: a link in the inbox to a file outside is not followed:
// it is moved to failed/ as a link, with the reason, and the file it
// points at is neither read nor touched.
func TestInboxSymlink(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	in, c, _ := newInbox(t, db)
	outside := filepath.Join(t.TempDir(), "secret.txt")
	write(t, outside, goodIssue)
	if err := os.Symlink(outside, filepath.Join(in.Dir, "link.txt")); err != nil {
		t.Skipf("no symbolic links here: %v", err)
	}
	if err := os.Symlink("../../etc", filepath.Join(in.Dir, "up")); err != nil {
		t.Fatal(err)
	}
	pass(t, in)
	c.advance(2 * time.Second)
	pass(t, in)
	st, err := os.Lstat(filepath.Join(in.Dir, "failed", "link.txt"))
	if err != nil || st.Mode()&fs.ModeSymlink == 0 {
		t.Fatalf("link not moved to failed/ as a link: %v", err)
	}
	if reason, err := os.ReadFile(filepath.Join(in.Dir, "failed", "link.txt.error")); err != nil || !strings.Contains(string(reason), "symbolic link") {
		t.Errorf("reason: %q, %v", reason, err)
	}
	if b, err := os.ReadFile(outside); err != nil || string(b) != goodIssue {
		t.Errorf("the file outside was touched: %v", err)
	}
	if _, err := db.Issue(ctx, "parish", "link"); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
		t.Errorf("the link was followed and published: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(in.Dir, "failed", "up")); err != nil {
		t.Errorf("link to a folder not moved to failed/: %v", err)
	}
}

// TestInboxStoreUnavailable: while the store cannot be reached, files stay
// where they are, and land when it is back.
func TestInboxStoreUnavailable(t *testing.T) {
	db := openStore(t)
	down := true
	st := &fakeStore{ingest: func(ctx context.Context, pubID string, iss *bulletinfeed.Issue, opt store.IngestOptions) (*store.IngestResult, error) {
		if down {
			return nil, bulletinfeed.Errorf(bulletinfeed.Unavailable, "store: connection refused")
		}
		return db.IngestWith(ctx, pubID, iss, opt)
	}}
	in, c, _ := newInbox(t, st)
	write(t, filepath.Join(in.Dir, "summer.txt"), goodIssue)
	pass(t, in)
	c.advance(2 * time.Second)
	res, err := in.Pass(context.Background())
	if bulletinfeed.KindOf(err) != bulletinfeed.Unavailable || res.Retry != 1 {
		t.Fatalf("pass with the store down: %+v, %v", res, err)
	}
	if !exists(t, filepath.Join(in.Dir, "summer.txt")) || exists(t, filepath.Join(in.Dir, "failed")) {
		t.Fatalf("file moved while the store was down: %v", files(t, in.Dir))
	}
	down = false
	if res := pass(t, in); res.Published != 1 {
		t.Fatalf("pass with the store back: %+v", res)
	}
}

// TestInboxPDF: a PDF dropped in the inbox is published like a text file.
func TestInboxPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftohtml"); err != nil {
		t.Skip("pdftohtml is not installed")
	}
	raw, err := os.ReadFile("../source/testdata/pdf/parish-2024-spring.pdf")
	if err != nil {
		t.Fatal(err)
	}
	db := openStore(t)
	in, c, _ := newInbox(t, db)
	writeB(t, filepath.Join(in.Dir, "parish-2024-spring.pdf"), raw)
	pass(t, in)
	c.advance(2 * time.Second)
	if res := pass(t, in); res != (worker.PassResult{Published: 1}) {
		t.Fatalf("PDF pass: %+v (%v)", res, files(t, in.Dir))
	}
	got := files(t, filepath.Join(in.Dir, "processed"))
	if len(got) != 1 || !strings.HasSuffix(got[0], "_parish-2024-spring.pdf") {
		t.Errorf("processed/ = %q", got)
	}
}

// TestInboxRun: Run publishes a dropped file soon after it lands, and
// returns once ctx is done.
func TestInboxRun(t *testing.T) {
	db := openStore(t)
	in, _, n := newInbox(t, db)
	in.Now, in.Settle, in.Debounce, in.Every = nil, 50*time.Millisecond, 20*time.Millisecond, time.Hour
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		in.Run(ctx)
	}()
	time.Sleep(50 * time.Millisecond)
	write(t, filepath.Join(in.Dir, "summer.txt"), goodIssue)
	dst := filepath.Join(in.Dir, "processed", "summer_2023-07-01_summer.txt")
	for deadline := time.Now().Add(5 * time.Second); !exists(t, dst); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("not published within 5 s: %v", files(t, in.Dir))
		}
	}
	cancel()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return")
	}
	if *n != 1 {
		t.Errorf("%d notices, want 1", *n)
	}
}

// TestInboxRunOnce: RunOnce publishes the files that keep still over one
// settle.
func TestInboxRunOnce(t *testing.T) {
	db := openStore(t)
	in, _, _ := newInbox(t, db)
	in.Now, in.Settle = nil, 20*time.Millisecond
	write(t, filepath.Join(in.Dir, "summer.txt"), goodIssue)
	res, err := in.RunOnce(context.Background())
	if err != nil || res != (worker.PassResult{Published: 1}) {
		t.Errorf("RunOnce: %+v, %v", res, err)
	}
	if _, err := in.RunOnce(context.Background()); err != nil {
		t.Error(err)
	}
	if err := os.RemoveAll(in.Dir); err != nil {
		t.Fatal(err)
	}
	if _, err := in.RunOnce(context.Background()); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("RunOnce on a missing folder: %v", err)
	}
}

// TestInboxExclusive: two inboxes on one folder and one store (two
// replicas sharing the folder) take turns: while one holds the folder's
// lock the other's pass does nothing, and the file is published once.
func TestInboxExclusive(t *testing.T) {
	db := openStore(t)
	a, _, _ := newInbox(t, db)
	a.Now, a.Settle = nil, 20*time.Millisecond
	b := &worker.Inbox{Dir: a.Dir, Publication: a.Publication, Store: db, Options: a.Options, Settle: a.Settle}
	a.Exclusive, b.Exclusive = db.TryExclusive, db.TryExclusive
	write(t, filepath.Join(a.Dir, "summer.txt"), goodIssue)

	held := make(chan struct{})
	release := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		db.TryExclusive(context.Background(), "inbox:"+a.Publication+":"+a.Dir, func(context.Context) error {
			close(held)
			<-release
			return nil
		})
	}()
	<-held
	// Not run, and saying so: run-once exits 1 rather than 0 having
	// done nothing.
	res, err := b.RunOnce(context.Background())
	if !errors.Is(err, worker.ErrRunElsewhere) || res != (worker.PassResult{}) {
		t.Errorf("a pass while another process holds the folder: %+v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(a.Dir, "summer.txt")); err != nil {
		t.Errorf("the file was touched while the folder was held: %v", err)
	}
	close(release)
	<-done
	res, err = b.RunOnce(context.Background())
	if err != nil || res != (worker.PassResult{Published: 1}) {
		t.Errorf("once free: %+v, %v", res, err)
	}
}
