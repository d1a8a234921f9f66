package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

type issuePage struct {
	Pub       *Publication
	Issue     *bulletinfeed.Issue
	Date      string
	Done      bool
	Articles  []correctView
	Sections  []sectionOption
	IssuesURL string
	DeleteURL string
}

type correctView struct {
	articleView
	ID         string
	CorrectURL string
	// Corrected says what an editor changed, for the page to say so.
	Corrected bool
}

type sectionOption struct {
	Name     string
	Selected bool
}

// issue shows a published issue's articles, each with a form to correct
// its title and move it to another section.
func (h *Handler) issue(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	key := r.PathValue("key")
	iss, err := c.st.Issue(ctx, c.pub.ID, key)
	if err != nil {
		return err
	}
	secs, err := c.st.Sections(ctx, c.pub.ID)
	if err != nil {
		return err
	}
	cs, err := c.st.Corrections(ctx, c.pub.ID, key)
	if err != nil {
		return err
	}
	p := &issuePage{Pub: c.pub, Issue: iss, Date: formatDate(iss.Date, c.loc), Done: r.URL.Query().Get("done") == "corrected",
		IssuesURL: routeIssues.path(h.base, c.pub.ID), DeleteURL: routeDelete.path(h.base, c.pub.ID, key)}
	for _, s := range secs {
		p.Sections = append(p.Sections, sectionOption{Name: s.Name})
	}
	if !slices.ContainsFunc(p.Sections, func(o sectionOption) bool { return o.Name == "" }) {
		p.Sections = append([]sectionOption{{}}, p.Sections...)
	}
	for i, a := range iss.Articles {
		v := correctView{articleView: articleView{N: i + 1, Section: a.Section, Title: a.Title, Blocks: a.Blocks},
			ID: a.ID, CorrectURL: routeCorrect.path(h.base, c.pub.ID, key, a.ID),
			Corrected: slices.ContainsFunc(cs, func(x bulletinfeed.Correction) bool { return x.Article == a.ID })}
		for _, b := range a.Bylines {
			v.Bylines = append(v.Bylines, b.String())
		}
		p.Articles = append(p.Articles, v)
	}
	h.render(w, r, http.StatusOK, "issue", c, p)
	return nil
}

// maxTitle is the longest title a correction may give, in characters.
const maxTitle = 500

// correct changes an article's title or section. The change is kept as
// a correction of the issue, which every later file of it gets again
// (worker.Publish), and stored at once as a revision of the issue, which
// keeps its articles' ids as any revision does.
func (h *Handler) correct(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	key, id := r.PathValue("key"), r.PathValue("id")
	iss, err := c.st.Issue(ctx, c.pub.ID, key)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(iss.Articles, func(a *bulletinfeed.Article) bool { return a.ID == id })
	if i < 0 {
		return bulletinfeed.Errorf(bulletinfeed.NotFound, "no article %q in issue %q", id, key)
	}
	a := iss.Articles[i]
	title := strings.TrimSpace(r.PostFormValue("title"))
	section := r.PostFormValue("section")
	switch {
	case title == "":
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "a title may not be empty")
	case utf8.RuneCountInString(title) > maxTitle || strings.ContainsAny(title, "\r\n"):
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "a title is one line of at most %d characters", maxTitle)
	}
	if section != a.Section {
		secs, err := c.st.Sections(ctx, c.pub.ID)
		if err != nil {
			return err
		}
		if section != "" && !slices.ContainsFunc(secs, func(s bulletinfeed.Section) bool { return s.Name == section }) {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "no section %q in %s", section, c.pub.ID)
		}
	}
	cs, err := c.st.Corrections(ctx, c.pub.ID, key)
	if err != nil {
		return err
	}
	// An article corrected before keeps the title it was parsed with,
	// which finds it in later files.
	corr := bulletinfeed.Correction{Publication: c.pub.ID, Issue: key, Article: id, OrigTitle: a.Title}
	if j := slices.IndexFunc(cs, func(x bulletinfeed.Correction) bool { return x.Article == id }); j >= 0 {
		corr = cs[j]
	}
	var what []string
	if title != a.Title {
		what = append(what, fmt.Sprintf("title %q → %q", a.Title, title))
		corr.Title = title
		if title == corr.OrigTitle {
			corr.Title = "" // back as parsed
		}
	}
	if section != a.Section {
		what = append(what, fmt.Sprintf("section %q → %q", a.Section, section))
		corr.MoveSection, corr.Section = true, section
	}
	back := routeIssue.path(h.base, c.pub.ID, key)
	if len(what) == 0 {
		h.redirect(w, r, back)
		return nil
	}
	corr.By, corr.At = c.user.Name, h.cfg.Now()
	// The correction first: should the revision fail, the next file of
	// the issue still gets it.
	if err := c.st.PutCorrection(ctx, &corr); err != nil {
		return err
	}
	bulletinfeed.Correction{Title: title, MoveSection: section != a.Section, Section: section}.Apply(a)
	if _, err := c.st.IngestWith(ctx, c.pub.ID, iss, store.IngestOptions{Revise: true}); err != nil {
		return err
	}
	h.changed()
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditCorrect, Publication: c.pub.ID, Issue: key,
		Detail: "article " + id + ": " + strings.Join(what, "; ")})
	h.redirect(w, r, back+"?done=corrected#"+url.PathEscape(id))
	return nil
}
