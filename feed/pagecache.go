package feed

import (
	"container/list"
	"sync"
)

// pageCache keeps pages rendered on request, by path, up to a number of
// bytes (plain and gzip bodies), dropping the least recently used first.
// An entry is only served while its entity tag is the one the store's
// version gives (see coldPage), so a changed page is never served stale:
// it misses and is rendered again. While the store has not changed since
// an entry was known current, it is served without that check, as fast
// as a feed. Safe for concurrent use.
type pageCache struct {
	mu    sync.Mutex
	max   int64
	bytes int64
	order *list.List // of *cacheEntry, most recently used first
	items map[string]*list.Element

	hits, misses, evictions uint64
}

type cacheEntry struct {
	path string
	res  *resource
	// version is the store version at which res was last known to be
	// the page's current bytes: while the site serves that version, the
	// store has not changed, and a hit needs no read of it.
	version int64
}

// newPageCache returns a cache of at most max bytes; none when max <= 0.
func newPageCache(max int64) *pageCache {
	return &pageCache{max: max, order: list.New(), items: map[string]*list.Element{}}
}

// current returns the page cached at path if it was known current at the
// store version the site serves: the store has not changed since, so the
// page has not either. Nothing is counted on a miss: the caller goes on to
// read the page's version and calls get.
func (c *pageCache) current(path string, version int64) *resource {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el := c.items[path]; el != nil {
		if e := el.Value.(*cacheEntry); e.version == version {
			c.order.MoveToFront(el)
			c.hits++
			return e.res
		}
	}
	return nil
}

// holds reports whether a page is cached at path, current or not.
func (c *pageCache) holds(path string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.items[path] != nil
}

// get returns the page cached at path if its tag is tag, and marks it
// current at version.
func (c *pageCache) get(path, tag string, version int64) *resource {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el := c.items[path]; el != nil {
		if e := el.Value.(*cacheEntry); e.res.tag == tag {
			c.order.MoveToFront(el)
			e.version = max(e.version, version)
			c.hits++
			return e.res
		}
	}
	c.misses++
	return nil
}

// put caches res at path, replacing what was there, and evicts the least
// recently used pages beyond the bound. A page larger than a quarter of
// the cache is not kept: it would push out many others.
func (c *pageCache) put(path string, res *resource, version int64) {
	size := res.size() + int64(len(path))
	c.mu.Lock()
	defer c.mu.Unlock()
	if el := c.items[path]; el != nil {
		c.remove(el)
	}
	if size > c.max/4 {
		return
	}
	c.items[path] = c.order.PushFront(&cacheEntry{path: path, res: res, version: version})
	c.bytes += size
	for c.bytes > c.max {
		c.remove(c.order.Back())
		c.evictions++
	}
}

func (c *pageCache) remove(el *list.Element) {
	e := c.order.Remove(el).(*cacheEntry)
	delete(c.items, e.path)
	c.bytes -= e.res.size() + int64(len(e.path))
}

// cacheStats are the cache's counters.
type cacheStats struct {
	hits, misses, evictions uint64
	bytes                   int64
	entries                 int
}

func (c *pageCache) stats() cacheStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return cacheStats{hits: c.hits, misses: c.misses, evictions: c.evictions, bytes: c.bytes, entries: len(c.items)}
}
