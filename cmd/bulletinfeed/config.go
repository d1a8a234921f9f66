package main

import (
	"flag"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// Config is every setting of every command, filled in one order: defaults,
// then BULLETINFEED_* environment, then flags. No other code reads the
// environment.
type Config struct {
	// Store.
	DB string // a SQLite file path, or a postgres:// DSN

	// Publication.
	Publication string
	Title       string
	Lang        string
	TZ          string
	Sections    []string // known section banners

	// Parsing: what one issue may bring.
	MaxSize      int64
	MaxParagraph int64
	MaxArticles  int

	// Wait is how long ingest retries a store that cannot be reached.
	Wait time.Duration

	// Serving and building.
	Addr      string
	BaseURL   string
	FeedItems int
	Schedule  string // cron spec of how often new issues are expected: the feeds' ttl
	Out       string

	// MetricsAddr, when set, serves /metrics there instead of on Addr.
	MetricsAddr string
	// MetricsNetworks may read /metrics on Addr and the details of
	// /healthz.
	MetricsNetworks []netip.Prefix
}

// DefaultConfig is what a command uses with no environment and no flags.
func DefaultConfig() Config {
	return Config{
		DB:              "data/bulletinfeed.db",
		Publication:     "default",
		MaxSize:         source.DefaultMaxSize,
		MaxParagraph:    source.DefaultMaxParagraph,
		MaxArticles:     source.DefaultMaxArticles,
		Wait:            time.Minute,
		Addr:            ":8080",
		BaseURL:         "http://localhost:8080",
		FeedItems:       50,
		Schedule:        "*/5 * * * *",
		MetricsNetworks: feed.DefaultPrivateNetworks,
	}
}

// loadConfig returns the defaults overlaid with the environment. Flags are
// bound on top of the result by each command.
func loadConfig(getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	str := map[string]*string{
		"BULLETINFEED_DB":           &c.DB,
		"BULLETINFEED_PUBLICATION":  &c.Publication,
		"BULLETINFEED_TITLE":        &c.Title,
		"BULLETINFEED_LANG":         &c.Lang,
		"BULLETINFEED_TZ":           &c.TZ,
		"BULLETINFEED_ADDR":         &c.Addr,
		"BULLETINFEED_BASE_URL":     &c.BaseURL,
		"BULLETINFEED_SCHEDULE":     &c.Schedule,
		"BULLETINFEED_METRICS_ADDR": &c.MetricsAddr,
	}
	for k, p := range str {
		if v := getenv(k); v != "" {
			*p = v
		}
	}
	if v := getenv("BULLETINFEED_FEED_ITEMS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return c, fmt.Errorf("BULLETINFEED_FEED_ITEMS: want a positive number, got %q", v)
		}
		c.FeedItems = n
	}
	for name, p := range map[string]*int64{"BULLETINFEED_MAX_SIZE": &c.MaxSize, "BULLETINFEED_MAX_PARAGRAPH": &c.MaxParagraph} {
		if v := getenv(name); v != "" {
			n, err := parseSize(v)
			if err != nil {
				return c, fmt.Errorf("%s: %w", name, err)
			}
			*p = n
		}
	}
	if v := getenv("BULLETINFEED_MAX_ARTICLES"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return c, fmt.Errorf("BULLETINFEED_MAX_ARTICLES: want a positive number, got %q", v)
		}
		c.MaxArticles = n
	}
	if v := getenv("BULLETINFEED_METRICS_NETWORKS"); v != "" {
		var nets prefixList
		if err := nets.Set(v); err != nil {
			return c, fmt.Errorf("BULLETINFEED_METRICS_NETWORKS: %w", err)
		}
		c.MetricsNetworks = nets
	}
	return c, nil
}

// sourceOptions returns the parse limits of c with the publication's
// banners and time zone.
func (c *Config) sourceOptions(banners []string, loc *time.Location) source.Options {
	return source.Options{Banners: banners, MaxSize: c.MaxSize, MaxParagraph: int(c.MaxParagraph), MaxArticles: c.MaxArticles, Location: loc}
}

