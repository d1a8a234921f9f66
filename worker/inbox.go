package worker

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// Folders of an inbox that hold the files it handled. Nothing is ever
// deleted: a file is published and moved to ProcessedDir, or moved to
// FailedDir with the reason beside it. A copy of an issue stored already
// is moved to ProcessedDir unpublished, with a note beside it.
const (
	ProcessedDir = "processed"
	FailedDir    = "failed"
)

// DefaultSettle is how long a file must keep its size and modification
// time before it is read: long enough for a copy that writes steadily,
// short enough that a dropped file is served within a second. A writer
// that stalls for longer should write under a temporary name (.part, .tmp,
// a ~ suffix or a leading dot) and rename the file when done.
const DefaultSettle = 300 * time.Millisecond

// Inbox is a folder that staff drop one publication's issue files into.
// A pass publishes every file that is ready and moves it out of the way.
// Every file operation goes through an os.Root on the folder, so that no
// name makes the inbox touch anything outside it, and a symbolic link is
// never followed: it is moved to failed/ as it is. Only the parse reads a
// file by its path, after checking through the root that it is a regular
// file; a process that can write the inbox and swaps that file for a link
// in between could make it read (never write) a file outside.
//
// One Inbox serves one folder: its passes must not overlap (Run and
// RunOnce see to that), and no other program may move files into
// processed/ or failed/ while it runs.
type Inbox struct {
	// Dir is the folder.
	Dir string
	// Publication is the id of the publication its files belong to.
	Publication string
	// Store is where issues are published, Notifier whom to tell.
	Store    Store
	Notifier Notifier
	// Options returns the publication's parse options, read at each
	// pass since its banners live in the store. Nil means the defaults.
	Options func(ctx context.Context) (source.Options, error)
	// Settle is how long a file must keep its size and modification time
	// before it is read; 0 means DefaultSettle.
	Settle time.Duration
	// Debounce is how long Run waits after a change in the folder before
	// it looks (0: DefaultDebounce); Every is how often it looks anyway,
	// since network file systems send no events (0: DefaultEvery).
	Debounce, Every time.Duration
	// Log receives what happens; nil discards it.
	Log *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Exclusive, when set, runs each pass of Run and RunOnce under a lock
	// that other processes sharing the store honour (store.DB's
	// TryExclusive), so that replicas watching one shared folder do not
	// read the same file together; a pass that finds the lock taken is
	// skipped. The lock is named after Publication and Dir, so replicas
	// must mount the folder at the same path.
	Exclusive func(ctx context.Context, name string, fn func(ctx context.Context) error) (bool, error)
	// Observe, when set, is told the outcome of each pass of Run, for
	// metrics and /healthz (Scheduler.Observe).
	Observe func(start time.Time, res PassResult, err error)

	mu    sync.Mutex
	looks map[string]look // the last look at each waiting file, by name
}

// look is what a file looked like, and since when it has looked so.
type look struct {
	size  int64
	mtime time.Time
	since time.Time
}

// PassResult counts what one pass did.
type PassResult struct {
	// Published files were stored (or found unchanged) and moved to
	// processed/; Failed ones were moved to failed/. A remote source
	// counts the files it stored and the ones it could not fetch or
	// publish.
	Published, Failed int
	// Waiting files are still being written, or were seen for the first
	// time; Retry files were left for the next pass because the store
	// could not be reached.
	Waiting, Retry int
	// NotModified counts the files of a remote source that did not change
	// since the last pass (a 304, or the same bytes again).
	NotModified int
	// Duplicates are files with the bytes or the articles of an issue
	// stored under another key (the same bulletin under another name):
	// moved to processed/ with a note, not published again.
	Duplicates int

	// unmoved counts the published files that could not be moved, and
	// unmovedWhy says why for each.
	unmoved    int
	unmovedWhy string
}

