package config

import "fmt"

// UsageError is a mistake in how a command was called or configured:
// a flag's value, a publication the file lacks, a schedule that never
// repeats. The command exits with its usage status for it.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usagef returns a UsageError of the formatted message.
func Usagef(format string, args ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, args...)}
}

// plural returns one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
