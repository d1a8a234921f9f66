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

// recordTimeout bounds the store write of a batch of outcomes, which
// goes on after the hub is told to stop: a delivery made and not
// recorded would be made again.
const recordTimeout = 5 * time.Second

// maxRecordBatch bounds the outcomes written in one transaction.
const maxRecordBatch = 256

// stopGrace is how long requests in flight may go on after the hub is
// told to stop.
const stopGrace = 2 * time.Second

// maxDrain is what is read of a delivery's answer, so that the
// connection can be used again; the rest is dropped.
const maxDrain = 64 << 10

// deliverLoop claims due deliveries and makes them, Concurrency at a
// time, looking again at once when it claimed a full batch or was woken
// (an announcement here), else every Poll (one elsewhere, a retry due).
// Outcomes go to one recorder, which writes them in batches.
func (h *Hub) deliverLoop(ctx context.Context) {
	outcomes := make(chan bulletinfeed.DeliveryOutcome, maxRecordBatch)
	recorded := make(chan struct{})
	go func() {
		defer close(recorded)
		h.record(ctx, outcomes)
	}()
	// Requests in flight when the hub is told to stop have stopGrace to
	// be answered: one cut off before its answer is read is made again.
	// (Deferred before the wait below, so that it runs after.)
	reqCtx, cancelReqs := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelReqs()
	defer context.AfterFunc(ctx, func() { time.AfterFunc(stopGrace, cancelReqs) })()
	sem := make(chan struct{}, h.cfg.Concurrency)
	gate := newHostGate(h.cfg.PerHost, h.backoff)
	// A host with all its slots taken is tried again after this: its
	// deliveries wait in the store, not in a worker.
	busyWait := max(time.Second, h.cfg.Timeout/4)
	var wg sync.WaitGroup
	defer func() {
		wg.Wait()
		close(outcomes)
		<-recorded
	}()
	// A claim outlives the longest a batch can take, so that no other
	// replica takes a delivery still being made.
	lease := h.cfg.Timeout * time.Duration(claimBatch/h.cfg.Concurrency+2)
	var n atomic.Int64
	// failures counts the claims that failed in a row: a store that
	// cannot be reached is asked less and less often, and logged once.
	failures := 0
	for {
		ds, err := h.store.ClaimDeliveries(ctx, h.claim+"-"+strconv.FormatInt(n.Add(1), 10), h.cfg.Now(), lease, claimBatch)
		switch {
		case err != nil && ctx.Err() == nil:
			if failures == 0 {
				h.log.Warn("websub: cannot claim deliveries; trying again with back-off", "err", err)
			}
			failures++
		case err == nil && failures > 0:
			h.log.Info("websub: deliveries can be claimed again")
			failures = 0
		}
		for _, d := range ds {
			host := targetHost(d.Target)
			if ok, until := gate.acquire(host, h.cfg.Now()); !ok {
				reason := "circuit open after failures in a row"
				if until.IsZero() {
					until, reason = h.cfg.Now().Add(busyWait), "host busy"
				}
				outcomes <- deferred(d, until, reason)
				continue
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				gate.release(host, true, h.cfg.Now())
				outcomes <- released(d, h.cfg.Now())
				continue
			}
			wg.Go(func() {
				status, err := h.post(reqCtx, d)
				<-sem
				gate.release(host, err == nil && (status >= 200 && status <= 299 || status == http.StatusGone), h.cfg.Now())
				outcomes <- h.outcome(ctx, d, status, err)
			})
		}
		if len(ds) == claimBatch {
			continue
		}
		select {
		case <-ctx.Done():
			return
		case <-h.wake:
		case <-time.After(h.cfg.Poll << min(failures, 5)):
		}
	}
}

// record writes outcomes as they come, each batch in one transaction:
// whatever waits when a write ends goes in the next.
func (h *Hub) record(ctx context.Context, outcomes <-chan bulletinfeed.DeliveryOutcome) {
	for o := range outcomes {
		batch := []bulletinfeed.DeliveryOutcome{o}
	more:
		for len(batch) < maxRecordBatch {
			select {
			case o, ok := <-outcomes:
				if !ok {
					break more
				}
				batch = append(batch, o)
			default:
				break more
			}
		}
		rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
		if err := h.store.RecordDeliveries(rctx, batch, h.cfg.Now()); err != nil {
			// The claims lapse and the deliveries are made again: at
			// least once is what a store that failed here allows.
			h.log.Warn("websub: cannot record deliveries' outcomes; they will be made again", "count", len(batch), "err", err)
		}
		cancel()
	}
}

// outcome judges a delivery's answer, counts and logs it. A delivery
// that failed because the hub was stopping is released; one answered
// is judged by its status even then, so that one answered 2xx is not
// made again.
func (h *Hub) outcome(ctx context.Context, d *bulletinfeed.Delivery, status int, err error) bulletinfeed.DeliveryOutcome {
	now := h.cfg.Now()
	if err != nil && ctx.Err() != nil {
		return released(d, now)
	}
	kind := string(d.Kind)
	log := h.log.With("kind", kind, "topic", d.Topic, "target", d.Target)
	switch {
	case err == nil && status >= 200 && status <= 299:
		h.metrics.deliveries.WithLabelValues(kind, outcomeDelivered).Inc()
		h.metrics.latency.WithLabelValues(kind).Observe(now.Sub(d.Enqueued).Seconds())
		log.Debug("websub: delivered", "status", status)
		return bulletinfeed.DeliveryOutcome{Delivery: d, Done: true}
	case err == nil && status == http.StatusGone && d.Kind == bulletinfeed.ToSubscriber:
		// The subscriber says the subscription is gone for good.
		h.metrics.deliveries.WithLabelValues(kind, outcomeGone).Inc()
		log.Info("websub: callback answered 410; subscription removed")
		return bulletinfeed.DeliveryOutcome{Delivery: d, Gone: true}
	}
	reason := "status " + strconv.Itoa(status)
	if err != nil {
		reason = err.Error()
	}
	wait := h.backoff(d.Attempts)
	if now.Add(wait).Sub(d.Enqueued) > h.cfg.RetryFor {
		h.metrics.deliveries.WithLabelValues(kind, outcomeGaveUp).Inc()
		log.Warn("websub: delivery failed for too long; given up", "reason", reason, "attempts", d.Attempts+1)
		return bulletinfeed.DeliveryOutcome{Delivery: d, Done: true}
	}
	h.metrics.deliveries.WithLabelValues(kind, outcomeRetry).Inc()
	log.Info("websub: delivery failed; will retry", "reason", reason, "in", wait)
	return bulletinfeed.DeliveryOutcome{Delivery: d, Retry: now.Add(wait), Reason: reason}
}

// released is the outcome of a delivery the hub stopped before making:
// due again at once, and not counted as an attempt, so that another
// replica, or this one after a restart, makes it without waiting for the
// claim to lapse.
func released(d *bulletinfeed.Delivery, now time.Time) bulletinfeed.DeliveryOutcome {
	return deferred(d, now, "hub stopped")
}

// deferred is the outcome of a delivery the host gate held back: due
// again at until, and not counted as an attempt.
func deferred(d *bulletinfeed.Delivery, until time.Time, reason string) bulletinfeed.DeliveryOutcome {
	d.Attempts--
	return bulletinfeed.DeliveryOutcome{Delivery: d, Retry: until, Reason: reason}
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
