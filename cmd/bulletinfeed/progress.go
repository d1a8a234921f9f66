package main

import (
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/term"
)

// progress draws a one-line bar on a terminal, redrawn in place with \r.
// On anything else it draws nothing: the log lines say what happened.
type progress struct {
	w     io.Writer
	fd    int
	on    bool
	total int
	done  int
	drawn time.Time // when Set last drew
}

// newProgress returns a bar for total steps written to w, active only when
// w is a terminal.
func newProgress(w io.Writer, total int) *progress {
	p := &progress{w: w, total: total}
	if f, ok := w.(interface{ Fd() uintptr }); ok && term.IsTerminal(int(f.Fd())) {
		p.fd, p.on = int(f.Fd()), true
		p.draw("")
	}
	return p
}

// Active reports whether the bar is drawn.
func (p *progress) Active() bool { return p.on }

// Step counts one step done and redraws the bar with label.
func (p *progress) Step(label string) {
	p.done++
	p.draw(label)
}

// Set redraws the bar at done of total steps, at most every tenth of a
// second (a build may report thousands of steps a second), and always at
// the last.
func (p *progress) Set(done, total int, label string) {
	if !p.on {
		return
	}
	p.done, p.total = done, total
	if now := time.Now(); done == total || now.Sub(p.drawn) >= 100*time.Millisecond {
		p.drawn = now
		p.draw(label)
	}
}

// Clear erases the bar, so that a log line can take its place; the next
// Step draws it again.
func (p *progress) Clear() {
	if p.on {
		fmt.Fprint(p.w, "\r\033[K")
	}
}

func (p *progress) draw(label string) {
	if !p.on {
		return
	}
	cols := 80
	if w, _, err := term.GetSize(p.fd); err == nil && w > 20 {
		cols = w
	}
	const barWidth = 30
	filled := barWidth
	if p.total > 0 {
		filled = barWidth * p.done / p.total
	}
	line := fmt.Sprintf("[%s%s] %d/%d ", strings.Repeat("#", filled), strings.Repeat("-", barWidth-filled), p.done, p.total)
	// Leave the last column free: writing it makes some terminals wrap.
	if room := cols - 1 - displayWidth(line); room > 0 {
		line += truncateLeft(label, room)
	}
	fmt.Fprint(p.w, "\r\033[K"+line)
}
