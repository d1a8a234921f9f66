package config

import (
	"errors"
	"flag"
	"fmt"
	"math"
	"net/netip"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"

	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/media"
	"github.com/bulletinfeed/bulletinfeed/server"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// Config is every setting of every command, filled in one order:
// defaults, then the configuration file, then BULLETINFEED_* environment,
// then flags. No other code reads the environment or the file.
type Config struct {
	// File is the configuration file read, "" when there is none.
	File string

	// Store.
	DB string // a SQLite file path, a file: or sqlite: URL, or a postgres:// DSN
	// DBDefault is true while DB is the built-in default, whose folder
	// ingest may create; a folder someone named must exist.
	DBDefault bool
	// DBFromFile is true while DB is what the configuration file says (or
	// its default beside the file): serve may then create it, and its
	// folder, where a --db typed by hand must already exist.
	DBFromFile bool

	// Publication is the id of the publication a command works on.
	Publication string
	// Publications are those of the configuration file, in order; empty
	// without a file, when the one publication is described by the flags.
	Publications []Publication
	// Flags describing the chosen publication.
	Title    string
	Lang     string
	TZ       string
	Sections []string // known section banners

	// Parsing: what one issue may bring.
	MaxSize      int64
	MaxParagraph int64
	MaxArticles  int
	// MaxPictures and MaxPictureBytes bound the pictures of one issue.
	MaxPictures     int
	MaxPictureBytes int64
	// NoCredits (--no-credits) parses the issues of the chosen
	// publication as printing no credit lines.
	NoCredits bool

	// Wait is how long ingest retries a store that cannot be reached.
	Wait time.Duration

	// Serving and building.
	Addr      string
	BaseURL   string // "" until configured: serve derives one, build refuses
	FeedItems int
	Schedule  string // cron spec of how often new issues are expected: the feeds' ttl
	Out       string
	// CacheSize bounds the memory of the pages serve renders on request
	// (articles, issues, archive pages).
	CacheSize int64
	// MaxItemContent caps one article's HTML in a feed item.
	MaxItemContent int64

	// MetricsAddr, when set, serves /metrics there instead of on Addr.
	MetricsAddr string
	// AdminAddr, when set, serves the editors' console there instead of
	// under /admin/ of the site.
	AdminAddr string
	// MetricsNetworks may read /metrics on Addr and the details of
	// /healthz.
	MetricsNetworks []netip.Prefix

	// Logging. AccessLog logs every request serve answers.
	LogLevel  string
	LogFormat string
	AccessLog bool

	// WebSub is the [websub] table (websub.go).
	WebSub WebSubConfig
}

// Publication is one publication as the configuration describes it.
type Publication struct {
	ID             string
	Title          string
	Description    string
	Lang           string
	TZ             string
	DefaultSection string
	Sections       []Section
	Seed           []string // absolute paths
	Sources        []Source
	// NoCredits and Vocabulary shape the parse of the publication's
	// issues (credits = "none", [publication.vocabulary]).
	NoCredits  bool
	Vocabulary Vocabulary
	// Icon is the configured icon; none when its Body is empty.
	Icon feed.Icon
	// DateOnArrival (date = "arrival") dates an issue that prints no
	// date anywhere when it arrives, instead of refusing it.
	DateOnArrival bool
	// FromFile is true for a publication of the configuration file: its
	// section list replaces the stored one. Banners given by --section
	// without a file add to the stored list, as they always have.
	FromFile bool
}

// DefaultDB is the store used when none is configured.
const DefaultDB = "data/bulletinfeed.db"

// Default is what a command uses with no file, environment or flags.
func Default() Config {
	return Config{
		DB:              DefaultDB,
		DBDefault:       true,
		Publication:     "default",
		MaxSize:         source.DefaultMaxSize,
		MaxParagraph:    source.DefaultMaxParagraph,
		MaxArticles:     source.DefaultMaxArticles,
		MaxPictures:     media.DefaultMaxPictures,
		MaxPictureBytes: media.DefaultMaxBytes,
		Wait:            time.Minute,
		Addr:            ":8080",
		FeedItems:       50,
		Schedule:        "*/5 * * * *",
		CacheSize:       feed.DefaultCacheBytes,
		MaxItemContent:  feed.DefaultMaxItemContent,
		MetricsNetworks: server.DefaultPrivateNetworks,
		LogLevel:        "info",
		LogFormat:       "text",
		WebSub:          defaultWebSub(),
	}
}

// Load returns the defaults overlaid with the configuration file and the
// environment that getenv reads. Flags are bound on top of the result by
// each command. The file is the one --config names in args, else
// BULLETINFEED_CONFIG, else ./bulletinfeed.toml when it exists.
func Load(args []string, getenv func(string) string) (Config, error) {
	c := Default()
	path := configFlag(args)
	if path == "" {
		path = getenv("BULLETINFEED_CONFIG")
	}
	if path == "" {
		if _, err := os.Stat(DefaultFile); err == nil {
			path = DefaultFile
		}
	}
	// --help must work whatever the file or the environment hold.
	help := wantsHelp(args)
	if path != "" {
		fc, err := ReadFile(path)
		if err != nil && !help {
			return c, shortConfigError(err)
		}
		if err == nil {
			c.ApplyFile(fc)
		}
	}
	if err := c.applyEnv(getenv); err != nil && !help {
		// A bad value in the environment is a mistake in how the command
		// was called, as a bad flag is: the same exit status.
		return c, Usagef("%v", err)
	}
	return c, nil
}

// wantsHelp reports whether args ask for a command's help.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "--":
			return false
		case "-h", "-help", "--help":
			return true
		}
	}
	return false
}

