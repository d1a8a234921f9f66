package store_test

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

const (
	topicA = "https://news.example.org/feeds/a.atom"
	topicB = "https://news.example.org/feeds/b.atom"
)

func update(topic, etag string, version int64) *bulletinfeed.FeedUpdate {
	return &bulletinfeed.FeedUpdate{Topic: topic, ETag: etag, Version: version, ContentType: "application/atom+xml", Link: "<x>; rel=\"self\"", Body: []byte("<feed>" + etag + "</feed>")}
}

func mustSubscribe(t *testing.T, db *store.DB, topic, callback string, now time.Time, current *bulletinfeed.FeedUpdate) {
	t.Helper()
	sub := &bulletinfeed.Subscription{Topic: topic, Callback: callback, Secret: "s3cret", LeaseSeconds: 3600, Expires: now.Add(time.Hour)}
	if err := db.PutSubscriptionCapped(context.Background(), sub, current, 0, 0, now); err != nil {
		t.Fatal(err)
	}
}

// TestSubscriptions: subscriptions are counted, renewed in place, listed,
// deleted and expired, and survive closing the store.
func TestSubscriptions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		now := time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)
		db := mustOpen(t, dsn, nil)
		mustSubscribe(t, db, topicA, "https://r.example/1", now, nil)
		mustSubscribe(t, db, topicA, "https://r.example/2", now, nil)
		mustSubscribe(t, db, topicA, "https://r.example/2", now, nil) // a renewal
		mustSubscribe(t, db, topicB, "https://r.example/1", now.Add(-50*time.Minute), nil)
		c, err := db.SubscriptionCounts(ctx, topicA, "https://r.example/2", now)
		if err != nil {
			t.Fatal(err)
		}
		if c != (bulletinfeed.SubscriptionCounts{Topic: 2, Total: 3, Exists: true}) {
			t.Errorf("counts %+v", c)
		}
		got, err := db.SubscribedTopics(ctx, []string{topicA, topicB, "https://news.example.org/feeds/c.atom"}, now)
		if err != nil || !slices.Equal(got, []string{topicA, topicB}) {
			t.Errorf("SubscribedTopics = %q, %v", got, err)
		}
		if got, err := db.SubscribedTopics(ctx, nil, now); err != nil || !slices.Equal(got, []string{topicA, topicB}) {
			t.Errorf("SubscribedTopics(nil) = %q, %v; want every subscribed topic", got, err)
		}
		if got, err := db.SubscribedTopics(ctx, []string{}, now); err != nil || len(got) != 0 {
			t.Errorf("SubscribedTopics(none) = %q, %v", got, err)
		}
		if n, err := db.ExpireSubscriptions(ctx, now.Add(15*time.Minute)); err != nil || n != 1 {
			t.Errorf("ExpireSubscriptions = %d, %v; want the one to B", n, err)
		}
		if err := db.DeleteSubscription(ctx, topicA, "https://r.example/1"); err != nil {
			t.Fatal(err)
		}
		db.Close()
		db = mustOpen(t, dsn, nil)
		subs, err := db.Subscriptions(ctx, "", now)
		if err != nil {
			t.Fatal(err)
		}
		if len(subs) != 1 || subs[0].Callback != "https://r.example/2" || subs[0].Secret != "s3cret" || !subs[0].Expires.Equal(now.Add(time.Hour)) {
			t.Errorf("after reopening: %+v", subs)
		}
	})
}

