package main

import (
	"strings"

	"golang.org/x/text/width"
)

// displayWidth is the number of terminal columns s takes: two for a wide
// (Chinese, full-width) character, one for others.
func displayWidth(s string) int {
	n := 0
	for _, r := range s {
		n += runeWidth(r)
	}
	return n
}

func runeWidth(r rune) int {
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// padRight pads s with spaces to n columns.
func padRight(s string, n int) string {
	if w := displayWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// truncateLeft shortens s to at most n columns by dropping its start,
// marking the cut with "…": the end of a file path says the most.
func truncateLeft(s string, n int) string {
	if displayWidth(s) <= n {
		return s
	}
	rs := []rune(s)
	w := 1 // the …
	i := len(rs)
	for i > 0 && w+runeWidth(rs[i-1]) <= n {
		i--
		w += runeWidth(rs[i])
	}
	return "…" + string(rs[i:])
}
