package config

import (
	"fmt"
	"net"
	"regexp"
	"strconv"
	"time"

	"golang.org/x/text/language"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// slugPattern is the shape of section slugs: they
// become URL segments, so lowercase ASCII words joined by hyphens.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// checkID checks the id of the i-th publication: every one but the first
// is served under /{id}/, so its id may not be one of the site's routes.
func checkID(i int, id string) error {
	var routes []string
	if i > 0 {
		routes = feed.RouteSegments()
	}
	return bulletinfeed.CheckPublicationID(id, routes)
}

// Kinds of source a publication may list.
var sourceKinds = map[string]bool{"inbox": true, "url": true, "feed": true, "page": true}

// check reads and checks every value of fc, filling the derived fields
// and making relative paths relative to the file. It returns every
// problem found, not only the first, so one run of "config check" shows
// them all.
func (fc *fileConfig) check(lines keyLines) []Problem {
	var ps []Problem
	bad := func(path, format string, args ...any) {
		ps = append(ps, Problem{lines.line(path), fmt.Sprintf(format, args...)})
	}
	if fc.DB != "" {
		if err := store.CheckDSN(fc.DB); err != nil {
			bad("db", "db: %v", err)
		}
		fc.DB = fc.ResolveDB(fc.DB)
	}
	if fc.Addr != "" {
		if _, _, err := net.SplitHostPort(fc.Addr); err != nil {
			bad("addr", "addr %q: want host:port or :port, such as :8080", fc.Addr)
		}
	}
	if fc.BaseURL != "" {
		u, err := normalizeBaseURL(fc.BaseURL)
		if err != nil {
			bad("base_url", "base_url: %v", err)
		}
		fc.BaseURL = u
	}
	if fc.Schedule != "" {
		// The check serve makes, so that a file config check passes is
		// one serve starts with.
		if _, err := ScheduleInterval(fc.Schedule); err != nil {
			bad("schedule", "%v", err)
		}
	}
	if fc.FeedItems != nil && *fc.FeedItems <= 0 {
		bad("feed_items", "feed_items: want a positive number, got %d", *fc.FeedItems)
	}
	if fc.MaxArticles != nil && *fc.MaxArticles <= 0 {
		bad("max_articles", "max_articles: want a positive number, got %d", *fc.MaxArticles)
	}
	if fc.MaxPictures != nil && *fc.MaxPictures < 0 {
		bad("max_pictures", "max_pictures: want a number from 0, got %d", *fc.MaxPictures)
	}
	for _, s := range []struct {
		key string
		v   any
		out *int64
	}{{"max_size", fc.MaxSize, &fc.maxSize}, {"max_paragraph", fc.MaxParagraph, &fc.maxParagraph},
		{"cache_size", fc.CacheSize, &fc.cacheSize}, {"max_item_content", fc.MaxItemContent, &fc.maxItemContent},
		{"max_picture_bytes", fc.MaxPictureBytes, &fc.maxPictureBytes}} {
		if s.v == nil {
			continue
		}
		n, err := sizeValue(s.v)
		if err != nil {
			bad(s.key, "%s: %v", s.key, err)
		}
		*s.out = n
	}
	if len(fc.MetricsNetworks) > 0 {
		if _, err := parseNetworks(fc.MetricsNetworks); err != nil {
			bad("metrics_networks", "metrics_networks: %v", err)
		}
	}
	if fc.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(fc.MetricsAddr); err != nil {
			bad("metrics_addr", "metrics_addr %q: want host:port, such as 10.0.0.5:9100", fc.MetricsAddr)
		}
	}
	if fc.AdminAddr != "" {
		if _, _, err := net.SplitHostPort(fc.AdminAddr); err != nil {
			bad("admin_addr", "admin_addr %q: want host:port, such as 10.0.0.5:8081", fc.AdminAddr)
		}
	}
	ps = append(ps, fc.WebSub.check(lines)...)
	switch fc.Log.Level {
	case "", "debug", "info", "warn", "error":
	default:
		bad("log.level", "log.level %q: want debug, info, warn or error", fc.Log.Level)
	}
	switch fc.Log.Format {
	case "", "text", "json":
	default:
		bad("log.format", "log.format %q: want text or json", fc.Log.Format)
	}

	ids := map[string]int{}
	for i := range fc.Publications {
		p := &fc.Publications[i]
		at := "publication[" + strconv.Itoa(i) + "]"
		switch {
		case p.ID == "":
			bad(at, "publication %d: id is missing", i+1)
		case checkID(i, p.ID) != nil:
			bad(at+".id", "%v", checkID(i, p.ID))
		case ids[p.ID] > 0:
			bad(at+".id", "publication id %q is used twice (first on line %d)", p.ID, ids[p.ID])
		default:
			ids[p.ID] = lines.line(at + ".id")
		}
		if p.Lang != "" {
			if _, err := language.Parse(p.Lang); err != nil {
				bad(at+".lang", "lang %q: want a BCP 47 language tag such as zh-CN or en", p.Lang)
			}
		}
		if p.TZ != "" {
			if _, err := time.LoadLocation(p.TZ); err != nil {
				bad(at+".tz", "tz %q: unknown time zone (want an IANA name such as Asia/Shanghai)", p.TZ)
			}
		}
		switch p.Credits {
		case "", "printed", "none":
		default:
			bad(at+".credits", "credits %q: want \"printed\" (credit lines under titles, the default) or \"none\"", p.Credits)
		}
		switch p.Date {
		case "", "printed", "arrival":
		default:
			bad(at+".date", "date %q: want \"printed\" (an issue dated nowhere is refused, the default) or \"arrival\" (dated when it arrives)", p.Date)
		}
		if list := p.Vocabulary.blank(); list != "" {
			bad(at+".vocabulary."+list, "vocabulary.%s: an empty word", list)
		}
		ps = append(ps, p.checkSections(at, lines)...)
		if p.Icon != "" {
			p.Icon = fc.resolve(p.Icon)
			icon, err := readIcon(p.Icon)
			if err != nil {
				bad(at+".icon", "icon: %v", err)
			}
			p.icon = icon
		}
		// A seed file that is missing is reported when serve starts, not
		// here: the example configuration seeds the reference issue from
		// ../shared, which a clone on its own lacks.
		for j, f := range p.Seed {
			p.Seed[j] = fc.resolve(f)
		}
		for j := range p.Sources {
			ps = append(ps, fc.checkSource(&p.Sources[j], at+".sources["+strconv.Itoa(j)+"]", lines)...)
		}
	}
	return ps
}

