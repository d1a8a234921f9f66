package feed

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"sort"
	"time"
)

// Site is a whole rendered site: every page and feed of every publication,
// by URL path, ready to serve or to write out.
type Site struct {
	// Version is the store version the site was rendered from.
	Version int64
	// Duration is how long the render took.
	Duration time.Duration

	resources map[string]*resource
	notFound  *resource
	// gone holds the pages of deleted issues and articles, which answer
	// 410 and are not written by a static build.
	gone map[string]*resource
	// failed holds the paths whose render failed, with the error: one bad
	// article must not take the rest of the site down, so the others are
	// rendered and served and these answer 500.
	failed map[string]error
}

// Failed returns the paths that failed to render, with their errors.
func (s *Site) Failed() map[string]error { return s.failed }

// Paths returns the paths of every page and feed, sorted.
func (s *Site) Paths() []string { return sortedKeys(s.resources) }

// Gone returns the paths of deleted issues and articles, which the server
// answers with 410 Gone, sorted.
func (s *Site) Gone() []string { return sortedKeys(s.gone) }

func sortedKeys(m map[string]*resource) []string {
	paths := make([]string, 0, len(m))
	for p := range m {
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

// Render reads the publications of cfg (Publications, else PublicationID)
// from st and renders every page and feed of each. The store version is
// read first, so a change that lands during the render is seen by the next
// one. Publication ids that cannot share one site are an Invalid error.
func Render(ctx context.Context, st Store, cfg Config) (*Site, error) {
	cfg = cfg.withDefaults()
	if err := CheckPublications(cfg.Publications); err != nil {
		return nil, err
	}
	if err := checkBase(cfg.Publications, basePathOf(cfg.BaseURL)); err != nil {
		return nil, err
	}
	start := time.Now()
	version, sites, err := loadConsistent(ctx, st, cfg)
	if err != nil {
		return nil, err
	}
	out := &Site{resources: map[string]*resource{}, gone: map[string]*resource{}, failed: map[string]error{}}
	for _, s := range sites {
		s.render(out)
	}
	// After every live page, so that a deleted id that came back (an
	// issue ingested again) is served, not gone.
	for _, s := range sites {
		if err := s.renderGone(out); err != nil {
			return nil, err
		}
	}
	first := sites[0]
	var b bytes.Buffer
	if err := first.writeErrorPage(&b, http.StatusNotFound, notFoundMessage(first.lang)); err != nil {
		return nil, fmt.Errorf("render 404 page: %w", err)
	}
	out.notFound = newResource(http.StatusNotFound, routeOther, typeHTML, b.Bytes(), time.Time{}, cfg.TTL)
	out.Version = version
	out.Duration = time.Since(start)
	return out, nil
}

// add renders one resource of the publication into out. A failed render
// is kept in out.failed rather than stopping the others.
func (s *site) add(out *Site, path, route, contentType string, mod time.Time, maxAge time.Duration, write func(io.Writer) error) {
	var b bytes.Buffer
	if err := write(&b); err != nil {
		out.failed[path] = fmt.Errorf("render %s: %w", path, err)
		s.cfg.Log.Error("render failed; the path answers 500 until a later render succeeds", "path", path, "err", err)
		return
	}
	out.resources[path] = newResource(http.StatusOK, s.label(route), contentType, b.Bytes(), mod, maxAge)
}

// modified returns the Last-Modified of a resource showing content as new
// as t. It must move whenever a resource may have changed, or a client
// polling with If-Modified-Since alone keeps a stale copy. An ingest can
// change a feed without giving it a newer article: an issue dated before
// the newest, a revision that only removes an article. The time of the
// last ingest that changed anything covers those.
func (s *site) modified(t time.Time) time.Time {
	if changed := s.lastChange(); changed.After(t) {
		return changed
	}
	return t
}

// indexModified is the newest change of anything the publication shows:
// the Last-Modified of its index and its OPML.
func (s *site) indexModified() time.Time {
	newest := s.newest(s.channels[0].articles)
	for _, iss := range s.issues {
		if t := s.newest(iss.Articles); t.After(newest) {
			newest = t
		}
	}
	return s.modified(newest)
}

// render writes every page and feed of the publication into out.
func (s *site) render(out *Site) {
	ttl := s.cfg.TTL
	indexMod := s.indexModified()
	s.add(out, s.indexPath(), routeIndex, typeHTML, indexMod, ttl, s.writeIndex)
	// The root's subscription lists hold every publication; the others'
	// only their own.
	listed := []*site{s}
	if s.prefix == "" {
		listed = s.all
	}
	opmlMod := indexMod
	for _, o := range listed {
		if t := o.indexModified(); t.After(opmlMod) {
			opmlMod = t
		}
	}
	for _, f := range opmlFormats {
		f := f
		s.add(out, s.opmlPath(f.ext), f.route, typeOPML, opmlMod, ttl, func(w io.Writer) error { return s.writeOPML(w, listed, f.ext, opmlMod) })
	}

	for _, ch := range s.channels {
		ch := ch
		mod := s.modified(s.newest(ch.articles))
		if ch.slug != AllSlug {
			s.add(out, s.sectionPath(ch.slug), routeSection, typeHTML, mod, ttl, func(w io.Writer) error { return s.writeSection(w, ch) })
		}
		s.add(out, s.feedPath(ch.slug, extRSS), routeFeedRSS, typeRSS, mod, ttl, func(w io.Writer) error { return s.writeRSS(w, ch, 0) })
		s.add(out, s.feedPath(ch.slug, extAtom), routeFeedAtom, typeAtom, mod, ttl, func(w io.Writer) error { return s.writeAtom(w, ch, 0) })
		s.add(out, s.feedPath(ch.slug, extJSON), routeFeedJSON, typeJSON, mod, ttl, func(w io.Writer) error { return s.writeJSON(w, ch) })
		for p := 1; p <= ch.pages; p++ {
			p := p
			pmod := s.newest(ch.archive[p-1])
			s.add(out, s.archivePath(ch.slug, p, extRSS), routeArchiveRSS, typeRSS, pmod, archiveMaxAge, func(w io.Writer) error { return s.writeRSS(w, ch, p) })
			s.add(out, s.archivePath(ch.slug, p, extAtom), routeArchiveAtom, typeAtom, pmod, archiveMaxAge, func(w io.Writer) error { return s.writeAtom(w, ch, p) })
		}
	}

	for _, iss := range s.issues {
		iss := iss
		issueMod := s.newest(iss.Articles)
		if u := s.clamp(iss.UpdatedAt); u.After(issueMod) {
			issueMod = u
		}
		s.add(out, s.issuePath(iss.Key), routeIssue, typeHTML, issueMod, ttl, func(w io.Writer) error { return s.writeIssue(w, iss) })
		for _, a := range iss.Articles {
			a := a
			s.add(out, s.articlePath(a.ID), routeArticle, typeHTML, s.updated(a), ttl, func(w io.Writer) error { return s.writeArticle(w, a, iss) })
		}
	}
}
