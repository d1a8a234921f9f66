package source

import (
	"fmt"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
)

// ParseError is a problem with one input file: its name, the line it was
// found on (0 when it concerns the whole file) and the cause.
type ParseError struct {
	Name string // file name as given by the caller
	Line int
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("parse %s:%d: %v", displayName(e.Name), e.Line, e.Err)
	}
	return fmt.Sprintf("parse %s: %v", displayName(e.Name), e.Err)
}

// displayName returns a file name as it can be printed: as it is, or
// quoted with escapes when it holds bytes that a terminal would act on
// (escape sequences, bidi overrides) or that are not UTF-8.
func displayName(name string) string {
	for _, r := range name {
		if r == utf8.RuneError || !unicode.IsGraphic(r) || unicode.Is(unicode.Cf, r) {
			return strconv.Quote(name)
		}
	}
	return name
}

func (e *ParseError) Unwrap() error { return e.Err }

// invalid returns a ParseError whose cause has the Invalid kind: the input
// is at fault, not the program.
func invalid(name string, line int, format string, args ...any) error {
	return &ParseError{Name: name, Line: line, Err: bulletinfeed.Errorf(bulletinfeed.Invalid, format, args...)}
}
