package feed

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"

	"github.com/bulletinfeed/bulletinfeed"
)

// Batch sizes of the walk of the store.
const (
	versionBatch = 1000
	issueBatch   = 500
)

// buildPlan is every file of a static build: the resources in memory and
// every page rendered on request, with the version key that tells whether
// the file of the last build still holds it.
type buildPlan struct {
	files []*plannedFile // sorted by path
}

// plannedFile is one file of a build.
type plannedFile struct {
	path string
	file string // FilePath(path), slash-separated
	// page is nil for a resource in memory; for a page rendered on
	// request it carries its version key (page.tag).
	page *coldPage
	// issueKey is the issue of an article or issue page: a build
	// renders the pages of one issue from one read.
	issueKey string
}

// AllPaths returns the path of every page and feed of the site, those in
// memory and those rendered on request, sorted. It walks the store in
// batches; the result is kept for WriteDir and Shrink.
func (site *Site) AllPaths(ctx context.Context) ([]string, error) {
	plan, err := site.buildPlan(ctx)
	if err != nil {
		return nil, err
	}
	paths := make([]string, len(plan.files))
	for i, f := range plan.files {
		paths[i] = f.path
	}
	return paths, nil
}

// buildPlan walks the store once for every page the site has and keeps
// the plan.
func (site *Site) buildPlan(ctx context.Context) (*buildPlan, error) {
	site.planOnce.Do(func() { site.plan, site.planErr = site.walk(ctx) })
	return site.plan, site.planErr
}

func (site *Site) walk(ctx context.Context) (*buildPlan, error) {
	plan := &buildPlan{}
	for p := range site.resources {
		plan.add(&plannedFile{path: p})
	}
	now := site.cfg.Now()
	for _, s := range site.pubs {
		if err := site.walkPublication(ctx, s.at(now), plan); err != nil {
			return nil, err
		}
	}
	// The files for crawlers and each publication's icon; redirects
	// have no file. /favicon.ico is served only.
	add := func(c *coldPage) {
		if err := c.siteFileVersion(); err == nil {
			plan.add(&plannedFile{path: c.path, page: c})
		}
	}
	root := site.pubs[0].at(now)
	for _, rt := range []*route{routeRobots, routeSitemapIndex} {
		add(siteFilePage(root, site.pubs, rt, rt.path("")))
	}
	for _, s := range site.pubs {
		s = s.at(now)
		add(siteFilePage(s, site.pubs, iconRoute(s.icon().Type), s.iconPath()))
		for n := 1; n <= s.sitemapPages(); n++ {
			add(siteFilePage(s, site.pubs, routeSitemap, s.sitemapPath(n), strconv.Itoa(n)))
		}
	}
	sort.Slice(plan.files, func(i, j int) bool { return plan.files[i].path < plan.files[j].path })
	return plan, nil
}

func (p *buildPlan) add(f *plannedFile) {
	f.file = filepath.ToSlash(FilePath(f.path))
	p.files = append(p.files, f)
}

// walkPublication adds the pages of one publication rendered on request:
// its articles (ArticleVersions, by batches), its issues and the pages of
// their list (IssuesInRange, IssueRangeState), the archive pages of each
// channel (one RangeStates each).
func (site *Site) walkPublication(ctx context.Context, s *publication, plan *buildPlan) error {
	pubID := s.pub.ID
	page := func(rt *route, path string, args ...string) *coldPage {
		c := &coldPage{s: s, route: rt, path: path}
		for _, a := range args {
			c.p.vals[c.p.n] = a
			c.p.n++
		}
		return c
	}
	// The articles, and the issues they belong to: each article's
	// version carries its issue's, which is all an issue page's tag
	// needs. Only when some issue has no article left are the issues
	// listed as well.
	issues := map[string]bool{}
	for after := ""; ; {
		vs, err := site.store.ArticleVersions(ctx, pubID, after, versionBatch)
		if err != nil {
			return fmt.Errorf("list articles of %q: %w", pubID, err)
		}
		for _, v := range vs {
			if !issues[v.IssueKey] {
				issues[v.IssueKey] = true
				c := page(routeIssue, s.issuePath(v.IssueKey), issueSegment(v.IssueKey))
				c.tag, c.mod = s.issueTag(c.path, &bulletinfeed.Issue{Key: v.IssueKey, UpdatedAt: v.IssueUpdated})
				plan.add(&plannedFile{path: c.path, page: c, issueKey: v.IssueKey})
			}
			if bulletinfeed.CheckKey(v.ID) != nil {
				continue // not a path segment: a damaged row
			}
			c := page(routeArticle, s.articlePath(v.ID), v.ID)
			c.tag, c.mod = s.articleTag(c.path, v)
			plan.add(&plannedFile{path: c.path, page: c, issueKey: v.IssueKey})
		}
		if len(vs) < versionBatch {
			break
		}
		after = vs[len(vs)-1].ID
	}
	last := s.issues.LastOrdinal
	for first := int64(1); first <= last && len(issues) < s.issues.Articles; first += issueBatch {
		batch, err := site.store.IssuesInRange(ctx, pubID, first, first+issueBatch-1)
		if err != nil {
			return fmt.Errorf("list issues of %q: %w", pubID, err)
		}
		for _, iss := range batch {
			if issues[iss.Key] {
				continue
			}
			issues[iss.Key] = true
			c := page(routeIssue, s.issuePath(iss.Key), issueSegment(iss.Key))
			c.tag, c.mod = s.issueTag(c.path, iss)
			plan.add(&plannedFile{path: c.path, page: c, issueKey: iss.Key})
		}
	}
	pages := issuePages(last)
	for n := 1; n <= pages; n++ {
		first, end := pageRange(n, issuesPerPage)
		rs, err := site.store.IssueRangeState(ctx, pubID, first, end)
		if err != nil {
			return fmt.Errorf("list issues of %q: %w", pubID, err)
		}
		c := page(routeIssueList, s.issueListPath(n), strconv.Itoa(n))
		c.tag, c.mod, c.cc = s.rangeTag(c.path, rs, n < pages, end <= last)
		plan.add(&plannedFile{path: c.path, page: c})
	}
	for _, ch := range s.channels {
		if ch.pages == 0 {
			continue
		}
		states, err := site.store.RangeStates(ctx, pubID, ch.storeSlug(), s.cfg.FeedItems)
		if err != nil {
			return fmt.Errorf("list archive pages of %q: %w", ch.slug, err)
		}
		for n := 1; n <= ch.pages && n <= len(states); n++ {
			routes := []*route{routeArchiveRSS, routeArchiveAtom}
			if ch.slug != AllSlug {
				routes = append(routes, routeSectionPage)
			}
			for _, rt := range routes {
				var path string
				switch rt {
				case routeSectionPage:
					path = s.sectionPagePath(ch.slug, n)
				case routeArchiveRSS:
					path = s.archivePath(ch.slug, n, extRSS)
				default:
					path = s.archivePath(ch.slug, n, extAtom)
				}
				c := page(rt, path, ch.slug, strconv.Itoa(n))
				c.tag, c.mod, c.cc = s.rangeTag(path, states[n-1], n < ch.pages, true)
				plan.add(&plannedFile{path: path, page: c})
			}
		}
	}
	return nil
}

