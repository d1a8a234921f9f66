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

// issueBySegment returns the issue of an issue page's URL segment: the
// issue of that key, or, when there is none and the segment is a legacy
// key's safe name, the issue of that legacy key.
func (s *publication) issueBySegment(ctx context.Context, st Store, segment string) (*bulletinfeed.Issue, error) {
	iss, err := st.Issue(ctx, s.pub.ID, segment)
	if bulletinfeed.KindOf(err) != bulletinfeed.NotFound || !strings.HasPrefix(segment, legacyKeyPrefix) || s.legacy == nil {
		return iss, err
	}
	key, lerr := s.legacyKey(ctx, st, segment)
	if lerr != nil {
		return nil, lerr
	}
	if key == "" {
		return nil, err
	}
	return st.Issue(ctx, s.pub.ID, key)
}

// legacyKey returns the legacy key whose safe name is segment, or "".
func (s *publication) legacyKey(ctx context.Context, st Store, segment string) (string, error) {
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
	return l.keys[segment], nil
}
