package bulletinfeed

import "time"

// Subscription is a WebSub subscriber's verified wish to receive a topic
// (a feed's URL) at its callback until it expires.
type Subscription struct {
	Topic    string
	Callback string
	// Secret, when not empty, signs every delivery (X-Hub-Signature).
	Secret string
	// LeaseSeconds is the lease granted; Expires is when it ends.
	LeaseSeconds int
	Expires      time.Time
}

// SubscriptionCounts are the active subscriptions a hub holds, for its
// caps: to one topic and in all, and whether one callback already has
// that topic (a renewal, which the caps let through).
type SubscriptionCounts struct {
	Topic, Total int
	Exists       bool
}

// FeedUpdate is a feed's content as a hub announces it to subscribers:
// the bytes, their entity tag and the store version they were rendered
// from.
type FeedUpdate struct {
	Topic       string
	ETag        string
	Version     int64
	ContentType string
	// Link is the Link header of the feed (its hubs and itself).
	Link string
	Body []byte
}

// DeliveryKind tells what a delivery is.
type DeliveryKind string

// Kinds of delivery.
const (
	// ToSubscriber is a topic's content POSTed to a subscriber's callback.
	ToSubscriber DeliveryKind = "subscriber"
	// ToHub is a publish ping (hub.mode=publish) to an outside hub.
	ToHub DeliveryKind = "hub"
)

// Delivery is one POST a hub owes, as claimed from the store: the newest
// content of a topic to a subscriber, or a publish ping to an outside hub.
type Delivery struct {
	Kind  DeliveryKind
	Topic string
	// Target is the subscriber's callback or the outside hub's URL.
	Target string
	// Secret is the subscription's, for ToSubscriber.
	Secret string
	// Seq is the topic's announcement the delivery carries; a newer one
	// supersedes it.
	Seq int64
	// Attempts counts the failed attempts so far.
	Attempts int
	// Enqueued is when the content to deliver was announced.
	Enqueued time.Time
	// Claim is the token of the claim that handed it out.
	Claim string
	// The content, for ToSubscriber.
	ContentType string
	Link        string
	Body        []byte
}

// DeliveryOutcome is what became of a claimed delivery, as a hub records
// it.
type DeliveryOutcome struct {
	Delivery *Delivery
	// Done is a delivery made, or given up: it is removed, unless a newer
	// announcement superseded it meanwhile, which makes it due again.
	Done bool
	// Gone is a subscriber that answered 410: its subscription is
	// removed, and with it what it was owed.
	Gone bool
	// Otherwise the delivery failed and is tried again at Retry, for
	// Reason, its attempts counted.
	Retry  time.Time
	Reason string
}