// shortConfigError keeps a command's error to the first mistake of a
// configuration file; "config check" lists them all.
func shortConfigError(err error) error {
	var ce *FileError
	if !errors.As(err, &ce) || len(ce.Problems) < 2 {
		return err
	}
	first := &FileError{File: ce.File, Problems: ce.Problems[:1]}
	return fmt.Errorf("%v (and %d more %s: run bulletinfeed config check %s)", first, len(ce.Problems)-1,
		plural(len(ce.Problems)-1, "mistake", "mistakes"), ce.File)
}

// configFlag returns the value of --config in args, before any "--".
func configFlag(args []string) string {
	for i, a := range args {
		switch {
		case a == "--":
			return ""
		case a == "--config" || a == "-config":
			if i+1 < len(args) {
				return args[i+1]
			}
		case strings.HasPrefix(a, "--config="):
			return strings.TrimPrefix(a, "--config=")
		case strings.HasPrefix(a, "-config="):
			return strings.TrimPrefix(a, "-config=")
		}
	}
	return ""
}

// ApplyFile overlays what the file sets.
func (c *Config) ApplyFile(fc *fileConfig) {
	c.File = fc.Path
	// The store is the file's, or the default beside the file: a cron job
	// started in another folder must find the same one.
	c.DB, c.DBDefault, c.DBFromFile = fc.resolve(DefaultDB), true, true
	if fc.DB != "" {
		c.DB, c.DBDefault = fc.DB, false
	}
	set := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	set(&c.Addr, fc.Addr)
	set(&c.BaseURL, fc.BaseURL)
	set(&c.Schedule, fc.Schedule)
	set(&c.MetricsAddr, fc.MetricsAddr)
	set(&c.AdminAddr, fc.AdminAddr)
	set(&c.LogLevel, fc.Log.Level)
	set(&c.LogFormat, fc.Log.Format)
	if fc.Log.Access != nil {
		c.AccessLog = *fc.Log.Access
	}
	if fc.FeedItems != nil {
		c.FeedItems = *fc.FeedItems
	}
	if fc.MaxArticles != nil {
		c.MaxArticles = *fc.MaxArticles
	}
	if fc.MaxPictures != nil {
		c.MaxPictures = *fc.MaxPictures
	}
	if fc.maxPictureBytes > 0 {
		c.MaxPictureBytes = fc.maxPictureBytes
	}
	if fc.maxSize > 0 {
		c.MaxSize = fc.maxSize
	}
	if fc.maxParagraph > 0 {
		c.MaxParagraph = fc.maxParagraph
	}
	if fc.cacheSize > 0 {
		c.CacheSize = fc.cacheSize
	}
	if fc.maxItemContent > 0 {
		c.MaxItemContent = fc.maxItemContent
	}
	if len(fc.MetricsNetworks) > 0 {
		c.MetricsNetworks, _ = parseNetworks(fc.MetricsNetworks) // checked when read
	}
	c.WebSub.apply(&fc.WebSub)
	for _, p := range fc.Publications {
		c.Publications = append(c.Publications, Publication{
			ID: p.ID, Title: p.Title, Description: p.Description, Lang: p.Lang, TZ: p.TZ,
			DefaultSection: p.DefaultSection, Sections: p.sections, Seed: p.Seed, Sources: p.Sources, FromFile: true,
			NoCredits: p.Credits == "none", Vocabulary: p.Vocabulary, Icon: p.icon, DateOnArrival: p.Date == "arrival",
		})
	}
	if len(c.Publications) > 0 {
		c.Publication = c.Publications[0].ID
	}
}

