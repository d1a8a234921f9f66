package bulletinfeed

import "time"

// SourceState is what the worker remembers of one source of a publication
// between passes, so that a restarted process knows whether a scheduled
// pass was missed and how long a failing source has failed.
type SourceState struct {
	// LastSuccess is when the last pass that succeeded began; zero when
	// none has.
	LastSuccess time.Time
	// LastAttempt is when the last pass began, whatever its outcome.
	LastAttempt time.Time
	// Failures counts the passes that failed since the last success.
	Failures int
	// LastError is the reason the last pass failed, in one line; empty
	// after a success.
	LastError string
	// NotBefore is when the source may be asked again after failures
	// (back-off, or an upstream's Retry-After); zero when it may be asked
	// at its next tick. It is kept in the store so that every replica, a
	// restarted process and run-once honour it.
	NotBefore time.Time
}

// RemoteFile is one document a remote source fetched (an issue file, or
// the feed or list page that points at issues): the validators that make
// the next request conditional and what became of its bytes.
type RemoteFile struct {
	// Entry names the document within its source: an upstream entry's
	// GUID, or the URL of a document that has none.
	Entry string
	// URL is where the document was fetched from, after redirects.
	URL string
	// ETag and LastModified are the response's validators, sent back as
	// If-None-Match and If-Modified-Since.
	ETag         string
	LastModified string
	// ContentHash is the hex SHA-256 of the body last fetched.
	ContentHash string
	// IssueKey is the key of the issue the document was ingested as;
	// empty for a feed or list page, or a file that failed.
	IssueKey string
	// FetchedAt is when the document was last fetched with a 200.
	FetchedAt time.Time
	// Failures counts the fetches of an issue file that failed in a row
	// (a dead link: 404, a refused address, a body over the limit), and
	// NotBefore is when it may be asked again: each failure doubles the
	// wait, so that a feed full of dead links costs one request per
	// pass, not one per entry. Both are zero after a fetch succeeds.
	Failures  int
	NotBefore time.Time
}
