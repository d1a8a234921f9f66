package worker

import (
	"context"
	"sync"
)

// listing is the part of a source whose document lists issue files (a
// feed, a list page): the entries read from the document as last fetched,
// so that a pass that finds it unchanged still looks at each file.
type listing struct {
	mu      sync.Mutex // passes do not overlap
	read    bool       // entries were read from the document
	entries []RemoteEntry
}

// pass fetches the document of r, conditionally once its entries are
// known, reads its entries with parse when it changed, and handles each
// entry's issue file.
func (l *listing) pass(ctx context.Context, r *Remote, sourceID string, parse func(*Fetched) ([]RemoteEntry, error)) (PassResult, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := r.newPass(sourceID)
	got, err := r.fetchDocument(ctx, sourceID, l.read)
	if err != nil {
		return p.res, sourceError(sourceID, err)
	}
	if got != nil {
		entries, err := parse(got)
		if err != nil {
			l.read, l.entries = false, nil
			return p.res, sourceError(sourceID, err)
		}
		l.read, l.entries = true, entries
	}
	if err := p.entries(ctx, l.entries); err != nil {
		return p.res, sourceError(sourceID, err)
	}
	return p.res, nil
}
