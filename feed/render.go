package feed

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// allIssues asks Store.Issues for every issue.
const allIssues = 0

// Site is a whole rendered site: every page and feed, by URL path, ready
// to serve or to write out.
type Site struct {
	// Version is the store version the site was rendered from.
	Version int64
	// Duration is how long the render took.
	Duration time.Duration

	resources map[string]*resource
	notFound  *resource
	// failed holds the paths whose render failed, with the error: one bad
	// article must not take the rest of the site down, so the others are
	// rendered and served and these answer 500.
	failed map[string]error
}

// Failed returns the paths that failed to render, with their errors.
func (s *Site) Failed() map[string]error { return s.failed }

// Paths returns the paths of every page and feed, sorted.
func (s *Site) Paths() []string {
	paths := make([]string, 0, len(s.resources))
	for p := range s.resources {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Body returns the body served at path, and whether there is one.
func (s *Site) Body(path string) ([]byte, bool) {
	r, ok := s.resources[path]
	if !ok {
		return nil, false
	}
	return r.body, true
}

// Render reads the publication cfg.PublicationID from st and renders every
// page and feed. The store version is read first, so a change that lands
// during the render is seen by the next one.
func Render(ctx context.Context, st Store, cfg Config) (*Site, error) {
	cfg = cfg.withDefaults()
	start := time.Now()
	version, s, err := loadConsistent(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	site, err := s.render()
	if err != nil {
		return nil, err
	}
	site.Version = version
	site.Duration = time.Since(start)
	return site, nil
}

// loadAttempts bounds how often a render reads the store again because an
// ingest landed while it was reading.
const loadAttempts = 3

// loadConsistent loads the site and the store version it shows. The reads
// are many, so an ingest may land between them: a feed could then link an
// article whose page was not rendered, or an archive page mix two versions.
// The version is read before and after; while it moved, the load is done
// again. Should ingests keep landing, the last load is kept under the
// earlier version, so the next refresh renders again.
func loadConsistent(ctx context.Context, st Store, cfg Config) (int64, *site, error) {
	version, err := st.Version(ctx)
	if err != nil {
		return 0, nil, fmt.Errorf("read store version: %w", err)
	}
	for attempt := 1; ; attempt++ {
		s, err := load(ctx, st, cfg)
		if err != nil {
			return 0, nil, err
		}
		after, err := st.Version(ctx)
		if err != nil {
			return 0, nil, fmt.Errorf("read store version: %w", err)
		}
		if after == version || attempt == loadAttempts {
			return version, s, nil
		}
		version = after
	}
}

// load reads everything a render shows and cleans its text.
func load(ctx context.Context, st Store, cfg Config) (*site, error) {
	pub, err := st.Publication(ctx, cfg.PublicationID)
	if err != nil {
		return nil, fmt.Errorf("load publication %q: %w", cfg.PublicationID, err)
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
			cfg.Log.Warn("unknown publication time zone; using UTC", "tz", pub.TimeZone)
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

// render writes every page and feed of a loaded site.
func (s *site) render() (*Site, error) {
	out := &Site{resources: map[string]*resource{}, failed: map[string]error{}}
	ttl := s.cfg.TTL
	add := func(path, route, contentType string, mod time.Time, maxAge time.Duration, write func(io.Writer) error) {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			out.failed[path] = fmt.Errorf("render %s: %w", path, err)
			s.cfg.Log.Error("render failed; the path answers 500 until a later render succeeds", "path", path, "err", err)
			return
		}
		out.resources[path] = newResource(http.StatusOK, route, contentType, b.Bytes(), mod, maxAge)
	}

	all := s.channels[0]
	newest := s.newest(all.articles)
	for _, iss := range s.issues {
		if t := s.newest(iss.Articles); t.After(newest) {
			newest = t
		}
	}
	// Last-Modified must move whenever a resource may have changed, or a
	// client polling with If-Modified-Since alone keeps a stale copy. An
	// ingest can change a feed without giving it a newer article: an issue
	// dated before the newest, a revision that only removes an article. The
	// time of the last ingest that changed anything covers those.
	changed := s.lastChange()
	modified := func(t time.Time) time.Time {
		if changed.After(t) {
			return changed
		}
		return t
	}
	add("/", "/", typeHTML, modified(newest), ttl, s.writeIndex)
	add(opmlPath, opmlPath, typeOPML, modified(newest), ttl, func(w io.Writer) error { return s.writeOPML(w, newest) })

	for _, ch := range s.channels {
		ch := ch
		mod := modified(s.newest(ch.articles))
		if ch.slug != AllSlug {
			add(sectionPath(ch.slug), "/sections/{slug}", typeHTML, mod, ttl, func(w io.Writer) error { return s.writeSection(w, ch) })
		}
		add(feedPath(ch.slug, extRSS), "/feeds/{slug}.rss", typeRSS, mod, ttl, func(w io.Writer) error { return s.writeRSS(w, ch, 0) })
		add(feedPath(ch.slug, extAtom), "/feeds/{slug}.atom", typeAtom, mod, ttl, func(w io.Writer) error { return s.writeAtom(w, ch, 0) })
		add(feedPath(ch.slug, extJSON), "/feeds/{slug}.json", typeJSON, mod, ttl, func(w io.Writer) error { return s.writeJSON(w, ch) })
		for p := 1; p <= ch.pages; p++ {
			p := p
			pmod := s.newest(ch.archive[p-1])
			add(archivePath(ch.slug, p, extRSS), "/feeds/{slug}/archive/{page}.rss", typeRSS, pmod, archiveMaxAge, func(w io.Writer) error { return s.writeRSS(w, ch, p) })
			add(archivePath(ch.slug, p, extAtom), "/feeds/{slug}/archive/{page}.atom", typeAtom, pmod, archiveMaxAge, func(w io.Writer) error { return s.writeAtom(w, ch, p) })
		}
	}

	for _, iss := range s.issues {
		iss := iss
		issueMod := s.newest(iss.Articles)
		if u := s.clamp(iss.UpdatedAt); u.After(issueMod) {
			issueMod = u
		}
		add(issuePath(iss.Key), "/issues/{key}", typeHTML, issueMod, ttl, func(w io.Writer) error { return s.writeIssue(w, iss) })
		for _, a := range iss.Articles {
			a := a
			add(articlePath(a.ID), "/articles/{id}", typeHTML, s.updated(a), ttl, func(w io.Writer) error { return s.writeArticle(w, a, iss) })
		}
	}

	var b bytes.Buffer
	if err := writeErrorPage(&b, s.lang, s.pub.Title, http.StatusNotFound, notFoundMessage(s.lang)); err != nil {
		return nil, fmt.Errorf("render 404 page: %w", err)
	}
	out.notFound = newResource(http.StatusNotFound, routeOther, typeHTML, b.Bytes(), time.Time{}, ttl)
	return out, nil
}
