package feed_test

import (
	"context"
	"slices"
	"sort"
	"sync"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// fakeStore is a feed.Store whose methods are function fields, so each test
// can replace one behaviour (an error, a revision) and keep the rest.
type fakeStore struct {
	PublicationFunc        func(ctx context.Context, id string) (*bulletinfeed.Publication, error)
	SectionsFunc           func(ctx context.Context, pubID string) ([]bulletinfeed.Section, error)
	DeletedFunc            func(ctx context.Context, pubID string) (issueKeys, articleIDs []string, err error)
	VersionFunc            func(ctx context.Context) (int64, error)
	LatestArticlesFunc     func(ctx context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error)
	ArchiveArticlesFunc    func(ctx context.Context, pubID, slug string, first, last int64) ([]*bulletinfeed.Article, error)
	ChannelStatesFunc      func(ctx context.Context, pubID string) ([]bulletinfeed.ChannelState, error)
	RangeStatesFunc        func(ctx context.Context, pubID, slug string, size int) ([]bulletinfeed.RangeState, error)
	RangeStateFunc         func(ctx context.Context, pubID, slug string, first, last int64) (bulletinfeed.RangeState, error)
	ArticleVersionFunc     func(ctx context.Context, pubID, id string) (bulletinfeed.ArticleVersion, error)
	ArticleVersionsFunc    func(ctx context.Context, pubID, afterID string, limit int) ([]bulletinfeed.ArticleVersion, error)
	PublicationArticleFunc func(ctx context.Context, pubID, id string) (*bulletinfeed.Article, *bulletinfeed.Issue, error)
	IssuesFunc             func(ctx context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error)
	IssueFunc              func(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error)
	IssueStateFunc         func(ctx context.Context, pubID string) (bulletinfeed.ChannelState, error)
	IssuesInRangeFunc      func(ctx context.Context, pubID string, first, last int64) ([]*bulletinfeed.Issue, error)
	IssueRangeStateFunc    func(ctx context.Context, pubID string, first, last int64) (bulletinfeed.RangeState, error)
	MediaFunc              func(ctx context.Context, hash string, thumb bool) (*bulletinfeed.Media, error)
	MediaHashesFunc        func(ctx context.Context, pubID string) ([]string, error)
}

var _ feed.Store = (*fakeStore)(nil)

func (f *fakeStore) Publication(ctx context.Context, id string) (*bulletinfeed.Publication, error) {
	return f.PublicationFunc(ctx, id)
}
func (f *fakeStore) Sections(ctx context.Context, pubID string) ([]bulletinfeed.Section, error) {
	return f.SectionsFunc(ctx, pubID)
}
func (f *fakeStore) Deleted(ctx context.Context, pubID string) ([]string, []string, error) {
	return f.DeletedFunc(ctx, pubID)
}
func (f *fakeStore) Version(ctx context.Context) (int64, error) { return f.VersionFunc(ctx) }
func (f *fakeStore) LatestArticles(ctx context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error) {
	return f.LatestArticlesFunc(ctx, pubID, slug, limit)
}
func (f *fakeStore) ArchiveArticles(ctx context.Context, pubID, slug string, first, last int64) ([]*bulletinfeed.Article, error) {
	return f.ArchiveArticlesFunc(ctx, pubID, slug, first, last)
}
func (f *fakeStore) ChannelStates(ctx context.Context, pubID string) ([]bulletinfeed.ChannelState, error) {
	return f.ChannelStatesFunc(ctx, pubID)
}
func (f *fakeStore) RangeStates(ctx context.Context, pubID, slug string, size int) ([]bulletinfeed.RangeState, error) {
	return f.RangeStatesFunc(ctx, pubID, slug, size)
}
func (f *fakeStore) RangeState(ctx context.Context, pubID, slug string, first, last int64) (bulletinfeed.RangeState, error) {
	return f.RangeStateFunc(ctx, pubID, slug, first, last)
}
func (f *fakeStore) ArticleVersion(ctx context.Context, pubID, id string) (bulletinfeed.ArticleVersion, error) {
	return f.ArticleVersionFunc(ctx, pubID, id)
}
func (f *fakeStore) ArticleVersions(ctx context.Context, pubID, afterID string, limit int) ([]bulletinfeed.ArticleVersion, error) {
	return f.ArticleVersionsFunc(ctx, pubID, afterID, limit)
}
func (f *fakeStore) PublicationArticle(ctx context.Context, pubID, id string) (*bulletinfeed.Article, *bulletinfeed.Issue, error) {
	return f.PublicationArticleFunc(ctx, pubID, id)
}
func (f *fakeStore) Issues(ctx context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error) {
	return f.IssuesFunc(ctx, pubID, limit)
}
func (f *fakeStore) Issue(ctx context.Context, pubID, key string) (*bulletinfeed.Issue, error) {
	return f.IssueFunc(ctx, pubID, key)
}
func (f *fakeStore) IssueState(ctx context.Context, pubID string) (bulletinfeed.ChannelState, error) {
	return f.IssueStateFunc(ctx, pubID)
}
func (f *fakeStore) IssuesInRange(ctx context.Context, pubID string, first, last int64) ([]*bulletinfeed.Issue, error) {
	return f.IssuesInRangeFunc(ctx, pubID, first, last)
}
func (f *fakeStore) Media(ctx context.Context, hash string, thumb bool) (*bulletinfeed.Media, error) {
	if f.MediaFunc == nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "no picture %s", hash)
	}
	return f.MediaFunc(ctx, hash, thumb)
}
func (f *fakeStore) MediaHashes(ctx context.Context, pubID string) ([]string, error) {
	if f.MediaHashesFunc == nil {
		return nil, nil
	}
	return f.MediaHashesFunc(ctx, pubID)
}
func (f *fakeStore) IssueRangeState(ctx context.Context, pubID string, first, last int64) (bulletinfeed.RangeState, error) {
	return f.IssueRangeStateFunc(ctx, pubID, first, last)
}

