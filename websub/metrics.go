package websub

import "github.com/prometheus/client_golang/prometheus"

// Subscription states in metrics: pending while this process verifies
// the intent, active once stored.
const (
	statePending = "pending"
	stateActive  = "active"
)

// Delivery outcomes in metrics.
const (
	outcomeDelivered = "delivered" // 2xx
	outcomeRetry     = "retry"     // failed, to be tried again
	outcomeGone      = "gone"      // 410: the subscription was removed
	outcomeGaveUp    = "gave_up"   // failed for longer than RetryFor
)

// metrics are the hub's Prometheus collectors; Collectors hands them to
// the server's registry.
type metrics struct {
	subscriptions *prometheus.GaugeVec
	requests      *prometheus.CounterVec
	verifications *prometheus.CounterVec
	deliveries    *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	expired       prometheus.Counter
}

func newMetrics() *metrics {
	m := &metrics{
		subscriptions: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "bulletinfeed_websub_subscriptions",
			Help: "WebSub subscriptions by state: active in the store (all replicas), pending verification by this process.",
		}, []string{"state"}),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_websub_requests_total",
			Help: "Subscription requests to the hub by mode and HTTP status of the answer.",
		}, []string{"mode", "status"}),
		verifications: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_websub_verifications_total",
			Help: "Verifications of intent by mode and result (verified or failed).",
		}, []string{"mode", "result"}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_websub_deliveries_total",
			Help: "Delivery attempts by kind (subscriber: content to a callback; hub: publish ping) and outcome (delivered, retry, gone, gave_up).",
		}, []string{"kind", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "bulletinfeed_websub_delivery_seconds",
			Help:    "Time from a feed's change being announced to its delivery's success, retries included.",
			Buckets: []float64{.01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 60, 600, 3600},
		}, []string{"kind"}),
		expired: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "bulletinfeed_websub_expired_total",
			Help: "Subscriptions removed because their lease ended.",
		}),
	}
	m.subscriptions.WithLabelValues(statePending)
	m.subscriptions.WithLabelValues(stateActive)
	for _, k := range []string{"subscriber", "hub"} {
		for _, o := range []string{outcomeDelivered, outcomeRetry, outcomeGone, outcomeGaveUp} {
			m.deliveries.WithLabelValues(k, o)
		}
	}
	return m
}

// Collectors returns the hub's metrics, for the server's registry.
func (h *Hub) Collectors() []prometheus.Collector {
	m := h.metrics
	return []prometheus.Collector{m.subscriptions, m.requests, m.verifications, m.deliveries, m.latency, m.expired}
}
