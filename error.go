package bulletinfeed

import (
	"errors"
	"fmt"
)

// Kind classifies an error for the outside world. It is mapped to HTTP
// statuses in feed/error.go and to exit codes in cmd/bulletinfeed/exit.go.
type Kind string

// Error kinds.
const (
	Internal Kind = "internal"
	Invalid  Kind = "invalid"
	NotFound Kind = "not_found"
	Conflict Kind = "conflict"
	// Gone is what was published once and was removed on purpose: a
	// deleted issue's picture. Servers answer 410.
	Gone Kind = "gone"
	// Unavailable is a fault of something the program depends on that
	// may pass by itself: a database that cannot be reached. Callers may
	// retry with back-off; servers answer 503.
	Unavailable Kind = "unavailable"
	// Forbidden is a request by a signed-in user for what is not theirs:
	// an editor asking for another publication's issue.
	Forbidden Kind = "forbidden"
)

// Error is an error with a kind and a message safe to show a user.
type Error struct {
	Kind    Kind
	Message string
	Err     error // the cause, if any
}

func (e *Error) Error() string {
	if e.Err != nil && e.Message == "" {
		return e.Err.Error()
	}
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error of the given kind with a formatted message.
func Errorf(kind Kind, format string, args ...any) *Error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the kind of the first *Error in err's chain, or Internal
// when there is none.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}
