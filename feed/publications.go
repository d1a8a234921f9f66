package feed

import (
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// CheckPublications reports whether ids can be served as one site: the
// first publication at the root, every other one under /{id}. Those ids
// must be simple lowercase slugs (a-z, 0-9, '-' and '_', starting with a
// letter or digit) that are not a route of the root (feeds, sections, …);
// no id may be given twice. Render calls it; a command may call it early
// to refuse a configuration before it opens anything.
func CheckPublications(ids []string) error {
	if len(ids) == 0 {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "no publication to render")
	}
	seen := map[string]bool{}
	for i, id := range ids {
		if seen[id] {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "publication %q is listed twice", id)
		}
		seen[id] = true
		if i == 0 {
			continue // served at the root: its id is in no path
		}
		if err := bulletinfeed.CheckPublicationID(id, RouteSegments()); err != nil {
			return err
		}
	}
	return nil
}

// checkBase refuses a publication whose id is the first folder of the base
// URL's path: /bulletin/x would then name both x in the publication and
// bulletin/x at the root, depending on whether a proxy stripped the prefix.
func checkBase(ids []string, base basePath) error {
	first, _, _ := strings.Cut(strings.TrimPrefix(base.path, "/"), "/")
	for _, id := range ids[1:] {
		if id == first {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "publication id %q is also the first folder of the base URL's path %q; requests would be ambiguous", id, base.path)
		}
	}
	return nil
}

// pubView is a publication as the list of publications shows it.
type pubView struct {
	Title, Description string
	Href, Atom         string
	Current            bool
}

// publicationViews returns every publication of the site for the nav and
// the root's list, with s marked current; nil for a site of one
// publication, which has no list.
func (s *publication) publicationViews() []*pubView {
	if len(s.all) < 2 {
		return nil
	}
	out := make([]*pubView, 0, len(s.all))
	for _, o := range s.all {
		out = append(out, &pubView{
			Title:       o.pub.Title,
			Description: o.pub.Description,
			Href:        o.href(o.indexPath()),
			Atom:        o.href(o.feedPath(AllSlug, extAtom)),
			Current:     o == s,
		})
	}
	return out
}
