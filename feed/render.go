package feed

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Site is a rendered site. It holds in memory what readers poll: each
// publication's index, its OPML lists, and each channel's subscription
// feeds and section page, by URL path. Every other page (articles,
// issues, archive pages, lists of issues) it renders from the store on
// request, with Page; the server keeps those in a bounded cache.
//
// A Site does not change once made; Handler.Refresh makes the next one
// from it, rendering only what the store's changes touched.
type Site struct {
	// Version is the store version the site was rendered from.
	Version int64
	// Duration is how long the render took.
	Duration time.Duration

	cfg   Config
	store Store
	// pubs are the publications, the first at the root; byID those
	// under /{id}.
	pubs []*publication
	byID map[string]*publication

	resources map[string]*resource
	notFound  *resource
	// gone holds the pages of deleted issues and articles, which answer
	// 410 and are not written by a static build.
	gone map[string]*resource
	// failed holds the paths whose render failed, with the error: one bad
	// article must not take the rest of the site down, so the others are
	// rendered and served and these answer 500.
	failed map[string]error
	// rendered lists the paths the refresh that made the site rendered.
	rendered []string
	// changed lists the feeds whose bytes the refresh that made the site
	// changed, subscription feeds and archive pages; see FeedsChanged.
	// The archive pages are added by compareArchives, from archiveJobs.
	changed     []string
	archiveJobs []archiveJob
	// compared is closed once compareArchives ran, when the server runs
	// it in the background (after the first render); nil otherwise.
	compared chan struct{}

	planOnce sync.Once
	plan     *buildPlan
	planErr  error
}

// Failed returns the paths that failed to render, with their errors.
func (s *Site) Failed() map[string]error { return s.failed }

// Paths returns the paths of the pages and feeds held in memory, sorted.
// AllPaths adds those rendered on request.
func (s *Site) Paths() []string { return sortedKeys(s.resources) }

// Gone returns the paths of the issues and articles the store lists as
// deleted, sorted. The server answers them with 410 Gone unless the
// store has them again.
func (s *Site) Gone() []string { return sortedKeys(s.gone) }

// Rendered returns the paths of the resources in memory that the refresh
// that made the site rendered, sorted: every one for a first render, those
// the store's changes touched after.
func (s *Site) Rendered() []string { return s.rendered }

func sortedKeys[V any](m map[string]V) []string {
	paths := make([]string, 0, len(m))
	for p := range m {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Body returns the body held in memory at path, and whether there is one.
func (s *Site) Body(path string) ([]byte, bool) {
	r, ok := s.resources[path]
	if !ok {
		return nil, false
	}
	return r.body, true
}

// Page returns the body of any page or feed of the site: from memory, or
// rendered from the store. Its error has kind NotFound when the site has
// no such page, a deleted one included.
func (s *Site) Page(ctx context.Context, path string) ([]byte, error) {
	if b, ok := s.Body(path); ok {
		return b, nil
	}
	if err := s.failed[path]; err != nil {
		return nil, err
	}
	c := s.coldPage(path)
	if c == nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "no page at %s", path)
	}
	if err := c.version(ctx, s.store); err != nil {
		return nil, err
	}
	return c.render(ctx, s.store)
}

// loadAttempts bounds how often a render looks again because the store
// changed while it was reading.
const loadAttempts = 3

// Render reads the publications of cfg (Publications, else PublicationID)
// from st and renders what the site holds in memory. Publication ids that
// cannot share one site are an Invalid error.
func Render(ctx context.Context, st Store, cfg Config) (*Site, error) {
	cfg = cfg.withDefaults()
	if err := checkConfig(cfg); err != nil {
		return nil, err
	}
	return refresh(ctx, st, cfg, nil)
}

// checkConfig refuses publication ids that cannot share one site.
func checkConfig(cfg Config) error {
	if err := CheckPublications(cfg.Publications); err != nil {
		return err
	}
	return checkBase(cfg.Publications, basePathOf(cfg.BaseURL))
}

