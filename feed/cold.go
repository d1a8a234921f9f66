package feed

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strconv"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// coldPage is a page rendered on request: an article, an issue, an
// archive page of a feed or of a section, or a page of the list of
// issues. Its entity tag is made before it is rendered, from a cheap read
// of what it shows (version), so that a conditional request or a cached
// copy is answered without rendering.
type coldPage struct {
	s     *publication
	route *route
	path  string
	p     params
	// pubs are the site's publications, which the sitemap index lists.
	pubs []*publication

	// Set by version (or by a build's walk of the store).
	tag string
	mod time.Time
	cc  []string
	// issue is the issue an issue page shows, read by version.
	issue *bulletinfeed.Issue
	// article and its issue are an article page's content, read by
	// load with its version.
	article      *bulletinfeed.Article
	articleIssue *bulletinfeed.Issue
}

// coldPage returns the page rendered on request at path, or nil when
// path is no such route.
func (site *Site) coldPage(path string) *coldPage {
	s, rest := site.publicationOf(path)
	if s == nil {
		return nil
	}
	rt, p, ok := matchRoute(rest)
	if !ok || rt.hot || rt.redirect != nil || (rt.root && s.prefix != "") {
		return nil
	}
	return &coldPage{s: s.at(site.cfg.Now()), route: rt, path: path, p: p, pubs: site.pubs}
}

// publicationOf returns the publication of a path and the path without
// its /{id}, or nil when it names no publication of the site.
func (site *Site) publicationOf(path string) (*publication, string) {
	if id, rest := splitPublication(path); id != "" {
		if s := site.byID[id]; s != nil {
			return s, rest
		}
		return nil, ""
	}
	return site.pubs[0], path
}

// notFound is the error of a page the site does not have.
func (c *coldPage) notFound() error {
	return bulletinfeed.Errorf(bulletinfeed.NotFound, "no page at %s", c.path)
}

// channelPage returns the channel and page number of an archive page,
// or false when the channel has no such complete page.
func (c *coldPage) channelPage() (*channel, int, bool) {
	ch := c.s.channel(c.p.at(0))
	if ch == nil || (c.route == routeSectionPage && ch.slug == AllSlug) {
		return nil, 0, false
	}
	n := pageNumber(c.p.at(1))
	return ch, n, n <= ch.pages
}

// version reads what the page shows that can change and sets its entity
// tag, Last-Modified and Cache-Control. Its error has kind NotFound when
// the page does not exist.
func (c *coldPage) version(ctx context.Context, st Store) error {
	s := c.s
	switch c.route {
	case routeArticle:
		v, err := st.ArticleVersion(ctx, s.pub.ID, c.p.at(0))
		if err != nil {
			return err
		}
		c.tag, c.mod = s.articleTag(c.path, v)
		c.cc = cacheControl(s.cfg.TTL)
	case routeIssue:
		iss, err := s.issueBySegment(ctx, st, c.p.at(0))
		if err != nil {
			return err
		}
		c.issue = iss
		c.tag, c.mod = s.issueTag(c.path, iss)
		c.cc = cacheControl(s.cfg.TTL)
	case routeArchiveRSS, routeArchiveAtom, routeSectionPage:
		ch, n, ok := c.channelPage()
		if !ok {
			return c.notFound()
		}
		first, last := pageRange(n, s.cfg.FeedItems)
		rs, err := st.RangeState(ctx, s.pub.ID, ch.storeSlug(), first, last)
		if err != nil {
			return err
		}
		c.tag, c.mod, c.cc = s.rangeTag(c.path, rs, n < ch.pages, true)
	case routeIssueList:
		n, pages := pageNumber(c.p.at(0)), issuePages(s.issues.LastOrdinal)
		if n > pages {
			return c.notFound()
		}
		first, last := pageRange(n, issuesPerPage)
		rs, err := st.IssueRangeState(ctx, s.pub.ID, first, last)
		if err != nil {
			return err
		}
		c.tag, c.mod, c.cc = s.rangeTag(c.path, rs, n < pages, last <= s.issues.LastOrdinal)
	case routeRobots, routeFavicon, routeSitemapIndex, routeSitemap, routeIconSVG, routeIconPNG, routeIconICO:
		return c.siteFileVersion()
	default:
		return c.notFound()
	}
	return nil
}

// load reads, for a page that version would read and render read
// again, its content and its version in one: an article page. It
// reports false, having read nothing, for other pages. Its error is
// version's.
func (c *coldPage) load(ctx context.Context, st Store) (bool, error) {
	if c.route != routeArticle {
		return false, nil
	}
	a, iss, err := st.PublicationArticle(ctx, c.s.pub.ID, c.p.at(0))
	if err != nil {
		return true, err
	}
	c.article, c.articleIssue = a, iss
	c.tag, c.mod = c.s.articleTag(c.path, bulletinfeed.ArticleVersion{ID: a.ID, IssueKey: iss.Key, Updated: a.Updated, IssueUpdated: iss.UpdatedAt})
	c.cc = cacheControl(c.s.cfg.TTL)
	return true, nil
}

