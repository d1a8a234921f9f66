package fetch

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Defaults of a Fetcher. An issue file is a few hundred kilobytes of text
// or a few megabytes of PDF; 64 MiB leaves room for a scanned issue while
// bounding what one bad server makes the process hold.
const (
	DefaultFetchTimeout = 30 * time.Second
	DefaultMaxBytes     = 64 << 20
	// DefaultMaxDocumentBytes bounds a feed or a list page: a feed of
	// a hundred issues is well under a megabyte, and a page parses into
	// a tree of many times its size in the serving process.
	DefaultMaxDocumentBytes = 8 << 20
	// maxRedirects is as many as browsers follow; more is a loop.
	maxRedirects = 10
)

// Fetcher makes conditional GET requests for remote sources: it sends the
// validators of the last fetch, follows redirects to http and https only,
// bounds the body and retries what may pass by itself (see fetchretry.go).
// Its zero value is ready to use.
type Fetcher struct {
	// Client makes the requests; nil means a client with
	// DefaultFetchTimeout. Its redirect policy is replaced by the
	// Fetcher's, and a zero Timeout by DefaultFetchTimeout.
	Client *http.Client
	// UserAgent is sent with every request (see UserAgent).
	UserAgent string
	// MaxBytes is the largest body accepted; 0 means DefaultMaxBytes.
	MaxBytes int64
	// Tries is how many times a request is made before it fails (0:
	// DefaultTries); Backoff is the first wait between tries, doubled
	// after each and capped at MaxBackoff (0: DefaultBackoff and
	// DefaultMaxBackoff).
	Tries               int
	Backoff, MaxBackoff time.Duration
	// MaxRetryAfter is the longest Retry-After that is waited within a
	// pass; a longer one fails the fetch with a *RetryAfterError. 0
	// means DefaultMaxRetryAfter.
	MaxRetryAfter time.Duration
	// Sleep waits d or until ctx is done; nil means a timer. Tests
	// replace it so that they do not wait.
	Sleep func(ctx context.Context, d time.Duration) error
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Log receives the retries; nil discards them.
	Log *slog.Logger
	// AllowedPrivate, when set, guards every connection (see
	// fetchguard.go): an address that is not public is refused unless
	// AllowedPrivate accepts its host and port ("intranet.local:80"), as
	// it should for the configured sources' own. Nil means no guard (a
	// client of its own, tests). It takes the place of Client's
	// transport and of any proxy.
	AllowedPrivate func(hostport string) bool
	// Slots, when set, bounds the requests in flight across every
	// Fetcher that shares it: each request holds a slot until its body
	// is read, so sources with endless bodies hold at most
	// cap(Slots) × MaxBytes between them.
	Slots chan struct{}

	guardOnce sync.Once
	guard     *http.Transport
}

// DefaultFetchSlots is how many requests the sources of one process make
// at once: enough that a slow upstream does not hold up the others, few
// enough that their bodies stay a small part of memory.
const DefaultFetchSlots = 4

// Fetched is the answer to one fetch.
type Fetched struct {
	// URL is where the document was found, after redirects.
	URL string
	// NotModified is true when the server answered 304 to the
	// validators sent: Body and Hash are then empty.
	NotModified bool
	// Body is the document; Hash is its hex SHA-256.
	Body []byte
	Hash string
	// ETag and LastModified are the validators to send next time.
	ETag, LastModified string
	// ContentType is the Content-Type header, as sent.
	ContentType string
}

// UserAgent returns the User-Agent the fetcher of a site sends:
// "bulletinfeed/VERSION (+BASE_URL)", so that the owner of a server can
// see who asks and where the issues end up.
func UserAgent(version, baseURL string) string {
	if version == "" {
		version = "dev"
	}
	ua := "bulletinfeed/" + version
	if baseURL != "" {
		ua += " (+" + baseURL + ")"
	}
	return ua
}

// Fetch gets the document at rawURL, sending prev's ETag and LastModified
// as If-None-Match and If-Modified-Since. A 304 is a Fetched with
// NotModified set. Errors have a kind: Invalid for a refused URL, redirect
// or body and for a 4xx, NotFound for 404 and 410, Unavailable for what is
// left after the retries (a *RetryAfterError when the server gave a time).
func (f *Fetcher) Fetch(ctx context.Context, rawURL string, prev bulletinfeed.RemoteFile) (*Fetched, error) {
	return f.fetch(ctx, rawURL, prev, f.maxBytes())
}

// FetchDocument fetches as Fetch does a document that is parsed in
// memory (a feed, a list page), whose body may be at most
// DefaultMaxDocumentBytes (or MaxBytes when smaller): a page parses
// into a tree many times its size.
func (f *Fetcher) FetchDocument(ctx context.Context, rawURL string, prev bulletinfeed.RemoteFile) (*Fetched, error) {
	return f.fetch(ctx, rawURL, prev, min(f.maxBytes(), DefaultMaxDocumentBytes))
}

