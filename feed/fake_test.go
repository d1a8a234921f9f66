package feed_test

import (
	"context"
	"slices"
	"sync"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// fakeStore is a feed.Store whose methods are function fields, so each test
// can replace one behaviour (an error, a revision) and keep the rest.
type fakeStore struct {
	PublicationFunc     func(ctx context.Context, id string) (*bulletinfeed.Publication, error)
	IssuesFunc          func(ctx context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error)
	IssueFunc           func(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error)
	SectionsFunc        func(ctx context.Context, pubID string) ([]bulletinfeed.Section, error)
	LatestArticlesFunc  func(ctx context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error)
	ArchiveArticlesFunc func(ctx context.Context, pubID, slug string, offset, limit int) ([]*bulletinfeed.Article, error)
	CountArticlesFunc   func(ctx context.Context, pubID, slug string) (int, error)
	VersionFunc         func(ctx context.Context) (int64, error)
}

var _ feed.Store = (*fakeStore)(nil)

func (f *fakeStore) Publication(ctx context.Context, id string) (*bulletinfeed.Publication, error) {
	return f.PublicationFunc(ctx, id)
}
func (f *fakeStore) Issues(ctx context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error) {
	return f.IssuesFunc(ctx, pubID, limit)
}
func (f *fakeStore) Issue(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error) {
	return f.IssueFunc(ctx, pubID, key)
}
func (f *fakeStore) Sections(ctx context.Context, pubID string) ([]bulletinfeed.Section, error) {
	return f.SectionsFunc(ctx, pubID)
}
func (f *fakeStore) LatestArticles(ctx context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error) {
	return f.LatestArticlesFunc(ctx, pubID, slug, limit)
}
func (f *fakeStore) ArchiveArticles(ctx context.Context, pubID, slug string, offset, limit int) ([]*bulletinfeed.Article, error) {
	return f.ArchiveArticlesFunc(ctx, pubID, slug, offset, limit)
}
func (f *fakeStore) CountArticles(ctx context.Context, pubID, slug string) (int, error) {
	return f.CountArticlesFunc(ctx, pubID, slug)
}
func (f *fakeStore) Version(ctx context.Context) (int64, error) { return f.VersionFunc(ctx) }

// memory is the data behind a fake store; set replaces it, as an ingest
// would, and bumps the version.
type memory struct {
	mu      sync.Mutex
	pub     *bulletinfeed.Publication
	issues  []*bulletinfeed.Issue // newest first
	version int64
}

func (m *memory) set(pub *bulletinfeed.Publication, issues []*bulletinfeed.Issue) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.pub, m.issues = pub, issues
	m.version++
}

// newFakeStore returns a fake that answers from m the way the store does:
// NotFound kinds, newest issue first for latest, oldest first for archives.
func newFakeStore(m *memory) *fakeStore {
	notFound := func(what string) error { return bulletinfeed.Errorf(bulletinfeed.NotFound, "%s not found", what) }
	// latest returns the articles of a section ("" = all), newest issue
	// first, then in issue order.
	latest := func(slug string) []*bulletinfeed.Article {
		var out []*bulletinfeed.Article
		for _, iss := range m.issues {
			for _, a := range iss.Articles {
				if slug == "" || a.SectionSlug == slug {
					out = append(out, a)
				}
			}
		}
		return out
	}
	return &fakeStore{
		PublicationFunc: func(_ context.Context, id string) (*bulletinfeed.Publication, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			if m.pub == nil || m.pub.ID != id {
				return nil, notFound("publication " + id)
			}
			p := *m.pub
			return &p, nil
		},
		IssuesFunc: func(_ context.Context, _ string, limit int) ([]*bulletinfeed.Issue, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			var out []*bulletinfeed.Issue
			for _, iss := range m.issues {
				if limit > 0 && len(out) == limit {
					break
				}
				c := *iss
				c.Articles = nil
				for _, a := range iss.Articles {
					ac := *a
					ac.Blocks = nil
					c.Articles = append(c.Articles, &ac)
				}
				out = append(out, &c)
			}
			return out, nil
		},
		IssueFunc: func(_ context.Context, _ string, key string) (*bulletinfeed.Issue, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			for _, iss := range m.issues {
				if iss.Key == key {
					return iss, nil
				}
			}
			return nil, notFound("issue " + key)
		},
		SectionsFunc: func(context.Context, string) ([]bulletinfeed.Section, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			var out []bulletinfeed.Section
			seen := map[string]bool{}
			for i := len(m.issues) - 1; i >= 0; i-- {
				for _, a := range m.issues[i].Articles {
					if !seen[a.SectionSlug] {
						seen[a.SectionSlug] = true
						out = append(out, bulletinfeed.Section{Name: a.Section, Slug: a.SectionSlug})
					}
				}
			}
			return out, nil
		},
		LatestArticlesFunc: func(_ context.Context, _, slug string, limit int) ([]*bulletinfeed.Article, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			as := latest(slug)
			if limit <= 0 {
				return as, nil
			}
			return as[:min(limit, len(as))], nil
		},
		ArchiveArticlesFunc: func(_ context.Context, _, slug string, offset, limit int) ([]*bulletinfeed.Article, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			var as []*bulletinfeed.Article
			for i := len(m.issues) - 1; i >= 0; i-- {
				for _, a := range m.issues[i].Articles {
					if slug == "" || a.SectionSlug == slug {
						as = append(as, a)
					}
				}
			}
			if offset > len(as) {
				return nil, nil
			}
			as = as[offset:]
			return slices.Clone(as[:min(limit, len(as))]), nil
		},
		CountArticlesFunc: func(_ context.Context, _, slug string) (int, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			return len(latest(slug)), nil
		},
		VersionFunc: func(context.Context) (int64, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			return m.version, nil
		},
	}
}