// applyEnv overlays the BULLETINFEED_* variables that are set.
func (c *Config) applyEnv(getenv func(string) string) error {
	str := map[string]*string{
		"BULLETINFEED_PUBLICATION":  &c.Publication,
		"BULLETINFEED_TITLE":        &c.Title,
		"BULLETINFEED_LANG":         &c.Lang,
		"BULLETINFEED_TZ":           &c.TZ,
		"BULLETINFEED_ADDR":         &c.Addr,
		"BULLETINFEED_BASE_URL":     &c.BaseURL,
		"BULLETINFEED_SCHEDULE":     &c.Schedule,
		"BULLETINFEED_METRICS_ADDR": &c.MetricsAddr,
		"BULLETINFEED_ADMIN_ADDR":   &c.AdminAddr,
		"BULLETINFEED_LOG_LEVEL":    &c.LogLevel,
		"BULLETINFEED_LOG_FORMAT":   &c.LogFormat,
	}
	for k, p := range str {
		if v := getenv(k); v != "" {
			*p = v
		}
	}
	if v := getenv("BULLETINFEED_DB"); v != "" {
		c.DB, c.DBDefault, c.DBFromFile = v, false, false
	}
	if v := getenv("BULLETINFEED_FEED_ITEMS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return fmt.Errorf("BULLETINFEED_FEED_ITEMS: want a positive number, got %q", v)
		}
		c.FeedItems = n
	}
	for name, p := range map[string]*int64{"BULLETINFEED_MAX_SIZE": &c.MaxSize, "BULLETINFEED_MAX_PARAGRAPH": &c.MaxParagraph,
		"BULLETINFEED_MAX_PICTURE_BYTES": &c.MaxPictureBytes,
		"BULLETINFEED_CACHE_SIZE":        &c.CacheSize, "BULLETINFEED_MAX_ITEM_CONTENT": &c.MaxItemContent} {
		if v := getenv(name); v != "" {
			n, err := parseSize(v)
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			*p = n
		}
	}
	if v := getenv("BULLETINFEED_MAX_ARTICLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return fmt.Errorf("BULLETINFEED_MAX_ARTICLES: want a positive number, got %q", v)
		}
		c.MaxArticles = n
	}
	if v := getenv("BULLETINFEED_MAX_PICTURES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return fmt.Errorf("BULLETINFEED_MAX_PICTURES: want a number from 0, got %q", v)
		}
		c.MaxPictures = n
	}
	if v := getenv("BULLETINFEED_METRICS_NETWORKS"); v != "" {
		var nets prefixList
		if err := nets.Set(v); err != nil {
			return fmt.Errorf("BULLETINFEED_METRICS_NETWORKS: %w", err)
		}
		c.MetricsNetworks = nets
	}
	return nil
}

