package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed/admin"
	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// console returns serve's editors' console, on serve's store. It
// parses an upload with the options ingest gives a file of the same
// publication (its stored banners, zone and limits), so that what the
// editor previews is what publishing stores. Publishing needs no
// notifier: the watch sees the store's new version within worker.CheckEvery.
func (m *serveMain) console(pubs []config.Publication, baseURL string) *admin.Handler {
	ps := make([]admin.Publication, len(pubs))
	inboxes, remotes := map[string][]string{}, map[string][]string{}
	for i, p := range pubs {
		for _, s := range p.Sources {
			switch s.Kind {
			case "inbox":
				inboxes[p.ID] = append(inboxes[p.ID], s.Path)
			case "url", "feed", "page":
				// The id the schedule records the source's state under.
				remotes[p.ID] = append(remotes[p.ID], s.Kind+":"+s.URL)
			}
		}
		ps[i] = admin.Publication{ID: p.ID, Title: p.Title}
		if ps[i].Title == "" {
			ps[i].Title = p.ID
		}
	}
	return admin.New(admin.Config{
		Store:        func() (admin.Store, error) { return m.db, nil },
		Publications: ps,
		Inboxes:      inboxes,
		Sources:      remotes,
		ParseOptions: func(ctx context.Context, pubID string) (source.Options, error) {
			pub, err := m.db.Publication(ctx, pubID)
			if err != nil {
				return source.Options{}, err
			}
			loc, err := time.LoadLocation(pub.TimeZone)
			if err != nil {
				return source.Options{}, fmt.Errorf("publication %s: time zone: %w", pubID, err)
			}
			return m.cfg.SourceOptions(pubID, pub.Banners, loc), nil
		},
		BaseURL: baseURL,
		MaxSize: m.cfg.MaxSize,
		Log:     m.log,
	})
}

// Timeouts of the console's own listener: an upload of the largest issue
// over a slow line, and the parse of a PDF, take longer than a page.
const (
	consoleReadTimeout  = 2 * time.Minute
	consoleWriteTimeout = 2 * time.Minute
)

// openConsole serves the console on AdminAddr, at /admin/ there, for an
// operator who keeps it off the public address. Its links and cookie have
// no path of the base URL, which is the public site's; its cookie is
// Secure when the site is https, for a proxy that serves both.
func (m *serveMain) openConsole(pubs []config.Publication) error {
	ln, err := net.Listen("tcp", m.cfg.AdminAddr)
	if err != nil {
		return fmt.Errorf("listen for the console on %s: %w", m.cfg.AdminAddr, err)
	}
	base := ""
	if u, err := url.Parse(m.cfg.BaseURL); err == nil && u.Scheme != "" {
		base = u.Scheme + "://" + ln.Addr().String() + "/"
	}
	m.adminHTTP = &http.Server{Handler: consoleOnly(m.console(pubs, base)), ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout: consoleReadTimeout, WriteTimeout: consoleWriteTimeout, IdleTimeout: 2 * time.Minute}
	m.adminAddr = ln.Addr().String()
	go func() {
		if err := m.adminHTTP.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.log.Error("console server stopped", "err", err)
		}
	}()
	m.log.Info("serving the editors' console", "addr", m.adminAddr)
	return nil
}

// consoleOnly serves the console at /admin/ and nothing else.
func consoleOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case p == "/" || p == admin.Prefix:
			http.Redirect(w, r, admin.Prefix+"/", http.StatusFound)
		case strings.HasPrefix(p, admin.Prefix+"/"):
			h.ServeHTTP(w, r)
		default:
			http.NotFound(w, r)
		}
	})
}