// refresh renders what changed in the store since prev was rendered, or
// everything when prev is nil. The store version is read before and after:
// while it moved, the changes that landed meanwhile are rendered too; the
// site carries the version read before its last pass, so that a change
// landing during that pass is seen by the next refresh.
func refresh(ctx context.Context, st Store, cfg Config, prev *Site) (*Site, error) {
	start := time.Now()
	version, err := st.Version(ctx)
	if err != nil {
		return nil, fmt.Errorf("read store version: %w", err)
	}
	rendered, changed := map[string]bool{}, map[string]bool{}
	for attempt := 1; ; attempt++ {
		next, err := refreshOnce(ctx, st, cfg, prev)
		if err != nil {
			return nil, err
		}
		after, err := st.Version(ctx)
		if err != nil {
			return nil, fmt.Errorf("read store version: %w", err)
		}
		final := after == version || attempt == loadAttempts
		if !final {
			// The next pass compares its archive pages with these.
			if err := next.compareArchives(ctx); err != nil {
				return nil, err
			}
		}
		for _, p := range next.rendered {
			rendered[p] = true
		}
		for _, p := range next.changed {
			changed[p] = true
		}
		if final {
			next.Version = version
			next.rendered = sortedKeys(rendered)
			next.changed = sortedKeys(changed)
			next.Duration = time.Since(start)
			return next, nil
		}
		prev, version = next, after
	}
}

// refresher renders one pass of a refresh into out.
type refresher struct {
	ctx  context.Context
	st   Store
	cfg  Config
	out  *Site
	memo memo
	ttl  []string // Cache-Control of what may change
}

// refreshOnce reads the states of every publication and renders the
// resources whose states differ from prev's: a channel's feeds and section
// page when its state changed, a publication's index when any of its
// channels or its issues changed, the OPML lists that list it, and every
// resource of a publication whose generation changed.
func refreshOnce(ctx context.Context, st Store, cfg Config, prev *Site) (*Site, error) {
	pubs, err := loadPublications(ctx, st, cfg, cfg.Now())
	if err != nil {
		return nil, err
	}
	out := &Site{cfg: cfg, store: st, pubs: pubs, byID: map[string]*publication{}, gone: map[string]*resource{}}
	for _, s := range pubs[1:] {
		out.byID[s.pub.ID] = s
	}
	if prev != nil {
		out.resources = make(map[string]*resource, len(prev.resources))
		for p, res := range prev.resources {
			out.resources[p] = res
		}
		out.failed = make(map[string]error, len(prev.failed))
		for p, err := range prev.failed {
			out.failed[p] = err
		}
	} else {
		out.resources, out.failed = map[string]*resource{}, map[string]error{}
	}
	r := &refresher{ctx: ctx, st: st, cfg: cfg, out: out, memo: memo{}, ttl: cacheControl(cfg.TTL)}

	indexChanged := make([]bool, len(pubs))
	for i, s := range pubs {
		old := prev.publicationAt(i, s.pub.ID)
		if indexChanged[i], err = r.publication(s, old); err != nil {
			return nil, err
		}
	}
	for _, s := range pubs {
		dirty := r.anyFailed(s.opmlPaths()...)
		for _, o := range s.listed() {
			for j, x := range pubs {
				dirty = dirty || x == o && indexChanged[j]
			}
		}
		if dirty {
			r.opml(s)
		}
	}
	if err := r.errorPages(prev); err != nil {
		return nil, err
	}
	sort.Strings(out.rendered)
	return out, nil
}

// publicationAt returns the i-th publication of prev when it is id, else nil.
func (prev *Site) publicationAt(i int, id string) *publication {
	if prev == nil || i >= len(prev.pubs) || prev.pubs[i].pub.ID != id {
		return nil
	}
	return prev.pubs[i]
}

// publication renders what changed of one publication since old (nil for
// everything) and reports whether its index was rendered.
func (r *refresher) publication(s, old *publication) (bool, error) {
	full := old == nil || old.generation != s.generation
	if full && old != nil {
		r.drop(old.hotPaths()...)
	}
	issuesChanged := full || !sameState(old.issues, s.issues)
	changed := issuesChanged
	for _, ch := range s.channels {
		var oc *channel
		if !full {
			oc = old.channel(ch.slug)
		}
		if oc != nil && sameState(oc.state, ch.state) && !(issuesChanged && s.mayHideRevision(ch.state.IssueUpdated)) && !r.anyFailed(s.channelPaths(ch)...) {
			ch.heads, ch.newest, ch.archiveFrom = oc.heads, oc.newest, oc
			continue
		}
		if err := r.channel(s, ch); err != nil {
			return false, err
		}
		r.archiveChanges(s, ch, oc, full && old != nil)
		changed = true
	}
	if !full {
		for _, oc := range old.channels {
			if s.channel(oc.slug) == nil {
				r.drop(old.channelPaths(oc)...)
				changed = true
			}
		}
	}
	if !changed && !r.anyFailed(s.indexPath()) {
		return false, nil
	}
	issues, err := r.st.Issues(r.ctx, s.pub.ID, indexIssues)
	if err != nil {
		return false, fmt.Errorf("load latest issues: %w", err)
	}
	for i, iss := range issues {
		c := *iss
		c.Title = cleanText(iss.Title)
		issues[i] = &c
	}
	r.add(s, s.indexPath(), routeIndex, s.indexModified(), func(w io.Writer) error { return s.writeIndex(w, issues) })
	return true, nil
}

