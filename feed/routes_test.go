package feed_test

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// TestEveryPathOneRoute: every path the site serves, of every route and
// publication, matches exactly one route of the table, and its requests
// are counted under that route's pattern (the server's own routes,
// /healthz and /metrics, in server.TestServerRoutesCounted).
func TestEveryPathOneRoute(t *testing.T) {
	m, st := newMultiStore()
	m.set(fixturePublication(), bigFixture(60))
	// Enough issues for archive pages under /river/ too.
	var river []*bulletinfeed.Issue
	for i := 0; i < 4; i++ {
		iss := riversideIssues()[0]
		iss.Key = fmt.Sprintf("2023-0%d", 4-i)
		iss.Date = iss.Date.AddDate(0, -i, 0)
		for _, a := range iss.Articles {
			a.ID, a.IssueKey, a.Published, a.Updated = a.ID+"-"+iss.Key, iss.Key, iss.Date, iss.Date
		}
		river = append(river, iss)
	}
	m.set(riversidePublication(), river)
	srv := feed.NewHandler(st, multiConfig())
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	paths := allPaths(t, srv.Site())
	want := map[string]int{}
	for _, p := range paths {
		routes := feed.MatchingRoutes(p)
		if len(routes) != 1 {
			t.Errorf("%s matches %q, want one route", p, routes)
			continue
		}
		want[routes[0]]++
	}
	for _, p := range paths {
		if rec := serve(srv, "GET", p); rec.Code != 200 {
			t.Errorf("%s: status %d", p, rec.Code)
		}
	}
	// Every route of the table, at the root and under /{pub}, is served.
	if len(want) < 2*14+2 {
		t.Errorf("%d routes served: %v", len(want), want)
	}
	metrics := metricsText(t, srv)
	for route, n := range want {
		re := regexp.MustCompile(`bulletinfeed_http_requests_total\{route="` + regexp.QuoteMeta(route) + `",status="200"\} (\d+)`)
		got := re.FindStringSubmatch(metrics)
		if got == nil || got[1] != strconv.Itoa(n) {
			t.Errorf("%s: counted %v, want %d", route, got, n)
		}
	}
	if m := regexp.MustCompile(`.*route="other",status="200"\} [1-9].*`).FindString(metrics); m != "" {
		t.Errorf("some 200 counted under other: %s", m)
	}
}
