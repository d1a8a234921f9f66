package worker

import (
	"context"
	"sync"
)

// URLSource is one issue file at a URL, published again whenever its
// bytes change.
type URLSource struct {
	Remote

	mu sync.Mutex // passes do not overlap
}

// ID names the source among a publication's: "url:" and its URL.
func (s *URLSource) ID() string { return "url:" + s.URL }

// Pass fetches the file with the validators of the last fetch and
// publishes it if it changed. A file that cannot be fetched or published
// fails the pass, which names the source and the reason; the same bad
// bytes fail it again without being parsed.
func (s *URLSource) Pass(ctx context.Context) (PassResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p := s.newPass(s.ID())
	reason, err := p.entryAt(ctx, 0, RemoteEntry{ID: s.URL, URL: s.URL})
	if err != nil {
		return p.res, sourceError(s.ID(), err)
	}
	if reason != nil {
		p.res.Failed++
		return p.res, sourceError(s.ID(), reason)
	}
	return p.res, nil
}
