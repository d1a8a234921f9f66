package admin

import (
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

type loginPage struct {
	Next     string
	Username string
	// Problem is the message key of why the last attempt failed.
	Problem string
}

func (h *Handler) loginForm(w http.ResponseWriter, r *http.Request, c *call) error {
	h.render(w, r, http.StatusOK, "login", c, &loginPage{Next: h.safeNext(r.URL.Query().Get("next"))})
	return nil
}

// login checks a name and password. Attempts are limited per account and
// per client address; an unknown name costs the time of a known one, so
// that timing does not tell which names exist.
func (h *Handler) login(w http.ResponseWriter, r *http.Request, c *call) error {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "the form could not be read: %v", err)
	}
	name, password := strings.TrimSpace(r.PostFormValue("username")), r.PostFormValue("password")
	page := &loginPage{Next: h.safeNext(r.PostFormValue("next")), Username: name}
	now := h.cfg.Now()
	account, addr := "user:"+strings.ToLower(name), "addr:"+clientAddr(r)
	blockedAcct, untilAcct := h.accounts.blocked(account, now)
	blockedAddr, untilAddr := h.addrs.blocked(addr, now)
	if blockedAcct || blockedAddr {
		until := untilAcct
		if untilAddr.After(until) {
			until = untilAddr
		}
		w.Header().Set("Retry-After", strconv.Itoa(int(until.Sub(now)/time.Second)+1))
		page.Problem = "login.limited"
		h.render(w, r, http.StatusTooManyRequests, "login", c, page)
		return nil
	}
	user, err := c.st.User(r.Context(), name)
	if err != nil && bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
		return err
	}
	hash := h.dummy
	if user != nil {
		hash = user.PasswordHash
	}
	ok, err := VerifyPassword(password, hash)
	if err != nil {
		return err
	}
	if user == nil || !ok {
		h.accounts.fail(account, now)
		h.addrs.fail(addr, now)
		h.record(r, c, bulletinfeed.AuditEntry{User: name, Action: bulletinfeed.AuditLoginFailed, Detail: clientAddr(r)})
		page.Problem = "login.wrong"
		h.render(w, r, http.StatusUnauthorized, "login", c, page)
		return nil
	}
	h.accounts.reset(account)
	if err := h.startSession(w, r, c.st, user.Name); err != nil {
		return err
	}
	h.record(r, c, bulletinfeed.AuditEntry{User: user.Name, Action: bulletinfeed.AuditLogin, Detail: clientAddr(r)})
	h.redirect(w, r, page.Next)
	return nil
}

func (h *Handler) logout(w http.ResponseWriter, r *http.Request, c *call) error {
	if err := c.st.DeleteSession(r.Context(), c.sess.TokenHash); err != nil {
		return err
	}
	http.SetCookie(w, h.cookie("", -1))
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditLogout})
	h.redirect(w, r, routeLogin.path(h.base))
	return nil
}

// clientAddr is the address a request came from. Forwarding headers are
// not believed: anyone can send them. Behind a proxy every request has
// the proxy's address, and the per-address limit is then one for all.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}
