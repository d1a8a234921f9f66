package feed

import "net/http"

// Security headers on every response. The pages are static HTML with one
// inline style sheet and no script, form, frame or outside resource, so
// the policy forbids everything else: text that slipped through escaping
// still could not run or load anything.
var (
	hdrNoSniff        = []string{"nosniff"}
	hdrCSP            = []string{"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"}
	hdrReferrerPolicy = []string{"strict-origin-when-cross-origin"}
)

// SetSecurityHeaders sets the security headers of every public response
// in h: the handler's, and the server's own answers beside it (/healthz,
// /metrics, the WebSub endpoint), which forbid as much.
func SetSecurityHeaders(h http.Header) {
	h["X-Content-Type-Options"] = hdrNoSniff
	h["Content-Security-Policy"] = hdrCSP
	h["Referrer-Policy"] = hdrReferrerPolicy
}