// CheckFlags checks, once fs has parsed a command's flags, what the flags
// and the rest may have got wrong.
func (c *Config) CheckFlags(fs *flag.FlagSet) error {
	if fs.Lookup("db") != nil {
		if err := store.CheckDSN(c.DB); err != nil {
			return Usagef("%s: --db: %v", fs.Name(), err)
		}
	}
	if c.BaseURL != "" && fs.Lookup("base-url") != nil {
		u, err := normalizeBaseURL(c.BaseURL)
		if err != nil {
			return Usagef("%s: --base-url: %v", fs.Name(), err)
		}
		c.BaseURL = u
	}
	if c.Lang != "" && fs.Lookup("lang") != nil {
		if _, err := language.Parse(c.Lang); err != nil {
			return Usagef("%s: --lang %q: want a BCP 47 language tag such as zh-CN or en", fs.Name(), c.Lang)
		}
	}
	if c.TZ != "" && fs.Lookup("tz") != nil {
		if _, err := time.LoadLocation(c.TZ); err != nil {
			return Usagef("%s: --tz %q: unknown time zone (want an IANA name such as Asia/Shanghai)", fs.Name(), c.TZ)
		}
	}
	return nil
}

// Resolve returns the Resolve a command may touch, with the
// flags' settings applied to the chosen one, and the index of the chosen
// one (cfg.Publication).
func (c *Config) Resolve() ([]Publication, int, error) {
	if len(c.Publications) == 0 {
		p := Publication{ID: c.Publication, Title: c.Title, Lang: c.Lang, TZ: c.TZ}
		for _, b := range c.Sections {
			p.Sections = append(p.Sections, Section{Banner: b})
		}
		return []Publication{p}, 0, nil
	}
	pubs := slices.Clone(c.Publications)
	at := -1
	var ids []string
	for i, p := range pubs {
		ids = append(ids, p.ID)
		if p.ID == c.Publication {
			at = i
		}
	}
	if at < 0 {
		return nil, 0, Usagef("publication %q is not in %s (it has %s)", c.Publication, c.File, strings.Join(ids, ", "))
	}
	p := &pubs[at]
	if c.Title != "" {
		p.Title = c.Title
	}
	if c.Lang != "" {
		p.Lang = c.Lang
	}
	if c.TZ != "" {
		p.TZ = c.TZ
	}
	p.Sections = slices.Clone(p.Sections)
	for _, b := range c.Sections {
		if !slices.ContainsFunc(p.Sections, func(s Section) bool { return s.Banner == b }) {
			p.Sections = append(p.Sections, Section{Banner: b})
		}
	}
	return pubs, at, nil
}

// Banners returns the Banners of a publication's sections.
func (p *Publication) Banners() []string {
	out := make([]string, 0, len(p.Sections))
	for _, s := range p.Sections {
		out = append(out, s.Banner)
	}
	return out
}

// SourceOptions returns the parse limits of c with the publication's
// banners and time zone.
func (c *Config) SourceOptions(pubID string, banners []string, loc *time.Location) source.Options {
	// Pictures are wanted unless max_pictures is 0: every command that
	// parses may store or show them.
	opts := source.Options{Banners: banners, MaxSize: c.MaxSize, MaxParagraph: int(c.MaxParagraph), MaxArticles: c.MaxArticles, Location: loc,
		NoCredits: c.NoCredits, Pictures: c.MaxPictures > 0, MaxPictures: c.MaxPictures, MaxPictureBytes: c.MaxPictureBytes}
	for _, p := range c.Publications {
		if p.ID != pubID {
			continue
		}
		opts.NoCredits = opts.NoCredits || p.NoCredits
		opts.DateOnArrival = p.DateOnArrival
		if !p.Vocabulary.empty() {
			opts.Vocabulary = source.DefaultVocabulary().With(p.Vocabulary.additions())
		}
	}
	return opts
}

