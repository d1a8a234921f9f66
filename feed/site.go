package feed

import (
	"log/slog"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Config is what rendering needs besides the store. Values are plain; the
// command fills them from its own configuration.
type Config struct {
	// PublicationID names the publication to render when Publications is
	// empty.
	PublicationID string
	// Publications names the publications to render as one site, in
	// order (default: PublicationID alone). The first is served at the
	// root; every other one, id, under /{id}/ with the same routes. Ids
	// after the first must pass CheckPublications.
	Publications []string
	// BaseURL is the absolute URL the site is served from; every link in
	// feeds is made absolute with it. It may have a path
	// ("https://example.org/bulletin"): pages then link under that path,
	// and the server answers requests with or without it.
	BaseURL string
	// FeedItems is the number of latest articles in each feed and section
	// page, and of articles in each archive page (default 50). A
	// subscription feed also carries the articles not yet on a complete
	// archive page, so it may hold up to twice as many.
	FeedItems int
	// TTL is how often the store is checked for changes: the feeds' ttl
	// and the max-age of every response except complete archive pages
	// (default 5m).
	TTL time.Duration
	// CacheBytes bounds the memory of the pages rendered on request
	// (articles, issues, archive pages), counting their plain and gzip
	// bodies (default DefaultCacheBytes; negative: no cache).
	CacheBytes int64
	// ReleaseMemory makes the server give the garbage of each render back
	// to the operating system at once (release.go): the process that
	// serves sets it, tests and builds need not.
	ReleaseMemory bool
	// MaxItemContent caps the HTML of one article in a feed item, in
	// bytes (default DefaultMaxItemContent): the content is cut at a
	// paragraph and ends with a link to the article's page.
	MaxItemContent int
	// Generator names the software in feeds (default "bulletinfeed").
	Generator string
	// Now returns the current time; tests inject a fixed clock. Dates
	// shown are never later than Now.
	Now func() time.Time
	// Log receives what rendering and answering for the resources report
	// (default: discarded).
	Log *slog.Logger
	// ArticleJSONLD puts a schema.org NewsArticle, as JSON-LD in a
	// script element of type application/ld+json, on every article's
	// page, for search engines (off by default: a caller that scans
	// pages for "<script" must first learn to tell this element, which
	// holds data and runs nothing, from markup out of article text).
	ArticleJSONLD bool
	// Hubs are the WebSub hubs of every feed, in order: each feed
	// document names them (atom:link rel="hub", JSON Feed's hubs) and
	// every feed response carries them, with the feed's own URL, in a
	// Link header (WebSub section 4). None by default.
	Hubs []string
	// Icons are the icons of publications, by id; a publication without
	// one gets an SVG of the first character of its title (icon.go).
	Icons map[string]Icon

	// reportChanges keeps what the changed feeds are found from, for
	// Handler.OnFeedsChanged.
	reportChanges bool
}

// AllSlug is the slug of the feed of every section. Store slugs never take
// it.
const AllSlug = bulletinfeed.AllSlug

// Defaults.
const (
	defaultFeedItems = 50
	defaultTTL       = 5 * time.Minute
	// DefaultCacheBytes is the default of Config.CacheBytes.
	DefaultCacheBytes = 32 << 20
	// DefaultMaxItemContent is the default of Config.MaxItemContent.
	DefaultMaxItemContent = 256 << 10
	// immutableMaxAge is the cache lifetime of what never changes: a
	// complete archive page whose successor is complete too.
	immutableMaxAge = 365 * 24 * time.Hour
)

func (c Config) withDefaults() Config {
	if c.FeedItems <= 0 {
		c.FeedItems = defaultFeedItems
	}
	if c.TTL <= 0 {
		c.TTL = defaultTTL
	}
	if c.CacheBytes == 0 {
		c.CacheBytes = DefaultCacheBytes
	}
	if c.MaxItemContent <= 0 {
		c.MaxItemContent = DefaultMaxItemContent
	}
	if c.Generator == "" {
		c.Generator = "bulletinfeed"
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if len(c.Publications) == 0 {
		c.Publications = []string{c.PublicationID}
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	return c
}

// publication is one publication of a Site as a refresh read it: its
// settings, cleaned, the URL scheme, and the states its resources in
// memory were rendered from. It is not changed once its refresh is done;
// the next refresh makes a new one that shares the channels that did not
// change.
type publication struct {
	cfg  Config
	pub  *bulletinfeed.Publication
	lang string
	loc  *time.Location
	// now is the time of the refresh, or of the request for a page
	// rendered on request (see at).
	now time.Time
	// prefix is "" for the first publication and "/{id}" for the others.
	prefix string
	base   basePath
	// all holds every publication of the site, in order, this one among
	// them: for the list of publications and the root's OPML.
	all []*publication
	// goneIssues and goneArticles are the keys and ids the store deleted;
	// their pages answer 410.
	goneIssues, goneArticles []string
	// goneRes are the 410 pages of those.
	goneRes goneResources

	sections []bulletinfeed.Section // with display names filled in
	// channels holds the all-sections feed first, then one per section.
	channels []*channel
	// issues is the state of the publication's issues.
	issues bulletinfeed.ChannelState
	// generation hashes everything besides content that every page of
	// the publication shows; see generation.
	generation string
	// legacy maps the segments of legacy issue keys back to the keys.
	legacy *legacyKeys
}

// at returns a copy of the publication whose clock reads now: a page rendered
// on request clamps dates with the time of the request.
func (s *publication) at(now time.Time) *publication {
	c := *s
	c.now = now
	return &c
}

// channel is one feed as the last refresh rendered it: the all-sections
// feed or a section's feed.
type channel struct {
	slug    string // AllSlug or a section slug
	section string // display name; "" for the all-sections feed
	title   string
	// state is what the store said of the channel when it was rendered.
	state bulletinfeed.ChannelState
	// pages is the number of complete archive pages (RFC 5005).
	pages int
	// heads are its latest articles as the index lists them: no blocks.
	heads []*entry
	// newest is the latest update shown in its subscription feed.
	newest time.Time
	// archive holds what each complete archive page shows, page 1
	// first; kept only for Handler.OnFeedsChanged (see archiveChanges).
	archive []archiveKey
	// archiveFrom is the channel of the site before, unchanged since,
	// whose archive this one keeps: compareArchives takes it over, once
	// that site's own comparison is done.
	archiveFrom *channel
	// archiveLost is set when the archive could not be read: the next
	// comparison lists every page.
	archiveLost bool
}

// storeSlug is the slug the store knows the channel by: "" for all.
func (ch *channel) storeSlug() string {
	if ch.slug == AllSlug {
		return ""
	}
	return ch.slug
}

// clamp keeps t from being later than the render's now: a wrong clock or a
// mistyped issue date must not put an item in the future, where readers
// pin it at the top.
//
// It also keeps t from being earlier than the first year an issue may have:
// a date the store took before dates were checked (0000-01-01) cannot be
// written by JSON's time format and would fail every render.
func (s *publication) clamp(t time.Time) time.Time {
	if t.After(s.now) {
		t = s.now
	}
	if t.Before(earliestShown) {
		t = earliestShown
	}
	return t.In(s.loc)
}

// issueDate is an issue's date as shown: the date it prints, or when it
// was first ingested if that is earlier (an issue printed ahead of its
// date), as the store does for its articles. It depends only on what the
// store keeps, never on the clock of the render: clamping to now made an
// issue dated ahead show the time of each request under one entity tag,
// and made an incremental build differ from a clean one.
func (s *publication) issueDate(iss *bulletinfeed.Issue) time.Time {
	d := iss.Date
	if !iss.IngestedAt.IsZero() && d.After(iss.IngestedAt) {
		d = iss.IngestedAt
	}
	return s.clamp(d)
}

// earliestShown is the earliest date a feed or page shows.
var earliestShown = time.Date(bulletinfeed.MinYear, 1, 1, 0, 0, 0, 0, time.UTC)

// published and updated return an article's dates as shown: the issue's
// date, then its last revision, neither after now and updated never before
// published.
//
// Every article of an issue shares the issue's date, so each is moved by
// its position in seconds to give it a time of its own: readers list a
// feed newest first and order equal times as they like, so the first
// article of the issue must be the newest for them to show print order.
// An issue dated a day (the store keeps it at the start of that day) gets
// printOrderSpan seconds after its date minus the position, which keeps
// the article on its day and before now once the day's first hour has
// passed; any other time (an undated issue's ingest time, a revision) gets
// its position in seconds before it, which never passes now. Both depend
// only on what the store keeps, so every render and revision gives the
// same times.
func (s *publication) published(a *bulletinfeed.Article) time.Time {
	p := a.Published
	if p.IsZero() {
		p = a.Updated
	}
	return s.clamp(s.inPrintOrder(p, a.Position))
}

func (s *publication) updated(a *bulletinfeed.Article) time.Time {
	p := s.published(a)
	if !a.Updated.After(a.Published) {
		return p
	}
	u := s.clamp(s.inPrintOrder(a.Updated, a.Position))
	if u.Before(p) {
		return p
	}
	return u
}

// printOrderSpan is how many seconds after a dated issue's start of day
// its first article is shown: an hour leaves room for 3,600 articles in
// print order (later ones share the day's start).
const printOrderSpan = 3599

// inPrintOrder moves t, the time of an article at position pos of its
// issue, so that the issue's articles have distinct times, the first the
// newest.
func (s *publication) inPrintOrder(t time.Time, pos int) time.Time {
	pos = min(max(pos, 0), printOrderSpan)
	if startOfDay(t.In(s.loc)) || startOfDay(t.UTC()) {
		return t.Add(time.Duration(printOrderSpan-pos) * time.Second)
	}
	return t.Add(-time.Duration(pos) * time.Second)
}

func startOfDay(t time.Time) bool {
	h, m, sec := t.Clock()
	return h == 0 && m == 0 && sec == 0 && t.Nanosecond() == 0
}

// newest returns the latest updated time of the entries, or the zero time.
func (s *publication) newest(es []*entry) time.Time {
	var t time.Time
	for _, e := range es {
		if u := s.updated(e.a); u.After(t) {
			t = u
		}
	}
	return t
}

// lastChange is the time of the last ingest that changed an issue of the
// publication, or the zero time when it has none.
func (s *publication) lastChange() time.Time {
	if s.issues.Updated.IsZero() {
		return time.Time{}
	}
	return s.clamp(s.issues.Updated)
}

// sectionName returns the display name of a section: the name configured
// for its banner, else the banner. The default section has no printed
// banner, so it takes the configured default name or a generic one.
func (s *publication) sectionName(name string) string {
	if name != "" {
		if shown := s.pub.SectionNames[name]; shown != "" {
			return shown
		}
		return name
	}
	if s.pub.DefaultSection != "" {
		return s.pub.DefaultSection
	}
	if strings.HasPrefix(s.lang, "zh") {
		return "综合"
	}
	return "General"
}

// sectionSlug returns the slug of a section name, for articles the store
// gave without one.
func (s *publication) sectionSlug(a *bulletinfeed.Article) string {
	if a.SectionSlug != "" {
		return a.SectionSlug
	}
	for _, sec := range s.sections {
		if sec.Name == s.sectionName(a.Section) {
			return sec.Slug
		}
	}
	return ""
}

// feedTitle is "<publication> · <section>", or the publication alone for
// the all-sections feed.
func (s *publication) feedTitle(section string) string {
	if section == "" {
		return s.pub.Title
	}
	return s.pub.Title + " · " + section
}

// ttlMinutes is the RSS ttl: the schedule's period, rounded up.
func (s *publication) ttlMinutes() int {
	return int((s.cfg.TTL + time.Minute - 1) / time.Minute)
}

// channel returns the channel of a slug, or nil.
func (s *publication) channel(slug string) *channel {
	for _, ch := range s.channels {
		if ch.slug == slug {
			return ch
		}
	}
	return nil
}
