package fetch

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Defaults of a Fetcher's retries: three tries a second and two seconds
// apart ride out a restarting server without holding a pass for long. A
// Retry-After up to a minute is waited; a longer one ends the pass, and the
// scheduler skips the source until then.
const (
	DefaultTries         = 3
	DefaultBackoff       = time.Second
	DefaultMaxBackoff    = 30 * time.Second
	DefaultMaxRetryAfter = time.Minute
)

// RetryAfterError is a fetch refused with 429 or 503 and a Retry-After
// that the fetcher did not wait: the source must not be asked again
// before RetryAfter. Its kind is Unavailable.
type RetryAfterError struct {
	URL        string
	Status     string
	RetryAfter time.Time
}

func (e *RetryAfterError) Error() string {
	return fmt.Sprintf("GET %s: %s: the server asks not to be asked again before %s", e.URL, e.Status, e.RetryAfter.UTC().Format(time.RFC3339))
}

// Unwrap gives the error its kind.
func (e *RetryAfterError) Unwrap() error {
	return &bulletinfeed.Error{Kind: bulletinfeed.Unavailable, Message: "asked to wait"}
}

// retryable is a failed try that another may cure: a network error, a
// 5xx, or a 429 or 503 with a Retry-After short enough to wait.
type retryable struct {
	err           error
	status        string
	retryAfter    time.Duration
	hasRetryAfter bool
}

func (e *retryable) Error() string { return e.err.Error() }
func (e *retryable) Unwrap() error { return e.err }

// final is the error of the last try: one that names the time the server
// gave, if it gave one.
func (e *retryable) final(rawURL string, now time.Time) error {
	if e.hasRetryAfter {
		return &RetryAfterError{URL: rawURL, Status: e.status, RetryAfter: now.Add(e.retryAfter)}
	}
	return e.err
}

// later is the error of a 429 or 503: retried after its Retry-After when
// that is short, after the back-off when there is none, and not at all
// within this pass when it is long.
func (f *Fetcher) later(rawURL string, resp *http.Response) error {
	err := &retryable{err: unavailable(rawURL, errors.New(resp.Status)), status: resp.Status}
	d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), f.now())
	if !ok {
		return err
	}
	if d > f.maxRetryAfter() {
		return &RetryAfterError{URL: rawURL, Status: resp.Status, RetryAfter: f.now().Add(d)}
	}
	err.retryAfter, err.hasRetryAfter = d, true
	return err
}

// parseRetryAfter reads a Retry-After header: a number of seconds or an
// HTTP date. A date in the past is no wait.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		// A year is already absurd; the cap keeps the product in range.
		return time.Duration(min(secs, 366*24*3600)) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// jitter returns a wait between d/2 and d, so that sources that failed
// together do not all try again at the same instant.
func jitter(d time.Duration) time.Duration {
	return d/2 + rand.N(d/2+1)
}

func (f *Fetcher) sleep(ctx context.Context, d time.Duration) error {
	if f.Sleep != nil {
		return f.Sleep(ctx, d)
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (f *Fetcher) tries() int {
	if f.Tries > 0 {
		return f.Tries
	}
	return DefaultTries
}

func (f *Fetcher) backoff() time.Duration {
	if f.Backoff > 0 {
		return f.Backoff
	}
	return DefaultBackoff
}

func (f *Fetcher) maxBackoff() time.Duration {
	if f.MaxBackoff > 0 {
		return f.MaxBackoff
	}
	return DefaultMaxBackoff
}

func (f *Fetcher) maxRetryAfter() time.Duration {
	if f.MaxRetryAfter > 0 {
		return f.MaxRetryAfter
	}
	return DefaultMaxRetryAfter
}
