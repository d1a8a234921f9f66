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
	DeletedFunc         func(ctx context.Context, pubID string) (issueKeys, articleIDs []string, err error)
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
func (f *fakeStore) Deleted(ctx context.Context, pubID string) ([]string, []string, error) {
	return f.DeletedFunc(ctx, pubID)
}
func (f *fakeStore) Version(ctx context.Context) (int64, error) { return f.VersionFunc(ctx) }

// memory is the data behind a fake store, by publication; set replaces a
// publication's, as an ingest would, remove deletes an issue as the store's
// delete does, and both bump the version.
type memory struct {
	mu      sync.Mutex
	pubs    map[string]*memPub
	version int64
}

// memPub is one publication of a memory.
type memPub struct {
	pub    *bulletinfeed.Publication
	issues []*bulletinfeed.Issue // newest first
	// goneIssues and goneArticles are what remove deleted.
	goneIssues, goneArticles []string
}

func (m *memory) set(pub *bulletinfeed.Publication, issues []*bulletinfeed.Issue) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pubs == nil {
		m.pubs = map[string]*memPub{}
	}
	mp := m.pubs[pub.ID]
	if mp == nil {
		mp = &memPub{}
		m.pubs[pub.ID] = mp
	}
	mp.pub, mp.issues = pub, issues
	m.version++
}

// remove deletes the issue key of publication pubID and records it and
// its articles as deleted.
func (m *memory) remove(pubID, key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	mp := m.pubs[pubID]
	for i, iss := range mp.issues {
		if iss.Key != key {
			continue
		}
		mp.issues = slices.Delete(slices.Clone(mp.issues), i, i+1)
		mp.goneIssues = append(mp.goneIssues, key)
		for _, a := range iss.Articles {
			mp.goneArticles = append(mp.goneArticles, a.ID)
		}
		m.version++
		return
	}
}

// issues returns the issues of a publication; the caller holds m.mu.
func (m *memory) issues(pubID string) []*bulletinfeed.Issue {
	if mp := m.pubs[pubID]; mp != nil {
		return mp.issues
	}
	return nil
}

// newFakeStore returns a fake that answers from m the way the store does:
// NotFound kinds, newest issue first for latest, oldest first for archives.
func newFakeStore(m *memory) *fakeStore {
	notFound := func(what string) error { return bulletinfeed.Errorf(bulletinfeed.NotFound, "%s not found", what) }
	// latest returns the articles of a section ("" = all), newest issue
	// first, then in issue order.
	latest := func(pubID, slug string) []*bulletinfeed.Article {
		var out []*bulletinfeed.Article
		for _, iss := range m.issues(pubID) {
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
			mp := m.pubs[id]
			if mp == nil {
				return nil, notFound("publication " + id)
			}
			p := *mp.pub
			return &p, nil
		},
		IssuesFunc: func(_ context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			var out []*bulletinfeed.Issue
			for _, iss := range m.issues(pubID) {
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
		IssueFunc: func(_ context.Context, pubID string, key string) (*bulletinfeed.Issue, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			for _, iss := range m.issues(pubID) {
				if iss.Key == key {
					return iss, nil
				}
			}
			return nil, notFound("issue " + key)
		},
		SectionsFunc: func(_ context.Context, pubID string) ([]bulletinfeed.Section, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			var out []bulletinfeed.Section
			seen := map[string]bool{}
			issues := m.issues(pubID)
			for i := len(issues) - 1; i >= 0; i-- {
				for _, a := range issues[i].Articles {
					if !seen[a.SectionSlug] {
						seen[a.SectionSlug] = true
						out = append(out, bulletinfeed.Section{Name: a.Section, Slug: a.SectionSlug})
					}
				}
			}
			return out, nil
		},
		LatestArticlesFunc: func(_ context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			as := latest(pubID, slug)
			if limit <= 0 {
				return as, nil
			}
			return as[:min(limit, len(as))], nil
		},
		ArchiveArticlesFunc: func(_ context.Context, pubID, slug string, offset, limit int) ([]*bulletinfeed.Article, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			var as []*bulletinfeed.Article
			issues := m.issues(pubID)
			for i := len(issues) - 1; i >= 0; i-- {
				for _, a := range issues[i].Articles {
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
		CountArticlesFunc: func(_ context.Context, pubID, slug string) (int, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			return len(latest(pubID, slug)), nil
		},
		DeletedFunc: func(_ context.Context, pubID string) ([]string, []string, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			if mp := m.pubs[pubID]; mp != nil {
				return slices.Clone(mp.goneIssues), slices.Clone(mp.goneArticles), nil
			}
			return nil, nil, nil
		},
		VersionFunc: func(context.Context) (int64, error) {
			m.mu.Lock()
			defer m.mu.Unlock()
			return m.version, nil
		},
	}
}
