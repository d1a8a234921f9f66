package bulletinfeed

import "slices"

// MaxPublicationID is the longest publication id accepted, in bytes.
const MaxPublicationID = 64

// CheckPublicationID reports whether id can name a publication. Every
// publication but the first is served under /{id}/, so an id is a URL
// segment and a folder of a static build: lowercase ASCII letters and
// digits, with hyphens or underscores inside, at most MaxPublicationID
// bytes; and it may not be one of routes, the first path segments of the
// site's own routes (which feed.RouteSegments lists from its route
// table), or the publication would shadow them or be shadowed. This is
// the one place that decides; the configuration check and feed both call
// it, so an id a file may hold is an id the server serves.
func CheckPublicationID(id string, routes []string) error {
	switch {
	case id == "":
		return Errorf(Invalid, "publication id is empty")
	case len(id) > MaxPublicationID:
		return Errorf(Invalid, "publication id %q is longer than %d bytes", shorten(id), MaxPublicationID)
	case slices.Contains(routes, id):
		return Errorf(Invalid, "publication id %q is a path of the site's own (/%s); choose another id", id, id)
	}
	for i, r := range id {
		alnum := r >= 'a' && r <= 'z' || r >= '0' && r <= '9'
		if !alnum && (i == 0 || i == len(id)-1 || r != '-' && r != '_') {
			return Errorf(Invalid, "publication id %q: want lowercase letters, digits and hyphens, such as weekly-brief", id)
		}
	}
	return nil
}