// render reads the page's content and writes it.
func (c *coldPage) render(ctx context.Context, st Store) ([]byte, error) {
	var b bytes.Buffer
	if err := c.renderTo(ctx, st, &b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// renderTo reads the page's content and writes it to b.
func (c *coldPage) renderTo(ctx context.Context, st Store, b *bytes.Buffer) error {
	s := c.s
	var err error
	switch c.route {
	case routeArticle:
		a, iss := c.article, c.articleIssue
		if a == nil {
			var lerr error
			if a, iss, lerr = st.PublicationArticle(ctx, s.pub.ID, c.p.at(0)); lerr != nil {
				return lerr
			}
		}
		err = s.writeArticle(b, cleanArticle(a), cleanIssue(iss))
	case routeIssue:
		iss := c.issue
		if iss == nil {
			if iss, err = s.issueBySegment(ctx, st, c.p.at(0)); err != nil {
				return err
			}
		}
		err = s.writeIssue(b, cleanIssue(iss))
	case routeArchiveRSS, routeArchiveAtom, routeSectionPage:
		ch, n, ok := c.channelPage()
		if !ok {
			return c.notFound()
		}
		es, lerr := s.pageEntries(ctx, st, ch, n)
		if lerr != nil {
			return lerr
		}
		switch c.route {
		case routeArchiveRSS:
			err = s.writeRSS(b, ch, n, es)
		case routeArchiveAtom:
			err = s.writeAtom(b, ch, n, es)
		default:
			err = s.writeSectionPage(b, ch, n, es)
		}
	case routeIssueList:
		n := pageNumber(c.p.at(0))
		first, last := pageRange(n, issuesPerPage)
		issues, lerr := st.IssuesInRange(ctx, s.pub.ID, first, last)
		if lerr != nil {
			return lerr
		}
		for i, iss := range issues {
			issues[i] = cleanIssue(iss)
		}
		err = s.writeIssueList(b, n, issues)
	case routeRobots, routeFavicon, routeSitemapIndex, routeSitemap, routeIconSVG, routeIconPNG, routeIconICO:
		err = c.writeSiteFile(ctx, st, b)
	default:
		return c.notFound()
	}
	if err != nil {
		return fmt.Errorf("render %s: %w", c.path, err)
	}
	return nil
}

// pageEntries returns the articles of archive page n of a channel,
// oldest first.
func (s *publication) pageEntries(ctx context.Context, st Store, ch *channel, n int) ([]*entry, error) {
	first, last := pageRange(n, s.cfg.FeedItems)
	as, err := st.ArchiveArticles(ctx, s.pub.ID, ch.storeSlug(), first, last)
	if err != nil {
		return nil, fmt.Errorf("load archive page %d of %q: %w", n, ch.slug, err)
	}
	return s.entries(nil, as), nil
}

// cleanIssue returns a copy of iss with its title and articles cleaned.
func cleanIssue(iss *bulletinfeed.Issue) *bulletinfeed.Issue {
	c := *iss
	c.Title = cleanText(iss.Title)
	c.Articles = make([]*bulletinfeed.Article, len(iss.Articles))
	for i, a := range iss.Articles {
		c.Articles[i] = cleanArticle(a)
	}
	return &c
}

// Entity tags of pages rendered on request: a hash of the publication's
// generation, the path and the version of what the page shows.

func (s *publication) tagOf(path string, parts ...int64) string {
	b := make([]byte, 0, 128)
	b = append(b, s.generation...)
	b = append(b, 0)
	b = append(b, path...)
	for _, p := range parts {
		b = append(b, 0)
		b = strconv.AppendInt(b, p, 10)
	}
	sum := sha256.Sum256(b)
	return base64.RawURLEncoding.EncodeToString(sum[:18])
}

// flag is a boolean as a part of a tag.
func flag(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// articleTag returns the tag and Last-Modified of an article's page: it
// shows the article and its issue's title and date.
func (s *publication) articleTag(path string, v bulletinfeed.ArticleVersion) (string, time.Time) {
	mod := s.clamp(v.Updated)
	if u := s.clamp(v.IssueUpdated); u.After(mod) {
		mod = u
	}
	return s.tagOf(path+"\x00"+v.IssueKey, v.Updated.UnixMicro(), v.IssueUpdated.UnixMicro()), mod
}

// issueTag returns the tag and Last-Modified of an issue's page. Every
// ingest that changes the issue moves its UpdatedAt.
func (s *publication) issueTag(path string, iss *bulletinfeed.Issue) (string, time.Time) {
	mod := s.clamp(iss.UpdatedAt)
	for _, a := range iss.Articles {
		if u := s.updated(a); u.After(mod) {
			mod = u
		}
	}
	return s.tagOf(path, iss.UpdatedAt.UnixMicro()), mod
}

// rangeTag returns the tag, Last-Modified and Cache-Control of a page of
// a range of ordinals. newer says whether the page links a newer page
// rather than the newest list: a complete page that does is immutable,
// since neither its articles nor its links change any more (but for a
// revision or a deletion, which readers may miss).
func (s *publication) rangeTag(path string, rs bulletinfeed.RangeState, newer, complete bool) (string, time.Time, []string) {
	var mod time.Time
	if !rs.Updated.IsZero() {
		mod = s.clamp(rs.Updated)
	}
	cc := cacheControl(s.cfg.TTL)
	if complete && newer {
		cc = hdrImmutable
	}
	// A revision of an issue changes the page when it holds one of the
	// issue's articles, kept or not (they move in print order): its
	// IssueUpdated. A page of articles of an issue written as late as the
	// publication's last write may hold a revision its state does not
	// show: its tag follows every write. So does an empty page (its
	// articles deleted), whose feed says the publication's last change as
	// its updated time (see feedUpdated): one tag must always mean the
	// same bytes.
	var lastWrite int64
	if s.mayHideRevision(rs.IssueUpdated) || rs.Articles == 0 {
		lastWrite = s.issues.Updated.UnixMicro()
	}
	return s.tagOf(path, rs.First, int64(rs.Articles), rs.Updated.UnixMicro(), rs.IssueUpdated.UnixMicro(), flag(newer), flag(complete), lastWrite), mod, cc
}
