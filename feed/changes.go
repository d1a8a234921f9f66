package feed

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// FeedsChanged reports the feeds whose bytes a refresh changed, for a
// WebSub hub that must tell their subscribers and no one else.
//
// A subscription feed is listed when the body rendered differs from the
// one served before (their entity tags, hashes of the bytes, differ); the
// first render lists every one, since nothing was served before it, and
// a hub compares with what it last announced. An archive page, rendered
// on request and never held, is listed when what its bytes are made of
// changed: the ordinals it covers, its number of articles, their latest
// update, the last write of their issues, or its link to a newer page; or when the publication's
// generation (hubs, base URL, templates …) changed, which changes every
// page: exactly when its entity tag changes. A page as new as the
// publication's last write, whose state cannot show every revision (see
// mayHideRevision), has a tag that follows every write: it may be listed
// with the same bytes, never left out with new ones. A hub compares the
// bytes it reads (Handler.Feed) with those it last announced.
type FeedsChanged struct {
	// Version is the store version the site was rendered from.
	Version int64
	// URLs are the absolute URLs of the feeds, sorted.
	URLs []string
}

// archiveKey is what an archive page's bytes are made of besides the
// generation: the range state of its articles (with the last write of
// their issues), whether it links a newer page and, for a page whose state
// may not show a revision, the publication's last write, as in the page's
// entity tag (rangeTag). Two equal keys give equal bytes.
type archiveKey struct {
	first        int64
	articles     int
	updated      int64
	issueUpdated int64
	newer        bool
	lastWrite    int64
}

// archiveJob is a channel that a refresh rendered again, whose archive
// pages are compared with those of the old channel (nil for none) once
// the new site is served: see compareArchives.
type archiveJob struct {
	s           *publication
	ch, old     *channel
	regenerated bool
}

// archiveChanges notes a channel that the refresh rendered again, whose
// archive pages compareArchives compares with the old channel's (all of
// them change after a change of generation). It notes nothing without
// Handler.OnFeedsChanged.
func (r *refresher) archiveChanges(s *publication, ch, old *channel, regenerated bool) {
	if !r.cfg.reportChanges || ch.pages == 0 {
		return
	}
	r.out.archiveJobs = append(r.out.archiveJobs, archiveJob{s: s, ch: ch, old: old, regenerated: regenerated})
}

// compareArchives reads the archive pages of the channels the refresh
// that made the site rendered again and adds to the site's changed feeds
// those whose key differs from the old channel's. Reading a channel's
// pages reads every article of it, most of a refresh's time at 100,000
// articles, and only the hub waits for it: the server runs it once the
// new site is served (Handler.Refresh). The pages of a channel that cannot
// be read are all listed: a page may be announced with the same bytes,
// never left out with new ones.
//
// The unchanged channels first take over the archive of the site before,
// which that site's comparison must have made (see Handler.Refresh).
func (site *Site) compareArchives(ctx context.Context) error {
	for _, s := range site.pubs {
		for _, ch := range s.channels {
			if from := ch.archiveFrom; from != nil {
				ch.archive, ch.archiveLost, ch.archiveFrom = from.archive, from.archiveLost, nil
			}
		}
	}
	jobs := site.archiveJobs
	site.archiveJobs = nil
	var errs []error
	listed := false
	for _, j := range jobs {
		n := len(site.changed)
		err := site.compareArchive(ctx, j)
		if err != nil {
			errs = append(errs, err)
			j.ch.archive, j.ch.archiveLost = nil, true
			for i := range j.ch.pages {
				for _, ext := range []string{extRSS, extAtom} {
					site.changed = append(site.changed, j.s.archivePath(j.ch.slug, i+1, ext))
				}
			}
		}
		listed = listed || len(site.changed) > n
	}
	if listed {
		slices.Sort(site.changed)
		site.changed = slices.Compact(site.changed)
	}
	return errors.Join(errs...)
}

// waitCompared waits until the site's archives were compared, when that
// runs in the background.
func (site *Site) waitCompared() {
	if site.compared != nil {
		<-site.compared
	}
}

