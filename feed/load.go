package feed

import (
	"context"
	"fmt"
	"sort"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// allIssues asks Store.Issues for every issue.
const allIssues = 0

// loadAttempts bounds how often a render reads the store again because an
// ingest landed while it was reading.
const loadAttempts = 3

// loadConsistent loads every publication of the site and the store version
// they show. The reads are many, so an ingest may land between them: a feed
// could then link an article whose page was not rendered, an archive page
// mix two versions, or one publication's list show another's old title.
// The version is read before and after the whole load; while it moved, the
// load is done again. Should ingests keep landing, the last load is kept
// under the earlier version, so the next refresh renders again.
func loadConsistent(ctx context.Context, st Store, cfg Config) (int64, []*site, error) {
	version, err := st.Version(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("read store version: %w", err)
	}
	for attempt := 1; ; attempt++ {
		sites, err := load(ctx, st, cfg)
		if err != nil {
			return 0, nil, err
		}
		after, err := st.Version(ctx)
		if err != nil {
			return 0, nil, fmt.Errorf("read store version: %w", err)
		}
		if after == version || attempt == loadAttempts {
			return version, sites, nil
		}
		version = after
	}
}

// load reads every publication of cfg.Publications, the first first.
func load(ctx context.Context, st Store, cfg Config) ([]*site, error) {
	base := basePathOf(cfg.BaseURL)
	sites := make([]*site, 0, len(cfg.Publications))
	for i, id := range cfg.Publications {
		prefix := ""
		if i > 0 {
			prefix = "/" + id
		}
		s, err := loadPublication(ctx, st, cfg, id)
		if err != nil {
			if len(cfg.Publications) > 1 {
				err = fmt.Errorf("publication %q: %w", id, err)
			}
			return nil, err
		}
		s.prefix, s.base = prefix, base
		sites = append(sites, s)
	}
	for _, s := range sites {
		s.all = sites
	}
	return sites, nil
}

// loadPublication reads everything a render shows of one publication and
// cleans its text.
func loadPublication(ctx context.Context, st Store, cfg Config, id string) (*site, error) {
	pub, err := st.Publication(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load publication %q: %w", id, err)
	}
	s := &site{
		cfg:         cfg,
		pub:         cleanPublication(pub),
		lang:        pub.Lang,
		loc:         time.UTC,
		now:         cfg.Now(),
		contentHTML: map[string]string{},
		summaries:   map[string]string{},
	}
	if s.lang == "" {
		s.lang = "en"
	}
	if s.pub.Title == "" {
		s.pub.Title = pub.ID
	}
	if pub.TimeZone != "" {
		if loc, err := time.LoadLocation(pub.TimeZone); err == nil {
			s.loc = loc
		} else {
			cfg.Log.Warn("unknown publication time zone; using UTC", "publication", pub.ID, "tz", pub.TimeZone)
		}
	}

	sections, err := st.Sections(ctx, pub.ID)
	if err != nil {
		return nil, fmt.Errorf("load sections: %w", err)
	}
	for _, sec := range sections {
		s.sections = append(s.sections, bulletinfeed.Section{Name: s.sectionName(cleanText(sec.Name)), Slug: sec.Slug})
	}

	heads, err := st.Issues(ctx, pub.ID, allIssues)
	if err != nil {
		return nil, fmt.Errorf("load issues: %w", err)
	}
	for _, h := range heads {
		iss, err := st.Issue(ctx, pub.ID, h.Key)
		if err != nil {
			return nil, fmt.Errorf("load issue %q: %w", h.Key, err)
		}
		c := *iss
		c.Title = cleanText(iss.Title)
		c.Articles = s.clean(iss.Articles)
		s.issues = append(s.issues, &c)
	}

	s.goneIssues, s.goneArticles, err = st.Deleted(ctx, pub.ID)
	if err != nil {
		return nil, fmt.Errorf("load deleted issues and articles: %w", err)
	}

	all := &channel{slug: AllSlug, title: s.feedTitle("")}
	s.channels = append(s.channels, all)
	for _, sec := range s.sections {
		s.channels = append(s.channels, &channel{slug: sec.Slug, section: sec.Name, title: s.feedTitle(sec.Name)})
	}
	for _, ch := range s.channels {
		if err := s.loadChannel(ctx, st, ch); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// loadChannel reads a channel's latest articles and its archive pages.
func (s *site) loadChannel(ctx context.Context, st Store, ch *channel) error {
	slug := ch.slug
	if slug == AllSlug {
		slug = ""
	}
	n := s.cfg.FeedItems
	latest, err := st.LatestArticles(ctx, s.pub.ID, slug, n)
	if err != nil {
		return fmt.Errorf("load latest articles of %q: %w", ch.slug, err)
	}
	ch.articles = s.clean(latest)
	count, err := st.CountArticles(ctx, s.pub.ID, slug)
	if err != nil {
		return fmt.Errorf("count articles of %q: %w", ch.slug, err)
	}
	ch.pages = archivePageCount(count, n)
	for p := 1; p <= ch.pages; p++ {
		as, err := st.ArchiveArticles(ctx, s.pub.ID, slug, (p-1)*n, n)
		if err != nil {
			return fmt.Errorf("load archive page %d of %q: %w", p, ch.slug, err)
		}
		ch.archive = append(ch.archive, s.clean(as))
	}
	// The articles after the last complete page must be in the
	// subscription feed, or a reader walking the archive would never see
	// them. The latest N are taken newest issue first but in page order
	// within an issue, so when the newest issue alone has more than N
	// articles its last ones are added here.
	if rest := count - ch.pages*n; rest > 0 {
		tail, err := st.ArchiveArticles(ctx, s.pub.ID, slug, ch.pages*n, n)
		if err != nil {
			return fmt.Errorf("load newest articles of %q: %w", ch.slug, err)
		}
		ch.articles = mergeLatest(ch.articles, s.clean(tail))
	}
	return nil
}

// mergeLatest adds to latest the articles of more it lacks, keeping the
// order of latest: newest issue first, then page order.
func mergeLatest(latest, more []*bulletinfeed.Article) []*bulletinfeed.Article {
	have := map[string]bool{}
	for _, a := range latest {
		have[a.ID] = true
	}
	added := false
	for _, a := range more {
		if !have[a.ID] {
			latest = append(latest, a)
			added = true
		}
	}
	if added {
		sort.SliceStable(latest, func(i, j int) bool {
			a, b := latest[i], latest[j]
			if !a.Published.Equal(b.Published) {
				return a.Published.After(b.Published)
			}
			if a.IssueKey != b.IssueKey {
				return a.IssueKey > b.IssueKey
			}
			return a.Position < b.Position
		})
	}
	return latest
}

// clean returns cleaned copies of articles and computes, once per article,
// the HTML content and summary that every feed and page shares.
func (s *site) clean(as []*bulletinfeed.Article) []*bulletinfeed.Article {
	out := make([]*bulletinfeed.Article, len(as))
	for i, a := range as {
		c := cleanArticle(a)
		if _, ok := s.contentHTML[c.ID]; !ok {
			s.contentHTML[c.ID] = articleHTML(c)
			s.summaries[c.ID] = summarize(c)
		}
		out[i] = c
	}
	return out
}
