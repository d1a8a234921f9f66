package bulletinfeed

import (
	"regexp"
	"strings"
)

// redacted replaces a secret, as url.URL.Redacted does.
const redacted = "xxxxx"

// Each form a credential takes in the text this program logs or shows.
var (
	// The password of a URL's user information: postgres://u:pw@host,
	// https://bot:pw@intranet/feed.xml.
	userinfoSecret = regexp.MustCompile(`(?i)([a-z][a-z0-9+.-]*://[^/\s:@?#]*:)[^@\s/?#]*@`)
	// A query parameter whose name says it is a secret: ?password=,
	// &api_key=, &access_token=, &X-Amz-Signature=, ;sslpassword=.
	querySecret = regexp.MustCompile(`(?i)([?&;][^=&\s#?]*(?:pass|pwd|token|secret|key|sig|auth|credential|session)[^=&\s#?]*=)[^&\s#"'<>]*`)
	// A keyword DSN's password (libpq): host=db password=s3cret,
	// password='a b', password = "x".
	// Only at the start or after a space: in a URL's query the
	// parameter form above has already done it.
	keywordSecret = regexp.MustCompile(`(?i)((?:^|\s)(?:password|sslpassword|passwd)\s*=\s*)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^\s'"]+)`)
)

// Redact returns s with every credential it holds replaced by xxxxx: the
// password of a URL (a DSN, a source's URL), a secret query parameter
// (?api_key=, ?token=, ?password=), and a keyword DSN's password=. It is
// the one function that decides what a secret looks like: errors, logs
// and /healthz pass through it, so a secret in a configured URL or DSN is
// never shown. Text without "=" or "@" is returned as it is, cheaply.
func Redact(s string) string {
	if !strings.ContainsAny(s, "=@") {
		return s
	}
	s = userinfoSecret.ReplaceAllString(s, "${1}"+redacted+"@")
	s = querySecret.ReplaceAllString(s, "${1}"+redacted)
	return keywordSecret.ReplaceAllString(s, "${1}"+redacted)
}