// compareArchive reads the archive pages of one channel and adds to the
// site's changed feeds those whose key differs from the old channel's.
func (site *Site) compareArchive(ctx context.Context, j archiveJob) error {
	s, ch, old := j.s, j.ch, j.old
	states, err := site.store.RangeStates(ctx, s.pub.ID, ch.storeSlug(), s.cfg.FeedItems)
	if err != nil {
		return fmt.Errorf("load archive pages of %q: %w", ch.slug, err)
	}
	n := min(ch.pages, len(states))
	archive := make([]archiveKey, n)
	for i := range n {
		rs := states[i]
		k := archiveKey{first: rs.First, articles: rs.Articles, updated: rs.Updated.UnixMicro(), issueUpdated: rs.IssueUpdated.UnixMicro(), newer: i+1 < ch.pages}
		if s.mayHideRevision(rs.IssueUpdated) || rs.Articles == 0 {
			k.lastWrite = s.issues.Updated.UnixMicro()
		}
		archive[i] = k
		if !j.regenerated && (old == nil || !old.archiveLost && (i >= len(old.archive) || old.archive[i] == k)) {
			continue
		}
		for _, ext := range []string{extRSS, extAtom} {
			site.changed = append(site.changed, s.archivePath(ch.slug, i+1, ext))
		}
	}
	ch.archive, ch.archiveLost = archive, false
	return nil
}

// notifyChanged calls the function of OnFeedsChanged with the feeds the
// refresh that made site changed, if any.
func (s *Handler) notifyChanged(site *Site) {
	if s.onChanged == nil || len(site.changed) == 0 {
		return
	}
	urls := make([]string, len(site.changed))
	for i, p := range site.changed {
		urls[i] = s.cfg.BaseURL + escape(p)
	}
	s.onChanged(FeedsChanged{Version: site.Version, URLs: urls})
}

// Feed is one feed document as the handler serves it.
type Feed struct {
	// URL is the feed's own URL, as its self link gives it.
	URL         string
	Body        []byte
	ContentType string
	// ETag is the entity tag of Body without quotes: a hash of the
	// bytes.
	ETag string
	// Link is the Link header served with it, "" without hubs.
	Link string
	// Version is the store version of the site it was read from.
	Version int64
}

// Feed returns the feed at the absolute URL u as served now: a
// subscription feed from memory, an archive page rendered. Its error has
// kind NotFound when u is no feed of the site (another site's URL, a
// page that is not a feed, a feed that does not exist), Unavailable
// before the first render.
func (s *Handler) Feed(ctx context.Context, u string) (*Feed, error) {
	site := s.site.Load()
	if site == nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Unavailable, "no site rendered yet")
	}
	path, ok := s.feedPathOf(u)
	if !ok {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "%s is not a feed of this site", u)
	}
	pub, rest := site.publicationOf(path)
	if pub == nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "%s is not a feed of this site", u)
	}
	rt, _, ok := matchRoute(rest)
	if !ok || !isFeedRoute(rt) {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "%s is not a feed of this site", u)
	}
	f := &Feed{URL: s.cfg.BaseURL + escape(path), ContentType: rt.contentType, Version: site.Version}
	if l := linkHeader(s.cfg.Hubs, f.URL); l != nil {
		f.Link = l[0]
	}
	if res := site.resources[path]; res != nil {
		f.Body, f.ETag = res.body, res.tag
		return f, nil
	}
	body, err := site.Page(ctx, path)
	if err != nil {
		return nil, err
	}
	f.Body, f.ETag = body, bodyTag(body)
	return f, nil
}

// feedPathOf returns the path of the site that the absolute URL u names:
// under the base URL, without a query or a fragment.
func (s *Handler) feedPathOf(u string) (string, bool) {
	pu, err := url.Parse(u)
	if err != nil || pu.RawQuery != "" || pu.Fragment != "" || pu.User != nil {
		return "", false
	}
	base, err := url.Parse(s.cfg.BaseURL)
	if err != nil || !strings.EqualFold(pu.Scheme, base.Scheme) || !strings.EqualFold(pu.Host, base.Host) {
		return "", false
	}
	path, ok := strings.CutPrefix(pu.Path, base.Path)
	if !ok || !strings.HasPrefix(path, "/") {
		return "", false
	}
	return path, true
}

// compareArchives compares the archive pages of site, served, with those
// of cur, the site it replaced, and tells the hub what changed. A first
// render lists no archive page, and its comparison, which at 100,000
// articles reads every article twice over, only makes what the next one
// compares with: it runs in the background, so that an issue stored right
// after start is not held up behind it. The next comparison waits for it.
func (s *Handler) compareArchives(ctx context.Context, site, cur *Site) {
	if cur != nil {
		cur.waitCompared()
	}
	if cur != nil || len(site.archiveJobs) == 0 {
		if err := site.compareArchives(ctx); err != nil {
			s.log.Warn("archive pages not compared: announcing them all", "err", err)
		}
		s.notifyChanged(site)
		return
	}
	s.notifyChanged(site)
	site.compared = make(chan struct{})
	go func() {
		defer close(site.compared)
		if err := site.compareArchives(context.WithoutCancel(ctx)); err != nil {
			s.log.Warn("archive pages of the first render not compared: the next render announces them all", "err", err)
		}
	}()
}
