package websub

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// intent is a subscription request waiting for its verification.
type intent struct {
	mode, topic string
	// rawCallback is the callback as the subscriber wrote it, which
	// keys its subscription: an unsubscription names it the same way.
	rawCallback string
	callback    *url.URL
	lease       time.Duration
	secret      string
	// current is the topic's content when the request came.
	current *bulletinfeed.FeedUpdate
}

// maxChallengeEcho bounds what is read of a verification's answer.
const maxChallengeEcho = 1 << 10

// verify asks the callback to confirm the intent (WebSub section 5.3)
// and, when it echoes the challenge exactly with a 2xx, stores or
// removes the subscription. Anything else leaves things as they were.
func (h *Hub) verify(ctx context.Context, in *intent) {
	defer h.metrics.subscriptions.WithLabelValues(statePending).Dec()
	b := make([]byte, 24)
	rand.Read(b)
	challenge := hex.EncodeToString(b)
	q := url.Values{}
	q.Set("hub.mode", in.mode)
	q.Set("hub.topic", in.topic)
	q.Set("hub.challenge", challenge)
	if in.mode == "subscribe" {
		q.Set("hub.lease_seconds", strconv.Itoa(int(in.lease/time.Second)))
	}
	// The callback's own query is kept as it was written.
	u := *in.callback
	if u.RawQuery != "" {
		u.RawQuery += "&" + q.Encode()
	} else {
		u.RawQuery = q.Encode()
	}
	u.Fragment = ""
	log := h.log.With("mode", in.mode, "topic", in.topic, "callback", in.rawCallback)
	ok, why := h.confirm(ctx, u.String(), challenge)
	if !ok {
		h.metrics.verifications.WithLabelValues(in.mode, "failed").Inc()
		log.Info("websub: intent not verified", "reason", why)
		return
	}
	select {
	case h.writes <- struct{}{}:
	case <-ctx.Done():
		h.metrics.verifications.WithLabelValues(in.mode, "failed").Inc()
		log.Info("websub: intent verified but not stored: the hub is stopping")
		return
	}
	now := h.cfg.Now()
	var err error
	if in.mode == "subscribe" {
		sub := &bulletinfeed.Subscription{Topic: in.topic, Callback: in.rawCallback, Secret: in.secret,
			LeaseSeconds: int(in.lease / time.Second), Expires: now.Add(in.lease)}
		err = h.putSubscription(ctx, sub, in.current, now)
	} else {
		err = h.store.DeleteSubscription(ctx, in.topic, in.rawCallback)
	}
	<-h.writes
	if bulletinfeed.KindOf(err) == bulletinfeed.Conflict {
		// Other subscriptions, verified since the request, took the
		// room the caps leave.
		h.metrics.verifications.WithLabelValues(in.mode, "failed").Inc()
		log.Info("websub: intent verified but the subscription not activated: the caps are reached", "reason", err)
		return
	}
	if err != nil {
		h.metrics.verifications.WithLabelValues(in.mode, "failed").Inc()
		log.Warn("websub: intent verified but not stored; the subscriber must ask again", "err", err)
		return
	}
	h.metrics.verifications.WithLabelValues(in.mode, "verified").Inc()
	log.Info("websub: intent verified", "lease", in.lease)
	if in.mode == "subscribe" {
		// The feed may have changed while the subscriber was verified,
		// and the change been reported when it was not yet active: look
		// again. The announcer compares entity tags, so an unchanged
		// feed sends nothing. The store may have enqueued a change
		// announced meanwhile: the deliverer looks now.
		h.Notify([]string{in.topic})
		signal(h.wake)
	}
	h.countActive(ctx)
}

// putSubscription stores a verified subscription within the caps,
// counted in the store's transaction.
func (h *Hub) putSubscription(ctx context.Context, sub *bulletinfeed.Subscription, current *bulletinfeed.FeedUpdate, now time.Time) error {
	return h.store.PutSubscriptionCapped(ctx, sub, current, h.cfg.MaxPerTopic, h.cfg.MaxSubscriptions, now)
}

// confirm makes the verification request and reports whether the answer
// is a 2xx whose body is exactly the challenge, or why not.
func (h *Hub) confirm(ctx context.Context, target, challenge string) (bool, string) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return false, err.Error()
	}
	resp, err := h.client.Do(req)
	if err != nil {
		return false, err.Error()
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxChallengeEcho))
	switch {
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		return false, "status " + strconv.Itoa(resp.StatusCode)
	case err != nil:
		return false, err.Error()
	case string(body) != challenge:
		return false, "the answer is not the challenge"
	}
	return true, ""
}
