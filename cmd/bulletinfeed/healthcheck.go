package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

func init() {
	register("healthcheck", "ask a running server's /healthz and exit 0 if it answers 200, for container health checks", runHealthcheck)
}

// healthcheckTimeout bounds the whole request, connection included: a
// server that cannot answer /healthz within it is as good as down, and the
// container runtime kills a probe that outlasts its own timeout anyway.
const healthcheckTimeout = 5 * time.Second

// healthcheckBodyLimit is how much of a failing answer is read to find its
// first line; /healthz writes a line per fault, and one is enough to say why.
const healthcheckBodyLimit = 4 << 10

func runHealthcheck(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "healthcheck", "healthcheck [--url URL]")
	rawURL := fs.String("url", "", "`URL` to ask; default http://127.0.0.1:PORT/healthz with the port of the addr setting (env BULLETINFEED_ADDR)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("healthcheck: unexpected argument %q", fs.Arg(0))
	}
	target := *rawURL
	if target == "" {
		if target, err = healthURL(cfg.Addr); err != nil {
			return usageErrorf("healthcheck: %v; give --url", err)
		}
	} else if u, err := url.Parse(target); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return usageErrorf("healthcheck: --url wants an absolute http or https URL, got %q", target)
	}
	if err := healthcheck(ctx, target); err != nil {
		return err
	}
	// One line on success too: a person who runs it by hand sees that it
	// asked, and what; a container runtime keeps it in its health log.
	fmt.Fprintf(env.Stdout, "healthcheck: GET %s: 200 OK\n", target)
	return nil
}

// healthURL returns the /healthz URL of a server listening on addr, as seen
// from the same host: an address that listens on every interface (":8080",
// "0.0.0.0:8080", "[::]:8080") is asked on loopback.
func healthURL(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("addr setting: %v", err)
	}
	if port == "" || port == "0" {
		return "", fmt.Errorf("addr setting %q has no fixed port", addr)
	}
	switch host {
	case "", "0.0.0.0":
		host = "127.0.0.1"
	case "::":
		host = "::1"
	}
	return (&url.URL{Scheme: "http", Host: net.JoinHostPort(host, port), Path: "/healthz"}).String(), nil
}

// healthcheck GETs target and returns nil on a 200; otherwise an error of
// one line with the status and the first line of the body, or the
// connection error.
func healthcheck(ctx context.Context, target string) error {
	ctx, cancel := context.WithTimeout(ctx, healthcheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return usageErrorf("healthcheck: %v", err)
	}
	// A probe talks to its own server directly, never through a proxy from
	// the environment, and leaves no idle connection behind.
	client := &http.Client{Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		if errors.Is(err, context.DeadlineExceeded) {
			err = fmt.Errorf("no answer within %v", healthcheckTimeout)
		}
		return fmt.Errorf("healthcheck: GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	msg := fmt.Sprintf("healthcheck: GET %s: %s", target, resp.Status)
	if line := firstLine(io.LimitReader(resp.Body, healthcheckBodyLimit)); line != "" {
		msg += ": " + line
	}
	return errors.New(msg)
}

// firstLine returns the first non-blank line of r, trimmed, with control
// characters made spaces so the message stays on one line of a terminal or of
// the container's health log.
func firstLine(r io.Reader) string {
	b, _ := io.ReadAll(r) // what was read before an error is still worth showing
	for line := range strings.Lines(string(b)) {
		line = strings.TrimSpace(strings.Map(func(r rune) rune {
			if r < ' ' || r == 0x7f {
				return ' '
			}
			return r
		}, line))
		if line != "" {
			return line
		}
	}
	return ""
}
