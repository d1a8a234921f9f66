package feed

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"time"
)

// Files a site has for crawlers and browsers rather than readers:
// robots.txt, the sitemap index and its sitemaps, and the icons.

// sitemapSize is the most URLs a sitemap lists, the sitemap protocol's
// limit (sitemaps.org).
var sitemapSize = 50000

// sitemapNS is the sitemap protocol's namespace.
const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

// sitemapPages returns the number of sitemaps of a publication: its index
// and section pages, then every article.
func (s *publication) sitemapPages() int {
	n := s.sitemapFixed() + s.articleCount()
	return (n + sitemapSize - 1) / sitemapSize
}

// sitemapFixed is the number of pages every sitemap set starts with: the
// index and each section's page.
func (s *publication) sitemapFixed() int { return len(s.channels) }

func (s *publication) articleCount() int {
	if ch := s.channel(AllSlug); ch != nil {
		return ch.state.Articles
	}
	return 0
}

func (s *publication) sitemapPath(n int) string { return routeSitemap.path(s.prefix, strconv.Itoa(n)) }

// siteFilePage returns one of these files as a page of a static build.
func siteFilePage(s *publication, pubs []*publication, rt *route, path string, args ...string) *coldPage {
	c := &coldPage{s: s, route: rt, path: path, pubs: pubs}
	for _, a := range args {
		c.p.vals[c.p.n] = a
		c.p.n++
	}
	return c
}

// siteFileVersion sets the tag of robots.txt, the icon or a sitemap. The
// sitemaps follow every write of the store that changes the articles.
func (c *coldPage) siteFileVersion() error {
	s := c.s
	c.cc = cacheControl(s.cfg.TTL)
	switch c.route {
	case routeRobots, routeFavicon:
		c.tag = s.tagOf(c.path)
	case routeIconSVG, routeIconPNG, routeIconICO:
		// One of the three is the publication's, by its type.
		if c.route != iconRoute(s.icon().Type) {
			return c.notFound()
		}
		c.tag = s.tagOf(c.path)
	case routeSitemapIndex:
		var parts []int64
		for _, p := range c.pubs {
			parts = append(parts, int64(p.sitemapPages()), p.issues.Updated.UnixMicro())
			if t := p.lastChange(); t.After(c.mod) {
				c.mod = t
			}
		}
		c.tag = s.tagOf(c.path, parts...)
	case routeSitemap:
		if pageNumber(c.p.at(0)) > s.sitemapPages() {
			return c.notFound()
		}
		c.mod = s.lastChange()
		c.tag = s.tagOf(c.path, int64(s.articleCount()), s.issues.Updated.UnixMicro())
	}
	return nil
}

// writeSiteFile writes robots.txt, the icon or a sitemap.
func (c *coldPage) writeSiteFile(ctx context.Context, st Store, w *bytes.Buffer) error {
	s := c.s
	switch c.route {
	case routeRobots:
		fmt.Fprintf(w, "User-agent: *\nAllow: /\n\nSitemap: %s\n", s.abs(routeSitemapIndex.path("")))
		return nil
	case routeFavicon:
		// The root's icon is the first publication's when that is an
		// ICO; browsers and readers that ask for /favicon.ico without
		// reading a page expect one, so an SVG or PNG icon leaves the
		// built-in one here and is declared by <link rel="icon">.
		body := favicon
		if ic := s.icon(); ic.Type == typeIcon {
			body = ic.Body
		}
		_, err := w.Write(body)
		return err
	case routeIconSVG, routeIconPNG, routeIconICO:
		_, err := w.Write(s.icon().Body)
		return err
	case routeSitemapIndex:
		return writeSitemapIndex(w, c.pubs)
	}
	return s.writeSitemap(ctx, st, w, pageNumber(c.p.at(0)))
}

type sitemapIndex struct {
	XMLName  xml.Name       `xml:"sitemapindex"`
	NS       string         `xml:"xmlns,attr"`
	Sitemaps []sitemapEntry `xml:"sitemap"`
}

