package main

import (
	"fmt"
	"net"
	"os"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/internal/testpg"
)

// BenchmarkWebSubDelivery measures, with 100 subscribers of the
// all-sections feed, the time from the start of an ingest (a revision of
// the reference issue, by another process) to each delivery's arrival at
// its subscriber: the parse and the store, the server's watch (a 250 ms
// poll on SQLite, a notification on PostgreSQL with
// BULLETINFEED_TEST_POSTGRES set), the render, the announcement and the
// 100 POSTs. It reports the 50th and 99th percentiles over every
// delivery of every ingest.
//
//	go test -run XXX -bench WebSubDelivery -benchtime 20x ./cmd/bulletinfeed
func BenchmarkWebSubDelivery(b *testing.B) {
	const subscribers = 100
	dsn := b.TempDir() + "/bulletinfeed.db"
	if pg := os.Getenv("BULLETINFEED_TEST_POSTGRES"); pg != "" {
		dsn = testpg.Schema(b, pg)
	}
	file := hubStore(b, dsn)
	addr := freeAddr(b)
	m := openHubServer(b, dsn, addr)
	all, _, _ := sectionFeeds(b, m.srv.URL(), "中信银行天津分行")
	sub := newPushSubscriber(b)
	feeds := map[string]string{}
	for i := range subscribers {
		feeds[strconv.Itoa(i)] = all
	}
	subscribeAll(b, m, sub, "bench", feeds)

	var lat []time.Duration
	marker := "中信银行天津分行"
	b.ResetTimer()
	for i := range b.N {
		next := "中信银行天津分行" + strconv.Itoa(i)
		revise(b, file, marker, next)
		marker = next
		before := len(sub.received())
		start := time.Now()
		publish(b, dsn, file)
		for got := 0; got < subscribers; got++ {
			select {
			case <-sub.new:
			case <-time.After(30 * time.Second):
				b.Fatalf("ingest %d: %d of %d deliveries", i, got, subscribers)
			}
		}
		for _, p := range sub.received()[before:] {
			lat = append(lat, p.at.Sub(start))
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	p := func(q float64) time.Duration { return lat[min(len(lat)-1, int(q*float64(len(lat))))] }
	b.ReportMetric(float64(p(0.5).Milliseconds()), "p50-ms")
	b.ReportMetric(float64(p(0.99).Milliseconds()), "p99-ms")
	fmt.Printf("websub: %d ingests, %d deliveries to %d subscribers: ingest to delivery p50 %v, p99 %v, max %v\n",
		b.N, len(lat), subscribers, p(0.5).Round(time.Millisecond), p(0.99).Round(time.Millisecond), lat[len(lat)-1].Round(time.Millisecond))
}

// freeAddr returns a loopback address nothing listens on, which the
// server then takes.
func freeAddr(tb testing.TB) string {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}
