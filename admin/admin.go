package admin

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// Config is what a console needs from the program that serves it.
type Config struct {
	// Store returns the open store, or why there is none (PostgreSQL
	// down: kind Unavailable, answered 503).
	Store func() (Store, error)
	// Publications are those the console shows, in the configuration's
	// order.
	Publications []Publication
	// ParseOptions returns the options an issue of a publication is
	// parsed with: the same as ingest's, so that the preview is what
	// publishing stores.
	ParseOptions func(ctx context.Context, pubID string) (source.Options, error)
	// Inboxes are the inbox folders of each publication, by id: the
	// issues list shows the files of their failed/ folders and why.
	Inboxes map[string][]string
	// Sources are the remote sources of each publication, by id (url:,
	// feed:, page: and the URL, as the schedule names them): the issues
	// list shows the last pass of each, from the store.
	Sources map[string][]string
	// Notifier is told when the console changed the store, so that the
	// site is rendered at once; nil is allowed.
	Notifier worker.Notifier
	// MaxSize is the largest issue file an upload may hold, as for
	// ingest (max_size); 0 is source.DefaultMaxSize.
	MaxSize int64
	// BaseURL is the site's public URL; the console is under its path
	// at Prefix, and its cookie is Secure when it is https.
	BaseURL string
	Log     *slog.Logger
	// Now returns the time; tests replace it.
	Now func() time.Time
	// IdleTimeout ends a session not used for this long, MaxAge one this
	// old however used.
	IdleTimeout, MaxAge time.Duration
	// Params are the costs of the dummy hash verified for unknown users,
	// which should be those of the users' hashes (DefaultParams).
	Params Params
	// AccountAttempts and AddressAttempts are the failed logins allowed
	// per account and per client address in AttemptWindow.
	AccountAttempts, AddressAttempts int
	AttemptWindow                    time.Duration
}

// Publication is one publication the console shows. Its time zone
// comes with its ParseOptions.
type Publication struct {
	ID    string
	Title string
}

// Defaults of Config.
const (
	DefaultIdleTimeout     = time.Hour
	DefaultMaxAge          = 12 * time.Hour
	DefaultAccountAttempts = 5
	DefaultAddressAttempts = 20
	DefaultAttemptWindow   = 15 * time.Minute
)

// Handler serves the console. Requests reach it with the base URL's path
// removed, at Prefix and below.
type Handler struct {
	cfg  Config
	log  *slog.Logger
	base string // the base URL's path, without a final slash
	mux  *http.ServeMux
	// next is the mux behind cross-origin protection.
	next     http.Handler
	secure   bool
	dummy    string // a hash verified for unknown users, for equal time
	accounts *limiter
	addrs    *limiter
	pages    map[string]map[string]*template.Template // language, page
	// on is set once a user exists: from then on the console need not
	// ask the store whether it is off.
	on atomic.Bool
}

// New returns the console of cfg.
func New(cfg Config) *Handler {
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.MaxSize <= 0 {
		cfg.MaxSize = source.DefaultMaxSize
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxAge <= 0 {
		cfg.MaxAge = DefaultMaxAge
	}
	if cfg.Params == (Params{}) {
		cfg.Params = DefaultParams
	}
	if cfg.AccountAttempts <= 0 {
		cfg.AccountAttempts = DefaultAccountAttempts
	}
	if cfg.AddressAttempts <= 0 {
		cfg.AddressAttempts = DefaultAddressAttempts
	}
	if cfg.AttemptWindow <= 0 {
		cfg.AttemptWindow = DefaultAttemptWindow
	}
	h := &Handler{
		cfg:      cfg,
		log:      cfg.Log,
		mux:      http.NewServeMux(),
		dummy:    HashPassword("no such user", cfg.Params),
		accounts: newLimiter(cfg.AccountAttempts, cfg.AttemptWindow),
		addrs:    newLimiter(cfg.AddressAttempts, cfg.AttemptWindow),
		pages:    parsePages(),
	}
	if u, err := url.Parse(cfg.BaseURL); err == nil {
		h.base = strings.TrimRight(u.EscapedPath(), "/")
		h.secure = u.Scheme == "https"
	}
	h.routes()
	// Browsers say where a request comes from (Sec-Fetch-Site, Origin);
	// a POST from another site is refused before any handler runs. The
	// session's token in every form covers browsers that say nothing.
	h.next = http.NewCrossOriginProtection().Handler(h.mux)
	return h
}

// routes registers every page of the console.
func (h *Handler) routes() {
	h.handle("GET", routeLogin, false, h.loginForm)
	h.handle("POST", routeLogin, false, h.login)
	h.handle("POST", routeLogout, true, h.logout)
	h.handle("GET", routeHome, true, h.home)
	h.handle("GET", routeAudit, true, h.audit)
	h.handle("GET", routeIssues, true, h.issues)
	h.handle("POST", routeUpload, true, h.upload)
	h.handle("GET", routePreview, true, h.preview)
	h.handle("POST", routePublish, true, h.publish)
	h.handle("POST", routeDiscard, true, h.discard)
	h.handle("GET", routePage, true, h.pageImage)
	h.handle("GET", routeDelete, true, h.deleteForm)
	h.handle("POST", routeDelete, true, h.delete)
	h.handle("GET", routeIssue, true, h.issue)
	h.handle("POST", routeCorrect, true, h.correct)
	h.handle("POST", routeMeta, true, h.meta)
	h.handle("POST", routeForget, true, h.forget)
	h.handle("POST", routeRemove, true, h.remove)
	h.handle("POST", routeEdit, true, h.edit)
	h.handle("POST", routeSplit, true, h.split)
	h.handle("POST", routeMerge, true, h.merge)
}

// Security headers of every console response: its pages post forms to
// themselves only, load nothing from elsewhere, run no script, are never
// framed and never cached, since they show what only staff may see.
var (
	hdrCSP          = []string{"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"}
	hdrNoSniff      = []string{"nosniff"}
	hdrNoStore      = []string{"no-store"}
	hdrReferrer     = []string{"same-origin"}
	hdrFrameOptions = []string{"DENY"}
)

// ServeHTTP answers a request for the console, at Prefix and below. The
// console is off (404) until the store has a user.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hd := w.Header()
	hd["Content-Security-Policy"] = hdrCSP
	hd["X-Content-Type-Options"] = hdrNoSniff
	hd["Cache-Control"] = hdrNoStore
	hd["Referrer-Policy"] = hdrReferrer
	hd["X-Frame-Options"] = hdrFrameOptions
	st, err := h.cfg.Store()
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if !h.on.Load() {
		has, err := st.HasUsers(r.Context())
		if err != nil {
			h.writeError(w, r, err)
			return
		}
		if !has {
			h.writeError(w, r, bulletinfeed.Errorf(bulletinfeed.NotFound, "the console is off until its first user exists (bulletinfeed users add NAME --admin)"))
			return
		}
		h.on.Store(true)
	}
	h.next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), storeKey{}, st)))
}

