package feed

import (
	"bytes"
	"fmt"
	"net/http"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// goneResources are a publication's 410 pages: every gone article of a
// publication shares one response, as does every gone issue, since the
// page only says what was removed.
type goneResources struct{ issue, article *resource }

// renderGone lists in gone a 410 Gone response at the page of each issue
// and article the store deleted, so that readers and crawlers holding the
// link learn it was removed on purpose rather than lost. The responses
// are rendered when the publication has none yet.
func (s *publication) renderGone(gone map[string]*resource, ttl []string) error {
	kinds := []struct {
		route *route
		res   **resource
		paths []string
	}{
		{routeIssue, &s.goneRes.issue, s.goneIssuePaths()},
		{routeArticle, &s.goneRes.article, s.goneArticlePaths()},
	}
	for _, k := range kinds {
		if len(k.paths) == 0 {
			continue
		}
		if *k.res == nil {
			var b bytes.Buffer
			if err := s.writeErrorPage(&b, http.StatusGone, goneMessage(s.lang, k.route)); err != nil {
				return fmt.Errorf("render 410 page: %w", err)
			}
			*k.res = newResource(http.StatusGone, s.label(k.route), typeHTML, b.Bytes(), time.Time{}, ttl)
		}
		for _, p := range k.paths {
			gone[p] = *k.res
		}
	}
	return nil
}

// goneIssuePaths returns the pages of deleted issues; issuePath keeps a
// bad key inside /issues/.
func (s *publication) goneIssuePaths() []string {
	out := make([]string, 0, len(s.goneIssues))
	for _, k := range s.goneIssues {
		out = append(out, s.issuePath(k))
	}
	return out
}

// goneArticlePaths returns the pages of deleted articles. An id that could
// not be a path segment (the store's ids are URL-safe, so only a damaged
// row) is skipped rather than made into a path outside /articles/.
func (s *publication) goneArticlePaths() []string {
	out := make([]string, 0, len(s.goneArticles))
	for _, id := range s.goneArticles {
		if bulletinfeed.CheckKey(id) == nil {
			out = append(out, s.articlePath(id))
		}
	}
	return out
}

// goneMessage is the text of a 410 page, in the publication's language.
func goneMessage(lang string, route *route) string {
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