// Pass looks at the folder once: it publishes the files that have kept
// their size and modification time for Settle, and notes the look at the
// others. An error means the pass could not be done (the folder cannot be
// read, the store cannot be reached); the files are then left in place.
func (in *Inbox) Pass(ctx context.Context) (PassResult, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	var res PassResult
	root, err := os.OpenRoot(in.Dir)
	if err != nil {
		return res, fmt.Errorf("inbox %s: %w", in.Dir, err)
	}
	defer root.Close()
	names, err := listNames(root)
	if err != nil {
		return res, fmt.Errorf("inbox %s: %w", in.Dir, err)
	}
	if err := in.checkFolders(root, names, &res); err != nil {
		return res, err
	}
	quickFirst(names)
	if in.looks == nil {
		in.looks = map[string]look{}
	}
	for name := range in.looks {
		if !slices.Contains(names, name) {
			delete(in.looks, name)
		}
	}
	var opts *source.Options
	for _, name := range names {
		if ctx.Err() != nil {
			return res, ctx.Err()
		}
		if temporary(name) || pictureFile(name) {
			continue
		}
		st, err := root.Lstat(name)
		if err != nil {
			continue // gone since the listing
		}
		if st.IsDir() {
			continue
		}
		if !st.Mode().IsRegular() {
			in.fail(root, name, notRegular(st.Mode()), &res)
			continue
		}
		if !in.ready(name, st) {
			in.log().Debug("inbox file waiting until it keeps still", "inbox", in.Dir, "file", name, "size", st.Size())
			res.Waiting++
			continue
		}
		if opts == nil {
			o, err := in.options(ctx)
			if err != nil {
				res.Retry++
				return res, fmt.Errorf("inbox %s: %w", in.Dir, err)
			}
			opts = &o
		}
		if err := in.publish(ctx, root, name, *opts, &res); err != nil {
			res.Retry++
			return res, err
		}
	}
	if res.unmoved > 0 {
		// Published, but still in the inbox: a fault the operator must
		// see (/healthz lists a failing source), not only a log line.
		return res, fmt.Errorf("inbox %s: %d published %s could not be moved to %s/ and will be tried again: %s",
			in.Dir, res.unmoved, plural(res.unmoved, "file", "files"), ProcessedDir, res.unmovedWhy)
	}
	return res, nil
}

// checkFolders makes sure processed/ and failed/ can be folders before
// anything is published: a file of either name (dropped by mistake, or
// a copy named so) would make every move fail, and each pass would
// publish the same files again. A file named like one of the folders is
// moved to failed/ with a note; if the other name is taken too, the pass
// fails and says what to rename.
func (in *Inbox) checkFolders(root *os.Root, names []string, res *PassResult) error {
	var blocking []string
	for _, dir := range []string{FailedDir, ProcessedDir} {
		st, err := root.Lstat(dir)
		if err != nil || st.IsDir() {
			continue
		}
		blocking = append(blocking, dir)
	}
	if len(blocking) == 0 {
		return nil
	}
	if slices.Contains(blocking, FailedDir) {
		return fmt.Errorf("inbox %s: %q is a file, but the inbox keeps the files it cannot publish in a folder of that name: rename or remove the file; nothing is published until then", in.Dir, FailedDir)
	}
	in.fail(root, ProcessedDir, fmt.Sprintf("a file in the inbox may not be named %q or %q: those are the inbox's own folders; rename it and drop it in again", ProcessedDir, FailedDir), res)
	if st, err := root.Lstat(ProcessedDir); err == nil && !st.IsDir() {
		return fmt.Errorf("inbox %s: %q is a file and could not be moved to %s/: rename or remove it; nothing is published until then", in.Dir, ProcessedDir, FailedDir)
	}
	return nil
}

// ready notes the look at a file and reports whether it has kept its size
// and modification time for Settle.
func (in *Inbox) ready(name string, st fs.FileInfo) bool {
	now := in.now()
	l, ok := in.looks[name]
	if !ok || l.size != st.Size() || !l.mtime.Equal(st.ModTime()) {
		in.looks[name] = look{size: st.Size(), mtime: st.ModTime(), since: now}
		return false
	}
	return now.Sub(l.since) >= in.settle()
}

// publish publishes one file and moves it. It returns an error only when
// the file is left in place for the next pass: the store could not be
// reached, or ctx is done.
func (in *Inbox) publish(ctx context.Context, root *os.Root, name string, opts source.Options, res *PassResult) error {
	path := filepath.Join(in.Dir, name)
	r, err := Publish(ctx, in.Store, in.Notifier, Job{Publication: in.Publication, Path: path, Parse: opts, Inbox: true, Log: in.Log})
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case bulletinfeed.KindOf(err) == bulletinfeed.Unavailable:
		// The file is fine; the store will be back.
		return fmt.Errorf("inbox %s: %s left for the next pass: %w", in.Dir, name, err)
	case errors.As(err, new(*store.DuplicateError)):
		// Nothing is wrong with the file: its issue is published already.
		in.skip(root, name, err.Error(), res)
		return nil
	case err != nil:
		in.fail(root, name, err.Error(), res)
		return nil
	}
	delete(in.looks, name)
	loc := opts.Location
	if loc == nil {
		loc = time.UTC
	}
	prefix := r.Issue.Key + "_" + r.Issue.Date.In(loc).Format(time.DateOnly) + "_"
	moved, err := moveAway(root, name, ProcessedDir, prefix)
	if err != nil {
		// Published but not moved: the next pass finds it unchanged
		// and tries the move again.
		in.log().Error("inbox file published but not moved", "inbox", in.Dir, "file", name, "err", err)
		res.Published++
		res.unmoved++
		res.unmovedWhy = strings.TrimPrefix(res.unmovedWhy+"; ", "; ") + name + ": " + err.Error()
		return nil
	}
	res.Published++
	for _, b := range r.MissingBanners {
		in.log().Warn("configured banner not found in issue", "inbox", in.Dir, "file", name, "banner", b)
	}
	in.log().Info("inbox file published", "publication", in.Publication, "inbox", in.Dir, "file", name,
		"issue", r.Issue.Key, "status", string(r.Status), "articles", len(r.Issue.Articles), "moved_to", moved, "method", r.Method)
	return nil
}