// BindParse adds the flags that shape parsing.
func (c *Config) BindParse(fs *flag.FlagSet) {
	fs.Var((*StringList)(&c.Sections), "section", "a known section `BANNER` (repeatable); a banner printed on two lines is given as the two lines joined by one space")
	fs.Var((*sizeFlag)(&c.MaxSize), "max-size", "largest input file accepted, in bytes (suffixes K, M, G) (env BULLETINFEED_MAX_SIZE)")
	fs.Var((*sizeFlag)(&c.MaxParagraph), "max-paragraph", "longest paragraph accepted, in bytes (suffixes K, M) (env BULLETINFEED_MAX_PARAGRAPH)")
	fs.IntVar(&c.MaxArticles, "max-articles", c.MaxArticles, "most articles accepted in one issue (env BULLETINFEED_MAX_ARTICLES)")
	fs.IntVar(&c.MaxPictures, "max-pictures", c.MaxPictures, "most pictures kept of one issue; 0 keeps none and skips their extraction (env BULLETINFEED_MAX_PICTURES)")
	fs.Var((*sizeFlag)(&c.MaxPictureBytes), "max-picture-bytes", "most bytes of stored pictures of one issue (suffixes K, M) (env BULLETINFEED_MAX_PICTURE_BYTES)")
	fs.BoolVar(&c.NoCredits, "no-credits", c.NoCredits, "the issues print no credit lines: a short heading-shaped line set apart starts an article (as credits = \"none\" in the configuration)")
}

// prefixList is a comma-separated list of networks (CIDR) or addresses.
type prefixList []netip.Prefix

func (p *prefixList) String() string {
	var ss []string
	for _, n := range *p {
		ss = append(ss, n.String())
	}
	return strings.Join(ss, ",")
}

func (p *prefixList) Set(v string) error {
	nets, err := parseNetworks(strings.Split(v, ","))
	if err != nil {
		return err
	}
	*p = nets
	return nil
}

// parseNetworks reads networks in CIDR form, or single addresses.
func parseNetworks(list []string) ([]netip.Prefix, error) {
	out := []netip.Prefix{}
	for _, f := range list {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return nil, fmt.Errorf("want networks such as 127.0.0.0/8,10.0.0.0/8, got %q", f)
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		n, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("want networks such as 127.0.0.0/8,10.0.0.0/8, got %q", f)
		}
		out = append(out, n.Masked())
	}
	return out, nil
}

// StringList is a repeatable string flag.
type StringList []string

func (s *StringList) String() string { return strings.Join(*s, ", ") }
func (s *StringList) Set(v string) error {
	*s = append(*s, v)
	return nil
}

// sizeFlag is a byte count with an optional K, M or G suffix.
type sizeFlag int64

func (s *sizeFlag) String() string { return strconv.FormatInt(int64(*s), 10) }
func (s *sizeFlag) Set(v string) error {
	n, err := parseSize(v)
	if err != nil {
		return err
	}
	*s = sizeFlag(n)
	return nil
}

func parseSize(v string) (int64, error) {
	mult := int64(1)
	t := strings.ToUpper(strings.TrimSpace(v))
	t = strings.TrimSuffix(t, "B")
	switch {
	case strings.HasSuffix(t, "K"):
		mult, t = 1<<10, strings.TrimSuffix(t, "K")
	case strings.HasSuffix(t, "M"):
		mult, t = 1<<20, strings.TrimSuffix(t, "M")
	case strings.HasSuffix(t, "G"):
		mult, t = 1<<30, strings.TrimSuffix(t, "G")
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("want a positive size such as 10M, got %q", v)
	}
	// "99999999999G" overflows int64 and would wrap negative.
	if n > math.MaxInt64/mult {
		return 0, fmt.Errorf("size %q is too large", v)
	}
	return n * mult, nil
}

// BindStore adds the flag that chooses the store.
func (c *Config) BindStore(fs *flag.FlagSet) {
	fs.Func("db", "store: a SQLite file `path`, a file: or sqlite: URL, or a postgres:// DSN (env BULLETINFEED_DB; default "+DefaultDB+", beside the configuration file when there is one)", func(v string) error {
		c.DB, c.DBDefault, c.DBFromFile = v, false, false
		return nil
	})
}

