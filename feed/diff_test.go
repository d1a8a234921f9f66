package feed_test

import (
	"bytes"
	"fmt"
	"strings"
)

// shortDiff describes how got differs from want: the first line that
// differs, with a line of context before it, from each side.
func shortDiff(got, want []byte) string {
	if got == nil {
		return "served nothing"
	}
	g, w := bytes.Split(got, []byte("\n")), bytes.Split(want, []byte("\n"))
	i := 0
	for i < len(g) && i < len(w) && bytes.Equal(g[i], w[i]) {
		i++
	}
	show := func(lines [][]byte) string {
		var b strings.Builder
		for j := max(i-1, 0); j < min(i+2, len(lines)); j++ {
			fmt.Fprintf(&b, "\t%4d  %s\n", j+1, clip(lines[j]))
		}
		if i >= len(lines) {
			b.WriteString("\t      (end)\n")
		}
		return b.String()
	}
	return fmt.Sprintf("  served (%d bytes):\n%s  fresh render (%d bytes):\n%s", len(got), show(g), len(want), show(w))
}

// clip shortens a long line to what a failure message can show.
func clip(line []byte) string {
	const most = 160
	if len(line) <= most {
		return string(line)
	}
	return string(line[:most]) + "…"
}
