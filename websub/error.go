package websub

import (
	"errors"
	"net/http"

	"github.com/bulletinfeed/bulletinfeed"
)

// errRateLimited is a request above a rate limit.
var errRateLimited = errors.New("too many subscription requests for this callback's host or in all; try again in a minute")

// statusOf is the hub's one table from an error to the status of its
// answer. The hub answers programs in plain text, with the reason, as
// WebSub asks (section 5.1.2), so it does not take feed's HTML error
// pages; the kinds map as they do there, and the rate limit, which no
// kind expresses, is 429.
func statusOf(err error) int {
	if err == nil {
		return http.StatusAccepted
	}
	if errors.Is(err, errRateLimited) {
		return http.StatusTooManyRequests
	}
	switch bulletinfeed.KindOf(err) {
	case bulletinfeed.Invalid:
		return http.StatusBadRequest
	case bulletinfeed.NotFound:
		return http.StatusNotFound
	case bulletinfeed.Conflict:
		return http.StatusConflict
	case bulletinfeed.Unavailable:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// message is what the answer says of err: its user-safe message, or a
// bare status for internal errors, whose details are logged.
func message(err error, status int) string {
	var e *bulletinfeed.Error
	switch {
	case err == nil:
		return "accepted: the hub will verify the intent with a GET to the callback\n"
	case status == http.StatusInternalServerError:
		return "internal error\n"
	case errors.As(err, &e) && e.Message != "":
		return e.Message + "\n"
	}
	return err.Error() + "\n"
}
