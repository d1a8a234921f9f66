package feed

import (
	"context"

	"github.com/bulletinfeed/bulletinfeed"
)

// Store is what feed reads from the store. *store.DB satisfies it; feed does
// not import store so that tests can render from a fake.
//
// A channel is the articles of one section, or of every section when slug
// is "". Each article has an ordinal in each of its channels, given when
// it is first stored, only growing and never given twice; each issue has
// one among its publication's issues. Archive page p of a channel with
// pages of n articles holds the ordinals (p-1)·n+1 to p·n.
type Store interface {
	// Publication returns the publication; NotFound when it does not exist.
	Publication(ctx context.Context, id string) (*bulletinfeed.Publication, error)
	// Sections returns the sections that have articles, in order of first
	// appearance.
	Sections(ctx context.Context, pubID string) ([]bulletinfeed.Section, error)
	// Deleted returns the keys of the publication's deleted issues and
	// the ids of its deleted articles, whose pages answer 410 Gone.
	Deleted(ctx context.Context, pubID string) (issueKeys, articleIDs []string, err error)
	// Version returns a number that changes whenever stored content does,
	// including by another process.
	Version(ctx context.Context) (int64, error)

	// LatestArticles returns up to limit full articles of a channel,
	// newest issue first, then in issue order.
	LatestArticles(ctx context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error)
	// ArchiveArticles returns the full articles of a channel whose
	// ordinal is in [first, last], ascending.
	ArchiveArticles(ctx context.Context, pubID, slug string, first, last int64) ([]*bulletinfeed.Article, error)
	// ChannelStates returns the state of every channel: all sections
	// (Slug "") first, then each section by slug.
	ChannelStates(ctx context.Context, pubID string) ([]bulletinfeed.ChannelState, error)
	// RangeStates returns the state of every run of size ordinals of a
	// channel, 1–size, size+1–2·size …, up to its last ordinal.
	RangeStates(ctx context.Context, pubID, slug string, size int) ([]bulletinfeed.RangeState, error)
	// RangeState returns the state of the ordinals [first, last] of a
	// channel.
	RangeState(ctx context.Context, pubID, slug string, first, last int64) (bulletinfeed.RangeState, error)

	// ArticleVersion returns what an article's page depends on; NotFound
	// when the publication has no such article.
	ArticleVersion(ctx context.Context, pubID, id string) (bulletinfeed.ArticleVersion, error)
	// ArticleVersions lists the versions of the publication's articles
	// by id, after afterID, at most limit.
	ArticleVersions(ctx context.Context, pubID, afterID string, limit int) ([]bulletinfeed.ArticleVersion, error)
	// PublicationArticle returns a full article with the head of its
	// issue (its articles' headings, no blocks); NotFound when missing.
	PublicationArticle(ctx context.Context, pubID, id string) (*bulletinfeed.Article, *bulletinfeed.Issue, error)

	// Issues returns up to limit issues (all when limit <= 0), newest
	// first, with their articles' headings and bylines but no blocks.
	Issues(ctx context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error)
	// Issue returns one issue with its full articles; NotFound when missing.
	Issue(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error)
	// IssueState returns the state of the publication's issues: Articles
	// is their number, LastOrdinal the last issue ordinal.
	IssueState(ctx context.Context, pubID string) (bulletinfeed.ChannelState, error)
	// IssuesInRange returns the issues whose ordinal is in [first, last],
	// ascending, with their articles' headings but no blocks.
	IssuesInRange(ctx context.Context, pubID string, first, last int64) ([]*bulletinfeed.Issue, error)
	// IssueRangeState returns the state of the issues whose ordinal is in
	// [first, last].
	IssueRangeState(ctx context.Context, pubID string, first, last int64) (bulletinfeed.RangeState, error)

	// Media returns a stored picture's image (its thumbnail when thumb)
	// by the hash its URL names; NotFound when unknown, Gone when no
	// published article shows it any more.
	Media(ctx context.Context, hash string, thumb bool) (*bulletinfeed.Media, error)
	// MediaHashes returns the hashes of the images the publication's
	// articles show, sorted.
	MediaHashes(ctx context.Context, pubID string) ([]string, error)
}
