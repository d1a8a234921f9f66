package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/config"
)

// Exit statuses. Every failure that is not a usage error is 1; the one-line
// message says which kind it was.
const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

// errHelp ends a command that printed its --help: a success.
var errHelp = errors.New("help requested")

// usageErrorf returns a usage error (config.UsageError): the command was
// called wrong, and exits with exitUsage.
func usageErrorf(format string, args ...any) error { return config.Usagef(format, args...) }

// exitCode maps a command's error to an exit status, writing its one-line
// message to stderr. This is the one place where that choice is made.
func exitCode(err error, stderr io.Writer) int {
	var ue *config.UsageError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "bulletinfeed: %s (see --help)\n", bulletinfeed.Redact(err.Error()))
		return exitUsage
	default:
		// One line, whatever the error: drivers (pgx) report each address
		// they tried on a line of its own.
		msg := strings.ReplaceAll(strings.ReplaceAll(bulletinfeed.Redact(err.Error()), "\n\t", " "), "\n", " ")
		fmt.Fprintf(stderr, "bulletinfeed: %s\n", msg)
		return exitFail
	}
}