// TestAnnounceOnce: of several announcements of the same bytes, from
// replicas that each saw the change, one enqueues deliveries; an older
// version never overwrites a newer one; a newer announcement supersedes
// a delivery being made, which is then made again.
func TestAnnounceOnce(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		now := time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)
		db := mustOpen(t, dsn, nil)
		other := mustOpen(t, dsn, nil) // another replica
		mustSubscribe(t, db, topicA, "https://r.example/1", now, update(topicA, "v1", 1))
		mustSubscribe(t, db, topicA, "https://r.example/2", now, nil)
		hubs := []string{"https://hub.example/"}

		if n, err := db.AnnounceFeed(ctx, update(topicA, "v1", 1), hubs, now); err != nil || n != 0 {
			t.Errorf("announcing what the subscription recorded: %d, %v; want 0", n, err)
		}
		var wg sync.WaitGroup
		counts := make([]int, 8)
		for i := range counts {
			wg.Go(func() {
				h := db
				if i%2 == 1 {
					h = other
				}
				n, err := h.AnnounceFeed(ctx, update(topicA, "v2", 2), hubs, now)
				if err != nil {
					t.Error(err)
				}
				counts[i] = n
			})
		}
		wg.Wait()
		slices.Sort(counts)
		if !slices.Equal(counts, []int{0, 0, 0, 0, 0, 0, 0, 3}) {
			t.Errorf("concurrent announcements enqueued %v; want one of them 3 (two subscribers, one hub)", counts)
		}
		if n, _ := db.AnnounceFeed(ctx, update(topicA, "v1", 1), hubs, now); n != 0 {
			t.Errorf("an older version enqueued %d", n)
		}

		// Two replicas claim at once: each delivery goes to one.
		var mu sync.Mutex
		seen := map[string]int{}
		for i, h := range []*store.DB{db, other} {
			wg.Go(func() {
				ds, err := h.ClaimDeliveries(ctx, []string{"c1", "c2"}[i], now, time.Minute, 10)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				defer mu.Unlock()
				for _, d := range ds {
					seen[string(d.Kind)+" "+d.Target]++
				}
			})
		}
		wg.Wait()
		if len(seen) != 3 {
			t.Errorf("claimed %v; want 3 deliveries", seen)
		}
		for k, n := range seen {
			if n != 1 {
				t.Errorf("%s claimed %d times", k, n)
			}
		}
		if ds, _ := db.ClaimDeliveries(ctx, "c3", now, time.Minute, 10); len(ds) != 0 {
			t.Errorf("claimed %d deliveries already claimed", len(ds))
		}
		// The claims lapse: the rows are claimed again, with content.
		later := now.Add(2 * time.Minute)
		ds, err := db.ClaimDeliveries(ctx, "c4", later, time.Minute, 10)
		if err != nil || len(ds) != 3 {
			t.Fatalf("after the lease: %d, %v", len(ds), err)
		}
		var sub, hub *bulletinfeed.Delivery
		for _, d := range ds {
			switch {
			case d.Kind == bulletinfeed.ToHub:
				hub = d
			case d.Target == "https://r.example/1":
				sub = d
			}
		}
		if sub == nil || string(sub.Body) != "<feed>v2</feed>" || sub.Secret != "s3cret" || sub.ContentType != "application/atom+xml" {
			t.Fatalf("subscriber delivery %+v", sub)
		}
		if hub == nil || hub.Target != hubs[0] || hub.Body != nil {
			t.Fatalf("hub delivery %+v", hub)
		}
		// v3 comes while the deliveries are being made.
		if n, _ := other.AnnounceFeed(ctx, update(topicA, "v3", 3), hubs, later); n != 3 {
			t.Errorf("v3 enqueued %d", n)
		}
		var outs []bulletinfeed.DeliveryOutcome
		for _, d := range ds {
			outs = append(outs, bulletinfeed.DeliveryOutcome{Delivery: d, Done: true})
		}
		if err := db.RecordDeliveries(ctx, outs, later); err != nil {
			t.Fatal(err)
		}
		ds, err = db.ClaimDeliveries(ctx, "c5", later, time.Minute, 10)
		if err != nil || len(ds) != 3 || string(ds[0].Body) != "<feed>v3</feed>" && ds[0].Kind == bulletinfeed.ToSubscriber {
			t.Fatalf("after v3 superseded them: %d, %v", len(ds), err)
		}
		outs = nil
		for _, d := range ds {
			if d.Kind == bulletinfeed.ToHub {
				outs = append(outs, bulletinfeed.DeliveryOutcome{Delivery: d, Retry: later.Add(time.Hour), Reason: "503"})
				continue
			}
			outs = append(outs, bulletinfeed.DeliveryOutcome{Delivery: d, Done: true})
		}
		if err := db.RecordDeliveries(ctx, outs, later); err != nil {
			t.Fatal(err)
		}
		if n, _ := db.PendingDeliveries(ctx); n != 1 {
			t.Errorf("%d deliveries pending, want the ping being retried", n)
		}
		if ds, _ := db.ClaimDeliveries(ctx, "c6", later.Add(time.Minute), time.Minute, 10); len(ds) != 0 {
			t.Errorf("the ping was claimed before its retry time")
		}
		ds, _ = db.ClaimDeliveries(ctx, "c7", later.Add(time.Hour), time.Minute, 10)
		if len(ds) != 1 || ds[0].Attempts != 1 {
			t.Errorf("retried ping: %+v", ds)
		}
		// A subscriber gone takes its deliveries with it.
		other.AnnounceFeed(ctx, update(topicA, "v4", 4), nil, later)
		ds, _ = db.ClaimDeliveries(ctx, "c8", later.Add(time.Hour), time.Minute, 10)
		for _, d := range ds {
			if d.Target == "https://r.example/1" {
				if err := db.RecordDeliveries(ctx, []bulletinfeed.DeliveryOutcome{{Delivery: d, Gone: true}}, later); err != nil {
					t.Fatal(err)
				}
			}
		}
		if subs, _ := db.Subscriptions(ctx, topicA, later); len(subs) != 1 {
			t.Errorf("%d subscriptions after a 410, want 1", len(subs))
		}
		if n, _ := db.PendingDeliveries(ctx); n != 2 {
			t.Errorf("%d deliveries pending, want the ping and subscriber 2's", n)
		}
	})
}