// bindParse adds the flags that shape parsing.
func (c *Config) bindParse(fs *flag.FlagSet) {
	fs.Var((*stringList)(&c.Sections), "section", "a known section `BANNER` (repeatable); a banner printed on two lines is given as the two lines joined by one space")
	fs.Var((*sizeFlag)(&c.MaxSize), "max-size", "largest input file accepted, in bytes (suffixes K, M, G) (env BULLETINFEED_MAX_SIZE)")
	fs.Var((*sizeFlag)(&c.MaxParagraph), "max-paragraph", "longest paragraph accepted, in bytes (suffixes K, M) (env BULLETINFEED_MAX_PARAGRAPH)")
	fs.IntVar(&c.MaxArticles, "max-articles", c.MaxArticles, "most articles accepted in one issue (env BULLETINFEED_MAX_ARTICLES)")
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
	var out []netip.Prefix
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if !strings.Contains(f, "/") {
			a, err := netip.ParseAddr(f)
			if err != nil {
				return fmt.Errorf("want networks such as 127.0.0.0/8,10.0.0.0/8, got %q", f)
			}
			out = append(out, netip.PrefixFrom(a, a.BitLen()))
			continue
		}
		n, err := netip.ParsePrefix(f)
		if err != nil {
			return fmt.Errorf("want networks such as 127.0.0.0/8,10.0.0.0/8, got %q", f)
		}
		out = append(out, n.Masked())
	}
	*p = out
	return nil
}

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string { return strings.Join(*s, ", ") }
func (s *stringList) Set(v string) error {
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
	return n * mult, nil
}

// bindStore adds the flag that chooses the store.
func (c *Config) bindStore(fs *flag.FlagSet) {
	fs.StringVar(&c.DB, "db", c.DB, "store: a SQLite file `path`, or a postgres:// DSN (env BULLETINFEED_DB)")
}

// bindPublication adds the flags that describe the publication; --section
// comes with bindParse.
func (c *Config) bindPublication(fs *flag.FlagSet) {
	fs.StringVar(&c.Publication, "publication", c.Publication, "publication `id` (env BULLETINFEED_PUBLICATION)")
	fs.StringVar(&c.Title, "title", c.Title, "publication title (env BULLETINFEED_TITLE)")
	fs.StringVar(&c.Lang, "lang", c.Lang, "publication language, a BCP 47 tag such as zh-CN or en (env BULLETINFEED_LANG)")
	fs.StringVar(&c.TZ, "tz", c.TZ, "publication time zone, an IANA name; default Asia/Shanghai for Chinese, else UTC (env BULLETINFEED_TZ)")
}

// bindServe adds the flags of the HTTP endpoint.
func (c *Config) bindServe(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen `address` (env BULLETINFEED_ADDR)")
	c.bindSite(fs)
	fs.StringVar(&c.Schedule, "schedule", c.Schedule, "cron `spec` of how often issues may change: the feeds' ttl and the pages' max-age (env BULLETINFEED_SCHEDULE)")
	fs.StringVar(&c.MetricsAddr, "metrics-addr", c.MetricsAddr, "serve /metrics on this `address` instead of the site's, e.g. 10.0.0.5:9100 (env BULLETINFEED_METRICS_ADDR)")
	fs.Var((*prefixList)(&c.MetricsNetworks), "metrics-networks", "`networks` (CIDR, comma-separated) that may read /metrics on the site's address and the details of /healthz; requests through a proxy never may (env BULLETINFEED_METRICS_NETWORKS)")
}

// bindBuild adds the flags of the static site build.
func (c *Config) bindBuild(fs *flag.FlagSet) {
	fs.StringVar(&c.Out, "out", c.Out, "output `dir`ectory of the static site")
	c.bindSite(fs)
}

func (c *Config) bindSite(fs *flag.FlagSet) {
	fs.StringVar(&c.BaseURL, "base-url", c.BaseURL, "absolute `URL` the feeds and pages are served from (env BULLETINFEED_BASE_URL)")
	fs.IntVar(&c.FeedItems, "feed-items", c.FeedItems, "articles in each feed (env BULLETINFEED_FEED_ITEMS)")
}