// memory is the data behind a fake store, by publication; set replaces a
// publication's issues, as ingests and revisions would, remove deletes an
// issue as the store's delete does, and both bump the version. Like the
// store, it gives every article an ordinal among all articles and one in
// its section, and every issue one, at first sight, never twice: a
// revision keeps them, new articles and issues take the next ones, oldest
// issue first.
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

	// last is the last ordinal given per channel: "" all articles,
	// a section's slug, "\x00issues" issues.
	last     map[string]int64
	pubOrd   map[string]int64 // by article id
	secOrd   map[string]memOrd
	issueOrd map[string]int64 // by issue key

	// Indexes, made again at each change.
	byID     map[string]*bulletinfeed.Article
	issueOf  map[string]*bulletinfeed.Issue // by article id
	byKey    map[string]*bulletinfeed.Issue
	channels map[string]*memChannel // "" and each slug
	byOrd    []*bulletinfeed.Issue  // issues by ordinal
	ids      []string               // article ids, sorted
}

type memOrd struct {
	slug string
	ord  int64
}

// memChannel indexes the articles of one channel.
type memChannel struct {
	ords   []int64
	byOrd  []*bulletinfeed.Article // by ordinal
	latest []*bulletinfeed.Article // newest issue first, then position
}

const issuesChannel = "\x00issues"

func (m *memory) set(pub *bulletinfeed.Publication, issues []*bulletinfeed.Issue) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.pubs == nil {
		m.pubs = map[string]*memPub{}
	}
	mp := m.pubs[pub.ID]
	if mp == nil {
		mp = &memPub{last: map[string]int64{}, pubOrd: map[string]int64{}, secOrd: map[string]memOrd{}, issueOrd: map[string]int64{}}
		m.pubs[pub.ID] = mp
	}
	mp.pub = pub
	mp.issues = slices.Clone(issues)
	sortNewestFirst(mp.issues)
	mp.index()
	m.version++
}

