package feed

import (
	"context"

	"github.com/bulletinfeed/bulletinfeed"
)

// Store is what feed reads from the store. *store.DB satisfies it; feed does
// not import store so that tests can render from a fake.
type Store interface {
	// Publication returns the publication; NotFound when it does not exist.
	Publication(ctx context.Context, id string) (*bulletinfeed.Publication, error)
	// Issues returns up to limit issues (all when limit <= 0), newest first, with their articles
	// headings and bylines but no blocks.
	Issues(ctx context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error)
	// Issue returns one issue with its full articles; NotFound when missing.
	Issue(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error)
	// Sections returns the sections that have articles, in order of first
	// appearance.
	Sections(ctx context.Context, pubID string) ([]bulletinfeed.Section, error)
	// LatestArticles returns up to limit full articles of a section ("" for
	// every section), newest issue first, then in issue order.
	LatestArticles(ctx context.Context, pubID, sectionSlug string, limit int) ([]*bulletinfeed.Article, error)
	// ArchiveArticles returns full articles of a section ("" for every
	// section), oldest first, skipping offset.
	ArchiveArticles(ctx context.Context, pubID, sectionSlug string, offset, limit int) ([]*bulletinfeed.Article, error)
	// CountArticles returns the number of articles of a section ("" for
	// every section).
	CountArticles(ctx context.Context, pubID, sectionSlug string) (int, error)
	// Deleted returns the keys of the publication's deleted issues and
	// the ids of its deleted articles, whose pages answer 410 Gone.
	Deleted(ctx context.Context, pubID string) (issueKeys, articleIDs []string, err error)
	// Version returns a number that changes whenever stored content does,
	// including by another process.
	Version(ctx context.Context) (int64, error)
}
