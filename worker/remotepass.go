package worker

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/fetch"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// errStillFailing is the reason of a file whose bytes failed before and
// have not changed since: they are not parsed again.
var errStillFailing = errors.New("unchanged since it failed to publish; tried again when it changes")

// errBackingOff is the reason of a file whose fetches failed lately: it
// is not asked for again before its NotBefore.
var errBackingOff = errors.New("its fetch failed lately; not asked again before its back-off ends")

// Back-off of an issue file whose fetch fails: a minute after the first
// failure, doubling, at most a day.
const (
	entryBackoffBase = time.Minute
	entryBackoffMax  = 24 * time.Hour
)

// remotePass is one pass of a remote source over its issue files.
type remotePass struct {
	*Remote
	sourceID string
	opts     *source.Options // read when the first file needs parsing
	res      PassResult
	// due, when set, says whether the known file of the entry at an
	// index of the document is asked for this pass; asked records that
	// it was (see listing).
	due   func(i int, id string) bool
	asked func(id string)
	// backoff remembers each issue file's failed fetches (a feed's or
	// a page's entries); a url source backs off as a whole instead.
	backoff bool
}

func (r *Remote) newPass(sourceID string) *remotePass {
	return &remotePass{Remote: r, sourceID: sourceID}
}

// entries handles the issue files of a feed or a list page. A file that
// fails is logged and counted, and the others go on; the pass stops only
// when it cannot go on: the store cannot be reached, ctx is done, or a
// server asked not to be asked again for a while.
func (p *remotePass) entries(ctx context.Context, entries []RemoteEntry) error {
	for i, e := range entries {
		if e.URL == "" {
			p.log().Debug("feed entry points at no issue file; skipped", "source", p.sourceID, "entry", e.ID, "title", e.Title)
			continue
		}
		reason, err := p.entryAt(ctx, i, e)
		if err != nil {
			return err
		}
		switch {
		case errors.Is(reason, errStillFailing), errors.Is(reason, errBackingOff):
			p.res.Failed++
			p.log().Debug("remote issue file still failing", "source", p.sourceID, "entry", e.ID, "url", e.URL)
		case reason != nil:
			p.res.Failed++
			p.log().Warn("remote issue file failed", "source", p.sourceID, "entry", e.ID, "title", e.Title, "url", e.URL, "reason", reason)
		}
	}
	return nil
}

// entryAt handles the entry at index i of a listing: a file not yet
// published always, a known one when the listing says it is due.
func (p *remotePass) entryAt(ctx context.Context, i int, e RemoteEntry) (reason, err error) {
	prev, known, err := p.Store.RemoteFile(ctx, p.PublicationID, p.sourceID, e.ID)
	if err != nil {
		return nil, err
	}
	if p.due == nil {
		return p.entry(ctx, e, prev, known)
	}
	if known && prev.IssueKey != "" && !p.due(i, e.ID) {
		p.res.NotModified++
		return nil, nil
	}
	reason, err = p.entry(ctx, e, prev, known)
	if err == nil {
		p.asked(e.ID)
	}
	return reason, err
}

// entry fetches one issue file, of which the store remembers prev (when
// known), and publishes it if it changed. reason is why the file could
// not be published (it is counted as Failed by the caller); err is why
// the pass must stop.
func (p *remotePass) entry(ctx context.Context, e RemoteEntry, prev bulletinfeed.RemoteFile, known bool) (reason, err error) {
	if p.backoff && known && p.now().Before(prev.NotBefore) {
		return errBackingOff, nil
	}
	got, err := p.fetcher().Fetch(ctx, e.URL, prev)
	var later *fetch.RetryAfterError
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case errors.As(err, &later):
		return nil, err
	case err != nil:
		// Remembered with a back-off of its own: a dead link is not
		// fetched at every pass, and a file that comes back is
		// published at the first pass after the wait.
		if p.backoff {
			if serr := p.rememberFailure(ctx, e, prev, known); serr != nil {
				return nil, serr
			}
		}
		return err, nil
	case got.NotModified || (known && got.Hash == prev.ContentHash):
		if err := p.saveIfChanged(ctx, p.sourceID, prev, refreshed(prev, got, p.now())); err != nil {
			return nil, err
		}
		if prev.IssueKey == "" {
			return errStillFailing, nil
		}
		p.res.NotModified++
		return nil, nil
	}
	return p.publish(ctx, e, got, prev.IssueKey)
}

// rememberFailure records one more failed fetch of e's file and when it
// may be asked again. What was known of it (its validators, its issue)
// is kept.
func (p *remotePass) rememberFailure(ctx context.Context, e RemoteEntry, prev bulletinfeed.RemoteFile, known bool) error {
	rec := prev
	if !known {
		rec = bulletinfeed.RemoteFile{Entry: e.ID, URL: e.URL}
	}
	rec.Failures++
	wait := entryBackoffMax
	if rec.Failures < 20 {
		wait = min(entryBackoffBase<<(rec.Failures-1), entryBackoffMax)
	}
	rec.NotBefore = p.now().Add(wait)
	return p.Store.SaveRemoteFile(ctx, p.PublicationID, p.sourceID, rec)
}

// publish publishes the bytes of a changed issue file, as a revision of
// the issue it was published as before if any, and remembers them.
func (p *remotePass) publish(ctx context.Context, e RemoteEntry, got *fetch.Fetched, issueKey string) (reason, err error) {
	opts, err := p.options(ctx)
	if err != nil {
		return nil, err
	}
	job := Job{Publication: p.PublicationID, Body: got.Body, Name: fileName(e.URL), SourcePath: e.URL, Parse: opts, Revise: issueKey, Log: p.Log}
	res, failed := Publish(ctx, p.Store, p.Notifier, job)
	if failed != nil && job.Revise != "" && bulletinfeed.KindOf(failed) == bulletinfeed.NotFound {
		// The issue was deleted since: the file is an issue of its own
		// again.
		job.Revise = ""
		res, failed = Publish(ctx, p.Store, p.Notifier, job)
	}
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case bulletinfeed.KindOf(failed) == bulletinfeed.Unavailable:
		// The file is fine; the store will be back.
		p.res.Retry++
		return nil, fmt.Errorf("%s left for the next pass: %w", e.URL, failed)
	}
	// A file that failed is remembered too, without an issue, so that
	// the same bytes are not parsed again.
	rec := bulletinfeed.RemoteFile{Entry: e.ID, URL: got.URL, ETag: got.ETag, LastModified: got.LastModified, ContentHash: got.Hash, FetchedAt: p.now()}
	if failed == nil {
		rec.IssueKey = res.Issue.Key
	}
	if err := p.Store.SaveRemoteFile(ctx, p.PublicationID, p.sourceID, rec); err != nil {
		return nil, err
	}
	if failed != nil {
		return failed, nil
	}
	p.res.Published++
	for _, b := range res.MissingBanners {
		p.log().Warn("configured banner not found in issue", "source", p.sourceID, "url", e.URL, "banner", b)
	}
	p.log().Info("remote issue file published", "publication", p.PublicationID, "source", p.sourceID, "url", e.URL,
		"issue", res.Issue.Key, "status", string(res.Status), "articles", len(res.Issue.Articles), "method", res.Method)
	return nil, nil
}

func (p *remotePass) options(ctx context.Context) (source.Options, error) {
	if p.opts != nil {
		return *p.opts, nil
	}
	var opts source.Options
	if p.Options != nil {
		o, err := p.Options(ctx)
		if err != nil {
			return opts, err
		}
		opts = o
	}
	p.opts = &opts
	return opts, nil
}
