package feed

import (
	"context"
	"strings"
	"sync"

	"github.com/bulletinfeed/bulletinfeed"
)

// legacyKeys maps the URL segments of stored issue keys that
// bulletinfeed.CheckKey refuses (stored before keys were checked, served
// as /issues/key-<hash>, see issueSegment) back to the keys. It is filled
// once per refresh, on the first request for such a segment, by one walk
// over the publication's issues: such keys are rare and only in old
// stores, and a request for a segment that is no issue costs the walk at
// most once.
type legacyKeys struct {
	mu   sync.Mutex
	keys map[string]string // nil until filled
}

// legacyKeyPrefix starts the segment of a key that CheckKey refuses.
const legacyKeyPrefix = "key-"

// issueKey returns the stored key of an issue's URL segment: the segment
// itself, or the legacy key whose segment it is.
func (s *site) issueKey(ctx context.Context, st Store, segment string) (string, error) {
	if !strings.HasPrefix(segment, legacyKeyPrefix) || s.legacy == nil {
		return segment, nil
	}
	if _, err := st.Issue(ctx, s.pub.ID, segment); err == nil || bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
		return segment, err // a key that really is "key-…", or a store failure
	}
	l := s.legacy
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.keys == nil {
		// A failed walk leaves keys nil, to be tried by the next request.
		keys := map[string]string{}
		if s.issues.LastOrdinal > 0 {
			issues, err := st.IssuesInRange(ctx, s.pub.ID, 1, s.issues.LastOrdinal)
			if err != nil {
				return "", err
			}
			for _, iss := range issues {
				if seg := issueSegment(iss.Key); seg != iss.Key {
					keys[seg] = iss.Key
				}
			}
		}
		l.keys = keys
	}
	if key, ok := l.keys[segment]; ok {
		return key, nil
	}
	return segment, nil
}
