package admin

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"strconv"

	"github.com/bulletinfeed/bulletinfeed"
)

//go:embed templates/*.html
var templateFS embed.FS

// pageNames are the console's pages, each templates/NAME.html inside
// templates/layout.html.
var pageNames = []string{"login", "home", "issues", "issue", "preview", "delete", "audit", "error"}

// parsePages parses every page once per interface language, with t
// bound to that language's messages.
func parsePages() map[string]map[string]*template.Template {
	out := map[string]map[string]*template.Template{}
	for lang := range messages {
		funcs := template.FuncMap{
			"t":   func(key string) string { return message(lang, key) },
			"inc": func(i int) int { return i + 1 },
			"kb":  func(n int64) string { return strconv.FormatInt(n>>20, 10) },
			// kinds are the marks a block may be given.
			"kinds": func() []string { return blockKinds },
		}
		out[lang] = map[string]*template.Template{}
		for _, name := range pageNames {
			out[lang][name] = template.Must(template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/"+name+".html"))
		}
	}
	return out
}

// view is what the layout shows around a page.
type view struct {
	Lang      string
	User      *bulletinfeed.User
	CSRF      string
	HomeURL   string
	AuditURL  string
	LogoutURL string
	LoginURL  string
	Page      any
}

// render writes the page name with data, into a buffer first so that a
// failed render is a clean 500.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, c *call, data any) {
	lang := langOf(r)
	v := &view{Lang: lang, Page: data, HomeURL: routeHome.path(h.base), AuditURL: routeAudit.path(h.base),
		LogoutURL: routeLogout.path(h.base), LoginURL: routeLogin.path(h.base)}
	if c != nil && c.user != nil {
		v.User, v.CSRF = c.user, c.sess.CSRF
	}
	var buf bytes.Buffer
	if err := h.pages[lang][name].ExecuteTemplate(&buf, "layout", v); err != nil {
		h.log.Error("console page not rendered", "page", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(buf.Bytes())
	}
}
