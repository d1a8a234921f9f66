package worker

import (
	"context"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed/fetch"
)

// How a listing looks at the files it already published. A list page
// of ten years of issues holds hundreds of links, and asking for each at
// every tick would be hundreds of requests to a small office's server
// every few minutes for files that almost never change. Corrections come
// to recent issues: the first recheckNewest entries of the document
// (feeds and list pages put the newest first) are asked every pass; an
// older known file once per recheckOlder, at most recheckOlderPerPass of
// them a pass, so that after a restart they are spread over passes. A
// file not yet published is always asked for.
const (
	recheckNewest       = 10
	recheckOlder        = 24 * time.Hour
	recheckOlderPerPass = 20
)

// listing is the part of a source whose document lists issue files (a
// feed, a list page): the entries read from the document as last fetched,
// so that a pass that finds it unchanged still looks at its files.
type listing struct {
	mu      sync.Mutex // passes do not overlap
	read    bool       // entries were read from the document
	hash    string     // of the document they were read from
	entries []RemoteEntry
	// asked is when each known entry's file was last asked for by this
	// process.
	asked map[string]time.Time
}

// due reports whether the file of the entry at index i of the document,
// already published (known), is to be asked for in this pass; budget
// counts the older files still allowed.
func (l *listing) due(i int, id string, now time.Time, budget *int) bool {
	if i < recheckNewest {
		return true
	}
	if at, ok := l.asked[id]; ok && now.Sub(at) < recheckOlder {
		return false
	}
	if *budget <= 0 {
		return false
	}
	*budget--
	return true
}

// pass fetches the document of r, conditionally once its entries are
// known, reads its entries with parse when it changed, and handles each
// entry's issue file.
func (l *listing) pass(ctx context.Context, r *Remote, sourceID string, parse func(*fetch.Fetched) ([]RemoteEntry, error)) (PassResult, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := r.newPass(sourceID)
	p.backoff = true
	readHash := ""
	if l.read {
		readHash = l.hash
	}
	got, err := r.fetchDocument(ctx, sourceID, readHash)
	if err != nil {
		return p.res, sourceError(sourceID, err)
	}
	if got != nil {
		entries, err := parse(got)
		if err != nil {
			l.read, l.entries = false, nil
			return p.res, sourceError(sourceID, err)
		}
		l.read, l.hash, l.entries = true, got.Hash, entries
	}
	if l.asked == nil {
		l.asked = map[string]time.Time{}
	}
	budget := recheckOlderPerPass
	p.due = func(i int, id string) bool { return l.due(i, id, p.now(), &budget) }
	p.asked = func(id string) { l.asked[id] = p.now() }
	if err := p.entries(ctx, l.entries); err != nil {
		return p.res, sourceError(sourceID, err)
	}
	return p.res, nil
}