type sitemapEntry struct {
	Loc     string `xml:"loc"`
	LastMod string `xml:"lastmod,omitempty"`
}

type urlSet struct {
	XMLName xml.Name       `xml:"urlset"`
	NS      string         `xml:"xmlns,attr"`
	URLs    []sitemapEntry `xml:"url"`
}

func lastmod(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339)
}

// writeSitemapIndex lists the sitemaps of every publication.
func writeSitemapIndex(w io.Writer, pubs []*publication) error {
	idx := &sitemapIndex{NS: sitemapNS}
	for _, s := range pubs {
		for n := 1; n <= s.sitemapPages(); n++ {
			idx.Sitemaps = append(idx.Sitemaps, sitemapEntry{Loc: s.abs(s.sitemapPath(n)), LastMod: lastmod(s.lastChange())})
		}
	}
	return writeXML(w, idx)
}

// writeSitemap writes sitemap n of a publication: URLs (n-1)·sitemapSize
// to n·sitemapSize of its index, its section pages and its articles in
// id order. The articles are read by the store's keyset walk, a batch at
// a time, and only the page's are kept.
func (s *publication) writeSitemap(ctx context.Context, st Store, w io.Writer, n int) error {
	first, end := (n-1)*sitemapSize, n*sitemapSize
	set := &urlSet{NS: sitemapNS}
	i := 0
	for _, ch := range s.channels {
		if i >= first && i < end {
			path := s.indexPath()
			if ch.slug != AllSlug {
				path = s.sectionPath(ch.slug)
			}
			set.URLs = append(set.URLs, sitemapEntry{Loc: s.abs(path), LastMod: lastmod(ch.newest)})
		}
		i++
	}
	for after := ""; i < end; {
		vs, err := st.ArticleVersions(ctx, s.pub.ID, after, versionBatch)
		if err != nil {
			return fmt.Errorf("list articles of %q: %w", s.pub.ID, err)
		}
		// Skip whole batches before the page without looking at them.
		if i+len(vs) <= first {
			i += len(vs)
		} else {
			for _, v := range vs {
				if i >= first && i < end {
					set.URLs = append(set.URLs, sitemapEntry{Loc: s.abs(s.articlePath(v.ID)), LastMod: lastmod(s.clamp(v.Updated))})
				}
				i++
			}
		}
		if len(vs) < versionBatch {
			break
		}
		after = vs[len(vs)-1].ID
	}
	return writeXML(w, set)
}

// favicon is a 16×16 icon: a square of the pages' accent colour with a
// white bar, the mark of a printed column, as one 32-bit BMP in an ICO.
var favicon = func() []byte {
	const size = 16
	var b bytes.Buffer
	le := func(v any) { _ = binary.Write(&b, binary.LittleEndian, v) }
	pixels := size * size * 4
	mask := size * 4 // 1-bit AND mask, rows padded to 32 bits
	le(struct{ Reserved, Type, Count uint16 }{0, 1, 1})
	le(struct {
		W, H, Colors, Reserved uint8
		Planes, Bits           uint16
		Size, Offset           uint32
	}{size, size, 0, 0, 1, 32, uint32(40 + pixels + mask), 22})
	le(struct {
		Size                uint32
		W, H                int32
		Planes, Bits        uint16
		Compression, Image  uint32
		XPPM, YPPM          int32
		Colors, ColorsImpor uint32
	}{40, size, 2 * size, 1, 32, 0, uint32(pixels + mask), 0, 0, 0, 0})
	for y := 0; y < size; y++ { // bottom-up
		for x := 0; x < size; x++ {
			px := [4]byte{0x1c, 0x1c, 0x9b, 0xff} // BGRA
			if y >= 6 && y <= 9 && x >= 3 && x <= 12 {
				px = [4]byte{0xff, 0xff, 0xff, 0xff}
			}
			b.Write(px[:])
		}
	}
	b.Write(make([]byte, mask))
	return b.Bytes()
}()