// channel renders a channel's subscription feeds and section page.
func (r *refresher) channel(s *publication, ch *channel) error {
	es, err := s.feedEntries(r.ctx, r.st, ch, r.memo)
	if err != nil {
		return err
	}
	ch.heads = nil
	for _, e := range es[:min(len(es), indexSectionItems)] {
		ch.heads = append(ch.heads, e.head())
	}
	ch.newest = s.newest(es)
	mod := s.modified(ch.newest)
	if ch.slug != AllSlug {
		r.add(s, s.sectionPath(ch.slug), routeSection, mod, func(w io.Writer) error { return s.writeSection(w, ch, es) })
	}
	r.add(s, s.feedPath(ch.slug, extRSS), routeFeedRSS, mod, func(w io.Writer) error { return s.writeRSS(w, ch, 0, es) })
	r.add(s, s.feedPath(ch.slug, extAtom), routeFeedAtom, mod, func(w io.Writer) error { return s.writeAtom(w, ch, 0, es) })
	r.add(s, s.feedPath(ch.slug, extJSON), routeFeedJSON, mod, func(w io.Writer) error { return s.writeJSON(w, ch, es) })
	return nil
}

// feedEntries returns the articles of a channel's subscription feed: its
// latest, newest issue first, and every article after its last complete
// archive page, or a reader walking the archive would never see them.
func (s *publication) feedEntries(ctx context.Context, st Store, ch *channel, m memo) ([]*entry, error) {
	n := s.cfg.FeedItems
	latest, err := st.LatestArticles(ctx, s.pub.ID, ch.storeSlug(), n)
	if err != nil {
		return nil, fmt.Errorf("load latest articles of %q: %w", ch.slug, err)
	}
	if first := int64(ch.pages)*int64(n) + 1; ch.state.LastOrdinal >= first {
		tail, err := st.ArchiveArticles(ctx, s.pub.ID, ch.storeSlug(), first, ch.state.LastOrdinal)
		if err != nil {
			return nil, fmt.Errorf("load newest articles of %q: %w", ch.slug, err)
		}
		latest = mergeLatest(latest, tail)
	}
	return s.entries(m, latest), nil
}

// opml renders the subscription lists of a publication. The root's
// lists hold every publication; the others' only their own.
func (r *refresher) opml(s *publication) {
	listed := s.listed()
	var mod time.Time
	for _, o := range listed {
		if t := o.indexModified(); t.After(mod) {
			mod = t
		}
	}
	for _, ext := range opmlFormats {
		for _, sections := range []bool{false, true} {
			r.add(s, s.opmlPath(ext, sections), opmlRoute(ext, sections), mod, func(w io.Writer) error {
				return s.writeOPML(w, listed, ext, sections, mod)
			})
		}
	}
}

// errorPages renders the 404 page and the 410 pages of deleted issues and
// articles when their publication's generation changed, and lists the
// deleted paths.
func (r *refresher) errorPages(prev *Site) error {
	first := r.out.pubs[0]
	if old := prev.publicationAt(0, first.pub.ID); old != nil && old.generation == first.generation {
		r.out.notFound = prev.notFound
	} else {
		var b bytes.Buffer
		if err := first.writeErrorPage(&b, http.StatusNotFound, notFoundMessage(first.lang)); err != nil {
			return fmt.Errorf("render 404 page: %w", err)
		}
		r.out.notFound = newResource(http.StatusNotFound, routeOther, typeHTML, b.Bytes(), time.Time{}, r.ttl)
	}
	for i, s := range r.out.pubs {
		if old := prev.publicationAt(i, s.pub.ID); old != nil && old.generation == s.generation {
			s.goneRes = old.goneRes
		}
		if err := s.renderGone(r.out.gone, r.ttl); err != nil {
			return err
		}
	}
	return nil
}

