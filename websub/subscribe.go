package websub

import (
	"context"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// maxRequest bounds the body of a subscription request.
const maxRequest = 64 << 10

var hdrAllowPost = []string{"POST"}

// ServeHTTP takes a subscription request (WebSub section 5.1): it checks
// it at once, answering 4xx with the reason when it cannot be honoured,
// else 202 Accepted, and verifies the subscriber's intent afterwards.
func (h *Hub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hdr := w.Header()
	hdr.Set("Content-Type", "text/plain; charset=utf-8")
	hdr.Set("Cache-Control", "no-store")
	if r.Method != http.MethodPost {
		hdr["Allow"] = hdrAllowPost
		w.WriteHeader(http.StatusMethodNotAllowed)
		io.WriteString(w, "this is a WebSub hub: POST a subscription request (hub.mode, hub.topic, hub.callback) as a form\n")
		return
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxRequest)
	var err error
	mode := ""
	// One client's requests, valid or not, are bounded before anything
	// is read: what a refused request costs (a DNS lookup) is its own.
	if !h.clients.allow(clientKey(r.RemoteAddr)) {
		err = errRateLimited
	} else if mt, _, perr := mime.ParseMediaType(r.Header.Get("Content-Type")); perr != nil || mt != "application/x-www-form-urlencoded" {
		err = bulletinfeed.Errorf(bulletinfeed.Invalid, "a subscription request is a form: Content-Type application/x-www-form-urlencoded")
	} else if perr := r.ParseForm(); perr != nil {
		err = bulletinfeed.Errorf(bulletinfeed.Invalid, "cannot read the form: %v", perr)
	} else {
		mode = r.PostForm.Get("hub.mode")
		err = h.request(r.Context(), r.PostForm)
	}
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		h.log.Error("websub: subscription request failed", "err", err)
	}
	if status == http.StatusTooManyRequests || status == http.StatusServiceUnavailable {
		hdr.Set("Retry-After", "60")
	}
	switch mode {
	case "subscribe", "unsubscribe":
	default:
		mode = "other" // a label per value a client invents would be unbounded
	}
	h.metrics.requests.WithLabelValues(mode, strconv.Itoa(status)).Inc()
	w.WriteHeader(status)
	io.WriteString(w, message(err, status))
}

// request checks a subscription request and queues the verification of
// its intent.
func (h *Hub) request(ctx context.Context, form url.Values) error {
	mode := form.Get("hub.mode")
	switch mode {
	case "subscribe", "unsubscribe":
	case "":
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.mode is missing: want subscribe or unsubscribe")
	case "publish":
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "this hub takes no publish requests: it learns of its feeds' changes from its own server")
	default:
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.mode %q: want subscribe or unsubscribe", mode)
	}
	topic, rawCallback := form.Get("hub.topic"), form.Get("hub.callback")
	if topic == "" {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.topic is missing")
	}
	if rawCallback == "" {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.callback is missing")
	}
	cb, err := parseCallback(rawCallback)
	if err != nil {
		return err
	}
	// Validate first: a request for a feed this server does not have or
	// a callback it may not call costs the allowances of the callback
	// host and of the hub nothing (only the client's, above).
	current, err := h.feeds.Feed(ctx, topic)
	if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.topic %s is not a feed of this server: this hub delivers only its own feeds", topic)
	}
	if err != nil {
		return err
	}
	if current.Topic != topic {
		// The hub delivers to the URL the feed names itself by, which
		// is how the server reports changes: another spelling of it
		// would never be sent anything.
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.topic %s: write it as the feed names itself, %s", topic, current.Topic)
	}
	if err := h.checkAddrs(ctx, cb); err != nil {
		return err
	}
	// Then charge: before the store is read and the callback called.
	if !h.limits.allow(hostKey(cb)) {
		return errRateLimited
	}
	in := &intent{mode: mode, topic: topic, rawCallback: rawCallback, callback: cb, current: current}
	if mode == "subscribe" {
		if in.lease, err = h.lease(form.Get("hub.lease_seconds")); err != nil {
			return err
		}
		in.secret = form.Get("hub.secret")
		if len(in.secret) > maxSecret {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.secret must be under 200 bytes")
		}
		c, err := h.store.SubscriptionCounts(ctx, topic, rawCallback, h.cfg.Now())
		if err != nil {
			return err
		}
		// Checked again when the verified subscription is stored: other
		// verifications may fill the room meanwhile.
		if err := h.checkCaps(c); err != nil {
			return err
		}
	}
	select {
	case h.intents <- in:
		h.metrics.subscriptions.WithLabelValues(statePending).Inc()
		return nil
	default:
		return bulletinfeed.Errorf(bulletinfeed.Unavailable, "too many verifications waiting; try again later")
	}
}

// checkCaps refuses a new subscription when c, the counts before it,
// have no room for it under the caps.
func (h *Hub) checkCaps(c bulletinfeed.SubscriptionCounts) error {
	switch {
	case c.Exists: // a renewal takes no new room
	case c.Topic >= h.cfg.MaxPerTopic:
		return bulletinfeed.Errorf(bulletinfeed.Conflict, "this feed has the most subscriptions this hub takes (%d)", h.cfg.MaxPerTopic)
	case c.Total >= h.cfg.MaxSubscriptions:
		return bulletinfeed.Errorf(bulletinfeed.Conflict, "this hub has the most subscriptions it takes (%d)", h.cfg.MaxSubscriptions)
	}
	return nil
}

// lease returns the lease granted for what a subscriber asked: the
// default when it asked for none, else what it asked within the bounds.
func (h *Hub) lease(asked string) (time.Duration, error) {
	if asked == "" {
		return h.cfg.LeaseDefault, nil
	}
	n, err := strconv.ParseInt(asked, 10, 64)
	if err != nil || n <= 0 {
		return 0, bulletinfeed.Errorf(bulletinfeed.Invalid, "hub.lease_seconds %q: want a positive number of seconds", asked)
	}
	d := time.Duration(min(n, int64(h.cfg.LeaseMax/time.Second))) * time.Second
	return min(max(d, h.cfg.LeaseMin), h.cfg.LeaseMax), nil
}