// add ingests one more issue.
func (m *memory) add(pubID string, iss *bulletinfeed.Issue) {
	m.mu.Lock()
	mp := m.pubs[pubID]
	pub, issues := mp.pub, append([]*bulletinfeed.Issue{iss}, mp.issues...)
	m.mu.Unlock()
	m.set(pub, issues)
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
		mp.index()
		m.version++
		return
	}
}

func sortNewestFirst(issues []*bulletinfeed.Issue) {
	sort.SliceStable(issues, func(i, j int) bool {
		a, b := issues[i], issues[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		return a.Key > b.Key
	})
}

// index gives ordinals to what has none yet, oldest issue first, and
// makes the indexes again.
func (mp *memPub) index() {
	for i := len(mp.issues) - 1; i >= 0; i-- {
		iss := mp.issues[i]
		if _, ok := mp.issueOrd[iss.Key]; !ok {
			mp.last[issuesChannel]++
			mp.issueOrd[iss.Key] = mp.last[issuesChannel]
		}
		for _, a := range iss.Articles {
			if _, ok := mp.pubOrd[a.ID]; !ok {
				mp.last[""]++
				mp.pubOrd[a.ID] = mp.last[""]
			}
			if o, ok := mp.secOrd[a.ID]; !ok || o.slug != a.SectionSlug {
				mp.last[a.SectionSlug]++
				mp.secOrd[a.ID] = memOrd{a.SectionSlug, mp.last[a.SectionSlug]}
			}
		}
	}
	mp.byID = map[string]*bulletinfeed.Article{}
	mp.issueOf = map[string]*bulletinfeed.Issue{}
	mp.byKey = map[string]*bulletinfeed.Issue{}
	mp.channels = map[string]*memChannel{"": {}}
	mp.byOrd = nil
	mp.ids = nil
	for _, iss := range mp.issues {
		mp.byKey[iss.Key] = iss
		mp.byOrd = append(mp.byOrd, iss)
		for _, a := range iss.Articles {
			mp.byID[a.ID] = a
			mp.issueOf[a.ID] = iss
			mp.ids = append(mp.ids, a.ID)
			for _, slug := range []string{"", a.SectionSlug} {
				ch := mp.channels[slug]
				if ch == nil {
					ch = &memChannel{}
					mp.channels[slug] = ch
				}
				ch.latest = append(ch.latest, a)
				ch.byOrd = append(ch.byOrd, a)
			}
		}
	}
	sort.Strings(mp.ids)
	sort.Slice(mp.byOrd, func(i, j int) bool { return mp.issueOrd[mp.byOrd[i].Key] < mp.issueOrd[mp.byOrd[j].Key] })
	for slug, ch := range mp.channels {
		ord := func(a *bulletinfeed.Article) int64 {
			if slug == "" {
				return mp.pubOrd[a.ID]
			}
			return mp.secOrd[a.ID].ord
		}
		sort.Slice(ch.byOrd, func(i, j int) bool { return ord(ch.byOrd[i]) < ord(ch.byOrd[j]) })
		ch.ords = make([]int64, len(ch.byOrd))
		for i, a := range ch.byOrd {
			ch.ords[i] = ord(a)
		}
	}
}

// inRange returns the articles of a channel whose ordinal is in
// [first, last].
func (ch *memChannel) inRange(first, last int64) []*bulletinfeed.Article {
	i, _ := slices.BinarySearch(ch.ords, first)
	j, _ := slices.BinarySearch(ch.ords, last+1)
	return ch.byOrd[i:j]
}

func (mp *memPub) rangeState(first int64, as []*bulletinfeed.Article) bulletinfeed.RangeState {
	st := bulletinfeed.RangeState{First: first, Articles: len(as)}
	for _, a := range as {
		if a.Updated.After(st.Updated) {
			st.Updated = a.Updated
		}
		if iss := mp.issueOf[a.ID]; iss != nil && iss.UpdatedAt.After(st.IssueUpdated) {
			st.IssueUpdated = iss.UpdatedAt
		}
	}
	return st
}

// head returns an issue without its articles' blocks.
func head(iss *bulletinfeed.Issue) *bulletinfeed.Issue {
	c := *iss
	c.Articles = make([]*bulletinfeed.Article, len(iss.Articles))
	for i, a := range iss.Articles {
		ac := *a
		ac.Blocks = nil
		c.Articles[i] = &ac
	}
	return &c
}

// newFakeStore returns a fake that answers from m the way the store does.
func newFakeStore(m *memory) *fakeStore {
	notFound := func(what string) error { return bulletinfeed.Errorf(bulletinfeed.NotFound, "%s not found", what) }
	empty := &memPub{last: map[string]int64{}, channels: map[string]*memChannel{"": {}}}
	pubOf := func(id string) *memPub {
		if mp := m.pubs[id]; mp != nil {
			return mp
		}
		return empty
	}
	channel := func(mp *memPub, slug string) *memChannel {
		if ch := mp.channels[slug]; ch != nil {
			return ch
		}
		return &memChannel{}
	}
	lock := func() func() { m.mu.Lock(); return m.mu.Unlock }
	return &fakeStore{
		PublicationFunc: func(_ context.Context, id string) (*bulletinfeed.Publication, error) {
			defer lock()()
			mp := m.pubs[id]
			if mp == nil {
				return nil, notFound("publication " + id)
			}
			p := *mp.pub
			return &p, nil
		},
		SectionsFunc: func(_ context.Context, pubID string) ([]bulletinfeed.Section, error) {
			defer lock()()
			var out []bulletinfeed.Section
			seen := map[string]bool{}
			issues := pubOf(pubID).issues
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
		DeletedFunc: func(_ context.Context, pubID string) ([]string, []string, error) {
			defer lock()()
			mp := pubOf(pubID)
			return slices.Clone(mp.goneIssues), slices.Clone(mp.goneArticles), nil
		},
		VersionFunc: func(context.Context) (int64, error) {
			defer lock()()
			return m.version, nil
		},
		LatestArticlesFunc: func(_ context.Context, pubID, slug string, limit int) ([]*bulletinfeed.Article, error) {
			defer lock()()
			as := channel(pubOf(pubID), slug).latest
			if limit > 0 {
				as = as[:min(limit, len(as))]
			}
			return slices.Clone(as), nil
		},
		ArchiveArticlesFunc: func(_ context.Context, pubID, slug string, first, last int64) ([]*bulletinfeed.Article, error) {
			defer lock()()
			return slices.Clone(channel(pubOf(pubID), slug).inRange(first, last)), nil
		},
		ChannelStatesFunc: func(_ context.Context, pubID string) ([]bulletinfeed.ChannelState, error) {
			defer lock()()
			mp := pubOf(pubID)
			state := func(slug string) bulletinfeed.ChannelState {
				ch := channel(mp, slug)
				rs := mp.rangeState(0, ch.byOrd)
				return bulletinfeed.ChannelState{Slug: slug, Articles: rs.Articles, LastOrdinal: mp.last[slug], Updated: rs.Updated, IssueUpdated: rs.IssueUpdated}
			}
			out := []bulletinfeed.ChannelState{state("")}
			var slugs []string
			for slug := range mp.last {
				if slug != "" && slug != issuesChannel {
					slugs = append(slugs, slug)
				}
			}
			sort.Strings(slugs)
			for _, slug := range slugs {
				out = append(out, state(slug))
			}
			return out, nil
		},
		RangeStatesFunc: func(_ context.Context, pubID, slug string, size int) ([]bulletinfeed.RangeState, error) {
			defer lock()()
			mp := pubOf(pubID)
			ch := channel(mp, slug)
			var out []bulletinfeed.RangeState
			for first := int64(1); first <= mp.last[slug]; first += int64(size) {
				out = append(out, mp.rangeState(first, ch.inRange(first, first+int64(size)-1)))
			}
			return out, nil
		},
		RangeStateFunc: func(_ context.Context, pubID, slug string, first, last int64) (bulletinfeed.RangeState, error) {
			defer lock()()
			mp := pubOf(pubID)
			return mp.rangeState(first, channel(mp, slug).inRange(first, last)), nil
		},
		ArticleVersionFunc: func(_ context.Context, pubID, id string) (bulletinfeed.ArticleVersion, error) {
			defer lock()()
			mp := pubOf(pubID)
			a := mp.byID[id]
			if a == nil {
				return bulletinfeed.ArticleVersion{}, notFound("article " + id)
			}
			return bulletinfeed.ArticleVersion{ID: id, IssueKey: a.IssueKey, Updated: a.Updated, IssueUpdated: mp.issueOf[id].UpdatedAt}, nil
		},
		ArticleVersionsFunc: func(_ context.Context, pubID, afterID string, limit int) ([]bulletinfeed.ArticleVersion, error) {
			defer lock()()
			mp := pubOf(pubID)
			i, found := slices.BinarySearch(mp.ids, afterID)
			if found {
				i++
			}
			var out []bulletinfeed.ArticleVersion
			for _, id := range mp.ids[i:min(len(mp.ids), i+limit)] {
				a := mp.byID[id]
				out = append(out, bulletinfeed.ArticleVersion{ID: id, IssueKey: a.IssueKey, Updated: a.Updated, IssueUpdated: mp.issueOf[id].UpdatedAt})
			}
			return out, nil
		},
		PublicationArticleFunc: func(_ context.Context, pubID, id string) (*bulletinfeed.Article, *bulletinfeed.Issue, error) {
			defer lock()()
			mp := pubOf(pubID)
			a := mp.byID[id]
			if a == nil {
				return nil, nil, notFound("article " + id)
			}
			return a, head(mp.issueOf[id]), nil
		},
		IssuesFunc: func(_ context.Context, pubID string, limit int) ([]*bulletinfeed.Issue, error) {
			defer lock()()
			var out []*bulletinfeed.Issue
			for _, iss := range pubOf(pubID).issues {
				if limit > 0 && len(out) == limit {
					break
				}
				out = append(out, head(iss))
			}
			return out, nil
		},
		IssueFunc: func(_ context.Context, pubID string, key string) (*bulletinfeed.Issue, error) {
			defer lock()()
			if iss := pubOf(pubID).byKey[key]; iss != nil {
				return iss, nil
			}
			return nil, notFound("issue " + key)
		},
		IssueStateFunc: func(_ context.Context, pubID string) (bulletinfeed.ChannelState, error) {
			defer lock()()
			mp := pubOf(pubID)
			st := bulletinfeed.ChannelState{Articles: len(mp.issues), LastOrdinal: mp.last[issuesChannel]}
			for _, iss := range mp.issues {
				if iss.UpdatedAt.After(st.Updated) {
					st.Updated = iss.UpdatedAt
				}
			}
			st.IssueUpdated = st.Updated
			return st, nil
		},
		IssuesInRangeFunc: func(_ context.Context, pubID string, first, last int64) ([]*bulletinfeed.Issue, error) {
			defer lock()()
			var out []*bulletinfeed.Issue
			mp := pubOf(pubID)
			for _, iss := range issuesInRange(mp, first, last) {
				out = append(out, head(iss))
			}
			return out, nil
		},
		IssueRangeStateFunc: func(_ context.Context, pubID string, first, last int64) (bulletinfeed.RangeState, error) {
			defer lock()()
			st := bulletinfeed.RangeState{First: first}
			for _, iss := range issuesInRange(pubOf(pubID), first, last) {
				st.Articles++
				if iss.UpdatedAt.After(st.Updated) {
					st.Updated = iss.UpdatedAt
				}
			}
			st.IssueUpdated = st.Updated
			return st, nil
		},
	}
}

// issuesInRange returns the issues whose ordinal is in [first, last].
func issuesInRange(mp *memPub, first, last int64) []*bulletinfeed.Issue {
	i := sort.Search(len(mp.byOrd), func(i int) bool { return mp.issueOrd[mp.byOrd[i].Key] >= first })
	j := sort.Search(len(mp.byOrd), func(i int) bool { return mp.issueOrd[mp.byOrd[i].Key] > last })
	return mp.byOrd[i:j]
}