// TestPutSubscriptionCapped: subscriptions stored at once, each counted
// in its own transaction, do not pass the caps together; a renewal at
// the cap passes, and the refusal is a conflict.
func TestPutSubscriptionCapped(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		now := time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)
		db := mustOpen(t, dsn, nil)
		other := mustOpen(t, dsn, nil) // another replica
		put := func(db *store.DB, topic, callback string, perTopic, total int) error {
			sub := &bulletinfeed.Subscription{Topic: topic, Callback: callback, LeaseSeconds: 3600, Expires: now.Add(time.Hour)}
			return db.PutSubscriptionCapped(ctx, sub, update(topic, "v1", 1), perTopic, total, now)
		}
		var wg sync.WaitGroup
		errs := make([]error, 32)
		for i := range errs {
			wg.Go(func() {
				errs[i] = put([]*store.DB{db, other}[i%2], topicA, fmt.Sprint("https://r.example/", i), 2, 100)
			})
		}
		wg.Wait()
		stored := 0
		for i, err := range errs {
			switch {
			case err == nil:
				stored++
			case bulletinfeed.KindOf(err) != bulletinfeed.Conflict:
				t.Errorf("subscription %d: %v, want a conflict", i, err)
			}
		}
		if stored != 2 {
			t.Errorf("%d subscriptions stored at once to a topic capped at 2", stored)
		}
		subs, err := db.Subscriptions(ctx, topicA, now)
		if err != nil || len(subs) != 2 {
			t.Fatalf("%d active subscriptions to a topic capped at 2, %v", len(subs), err)
		}
		if err := put(other, topicA, subs[0].Callback, 2, 100); err != nil {
			t.Errorf("a renewal at the cap: %v", err)
		}
		if err := put(db, topicB, "https://r.example/b", 100, 2); bulletinfeed.KindOf(err) != bulletinfeed.Conflict {
			t.Errorf("a subscription above the total cap: %v, want a conflict", err)
		}
		if err := put(db, topicB, "https://r.example/b", 100, 3); err != nil {
			t.Errorf("a subscription within the caps: %v", err)
		}
	})
}

// claimAll claims every due delivery and returns them by target, with
// the content each carries, and records them made.
func claimAll(t *testing.T, db *store.DB, now time.Time) map[string]string {
	t.Helper()
	ctx := context.Background()
	ds, err := db.ClaimDeliveries(ctx, fmt.Sprint("claim-", now.UnixNano()), now, time.Minute, 100)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	var outs []bulletinfeed.DeliveryOutcome
	for _, d := range ds {
		got[d.Target] = string(d.Body)
		outs = append(outs, bulletinfeed.DeliveryOutcome{Delivery: d, Done: true})
	}
	if err := db.RecordDeliveries(ctx, outs, now); err != nil {
		t.Fatal(err)
	}
	return got
}

