package feed

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/bulletinfeed/bulletinfeed"
)

// mediaFileKey is the version key of a picture's file in a build's manifest:
// its name is its content, so a file the last build wrote and that is
// still there is never read from the store or written again.
const mediaFileKey = "media"

// putMedia writes the images and thumbnails of every picture the site's
// articles show, each once: a file a build wrote stays as it is. One the
// store no longer has is left out, and so removed with the stale files.
func (site *Site) putMedia(ctx context.Context, b *builder) (int, error) {
	seen := map[string]bool{}
	n := 0
	for _, s := range site.pubs {
		hashes, err := site.store.MediaHashes(ctx, s.pub.ID)
		if err != nil {
			return n, fmt.Errorf("list pictures of %s: %w", s.pub.ID, err)
		}
		for _, h := range hashes {
			if seen[h] || !isHash(h) {
				continue
			}
			seen[h] = true
			for _, thumb := range []bool{false, true} {
				rel := filepath.ToSlash(FilePath(MediaPath(h, thumb)))
				if e, ok := b.old[rel]; ok && e.key == mediaFileKey && e.unchanged(b.dir, rel) {
					b.next[rel] = e
					n++
					continue
				}
				m, err := site.store.Media(ctx, h, thumb)
				switch k := bulletinfeed.KindOf(err); {
				case err == nil:
				case k == bulletinfeed.Gone || k == bulletinfeed.NotFound:
					continue
				default:
					return n, fmt.Errorf("read picture %s: %w", h, err)
				}
				if err := b.put(rel, mediaFileKey, m.Data); err != nil {
					return n, err
				}
				n++
			}
		}
	}
	return n, nil
}