// BindLog adds the flags of logging.
func (c *Config) BindLog(fs *flag.FlagSet) {
	fs.StringVar(&c.LogLevel, "log-level", c.LogLevel, "least `level` logged: debug, info, warn or error (env BULLETINFEED_LOG_LEVEL)")
	fs.StringVar(&c.LogFormat, "log-format", c.LogFormat, "log `format`: text or json (env BULLETINFEED_LOG_FORMAT)")
}

// BindPublication adds the flags that describe the publication; --section
// comes with BindParse.
func (c *Config) BindPublication(fs *flag.FlagSet) {
	c.BindPublicationID(fs)
	fs.StringVar(&c.Title, "title", c.Title, "publication title (env BULLETINFEED_TITLE)")
	fs.StringVar(&c.Lang, "lang", c.Lang, "publication language, a BCP 47 tag such as zh-CN or en (env BULLETINFEED_LANG)")
	fs.StringVar(&c.TZ, "tz", c.TZ, "publication time zone, an IANA name; default Asia/Shanghai for Chinese, else UTC (env BULLETINFEED_TZ)")
}

// BindPublicationID adds the flag that chooses the publication, alone,
// for commands that must not change its settings.
func (c *Config) BindPublicationID(fs *flag.FlagSet) {
	fs.StringVar(&c.Publication, "publication", c.Publication, "publication `id` (env BULLETINFEED_PUBLICATION)")
}

// BindServe adds the flags of the HTTP endpoint.
func (c *Config) BindServe(fs *flag.FlagSet) {
	fs.BoolVar(&c.AccessLog, "access-log", c.AccessLog, "log every request answered, in the log's format ([log] access in the configuration file)")
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen `address` (env BULLETINFEED_ADDR)")
	fs.Var((*sizeFlag)(&c.CacheSize), "cache-size", "memory for pages rendered on request (articles, issues, archive pages), in bytes (suffixes K, M, G) (env BULLETINFEED_CACHE_SIZE)")
	c.BindSite(fs)
	fs.StringVar(&c.Schedule, "schedule", c.Schedule, "cron `spec` of when the url, feed and page sources are asked for new issues; its interval is the feeds' ttl and the pages' max-age (env BULLETINFEED_SCHEDULE)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "serve /metrics on this `address` instead of the site's, e.g. 10.0.0.5:9100 (env BULLETINFEED_METRICS_ADDR)")
	fs.StringVar(&c.AdminAddr, "admin-addr", c.AdminAddr, "serve the editors' console on this `address` (a private one, e.g. 10.0.0.5:8081) instead of under /admin/ of the site (env BULLETINFEED_ADMIN_ADDR)")
	fs.Var((*prefixList)(&c.MetricsNetworks), "metrics-networks", "`networks` (CIDR, comma-separated) that may read /metrics on the site's address and the details of /healthz; requests through a proxy never may (env BULLETINFEED_METRICS_NETWORKS)")
}

// BindBuild adds the flags of the static site build.
func (c *Config) BindBuild(fs *flag.FlagSet) {
	fs.StringVar(&c.Out, "out", c.Out, "output `dir`ectory of the static site")
	c.BindSite(fs)
}

func (c *Config) BindSite(fs *flag.FlagSet) {
	fs.Var((*sizeFlag)(&c.MaxItemContent), "max-item-content", "largest HTML of one article in a feed item, in bytes (suffixes K, M); longer ones are cut and link to the page (env BULLETINFEED_MAX_ITEM_CONTENT)")
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "absolute http(s) `URL` the feeds and pages are served from, perhaps with a path; feed GUIDs are built from it (env BULLETINFEED_BASE_URL)")
	fs.IntVar(&c.FeedItems, "feed-items", c.FeedItems, "articles in each feed (env BULLETINFEED_FEED_ITEMS)")
}

// DescribeFile says which configuration file the command read, or where
// it looked for one, for errors whose cause is often a missing --config.
func (c Config) DescribeFile() string {
	if c.File != "" {
		return "configuration file " + c.File
	}
	return "no configuration file: none was given with --config or BULLETINFEED_CONFIG and there is no ./" + DefaultFile +
		"; to keep one for the next commands, export BULLETINFEED_CONFIG=path/to/bulletinfeed.toml"
}
