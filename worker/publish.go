package worker

import (
	"bytes"
	"context"
	"log/slog"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/media"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// Store is what publishing writes to; *store.DB satisfies it.
type Store interface {
	IngestWith(ctx context.Context, pubID string, iss *bulletinfeed.Issue, opt store.IngestOptions) (*store.IngestResult, error)
}

// Corrector is a store that keeps editors' corrections of articles
// (*store.DB does). Publish makes them again to every file of their
// issue, so that storing the same file again, or a revised one, does
// not undo them.
type Corrector interface {
	Corrections(ctx context.Context, pubID, key string) ([]bulletinfeed.Correction, error)
}

// IssueCorrector is a store that keeps editors' corrections of issues'
// keys and dates (*store.DB does): Publish stores every later file of
// such an issue under its corrected key and date.
type IssueCorrector interface {
	IssueCorrection(ctx context.Context, pubID, parsed string) (*bulletinfeed.IssueCorrection, error)
}

// Notifier is told that the store changed, so that a server in the same
// process renders at once instead of at its next check of the store. Nil
// is allowed: another process's server notices by itself.
type Notifier interface {
	StoreChanged()
}

// Job is one issue file to publish: a file on disk (Path), or the body of
// one fetched from a URL (Body, Name and SourcePath).
type Job struct {
	// Publication is the id of the publication the issue belongs to.
	Publication string
	// Path is the issue file: text or PDF. It is read only when Body is
	// nil.
	Path string
	// Body is the issue file's content, when it is not on disk.
	Body []byte
	// Name is Body's file name (the last element of its URL's path): it
	// gives the issue its key and date when its header does not, as a
	// file's name does.
	Name string
	// SourcePath says where Body came from (its URL): the store tells two
	// files of one name apart by it.
	SourcePath string
	// Parse holds the publication's banners, time zone and limits.
	Parse source.Options
	// Key, when set, gives the issue this key instead of its header's or
	// its file name's. Like a key made from the name, it may not replace
	// an issue from another file. An issue given its key on purpose is
	// stored even when a stored issue has its bytes or its articles.
	Key string
	// Revise, when set, makes the file a revision of the stored issue of
	// this key on purpose, whatever its path and date.
	Revise string
	// Force stores the issue again even when its bytes are unchanged.
	Force bool
	// Inbox says the file was dropped into an inbox (see
	// store.IngestOptions.Inbox).
	Inbox bool
	// PublishAt, when set, replaces the time the file's "Publish:" line
	// gives: before it, the store keeps the issue back from every feed
	// and page.
	PublishAt time.Time
	// Log is told of pictures skipped and of what the parse left out
	// (Issue.Warnings); nil for none.
	Log *slog.Logger
}

// Result says what Publish did.
type Result struct {
	*store.IngestResult
	// MissingBanners are the configured banners the issue never prints:
	// a banner mistyped in the configuration finds nothing.
	MissingBanners []string
	// Method says how the articles of a PDF were found (see
	// bulletinfeed.Issue.Method), for the log.
	Method string
}

// Publish parses the file of job and stores its issue, in one transaction,
// then notifies n when the store changed. The file is only read, whatever
// happens.
func Publish(ctx context.Context, st Store, n Notifier, job Job) (*Result, error) {
	if job.Key != "" && job.Revise != "" {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "%s: a key and a revision cannot both be given", job.source())
	}
	iss, err := Prepare(ctx, st, job)
	if err != nil {
		return nil, err
	}
	// The store's errors say which issue and, for a key taken by another
	// file, both files; the caller names this one where it reports.
	opt := store.IngestOptions{Force: job.Force, Revise: job.Revise != "", Duplicate: job.Key != "", Inbox: job.Inbox}
	if iss.Date.IsZero() && !job.Parse.DateOnArrival {
		opt.Undated = source.NoDateError(job.source())
	}
	res, err := st.IngestWith(ctx, job.Publication, iss, opt)
	if err != nil {
		return nil, err
	}
	if n != nil && res.Status != store.Unchanged {
		n.StoreChanged()
	}
	return &Result{IngestResult: res, MissingBanners: MissingBanners(job.Parse.Banners, iss), Method: iss.Method}, nil
}

// Prepare returns the issue that Publish would store for job: parsed,
// with the editors' corrections of its issue made to it when st keeps
// them. It stores nothing: the console's preview shows it.
func Prepare(ctx context.Context, st Store, job Job) (*bulletinfeed.Issue, error) {
	iss, err := Parse(ctx, job)
	if err != nil {
		return nil, err
	}
	// The issue's own correction first: the articles' corrections are
	// kept under the key it gives.
	if c, ok := st.(IssueCorrector); ok && job.Revise == "" && job.Key == "" {
		ic, err := c.IssueCorrection(ctx, job.Publication, iss.Key)
		if err != nil {
			return nil, err
		}
		if ic != nil {
			ic.Apply(iss)
		}
	}
	if c, ok := st.(Corrector); ok {
		cs, err := c.Corrections(ctx, job.Publication, iss.Key)
		if err != nil {
			return nil, err
		}
		// A correction whose article this file no longer has is kept:
		// a later file may have it again.
		bulletinfeed.Correct(iss, cs)
	}
	return iss, nil
}

// Parse reads the issue of job without storing it, with the key the job
// gives it.
func Parse(ctx context.Context, job Job) (*bulletinfeed.Issue, error) {
	iss, err := parseFile(ctx, job)
	if err != nil {
		return nil, err
	}
	// Pictures are made ready for the web once, here, so that the store
	// keeps what is served and a bad one costs only itself.
	media.Prepare(iss, media.Limits{MaxPictures: job.Parse.MaxPictures, MaxBytes: job.Parse.MaxPictureBytes}, job.Log)
	if job.Log != nil {
		for _, w := range iss.Warnings {
			job.Log.Warn("issue parsed without a part of it", "file", job.source(), "issue", iss.Key, "warning", w)
		}
	}
	switch {
	case job.Revise != "":
		iss.Key, iss.KeyFromName = job.Revise, false
	case job.Key != "":
		// A key typed by hand guards like one made from a file name: it
		// may be mistyped into another issue's key, which only a revision
		// on purpose may replace.
		iss.Key, iss.KeyFromName = job.Key, true
	}
	if !job.PublishAt.IsZero() {
		iss.PublishAt = job.PublishAt.UTC()
	}
	return iss, nil
}

// parseFile parses the job's file, from disk or from its body. An issue
// dated nowhere is parsed all the same: Publish refuses it only once the
// store has said it is no copy of a stored issue.
func parseFile(ctx context.Context, job Job) (*bulletinfeed.Issue, error) {
	job.Parse.DateOnArrival = true
	if job.Body == nil {
		return source.ParseFile(ctx, job.Path, job.Parse)
	}
	iss, err := source.ParseNamed(ctx, bytes.NewReader(job.Body), job.Name, job.Parse)
	if err != nil {
		return nil, err
	}
	iss.SourcePath = job.SourcePath
	return iss, nil
}

// source names the job's file in messages.
func (job Job) source() string {
	switch {
	case job.Body == nil:
		return job.Path
	case job.SourcePath != "":
		return job.SourcePath
	}
	return job.Name
}

// MissingBanners returns the banners that the issue does not print, in
// the order given.
func MissingBanners(banners []string, iss *bulletinfeed.Issue) []string {
	found := map[string]bool{}
	for _, s := range iss.Sections() {
		found[s] = true
	}
	var missing []string
	for _, b := range banners {
		if !found[b] {
			missing = append(missing, b)
		}
	}
	return missing
}
