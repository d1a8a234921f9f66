package feed

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// renderGone adds a 410 Gone response at the page of each issue and
// article the store deleted and the site no longer has, so that readers
// and crawlers holding the link learn it was removed on purpose rather
// than lost. Every gone article of a publication shares one response, as
// does every gone issue: the page only says what was removed.
func (s *site) renderGone(out *Site) error {
	kinds := []struct {
		route, message string
		paths          []string
	}{
		{routeIssue, goneMessage(s.lang, routeIssue), s.goneIssuePaths()},
		{routeArticle, goneMessage(s.lang, routeArticle), s.goneArticlePaths()},
	}
	for _, k := range kinds {
		if len(k.paths) == 0 {
			continue
		}
		var b bytes.Buffer
		if err := s.writeErrorPage(&b, http.StatusGone, k.message); err != nil {
			return fmt.Errorf("render 410 page: %w", err)
		}
		res := newResource(http.StatusGone, s.label(k.route), typeHTML, b.Bytes(), time.Time{}, s.cfg.TTL)
		for _, p := range k.paths {
			if out.resources[p] == nil && out.failed[p] == nil {
				out.gone[p] = res
			}
		}
	}
	return nil
}

// goneIssuePaths returns the pages of deleted issues; issuePath keeps a
// bad key inside /issues/.
func (s *site) goneIssuePaths() []string {
	out := make([]string, 0, len(s.goneIssues))
	for _, k := range s.goneIssues {
		out = append(out, s.issuePath(k))
	}
	return out
}

// goneArticlePaths returns the pages of deleted articles. An id that could
// not be a path segment (the store's ids are URL-safe, so only a damaged
// row) is skipped rather than made into a path outside /articles/.
func (s *site) goneArticlePaths() []string {
	out := make([]string, 0, len(s.goneArticles))
	for _, id := range s.goneArticles {
		if bulletinfeed.CheckKey(id) == nil {
			out = append(out, s.articlePath(id))
		}
	}
	return out
}

// goneMessage is the text of a 410 page, in the publication's language.
func goneMessage(lang, route string) string {
	zh := len(lang) >= 2 && lang[:2] == "zh"
	switch {
	case route == routeIssue && zh:
		return "本期已删除。This issue was removed."
	case route == routeIssue:
		return "This issue was removed."
	case zh:
		return "本文已删除。This article was removed."
	default:
		return "This article was removed."
	}
}