// skip moves a file whose issue is stored already to processed/ and
// writes the note that says which issue beside it.
func (in *Inbox) skip(root *os.Root, name, note string, res *PassResult) {
	delete(in.looks, name)
	res.Duplicates++
	moved, err := moveAway(root, name, ProcessedDir, "")
	if err != nil {
		in.log().Error("inbox file is a copy of a stored issue and could not be moved", "inbox", in.Dir, "file", name, "note", note, "err", err)
		return
	}
	if err := writeReason(root, moved+noteSuffix, note); err != nil {
		in.log().Error("inbox: cannot write the note of a skipped file", "inbox", in.Dir, "file", moved, "err", err)
	}
	in.log().Warn("inbox file skipped: its issue is stored already", "publication", in.Publication, "inbox", in.Dir, "file", name, "note", note, "moved_to", moved)
}

// fail moves a file to failed/ and writes the reason beside it.
func (in *Inbox) fail(root *os.Root, name, reason string, res *PassResult) {
	delete(in.looks, name)
	moved, err := moveAway(root, name, FailedDir, "")
	if err != nil {
		in.log().Error("inbox file failed and could not be moved", "inbox", in.Dir, "file", name, "reason", reason, "err", err)
		res.Failed++
		return
	}
	res.Failed++
	if err := writeReason(root, moved+errorSuffix, reason); err != nil {
		in.log().Error("inbox: cannot write the reason of a failed file", "inbox", in.Dir, "file", moved, "err", err)
	}
	in.log().Warn("inbox file failed", "publication", in.Publication, "inbox", in.Dir, "file", name, "reason", reason, "moved_to", moved)
}

func (in *Inbox) options(ctx context.Context) (source.Options, error) {
	if in.Options == nil {
		return source.Options{}, nil
	}
	return in.Options(ctx)
}

func (in *Inbox) settle() time.Duration {
	if in.Settle > 0 {
		return in.Settle
	}
	return DefaultSettle
}

func (in *Inbox) now() time.Time {
	if in.Now != nil {
		return in.Now()
	}
	return time.Now()
}

func (in *Inbox) log() *slog.Logger {
	if in.Log != nil {
		return in.Log
	}
	return slog.New(slog.DiscardHandler)
}

// listNames returns the names in the root folder, sorted.
func listNames(root *os.Root) ([]string, error) {
	d, err := root.Open(".")
	if err != nil {
		return nil, err
	}
	defer d.Close()
	names, err := d.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	slices.Sort(names)
	return names, nil
}

// quickFirst orders names so that PDFs, which take seconds each to
// extract (a hostile one up to its timeout), come after the text files:
// a corrected text issue dropped behind two slow PDFs is published at
// once, not after them. Each group keeps its name order.
func quickFirst(names []string) {
	slices.SortStableFunc(names, func(a, b string) int {
		pa, pb := strings.EqualFold(filepath.Ext(a), ".pdf"), strings.EqualFold(filepath.Ext(b), ".pdf")
		switch {
		case pa == pb:
			return 0
		case pb:
			return -1
		}
		return 1
	})
}

// temporary reports whether a name is one that a file has while it is
// being written, or a hidden one: never read.
func temporary(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".part") ||
		strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, "~")
}

// pictureFile reports whether a name is a picture's (JPEG, PNG, GIF):
// never an issue, but a file a text issue beside it may name ([Photo:
// file.jpg Caption]), so it is left where it is.
func pictureFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".jpg", ".jpeg", ".png", ".gif":
		return true
	}
	return false
}

// notRegular says why a file of mode m is not read.
func notRegular(m fs.FileMode) string {
	if m&fs.ModeSymlink != 0 {
		return "a symbolic link is not followed: copy the issue file itself into the inbox"
	}
	return fmt.Sprintf("not a regular file (%s): only issue files are read", m.Type())
}

// errNoName is returned when every candidate name in a folder is taken.
var errNoName = errors.New("no free name")
