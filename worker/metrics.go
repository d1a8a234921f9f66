package worker

import (
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/bulletinfeed/bulletinfeed"
)

// Metrics counts the passes of the scheduled sources. A nil *Metrics
// counts nothing.
type Metrics struct {
	passes      *prometheus.CounterVec
	published   *prometheus.CounterVec
	failedFiles *prometheus.CounterVec
	failures    *prometheus.CounterVec
	duration    *prometheus.HistogramVec
	lastSuccess *prometheus.GaugeVec
}

// NewMetrics registers the worker's metrics with reg.
func NewMetrics(reg prometheus.Registerer) *Metrics {
	labels := []string{"publication", "source"}
	m := &Metrics{
		passes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_source_passes_total", Help: "Passes of each source, by outcome (ok, failed).",
		}, append(labels, "outcome")),
		published: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_source_issues_published_total", Help: "Issues a source stored, new or revised.",
		}, labels),
		failedFiles: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_source_files_failed_total", Help: "Issue files of a source that could not be published.",
		}, labels),
		failures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bulletinfeed_source_failures_total", Help: "Failed passes of a source, by reason (unavailable, invalid, not_found, conflict, internal).",
		}, append(labels, "reason")),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "bulletinfeed_source_pass_seconds", Help: "Duration of a pass of a source.",
			Buckets: prometheus.ExponentialBuckets(0.01, 2, 14),
		}, []string{"kind"}),
		lastSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Name: "bulletinfeed_source_last_success_timestamp_seconds", Help: "Start of the last successful pass of a source, in Unix seconds.",
		}, labels),
	}
	reg.MustRegister(m.passes, m.published, m.failedFiles, m.failures, m.duration, m.lastSuccess)
	return m
}

// pass records one pass of src.
func (m *Metrics) pass(src Scheduled, res PassResult, err error, took time.Duration, st bulletinfeed.SourceState) {
	if m == nil {
		return
	}
	outcome := "ok"
	if err != nil {
		outcome = "failed"
		m.failures.WithLabelValues(src.Publication, src.ID, string(bulletinfeed.KindOf(err))).Inc()
	}
	m.passes.WithLabelValues(src.Publication, src.ID, outcome).Inc()
	m.published.WithLabelValues(src.Publication, src.ID).Add(float64(res.Published))
	m.failedFiles.WithLabelValues(src.Publication, src.ID).Add(float64(res.Failed))
	m.duration.WithLabelValues(src.Kind).Observe(took.Seconds())
	if !st.LastSuccess.IsZero() {
		m.lastSuccess.WithLabelValues(src.Publication, src.ID).Set(float64(st.LastSuccess.Unix()))
	}
}
