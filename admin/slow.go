package admin

import (
	"net/http"
	"time"
)

// slowTimeout is how long a request that reads or parses an issue file
// may take: an upload of the largest file over a slow line, or the parse
// of a PDF, which pdftohtml may spend a minute on.
const slowTimeout = 3 * time.Minute

// slow gives the request longer than the site's server allows a page
// (seconds: a reader's request is small), where the server supports it.
func slow(w http.ResponseWriter) {
	rc := http.NewResponseController(w)
	deadline := time.Now().Add(slowTimeout)
	// ErrNotSupported (a test's recorder) leaves the server's own limits.
	_ = rc.SetReadDeadline(deadline)
	_ = rc.SetWriteDeadline(deadline)
}
