package worker

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"path"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// RemoteStore is what a remote source writes to: the issues, and what it
// remembers of each document it fetched, by publication, source id and
// entry.
type RemoteStore interface {
	Store
	// RemoteFile returns what was saved of an entry; false when nothing
	// was.
	RemoteFile(ctx context.Context, pubID, sourceID, entry string) (bulletinfeed.RemoteFile, bool, error)
	// SaveRemoteFile saves f under f.Entry, replacing what was saved.
	SaveRemoteFile(ctx context.Context, pubID, sourceID string, f bulletinfeed.RemoteFile) error
}

// Remote is what every remote source is configured with: where it reads
// and where it publishes. URLSource, FeedSource and PageSource embed it.
//
// A remote source remembers, for each issue file, its validators, the
// hash of its bytes and the issue they became. A file is fetched with a
// conditional GET, and published only when its bytes changed; a changed
// file revises the issue it was published as, so its articles keep their
// ids. A file that cannot be published is remembered by its hash too, and
// not parsed again until it changes.
type Remote struct {
	// URL is the document the source reads: an issue file, a feed or a
	// list page.
	URL string
	// PublicationID is the id of the publication its issues belong to.
	PublicationID string
	// Store is where issues are published and what is fetched is
	// remembered; Notifier is told when the store changed.
	Store    RemoteStore
	Notifier Notifier
	// Fetcher makes the requests; nil means a Fetcher with its defaults
	// (and so without a proper User-Agent).
	Fetcher *fetch.Fetcher
	// Options returns the publication's parse options, read at each pass
	// that has a file to parse. Nil means the defaults.
	Options func(ctx context.Context) (source.Options, error)
	// Log receives what happens; nil discards it.
	Log *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// RemoteEntry is one issue file that a feed or a list page points at.
type RemoteEntry struct {
	// ID names the entry within its source: a feed entry's GUID, else
	// the file's URL.
	ID string
	// URL is the issue file's absolute URL; empty for a feed entry that
	// points at no issue file.
	URL string
	// Title is the entry's title or the link's text, for the log.
	Title string
}

// Publication is the id of the publication the source belongs to.
func (r *Remote) Publication() string { return r.PublicationID }

func (r *Remote) fetcher() *fetch.Fetcher {
	if r.Fetcher != nil {
		return r.Fetcher
	}
	return &fetch.Fetcher{}
}

func (r *Remote) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *Remote) log() *slog.Logger {
	if r.Log != nil {
		return r.Log
	}
	return slog.New(slog.DiscardHandler)
}

// fetchDocument fetches the source's own document, a feed or a list
// page, and remembers its validators. It returns nil when the document is
// unchanged since the caller read its entries (readHash is the hash of
// the document they were read from, "" when it has none); otherwise the
// document to read entries from.
func (r *Remote) fetchDocument(ctx context.Context, sourceID, readHash string) (*fetch.Fetched, error) {
	prev, known, err := r.Store.RemoteFile(ctx, r.PublicationID, sourceID, r.URL)
	if err != nil {
		return nil, err
	}
	// Without the entries in memory (after a restart), or with entries
	// of another version than the one whose validators the store holds
	// (another process fetched a newer one since), a 304 would leave the
	// wrong entries to look at: the document is fetched whole.
	conditional := known && readHash != "" && prev.ContentHash == readHash
	var validators bulletinfeed.RemoteFile
	if conditional {
		validators = prev
	}
	got, err := r.fetcher().FetchDocument(ctx, r.URL, validators)
	if err != nil {
		return nil, err
	}
	unchanged := got.NotModified || (conditional && got.Hash == prev.ContentHash)
	rec := refreshed(prev, got, r.now())
	if !unchanged {
		rec = bulletinfeed.RemoteFile{Entry: r.URL, URL: got.URL, ETag: got.ETag, LastModified: got.LastModified, ContentHash: got.Hash, FetchedAt: r.now()}
	}
	if err := r.saveIfChanged(ctx, sourceID, prev, rec); err != nil {
		return nil, err
	}
	if unchanged {
		r.log().Debug("remote document unchanged", "source", sourceID)
		return nil, nil
	}
	return got, nil
}

// saveIfChanged saves rec unless it is prev as the store holds it: a 304
// that brings no new validator writes nothing.
func (r *Remote) saveIfChanged(ctx context.Context, sourceID string, prev, rec bulletinfeed.RemoteFile) error {
	if rec == prev {
		return nil
	}
	return r.Store.SaveRemoteFile(ctx, r.PublicationID, sourceID, rec)
}

// refreshed is prev with the validators of a fetch that found the same
// bytes: a server may send a new ETag with a 304, or the same body under
// a new one. now is the time of the fetch.
func refreshed(prev bulletinfeed.RemoteFile, got *fetch.Fetched, now time.Time) bulletinfeed.RemoteFile {
	if !got.NotModified {
		prev.FetchedAt = now
	}
	if got.ETag != "" {
		prev.ETag = got.ETag
	}
	if got.LastModified != "" {
		prev.LastModified = got.LastModified
	}
	if got.URL != "" {
		prev.URL = got.URL
	}
	prev.Failures, prev.NotBefore = 0, time.Time{}
	return prev
}

// fileName is the last element of a URL's path: the name that gives a
// fetched issue its key and date, as a file's name does on disk.
func fileName(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return rawURL
	}
	name := path.Base(u.Path)
	if name == "/" || name == "." {
		return u.Hostname()
	}
	return name
}

// sourceError names the source of a pass that failed, in one line.
func sourceError(sourceID string, err error) error {
	return fmt.Errorf("source %s: %w", sourceID, err)
}