// add renders one resource of the publication into the site. A failed
// render is kept in failed rather than stopping the others. A body equal
// to the one served keeps its resource, entity tag and Last-Modified; a
// changed body whose content is not newer is dated now, or a client
// polling with If-Modified-Since alone would keep its stale copy (a
// deletion makes a feed older).
func (r *refresher) add(s *publication, path string, rt *route, mod time.Time, write func(io.Writer) error) {
	var b bytes.Buffer
	r.out.rendered = append(r.out.rendered, path)
	if err := write(&b); err != nil {
		delete(r.out.resources, path)
		r.out.failed[path] = fmt.Errorf("render %s: %w", path, err)
		r.cfg.Log.Error("render failed; the path answers 500 until a later render succeeds", "path", path, "err", err)
		return
	}
	delete(r.out.failed, path)
	old := r.out.resources[path]
	if old != nil && old.tag == bodyTag(b.Bytes()) {
		return
	}
	if old != nil && !mod.After(old.modTime) {
		mod = s.now
	}
	res := newResource(http.StatusOK, s.label(rt), rt.contentType, b.Bytes(), mod, r.ttl)
	if isFeedRoute(rt) {
		res.link = linkHeader(r.cfg.Hubs, s.abs(path))
		r.out.changed = append(r.out.changed, path)
	}
	r.out.resources[path] = res
}

// drop removes resources of paths that the site no longer has.
func (r *refresher) drop(paths ...string) {
	for _, p := range paths {
		delete(r.out.resources, p)
		delete(r.out.failed, p)
	}
}

// anyFailed reports whether the last render of any of paths failed.
func (r *refresher) anyFailed(paths ...string) bool {
	for _, p := range paths {
		if r.out.failed[p] != nil {
			return true
		}
	}
	return false
}

// listed returns the publications the site's OPML lists hold.
func (s *publication) listed() []*publication {
	if s.prefix == "" {
		return s.all
	}
	return []*publication{s}
}

// hotPaths returns the paths of every resource of the publication held
// in memory.
func (s *publication) hotPaths() []string {
	paths := append([]string{s.indexPath()}, s.opmlPaths()...)
	for _, ch := range s.channels {
		paths = append(paths, s.channelPaths(ch)...)
	}
	return paths
}

func (s *publication) opmlPaths() []string {
	var paths []string
	for _, ext := range opmlFormats {
		paths = append(paths, s.opmlPath(ext, false), s.opmlPath(ext, true))
	}
	return paths
}

// channelPaths returns the paths of a channel's resources in memory.
func (s *publication) channelPaths(ch *channel) []string {
	paths := []string{s.feedPath(ch.slug, extRSS), s.feedPath(ch.slug, extAtom), s.feedPath(ch.slug, extJSON)}
	if ch.slug != AllSlug {
		paths = append(paths, s.sectionPath(ch.slug))
	}
	return paths
}

// mayHideRevision reports whether a channel or a page whose articles'
// issues were last written at issueUpdated may have changed without its
// state showing it. Every write of an issue (an ingest, a revision) moves
// its UpdatedAt to the time of the write, the latest write of the
// publication, which the issue state's Updated is; a revision changes
// what the articles of its issue show (their text, their place in print
// order and so their times) and so the states of the channels and pages
// that hold any of them, through their IssueUpdated. Unless they already
// held an article of an issue written at that same time: a state shows
// every write but one as late as the latest it already shows.
func (s *publication) mayHideRevision(issueUpdated time.Time) bool {
	return !s.issues.Updated.IsZero() && !issueUpdated.Before(s.issues.Updated)
}

// sameState reports whether two states describe the same content.
func sameState(a, b bulletinfeed.ChannelState) bool {
	return a.Slug == b.Slug && a.Articles == b.Articles && a.LastOrdinal == b.LastOrdinal &&
		a.Updated.Equal(b.Updated) && a.IssueUpdated.Equal(b.IssueUpdated)
}

// modified returns the Last-Modified of a resource showing content as new
// as t. An ingest can change a feed without giving it a newer article: an
// issue dated before the newest, a revision that only removes an article.
// The time of the last ingest that changed anything covers those.
func (s *publication) modified(t time.Time) time.Time {
	if changed := s.lastChange(); changed.After(t) {
		return changed
	}
	return t
}

// indexModified is the newest change of anything the publication shows:
// the Last-Modified of its index and its OPML.
func (s *publication) indexModified() time.Time {
	var t time.Time
	for _, ch := range s.channels {
		if ch.newest.After(t) {
			t = ch.newest
		}
	}
	return s.modified(t)
}

// mergeLatest adds to latest the articles of more it lacks, keeping the
// order of latest: newest issue first, then page order.
func mergeLatest(latest, more []*bulletinfeed.Article) []*bulletinfeed.Article {
	have := make(map[string]bool, len(latest))
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
		slices.SortStableFunc(latest, latestOrder)
	}
	return latest
}

// latestOrder orders articles as the store's latest: newest issue first,
// then in issue order.
func latestOrder(a, b *bulletinfeed.Article) int {
	if c := b.Published.Compare(a.Published); c != 0 {
		return c
	}
	if c := strings.Compare(b.IssueKey, a.IssueKey); c != 0 {
		return c
	}
	return a.Position - b.Position
}
