package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
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

	// Parsing.
	MaxSize int64

	// Serving and building.
	Addr      string
	BaseURL   string
	FeedItems int
	Schedule  string // cron spec of the republishing worker
	Out       string
}

// DefaultConfig is what a command uses with no environment and no flags.
func DefaultConfig() Config {
	return Config{
		DB:          "data/bulletinfeed.db",
		Publication: "default",
		MaxSize:     10 << 20,
		Addr:        ":8080",
		BaseURL:     "http://localhost:8080",
		FeedItems:   50,
		Schedule:    "*/5 * * * *",
	}
}

// loadConfig returns the defaults overlaid with the environment. Flags are
// bound on top of the result by each command.
func loadConfig(getenv func(string) string) (Config, error) {
	c := DefaultConfig()
	str := map[string]*string{
		"BULLETINFEED_DB":          &c.DB,
		"BULLETINFEED_PUBLICATION": &c.Publication,
		"BULLETINFEED_TITLE":       &c.Title,
		"BULLETINFEED_LANG":        &c.Lang,
		"BULLETINFEED_TZ":          &c.TZ,
		"BULLETINFEED_ADDR":        &c.Addr,
		"BULLETINFEED_BASE_URL":    &c.BaseURL,
		"BULLETINFEED_SCHEDULE":    &c.Schedule,
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
	if v := getenv("BULLETINFEED_MAX_SIZE"); v != "" {
		n, err := parseSize(v)
		if err != nil {
			return c, fmt.Errorf("BULLETINFEED_MAX_SIZE: %w", err)
		}
		c.MaxSize = n
	}
	return c, nil
}

// bindParse adds the flags that shape parsing.
func (c *Config) bindParse(fs *flag.FlagSet) {
	fs.Var((*stringList)(&c.Sections), "section", "a known section `BANNER` (repeatable); a banner printed on two lines is given as the two lines joined by one space")
	fs.Var((*sizeFlag)(&c.MaxSize), "max-size", "largest input file accepted, in bytes (suffixes K, M, G)")
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

// bindServe adds the flags of the HTTP endpoint and the scheduled worker.
func (c *Config) bindServe(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", c.Addr, "listen `address` (env BULLETINFEED_ADDR)")
	c.bindSite(fs)
	fs.StringVar(&c.Schedule, "schedule", c.Schedule, "cron `spec` of the republishing worker (env BULLETINFEED_SCHEDULE)")
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
