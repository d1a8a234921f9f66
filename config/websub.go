package config

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed/websub"
)

// WebSubConfig is the [websub] table: the hub serve runs at
// {base_url}/websub and the outside hubs it pings.
type WebSubConfig struct {
	// Hub runs the built-in hub; on unless the file turns it off.
	Hub bool
	// Hubs are outside hubs, pinged for each changed feed and named in
	// every feed beside ours.
	Hubs                             []string
	AllowPrivateCallbacks            bool
	LeaseMin, LeaseMax, LeaseDefault time.Duration
	MaxSubscriptions, MaxPerTopic    int
	RatePerCallback, RateGlobal      int
	RatePerClient                    int
	RetryFor                         time.Duration
}

func defaultWebSub() WebSubConfig {
	return WebSubConfig{
		Hub:              true,
		LeaseMin:         websub.DefaultLeaseMin,
		LeaseMax:         websub.DefaultLeaseMax,
		LeaseDefault:     websub.DefaultLease,
		MaxSubscriptions: websub.DefaultMaxSubscriptions,
		MaxPerTopic:      websub.DefaultMaxPerTopic,
		RatePerCallback:  websub.DefaultRatePerCallback,
		RateGlobal:       websub.DefaultRateGlobal,
		RatePerClient:    websub.DefaultRatePerClient,
		RetryFor:         24 * time.Hour,
	}
}

// fileWebSub is the [websub] table as written.
type fileWebSub struct {
	Hub                   *bool    `toml:"hub"`
	Hubs                  []string `toml:"hubs"`
	AllowPrivateCallbacks *bool    `toml:"allow_private_callbacks"`
	LeaseMin              string   `toml:"lease_min"`
	LeaseMax              string   `toml:"lease_max"`
	LeaseDefault          string   `toml:"lease_default"`
	MaxSubscriptions      *int     `toml:"max_subscriptions"`
	MaxPerTopic           *int     `toml:"max_per_topic"`
	RatePerCallback       *int     `toml:"rate_per_callback"`
	RateGlobal            *int     `toml:"rate_global"`
	RatePerClient         *int     `toml:"rate_per_client"`
	RetryFor              string   `toml:"retry_for"`

	// Set by checking.
	leaseMin, leaseMax, leaseDefault, retryFor time.Duration
}

// check reads the table's values, reporting each mistake at its line.
func (w *fileWebSub) check(lines keyLines) []Problem {
	var ps []Problem
	bad := func(key, format string, args ...any) {
		ps = append(ps, Problem{lines.line("websub." + key), "websub." + key + ": " + fmt.Sprintf(format, args...)})
	}
	for _, d := range []struct {
		key string
		v   string
		out *time.Duration
	}{{"lease_min", w.LeaseMin, &w.leaseMin}, {"lease_max", w.LeaseMax, &w.leaseMax},
		{"lease_default", w.LeaseDefault, &w.leaseDefault}, {"retry_for", w.RetryFor, &w.retryFor}} {
		if d.v == "" {
			continue
		}
		v, err := parseDays(d.v)
		if err != nil {
			bad(d.key, "%v", err)
		}
		*d.out = v
	}
	for _, n := range []struct {
		key string
		v   *int
	}{{"max_subscriptions", w.MaxSubscriptions}, {"max_per_topic", w.MaxPerTopic}, {"rate_per_callback", w.RatePerCallback}, {"rate_global", w.RateGlobal}, {"rate_per_client", w.RatePerClient}} {
		if n.v != nil && *n.v <= 0 {
			bad(n.key, "want a positive number, got %d", *n.v)
		}
	}
	for _, h := range w.Hubs {
		if err := websub.CheckConfig(websub.Config{Hubs: []string{h}}); err != nil {
			bad("hubs", "%v", err)
		}
	}
	c := defaultWebSub()
	c.apply(w)
	c.Hubs = nil
	if err := websub.CheckConfig(c.HubConfig()); err != nil {
		bad("lease_default", "%v", err)
	}
	return ps
}

// apply overlays what the file sets.
func (c *WebSubConfig) apply(w *fileWebSub) {
	if w.Hub != nil {
		c.Hub = *w.Hub
	}
	if w.AllowPrivateCallbacks != nil {
		c.AllowPrivateCallbacks = *w.AllowPrivateCallbacks
	}
	if len(w.Hubs) > 0 {
		c.Hubs = w.Hubs
	}
	for _, d := range []struct {
		v   time.Duration
		out *time.Duration
	}{{w.leaseMin, &c.LeaseMin}, {w.leaseMax, &c.LeaseMax}, {w.leaseDefault, &c.LeaseDefault}, {w.retryFor, &c.RetryFor}} {
		if d.v > 0 {
			*d.out = d.v
		}
	}
	for _, n := range []struct {
		v   *int
		out *int
	}{{w.MaxSubscriptions, &c.MaxSubscriptions}, {w.MaxPerTopic, &c.MaxPerTopic}, {w.RatePerCallback, &c.RatePerCallback}, {w.RateGlobal, &c.RateGlobal}, {w.RatePerClient, &c.RatePerClient}} {
		if n.v != nil && *n.v > 0 {
			*n.out = *n.v
		}
	}
}

// HubConfig returns the hub's settings.
func (c *WebSubConfig) HubConfig() websub.Config {
	return websub.Config{
		Hubs:                  c.Hubs,
		AllowPrivateCallbacks: c.AllowPrivateCallbacks,
		LeaseMin:              c.LeaseMin, LeaseMax: c.LeaseMax, LeaseDefault: c.LeaseDefault,
		MaxSubscriptions: c.MaxSubscriptions, MaxPerTopic: c.MaxPerTopic,
		RatePerCallback: c.RatePerCallback, RateGlobal: c.RateGlobal, RatePerClient: c.RatePerClient,
		RetryFor: c.RetryFor,
	}
}

// parseDays reads a duration as Go writes them ("90m", "240h") or a
// number of days ("10d"), which leases are counted in.
func parseDays(v string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 {
			return 0, fmt.Errorf("want a positive duration such as 10d, 240h or 90m, got %q", v)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fmt.Errorf("want a positive duration such as 10d, 240h or 90m, got %q", v)
	}
	return d, nil
}