// checkSections reads the sections list, whose entries are a banner
// string or a table { banner, slug, name }.
func (p *filePublication) checkSections(at string, lines keyLines) []Problem {
	var ps []Problem
	bad := func(path, format string, args ...any) {
		ps = append(ps, Problem{lines.line(path), fmt.Sprintf(format, args...)})
	}
	banners := map[string]bool{}
	slugs := map[string]bool{}
	for i, e := range p.Sections {
		el := at + ".sections[" + strconv.Itoa(i) + "]"
		var s Section
		switch v := e.(type) {
		case string:
			s.Banner = v
		case map[string]any:
			for k, val := range v {
				str, ok := val.(string)
				if !ok {
					bad(el+"."+k, "sections: %s: want a string", k)
					continue
				}
				switch k {
				case "banner":
					s.Banner = str
				case "slug":
					s.Slug = str
				case "name":
					s.Name = str
				default:
					bad(el+"."+k, "unknown key %q in a section (want banner, slug, name)", k)
				}
			}
		default:
			bad(el, "sections: want a banner string or a table { banner = \"…\", slug = \"…\", name = \"…\" }, got %v", e)
			continue
		}
		switch {
		case s.Banner == "":
			bad(el, "sections: a section needs its banner, as printed")
			continue
		case banners[s.Banner]:
			bad(el, "sections: banner %q is listed twice", s.Banner)
		}
		banners[s.Banner] = true
		if s.Slug != "" {
			switch {
			case !slugPattern.MatchString(s.Slug) || s.Slug == "all":
				bad(el+".slug", "slug %q: want lowercase ASCII words joined by hyphens, and not \"all\"", s.Slug)
			case slugs[s.Slug]:
				bad(el+".slug", "slug %q is given to two sections", s.Slug)
			}
			slugs[s.Slug] = true
		}
		p.sections = append(p.sections, s)
	}
	return ps
}

// checkSource checks one source and makes an inbox path relative to the
// file.
func (fc *fileConfig) checkSource(s *Source, at string, lines keyLines) []Problem {
	var ps []Problem
	bad := func(path, format string, args ...any) {
		ps = append(ps, Problem{lines.line(path), fmt.Sprintf(format, args...)})
	}
	if !sourceKinds[s.Kind] {
		bad(at+".kind", "source kind %q: want inbox, url, feed or page", s.Kind)
		return ps
	}
	if s.Kind == "inbox" {
		if s.Path == "" {
			bad(at, "an inbox source needs a path")
		}
		if s.URL != "" {
			bad(at+".url", "an inbox source takes a path, not a url")
		}
		s.Path = fc.resolve(s.Path)
	} else {
		if s.URL == "" {
			bad(at, "a %s source needs a url", s.Kind)
		} else if err := checkSourceURL(s.URL); err != nil {
			bad(at+".url", "url: %v", err)
		}
		if s.Path != "" {
			bad(at+".path", "a %s source takes a url, not a path", s.Kind)
		}
	}
	if s.Kind != "page" && (s.Selector != "" || s.Pattern != "") {
		bad(at, "selector and pattern belong to page sources only")
	}
	if s.Pattern != "" {
		if _, err := regexp.Compile(s.Pattern); err != nil {
			bad(at+".pattern", "pattern: %v", err)
		}
	}
	return ps
}

// sizeValue reads a size given as a number of bytes or as a string with
// a K, M or G suffix.
func sizeValue(v any) (int64, error) {
	switch n := v.(type) {
	case int64:
		if n <= 0 {
			return 0, fmt.Errorf("want a positive size, got %d", n)
		}
		return n, nil
	case string:
		return parseSize(n)
	default:
		return 0, fmt.Errorf("want a number of bytes or a string such as \"10M\", got %v", v)
	}
}
