package config

import (
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"
)

// TestWebSubConfig: the [websub] table sets the hub's settings, which
// default to a hub that is on; each mistake is reported at its line.
func TestWebSubConfig(t *testing.T) {
	if c := Default(); !c.WebSub.Hub || c.WebSub.AllowPrivateCallbacks || c.WebSub.LeaseDefault != 240*time.Hour {
		t.Errorf("defaults %+v", c.WebSub)
	}
	fc, err := ParseFile([]byte(`
[websub]
hub = false
hubs = ["https://pubsubhubbub.appspot.com/"]
allow_private_callbacks = true
lease_min = "2h"
lease_default = "5d"
lease_max = "7d"
max_subscriptions = 50
max_per_topic = 5
rate_per_callback = 3
rate_global = 100
rate_per_client = 7
retry_for = "6h"
`), "/etc/bulletinfeed.toml")
	if err != nil {
		t.Fatal(err)
	}
	c := Default()
	c.ApplyFile(fc)
	w := c.WebSub
	want := WebSubConfig{Hub: false, Hubs: []string{"https://pubsubhubbub.appspot.com/"}, AllowPrivateCallbacks: true,
		LeaseMin: 2 * time.Hour, LeaseDefault: 5 * 24 * time.Hour, LeaseMax: 7 * 24 * time.Hour,
		MaxSubscriptions: 50, MaxPerTopic: 5, RatePerCallback: 3, RateGlobal: 100, RatePerClient: 7, RetryFor: 6 * time.Hour}
	if !reflect.DeepEqual(w, want) {
		t.Errorf("websub %+v\nwant   %+v", w, want)
	}

	_, err = ParseFile([]byte(`
[websub]
hub = "yes"
`), "/etc/bulletinfeed.toml")
	var ce *FileError
	if !errors.As(err, &ce) || len(ce.Problems) != 1 || ce.Problems[0].Line != 3 {
		t.Errorf("hub = \"yes\": %v", err)
	}
	_, err = ParseFile([]byte(`
[websub]
lease_min = "soon"
max_per_topic = 0
hubs = ["ftp://hub.example/"]
lease_default = "60d"
`), "/etc/bulletinfeed.toml")
	if !errors.As(err, &ce) {
		t.Fatalf("want a FileError, got %v", err)
	}
	var lines []int
	for _, p := range ce.Problems {
		lines = append(lines, p.Line)
	}
	if !slices.Equal(lines, []int{3, 4, 5, 6}) {
		t.Errorf("problems on lines %v, want 3, 4, 5, 6:\n%v", lines, err)
	}
}
