package websub

import (
	"context"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Store is what the hub keeps: subscriptions, the content last announced
// per topic and the outbox of deliveries. *store.DB satisfies it. Times
// are the hub's clock, passed in.
type Store interface {
	// PutSubscriptionCapped stores or renews a verified subscription and
	// records current, the topic's content when the subscriber asked,
	// unless the topic has a record from no earlier version that other
	// subscribers hold; a new subscriber is owed that record's content
	// when it is another. It refuses, with an error of kind Conflict, a
	// new subscription that would make more than maxPerTopic active
	// subscriptions to its topic or maxTotal in all, counted in the
	// transaction that stores it: that holds the caps across replicas
	// and verifications made at once.
	PutSubscriptionCapped(ctx context.Context, sub *bulletinfeed.Subscription, current *bulletinfeed.FeedUpdate, maxPerTopic, maxTotal int, now time.Time) error
	// DeleteSubscription removes a subscription and what it was owed.
	DeleteSubscription(ctx context.Context, topic, callback string) error
	// SubscriptionCounts counts active subscriptions, for the caps.
	SubscriptionCounts(ctx context.Context, topic, callback string, now time.Time) (bulletinfeed.SubscriptionCounts, error)
	// ExpireSubscriptions removes those whose lease ended.
	ExpireSubscriptions(ctx context.Context, now time.Time) (int, error)
	// SubscribedTopics returns those of topics with an active
	// subscription; with topics nil, every topic that has one.
	SubscribedTopics(ctx context.Context, topics []string, now time.Time) ([]string, error)
	// AnnounceFeed records new content of a topic and enqueues its
	// deliveries, once across replicas; it returns how many.
	AnnounceFeed(ctx context.Context, u *bulletinfeed.FeedUpdate, hubs []string, now time.Time) (int, error)
	// ClaimDeliveries hands out due deliveries under a claim until now+lease.
	ClaimDeliveries(ctx context.Context, claim string, now time.Time, lease time.Duration, limit int) ([]*bulletinfeed.Delivery, error)
	// RecordDeliveries records what became of claimed deliveries.
	RecordDeliveries(ctx context.Context, outs []bulletinfeed.DeliveryOutcome, now time.Time) error
}

// Feeds is what the hub reads of the feed server: a feed by its URL, as
// served now, with Topic the URL the feed gives itself. Its error has
// kind NotFound when the URL is no feed of the server, which the hub then
// refuses as a topic.
type Feeds interface {
	Feed(ctx context.Context, url string) (*bulletinfeed.FeedUpdate, error)
}
