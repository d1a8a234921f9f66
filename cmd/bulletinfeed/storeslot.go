package main

import (
	"context"
	"sync/atomic"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// storeSlot is the feed.Store of a server whose database may not be open
// yet: serve listens at once, answers 503 while PostgreSQL cannot be
// reached, and fills the slot when it can. Until then every method fails
// with the last reason the store could not be opened.
type storeSlot struct {
	db      atomic.Pointer[store.DB]
	pending atomic.Pointer[error]
}

var _ feed.Store = (*storeSlot)(nil)

// IngestWith stores an issue in the open store, so that the worker can
// publish through the slot; it fails as get does while none is open.
func (s *storeSlot) IngestWith(ctx context.Context, pubID string, iss *bulletinfeed.Issue, opt store.IngestOptions) (*store.IngestResult, error) {
	return with(s, func(db *store.DB) (*store.IngestResult, error) { return db.IngestWith(ctx, pubID, iss, opt) })
}

// opened returns the store once it is open, else nil.
func (s *storeSlot) opened() *store.DB { return s.db.Load() }

// set puts an open store in the slot.
func (s *storeSlot) set(db *store.DB) { s.db.Store(db) }

// fail records why the store could not be opened.
func (s *storeSlot) fail(err error) { s.pending.Store(&err) }

func (s *storeSlot) get() (*store.DB, error) {
	if db := s.db.Load(); db != nil {
		return db, nil
	}
	if p := s.pending.Load(); p != nil {
		return nil, *p
	}
	return nil, bulletinfeed.Errorf(bulletinfeed.Unavailable, "store not open yet")
}

// with runs f on the open store, or fails as get does.
func with[T any](s *storeSlot, f func(*store.DB) (T, error)) (T, error) {
	db, err := s.get()
	if err != nil {
		var zero T
		return zero, err
	}
	return f(db)
}

func (s *storeSlot) Publication(ctx context.Context, id string) (*bulletinfeed.Publication, error) {
	return with(s, func(db *store.DB) (*bulletinfeed.Publication, error) { return db.Publication(ctx, id) })
}

func (s *storeSlot) Issues(ctx context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error) {
	return with(s, func(db *store.DB) ([]*bulletinfeed.Issue, error) { return db.Issues(ctx, pubID, limit) })
}

func (s *storeSlot) Issue(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error) {
	return with(s, func(db *store.DB) (*bulletinfeed.Issue, error) { return db.Issue(ctx, pubID, key) })
}

func (s *storeSlot) Sections(ctx context.Context, pubID string) ([]bulletinfeed.Section, error) {
	return with(s, func(db *store.DB) ([]bulletinfeed.Section, error) { return db.Sections(ctx, pubID) })
}

func (s *storeSlot) LatestArticles(ctx context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error) {
	return with(s, func(db *store.DB) ([]*bulletinfeed.Article, error) { return db.LatestArticles(ctx, pubID, slug, limit) })
}

func (s *storeSlot) ArchiveArticles(ctx context.Context, pubID, slug string, first, last int64) ([]*bulletinfeed.Article, error) {
	return with(s, func(db *store.DB) ([]*bulletinfeed.Article, error) {
		return db.ArchiveArticles(ctx, pubID, slug, first, last)
	})
}

func (s *storeSlot) ChannelStates(ctx context.Context, pubID string) ([]bulletinfeed.ChannelState, error) {
	return with(s, func(db *store.DB) ([]bulletinfeed.ChannelState, error) { return db.ChannelStates(ctx, pubID) })
}

func (s *storeSlot) RangeStates(ctx context.Context, pubID, slug string, size int) ([]bulletinfeed.RangeState, error) {
	return with(s, func(db *store.DB) ([]bulletinfeed.RangeState, error) { return db.RangeStates(ctx, pubID, slug, size) })
}

func (s *storeSlot) RangeState(ctx context.Context, pubID, slug string, first, last int64) (bulletinfeed.RangeState, error) {
	return with(s, func(db *store.DB) (bulletinfeed.RangeState, error) {
		return db.RangeState(ctx, pubID, slug, first, last)
	})
}

func (s *storeSlot) ArticleVersion(ctx context.Context, pubID, id string) (bulletinfeed.ArticleVersion, error) {
	return with(s, func(db *store.DB) (bulletinfeed.ArticleVersion, error) { return db.ArticleVersion(ctx, pubID, id) })
}

func (s *storeSlot) ArticleVersions(ctx context.Context, pubID, afterID string, limit int) ([]bulletinfeed.ArticleVersion, error) {
	return with(s, func(db *store.DB) ([]bulletinfeed.ArticleVersion, error) {
		return db.ArticleVersions(ctx, pubID, afterID, limit)
	})
}

func (s *storeSlot) PublicationArticle(ctx context.Context, pubID, id string) (*bulletinfeed.Article, *bulletinfeed.Issue, error) {
	db, err := s.get()
	if err != nil {
		return nil, nil, err
	}
	return db.PublicationArticle(ctx, pubID, id)
}

func (s *storeSlot) IssueState(ctx context.Context, pubID string) (bulletinfeed.ChannelState, error) {
	return with(s, func(db *store.DB) (bulletinfeed.ChannelState, error) { return db.IssueState(ctx, pubID) })
}

func (s *storeSlot) IssuesInRange(ctx context.Context, pubID string, first, last int64) ([]*bulletinfeed.Issue, error) {
	return with(s, func(db *store.DB) ([]*bulletinfeed.Issue, error) { return db.IssuesInRange(ctx, pubID, first, last) })
}

func (s *storeSlot) IssueRangeState(ctx context.Context, pubID string, first, last int64) (bulletinfeed.RangeState, error) {
	return with(s, func(db *store.DB) (bulletinfeed.RangeState, error) {
		return db.IssueRangeState(ctx, pubID, first, last)
	})
}

func (s *storeSlot) Media(ctx context.Context, hash string, thumb bool) (*bulletinfeed.Media, error) {
	return with(s, func(db *store.DB) (*bulletinfeed.Media, error) { return db.Media(ctx, hash, thumb) })
}

func (s *storeSlot) MediaHashes(ctx context.Context, pubID string) ([]string, error) {
	return with(s, func(db *store.DB) ([]string, error) { return db.MediaHashes(ctx, pubID) })
}

func (s *storeSlot) Version(ctx context.Context) (int64, error) {
	return with(s, func(db *store.DB) (int64, error) { return db.Version(ctx) })
}

func (s *storeSlot) Deleted(ctx context.Context, pubID string) (issueKeys, articleIDs []string, err error) {
	db, err := s.get()
	if err != nil {
		return nil, nil, err
	}
	return db.Deleted(ctx, pubID)
}

// Corrections reads the editors' corrections of an issue, so that the
// worker publishing through the slot makes them to each file of it.
func (s *storeSlot) Corrections(ctx context.Context, pubID, key string) ([]bulletinfeed.Correction, error) {
	return with(s, func(db *store.DB) ([]bulletinfeed.Correction, error) { return db.Corrections(ctx, pubID, key) })
}
