package main

import (
	"context"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/websub"
)

// The hub keeps its state in the store of the slot, and fails as the
// slot does while none is open.

var _ websub.Store = (*storeSlot)(nil)

// PutSubscriptionCapped stores a verified subscription unless the caps
// are reached, counted in its transaction: the caps hold across
// replicas.
func (s *storeSlot) PutSubscriptionCapped(ctx context.Context, sub *bulletinfeed.Subscription, current *bulletinfeed.FeedUpdate, maxPerTopic, maxTotal int, now time.Time) error {
	db, err := s.get()
	if err != nil {
		return err
	}
	return db.PutSubscriptionCapped(ctx, sub, current, maxPerTopic, maxTotal, now)
}

func (s *storeSlot) DeleteSubscription(ctx context.Context, topic, callback string) error {
	db, err := s.get()
	if err != nil {
		return err
	}
	return db.DeleteSubscription(ctx, topic, callback)
}

func (s *storeSlot) SubscriptionCounts(ctx context.Context, topic, callback string, now time.Time) (bulletinfeed.SubscriptionCounts, error) {
	db, err := s.get()
	if err != nil {
		return bulletinfeed.SubscriptionCounts{}, err
	}
	return db.SubscriptionCounts(ctx, topic, callback, now)
}

func (s *storeSlot) ExpireSubscriptions(ctx context.Context, now time.Time) (int, error) {
	db, err := s.get()
	if err != nil {
		return 0, err
	}
	return db.ExpireSubscriptions(ctx, now)
}

func (s *storeSlot) SubscribedTopics(ctx context.Context, topics []string, now time.Time) ([]string, error) {
	db, err := s.get()
	if err != nil {
		return nil, err
	}
	return db.SubscribedTopics(ctx, topics, now)
}

func (s *storeSlot) AnnounceFeed(ctx context.Context, u *bulletinfeed.FeedUpdate, hubs []string, now time.Time) (int, error) {
	db, err := s.get()
	if err != nil {
		return 0, err
	}
	return db.AnnounceFeed(ctx, u, hubs, now)
}

func (s *storeSlot) ClaimDeliveries(ctx context.Context, claim string, now time.Time, lease time.Duration, limit int) ([]*bulletinfeed.Delivery, error) {
	db, err := s.get()
	if err != nil {
		return nil, err
	}
	return db.ClaimDeliveries(ctx, claim, now, lease, limit)
}

func (s *storeSlot) RecordDeliveries(ctx context.Context, outs []bulletinfeed.DeliveryOutcome, now time.Time) error {
	db, err := s.get()
	if err != nil {
		return err
	}
	return db.RecordDeliveries(ctx, outs, now)
}
