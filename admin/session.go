package admin

import (
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// cookieName is the session cookie's name.
const cookieName = "bulletinfeed_console"

// touchEvery is how stale a session's last use may be recorded: a write
// per minute at most, not one per request.
const touchEvery = time.Minute

// hashToken returns what the store keeps of a session token: its
// SHA-256, so that a copy of the store lets no one in. The token is 32
// random bytes, so a plain hash is enough; it needs no salt or cost.
func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// randomToken returns 32 random bytes, base64url-encoded.
func randomToken() string {
	var b [32]byte
	rand.Read(b[:])
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// authenticate returns the live session of the request's cookie and its
// user, or nils when there is none: no cookie, an unknown token, a
// session idle too long or too old (it is then deleted), a user removed.
func (h *Handler) authenticate(r *http.Request, st Store) (*bulletinfeed.Session, *bulletinfeed.User, error) {
	ck, err := r.Cookie(cookieName)
	if err != nil || ck.Value == "" {
		return nil, nil, nil
	}
	ctx := r.Context()
	hash := hashToken(ck.Value)
	sess, err := st.Session(ctx, hash)
	if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	now := h.cfg.Now()
	if now.Sub(sess.LastSeen) > h.cfg.IdleTimeout || now.Sub(sess.Created) > h.cfg.MaxAge {
		if err := st.DeleteSession(ctx, hash); err != nil {
			return nil, nil, err
		}
		return nil, nil, nil
	}
	user, err := st.User(ctx, sess.User)
	if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if now.Sub(sess.LastSeen) >= touchEvery {
		if err := st.TouchSession(ctx, hash, now); err != nil {
			return nil, nil, err
		}
	}
	return sess, user, nil
}

// startSession makes a session for user and sets its cookie.
func (h *Handler) startSession(w http.ResponseWriter, r *http.Request, st Store, user string) error {
	now := h.cfg.Now()
	// Expired sessions are swept at each login: no timer to stop.
	if _, err := st.DeleteExpiredSessions(r.Context(), now.Add(-h.cfg.IdleTimeout), now.Add(-h.cfg.MaxAge)); err != nil {
		return err
	}
	token := randomToken()
	if err := st.CreateSession(r.Context(), &bulletinfeed.Session{
		TokenHash: hashToken(token), User: user, CSRF: randomToken(), Created: now, LastSeen: now,
	}); err != nil {
		return err
	}
	http.SetCookie(w, h.cookie(token, int(h.cfg.MaxAge/time.Second)))
	return nil
}

// cookie is the session cookie holding token for maxAge seconds (-1:
// delete it). The browser keeps it only for the console's path, sends it
// on no cross-site request but a top-level GET, and never to scripts.
func (h *Handler) cookie(token string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name:     cookieName,
		Value:    token,
		Path:     h.base + Prefix + "/",
		MaxAge:   maxAge,
		HttpOnly: true,
		Secure:   h.secure,
		SameSite: http.SameSiteLaxMode,
	}
}

// toLogin answers a request without a live session: a GET goes to the
// login page, which sends it back after; anything else is refused.
func (h *Handler) toLogin(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.writeError(w, r, bulletinfeed.Errorf(bulletinfeed.Forbidden, "not signed in, or the session has ended: sign in again"))
		return
	}
	// The path the console sees has the base URL's path removed; the
	// browser's has it.
	next := h.base + r.URL.EscapedPath()
	if r.URL.RawQuery != "" {
		next += "?" + r.URL.RawQuery
	}
	to := routeLogin.path(h.base) + "?next=" + url.QueryEscape(next)
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// errToken refuses a form that does not carry its session's token.
var errToken = bulletinfeed.Errorf(bulletinfeed.Forbidden, "the form is out of date or did not come from this console: reload the page and try again")

// checkToken reads the form of a POST (an upload's within the largest
// issue file allowed) and checks its token against the session's, in
// constant time.
func (h *Handler) checkToken(w http.ResponseWriter, r *http.Request, sess *bulletinfeed.Session) error {
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		slow(w)
		r.Body = http.MaxBytesReader(w, r.Body, h.maxUpload())
		// Files past 1 MiB go to temporary files, removed when the
		// request ends.
		if err := r.ParseMultipartForm(1 << 20); err != nil {
			if errors.As(err, new(*http.MaxBytesError)) {
				// Answered 413 (statusOf), with this message.
				return &bulletinfeed.Error{Kind: bulletinfeed.Invalid, Err: err,
					Message: fmt.Sprintf("the file is larger than %d bytes, the most an issue may have (max_size)", h.cfg.MaxSize)}
			}
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "the form could not be read: %v", err)
		}
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		if err := r.ParseForm(); err != nil {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "the form could not be read: %v", err)
		}
	}
	got := r.PostFormValue("csrf")
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(sess.CSRF)) != 1 {
		return errToken
	}
	return nil
}

// safeNext returns the page to go to after signing in: next when it is a
// page of the console, else its home, so that a crafted link cannot send
// a user elsewhere.
func (h *Handler) safeNext(next string) string {
	home := routeHome.path(h.base)
	if !strings.HasPrefix(next, h.base+Prefix+"/") || strings.HasPrefix(next, "//") || strings.ContainsAny(next, "\\\r\n") {
		return home
	}
	return next
}
