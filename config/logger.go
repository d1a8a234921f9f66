package config

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"github.com/bulletinfeed/bulletinfeed"
)

// redactingHandler passes every message and attribute value through
// bulletinfeed.Redact before its handler writes it: a DSN, a source URL
// with ?api_key= or an error quoting either is logged without the
// secret, whichever package logged it.
type redactingHandler struct{ next slog.Handler }

func (h redactingHandler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.next.Enabled(ctx, l)
}

func (h redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, bulletinfeed.Redact(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.next.Handle(ctx, out)
}

func (h redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	red := make([]slog.Attr, len(attrs))
	for i, a := range attrs {
		red[i] = redactAttr(a)
	}
	return redactingHandler{h.next.WithAttrs(red)}
}

func (h redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{h.next.WithGroup(name)}
}

// redactAttr redacts a string, an error or a Stringer (a *url.URL), and
// the attributes of a group.
func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, bulletinfeed.Redact(v.String()))
	case slog.KindGroup:
		g := v.Group()
		red := make([]any, len(g))
		for i, x := range g {
			red[i] = redactAttr(x)
		}
		return slog.Group(a.Key, red...)
	case slog.KindAny:
		switch x := v.Any().(type) {
		case error:
			return slog.String(a.Key, bulletinfeed.Redact(x.Error()))
		case fmt.Stringer:
			return slog.String(a.Key, bulletinfeed.Redact(x.String()))
		}
	}
	return slog.Attr{Key: a.Key, Value: v}
}

// DefaultLogger is the logger to w before the configuration is read: info
// and up, as text, redacted.
func DefaultLogger(w io.Writer) *slog.Logger {
	return slog.New(redactingHandler{slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo})})
}

// Logger returns a logger to w of the configured level and format, which
// redacts secrets from whatever it logs.
func (c *Config) Logger(w io.Writer) (*slog.Logger, error) {
	level, format := c.LogLevel, c.LogFormat
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("log level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: l}
	switch format {
	case "text", "":
		return slog.New(redactingHandler{slog.NewTextHandler(w, opts)}), nil
	case "json":
		return slog.New(redactingHandler{slog.NewJSONHandler(w, opts)}), nil
	}
	return nil, fmt.Errorf("log format %q: want text or json", format)
}
