package websub

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// releaseTimeout bounds the store write that hands a delivery back when
// the hub stops in the middle of it.
const releaseTimeout = 2 * time.Second

// maxDrain is what is read of a delivery's answer, so that the
// connection can be used again; the rest is dropped.
const maxDrain = 64 << 10

// deliverLoop claims due deliveries and makes them, Concurrency at a
// time, looking again at once when it claimed a full batch or was woken
// (an announcement here), else every Poll (one elsewhere, a retry due).
func (h *Hub) deliverLoop(ctx context.Context) {
	sem := make(chan struct{}, h.cfg.Concurrency)
	var wg sync.WaitGroup
	defer wg.Wait()
	// A claim outlives the longest a batch can take, so that no other
	// replica takes a delivery still being made.
	lease := h.cfg.Timeout * time.Duration(claimBatch/h.cfg.Concurrency+2)
	var n atomic.Int64
	for {
		ds, err := h.store.ClaimDeliveries(ctx, h.claim+"-"+strconv.FormatInt(n.Add(1), 10), h.cfg.Now(), lease, claimBatch)
		if err != nil && ctx.Err() == nil {
			h.log.Warn("websub: cannot claim deliveries", "err", err)
		}
		for _, d := range ds {
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				h.release(ctx, d)
				continue
			}
			wg.Go(func() {
				defer func() { <-sem }()
				h.deliver(ctx, d)
			})
		}
		if len(ds) == claimBatch {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-h.wake:
		case <-time.After(h.cfg.Poll):
		}
	}
}

// deliver makes one delivery and records its outcome.
func (h *Hub) deliver(ctx context.Context, d *bulletinfeed.Delivery) {
	status, err := h.post(ctx, d)
	if ctx.Err() != nil {
		h.release(ctx, d)
		return
	}
	now := h.cfg.Now()
	kind := string(d.Kind)
	log := h.log.With("kind", kind, "topic", d.Topic, "target", d.Target)
	var serr error
	switch {
	case err == nil && status >= 200 && status <= 299:
		serr = h.store.FinishDelivery(ctx, d, now)
		h.metrics.deliveries.WithLabelValues(kind, outcomeDelivered).Inc()
		h.metrics.latency.WithLabelValues(kind).Observe(now.Sub(d.Enqueued).Seconds())
		log.Debug("websub: delivered", "status", status)
	case err == nil && status == http.StatusGone && d.Kind == bulletinfeed.ToSubscriber:
		// The subscriber says the subscription is gone for good.
		serr = h.store.DeleteSubscription(ctx, d.Topic, d.Target)
		h.metrics.deliveries.WithLabelValues(kind, outcomeGone).Inc()
		log.Info("websub: callback answered 410; subscription removed")
		h.countActive(ctx)
	default:
		reason := "status " + strconv.Itoa(status)
		if err != nil {
			reason = err.Error()
		}
		wait := h.backoff(d.Attempts)
		if now.Add(wait).Sub(d.Enqueued) > h.cfg.RetryFor {
			serr = h.store.FinishDelivery(ctx, d, now)
			h.metrics.deliveries.WithLabelValues(kind, outcomeGaveUp).Inc()
			log.Warn("websub: delivery failed for too long; given up", "reason", reason, "attempts", d.Attempts+1)
			break
		}
		serr = h.store.RetryDelivery(ctx, d, now.Add(wait), reason)
		h.metrics.deliveries.WithLabelValues(kind, outcomeRetry).Inc()
		log.Info("websub: delivery failed; will retry", "reason", reason, "in", wait)
	}
	if serr != nil {
		// The claim lapses and the delivery is made again: at least
		// once is what a store that failed here allows.
		log.Warn("websub: cannot record a delivery's outcome", "err", serr)
	}
}

// release hands a delivery back, due at once, when the hub stops before
// making it: another replica, or this one after a restart, makes it
// without waiting for the claim to lapse.
func (h *Hub) release(ctx context.Context, d *bulletinfeed.Delivery) {
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), releaseTimeout)
	defer cancel()
	d.Attempts-- // not an attempt
	if err := h.store.RetryDelivery(rctx, d, h.cfg.Now(), "hub stopped"); err != nil {
		h.log.Warn("websub: cannot release a delivery; it waits for its claim to lapse", "target", d.Target, "err", err)
	}
}

// backoff is the wait before attempt n+1: RetryMin doubled n times, at
// most RetryMax, within a quarter either way so that failures of one
// moment do not all come back at one moment.
func (h *Hub) backoff(n int) time.Duration {
	d := h.cfg.RetryMax
	if n < 30 {
		d = min(h.cfg.RetryMin<<n, h.cfg.RetryMax)
	}
	return time.Duration(float64(d) * (0.75 + rand.Float64()/2))
}

// post sends a delivery: the content to a subscriber's callback, signed
// when it gave a secret, or a publish ping to an outside hub. It returns
// the status of the answer.
func (h *Hub) post(ctx context.Context, d *bulletinfeed.Delivery) (int, error) {
	client := h.client
	var req *http.Request
	var err error
	switch d.Kind {
	case bulletinfeed.ToSubscriber:
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, d.Target, bytes.NewReader(d.Body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", d.ContentType)
		if d.Link != "" {
			req.Header.Set("Link", d.Link)
		}
		if d.Secret != "" {
			req.Header.Set("X-Hub-Signature", Signature(d.Secret, d.Body))
		}
	case bulletinfeed.ToHub:
		client = h.pinger
		form := url.Values{"hub.mode": {"publish"}, "hub.url": {d.Topic}}
		req, err = http.NewRequestWithContext(ctx, http.MethodPost, d.Target, strings.NewReader(form.Encode()))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	default:
		return 0, fmt.Errorf("unknown delivery kind %q", d.Kind)
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	io.Copy(io.Discard, io.LimitReader(resp.Body, maxDrain))
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Signature is the X-Hub-Signature of a delivery of body to a
// subscriber that gave secret: sha256= and the hex HMAC-SHA256 of the
// body (WebSub section 8).
func Signature(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}