// TestPutSubscriptionOwesNewerContent: a new subscriber whose request
// saw older content than the topic's record, announced while it was
// being verified, is owed the record's content; one that saw the
// record's content, and a renewal, are owed nothing.
func TestPutSubscriptionOwesNewerContent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		now := time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)
		db := mustOpen(t, dsn, nil)
		mustSubscribe(t, db, topicA, "https://r.example/1", now, update(topicA, "v1", 1))
		if n, err := db.AnnounceFeed(ctx, update(topicA, "v2", 2), nil, now); err != nil || n != 1 {
			t.Fatalf("announce: %d, %v", n, err)
		}
		if got := claimAll(t, db, now); !maps.Equal(got, map[string]string{"https://r.example/1": "<feed>v2</feed>"}) {
			t.Errorf("announced: %v", got)
		}
		// Asked when v1 was served, verified after v2 was announced.
		mustSubscribe(t, db, topicA, "https://r.example/2", now, update(topicA, "v1", 1))
		// Asked when v2 was served.
		mustSubscribe(t, db, topicA, "https://r.example/3", now, update(topicA, "v2", 2))
		// Renews, having been sent v2 already.
		mustSubscribe(t, db, topicA, "https://r.example/1", now, update(topicA, "v1", 1))
		if got := claimAll(t, db, now); !maps.Equal(got, map[string]string{"https://r.example/2": "<feed>v2</feed>"}) {
			t.Errorf("owed after subscribing: %v; want v2 to the subscriber that asked at v1", got)
		}
	})
}

// TestPutSubscriptionRefreshesStaleTopic: a topic's record left from
// when it last had subscribers is brought to what a new subscriber could
// fetch, so announcing that sends nothing; a record that subscribers
// still hold, or a newer one, stays.
func TestPutSubscriptionRefreshesStaleTopic(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		now := time.Date(2023, 5, 1, 9, 0, 0, 0, time.UTC)
		db := mustOpen(t, dsn, nil)
		// Nobody subscribed since v1 was recorded; v2 came meanwhile.
		mustSubscribe(t, db, topicA, "https://r.example/1", now, update(topicA, "v1", 1))
		if err := db.DeleteSubscription(ctx, topicA, "https://r.example/1"); err != nil {
			t.Fatal(err)
		}
		mustSubscribe(t, db, topicA, "https://r.example/2", now, update(topicA, "v2", 2))
		if n, err := db.AnnounceFeed(ctx, update(topicA, "v2", 2), nil, now); err != nil || n != 0 {
			t.Errorf("announcing what the new subscriber could fetch: %d, %v; want 0", n, err)
		}
		// Subscribers hold v2; one asking at v3 leaves the record, and
		// v3 goes to both.
		mustSubscribe(t, db, topicA, "https://r.example/3", now, update(topicA, "v3", 3))
		if n, err := db.AnnounceFeed(ctx, update(topicA, "v3", 3), nil, now); err != nil || n != 2 {
			t.Errorf("announcing v3: %d, %v; want 2", n, err)
		}
		claimAll(t, db, now)
		// Nobody subscribed; one asking at an older version leaves the
		// newer record.
		for _, cb := range []string{"https://r.example/2", "https://r.example/3"} {
			if err := db.DeleteSubscription(ctx, topicA, cb); err != nil {
				t.Fatal(err)
			}
		}
		mustSubscribe(t, db, topicA, "https://r.example/4", now, update(topicA, "v2", 2))
		if got := claimAll(t, db, now); !maps.Equal(got, map[string]string{"https://r.example/4": "<feed>v3</feed>"}) {
			t.Errorf("owed after subscribing at v2: %v; want v3", got)
		}
		if n, err := db.AnnounceFeed(ctx, update(topicA, "v3", 3), nil, now); err != nil || n != 0 {
			t.Errorf("announcing v3 again: %d, %v; want 0", n, err)
		}
	})
}