// renderedFile is the outcome of rendering one planned file.
type renderedFile struct {
	f    *plannedFile
	body []byte
	err  error
}

// renderJobs groups the planned pages to render into jobs that share a
// read of the store: the pages of one issue (its page and its articles')
// from one Issue, the archive pages of one range of a channel (RSS, Atom,
// section page) from one ArchiveArticles, a page of the list of issues
// alone.
func renderJobs(files []*plannedFile) [][]*plannedFile {
	byIssue := map[string][]*plannedFile{}
	byRange := map[string][]*plannedFile{}
	var jobs [][]*plannedFile
	for _, f := range files {
		c := f.page
		switch c.route {
		case routeArticle, routeIssue:
			k := c.s.prefix + "\x00" + f.issueKey
			byIssue[k] = append(byIssue[k], f)
		case routeArchiveRSS, routeArchiveAtom, routeSectionPage:
			k := c.s.prefix + "\x00" + c.p.at(0) + "\x00" + c.p.at(1)
			byRange[k] = append(byRange[k], f)
		default:
			jobs = append(jobs, []*plannedFile{f})
		}
	}
	for _, k := range sortedKeys(byIssue) {
		jobs = append(jobs, byIssue[k])
	}
	for _, k := range sortedKeys(byRange) {
		jobs = append(jobs, byRange[k])
	}
	return jobs
}

// renderJob renders the pages of one job.
func (site *Site) renderJob(ctx context.Context, job []*plannedFile) []renderedFile {
	out := make([]renderedFile, len(job))
	for i, f := range job {
		out[i].f = f
	}
	fail := func(err error) []renderedFile {
		for i := range out {
			out[i].err = err
		}
		return out
	}
	c := job[0].page
	s := c.s
	switch c.route {
	case routeArticle, routeIssue:
		iss, err := site.store.Issue(ctx, s.pub.ID, job[0].issueKey)
		if err != nil {
			return fail(fmt.Errorf("load issue %q: %w", job[0].issueKey, err))
		}
		clean := cleanIssue(iss)
		byID := map[string]*bulletinfeed.Article{}
		for _, a := range clean.Articles {
			byID[a.ID] = a
		}
		for i, f := range job {
			if f.page.route == routeIssue {
				out[i].body, out[i].err = s.bytesOf(func(b *bytes.Buffer) error { return s.writeIssue(b, clean) })
				continue
			}
			a := byID[f.page.p.at(0)]
			if a == nil {
				out[i].err = fmt.Errorf("article %s is no longer in issue %q", f.page.p.at(0), iss.Key)
				continue
			}
			out[i].body, out[i].err = s.bytesOf(func(b *bytes.Buffer) error { return s.writeArticle(b, a, clean) })
		}
	case routeArchiveRSS, routeArchiveAtom, routeSectionPage:
		ch, n, ok := c.channelPage()
		if !ok {
			return fail(c.notFound())
		}
		es, err := s.pageEntries(ctx, site.store, ch, n)
		if err != nil {
			return fail(err)
		}
		for i, f := range job {
			out[i].body, out[i].err = s.bytesOf(func(b *bytes.Buffer) error {
				switch f.page.route {
				case routeArchiveRSS:
					return s.writeRSS(b, ch, n, es)
				case routeArchiveAtom:
					return s.writeAtom(b, ch, n, es)
				}
				return s.writeSectionPage(b, ch, n, es)
			})
		}
	default:
		for i, f := range job {
			out[i].body, out[i].err = f.page.render(ctx, site.store)
		}
	}
	return out
}

// bytesOf returns what write writes.
func (s *publication) bytesOf(write func(*bytes.Buffer) error) ([]byte, error) {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