func (f *Fetcher) fetch(ctx context.Context, rawURL string, prev bulletinfeed.RemoteFile, max int64) (*Fetched, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "GET %s: only http and https URLs are fetched", rawURL)
	}
	client := f.client()
	wait := f.backoff()
	for try := 1; ; try++ {
		got, err := f.attempt(ctx, client, rawURL, prev, max)
		var again *retryable
		if !errors.As(err, &again) {
			return got, err
		}
		if try >= f.tries() {
			return nil, again.final(rawURL, f.now())
		}
		d := again.retryAfter
		if !again.hasRetryAfter {
			d = jitter(wait)
			wait = min(2*wait, f.maxBackoff())
		}
		f.log().Debug("fetch failed; trying again", "url", rawURL, "try", try, "wait", d, "err", again.err)
		if err := f.sleep(ctx, d); err != nil {
			return nil, err
		}
	}
}

// attempt makes one request. An error that another try may cure is a
// *retryable.
func (f *Fetcher) attempt(ctx context.Context, client *http.Client, rawURL string, prev bulletinfeed.RemoteFile, max int64) (*Fetched, error) {
	if f.Slots != nil {
		select {
		case f.Slots <- struct{}{}:
			defer func() { <-f.Slots }()
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "GET %s: %v", rawURL, err)
	}
	req.Header.Set("User-Agent", f.userAgent())
	if prev.ETag != "" {
		req.Header.Set("If-None-Match", prev.ETag)
	}
	if prev.LastModified != "" {
		req.Header.Set("If-Modified-Since", prev.LastModified)
	}
	resp, err := client.Do(req)
	if err != nil {
		var refused *redirectRefused
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case errors.As(err, &refused):
			return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "GET %s: %s", rawURL, refused.reason)
		case bulletinfeed.KindOf(err) == bulletinfeed.Invalid:
			// The guard refused the address: no retry changes that.
			return nil, fmt.Errorf("GET %s: %w", rawURL, unwrapURLError(err))
		}
		return nil, &retryable{err: unavailable(rawURL, unwrapURLError(err))}
	}
	defer closeBody(resp.Body)
	got := &Fetched{
		URL:          resp.Request.URL.String(),
		ETag:         resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"),
		ContentType:  resp.Header.Get("Content-Type"),
	}
	switch code := resp.StatusCode; {
	case code == http.StatusNotModified && prev.ETag == "" && prev.LastModified == "":
		// Nothing was sent to be not modified against: the caller has
		// no copy to keep.
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "GET %s: %s to a request without validators", rawURL, resp.Status)
	case code == http.StatusNotModified:
		got.NotModified = true
		return got, nil
	case code >= 200 && code < 300:
		if got.Body, err = f.readBody(rawURL, resp, max); err != nil {
			return nil, err
		}
		sum := sha256.Sum256(got.Body)
		got.Hash = hex.EncodeToString(sum[:])
		return got, nil
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		return nil, f.later(rawURL, resp)
	case code >= 500:
		return nil, &retryable{err: unavailable(rawURL, errors.New(resp.Status))}
	case code == http.StatusNotFound || code == http.StatusGone:
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "GET %s: %s", rawURL, resp.Status)
	}
	return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "GET %s: %s", rawURL, resp.Status)
}

// readBody reads a 2xx body, refusing one over MaxBytes before reading it
// when its length is declared, and as soon as it passes the limit
// otherwise.
func (f *Fetcher) readBody(rawURL string, resp *http.Response, max int64) ([]byte, error) {
	if resp.ContentLength > max {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "GET %s: body of %d bytes is larger than the limit of %d bytes", rawURL, resp.ContentLength, max)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, &retryable{err: unavailable(rawURL, fmt.Errorf("read body: %w", err))}
	}
	if int64(len(body)) > max {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "GET %s: body is larger than the limit of %d bytes", rawURL, max)
	}
	return body, nil
}

// client returns a copy of the Fetcher's client with its redirect policy.
func (f *Fetcher) client() *http.Client {
	var c http.Client
	if f.Client != nil {
		c = *f.Client
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultFetchTimeout
	}
	c.CheckRedirect = checkRedirect
	if f.AllowedPrivate != nil {
		f.guardOnce.Do(func() { f.guard = guardedTransport(f.AllowedPrivate) })
		c.Transport = f.guard
	}
	return &c
}

// redirectRefused is why a redirect was not followed.
type redirectRefused struct{ reason string }

func (e *redirectRefused) Error() string { return e.reason }

// checkRedirect follows at most maxRedirects redirects, to http and https
// only: a server must not make the worker read a file: URL or talk to an
// FTP server.
func checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return &redirectRefused{fmt.Sprintf("stopped after %d redirects", maxRedirects)}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return &redirectRefused{fmt.Sprintf("redirect to %s refused: only http and https redirects are followed", req.URL.Redacted())}
	}
	return nil
}

// closeBody reads a little of what is left of a body before closing it,
// so that the connection can be used again.
func closeBody(body io.ReadCloser) {
	_, _ = io.CopyN(io.Discard, body, 4<<10)
	body.Close()
}

// unwrapURLError drops the "Get \"URL\":" that the client puts before a
// cause, since the message names the URL already.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

func unavailable(rawURL string, cause error) error {
	return &bulletinfeed.Error{Kind: bulletinfeed.Unavailable, Message: "GET " + rawURL, Err: cause}
}

func (f *Fetcher) userAgent() string {
	if f.UserAgent != "" {
		return f.UserAgent
	}
	return UserAgent("", "")
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

func (f *Fetcher) now() time.Time {
	if f.Now != nil {
		return f.Now()
	}
	return time.Now()
}

func (f *Fetcher) log() *slog.Logger {
	if f.Log != nil {
		return f.Log
	}
	return slog.New(slog.DiscardHandler)
}