type storeKey struct{}

// call is what a console handler is given besides the request.
type call struct {
	st   Store
	user *bulletinfeed.User    // nil on the login pages
	sess *bulletinfeed.Session // nil on the login pages
	pub  *Publication          // the route's {pub}, when it has one
	// opts are the parse options of pub, and loc its time zone.
	opts source.Options
	loc  *time.Location
}

type handlerFunc func(w http.ResponseWriter, r *http.Request, c *call) error

// handle registers f for method and rt. With auth, a request without a
// live session is sent to the login page (a POST refused), a POST must
// carry the session's token, and a {pub} the user may not edit is 403.
func (h *Handler) handle(method string, rt route, auth bool, f handlerFunc) {
	h.mux.HandleFunc(method+" "+rt.pattern, func(w http.ResponseWriter, r *http.Request) {
		c := &call{st: r.Context().Value(storeKey{}).(Store)}
		if auth {
			sess, user, err := h.authenticate(r, c.st)
			if err != nil {
				h.writeError(w, r, err)
				return
			}
			if user == nil {
				h.toLogin(w, r)
				return
			}
			c.sess, c.user = sess, user
			if method == http.MethodPost {
				if err := h.checkToken(w, r, sess); err != nil {
					h.writeError(w, r, err)
					return
				}
			}
		}
		if id := r.PathValue("pub"); id != "" {
			c.pub = h.publication(id)
			if c.pub == nil {
				h.writeError(w, r, bulletinfeed.Errorf(bulletinfeed.NotFound, "no publication %q", id))
				return
			}
			if !c.user.MayEdit(id) {
				h.writeError(w, r, errForbidden)
				return
			}
			opts, err := h.cfg.ParseOptions(r.Context(), id)
			if err != nil {
				h.writeError(w, r, err)
				return
			}
			c.opts, c.loc = opts, opts.Location
			if c.loc == nil {
				c.loc = time.UTC
			}
		}
		if err := f(w, r, c); err != nil {
			h.writeError(w, r, err)
		}
	})
}

// maxUpload is the most bytes an upload's request may hold: the largest
// issue file and room for the form around it.
func (h *Handler) maxUpload() int64 { return h.cfg.MaxSize + 64<<10 }

// publication returns the configured publication id, or nil.
func (h *Handler) publication(id string) *Publication {
	for i := range h.cfg.Publications {
		if h.cfg.Publications[i].ID == id {
			return &h.cfg.Publications[i]
		}
	}
	return nil
}

// record writes an entry of the audit log. A failure to write it is
// logged, not shown: the change it records has been made.
func (h *Handler) record(r *http.Request, c *call, e bulletinfeed.AuditEntry) {
	if e.User == "" && c.user != nil {
		e.User = c.user.Name
	}
	e.At = h.cfg.Now()
	if err := c.st.AddAudit(r.Context(), &e); err != nil {
		h.log.Error("audit entry not written", "action", e.Action, "user", e.User, "err", err)
	}
	h.log.Info("console", "action", e.Action, "user", e.User, "publication", e.Publication, "issue", e.Issue, "detail", e.Detail)
}

// changed tells the server that the store changed.
func (h *Handler) changed() {
	if h.cfg.Notifier != nil {
		h.cfg.Notifier.StoreChanged()
	}
}

// redirect sends the browser on after a POST, to a page it GETs.
func (h *Handler) redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}
