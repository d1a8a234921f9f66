package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
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
	// MetaURL changes the issue's key and date; Day is its date as the
	// form's field shows it.
	MetaURL string
	Day     string
	// Undone are the corrections a newer file of the issue undid.
	Undone []undoneView
}

// undoneView is a correction that a newer file undid: the editor makes
// it again (the form of its article, filled with it) or forgets it.
type undoneView struct {
	Article, Title, Section string
	MoveSection, Remove     bool
	CorrectURL, ForgetURL   string
}

type correctView struct {
	articleView
	ID         string
	CorrectURL string
	RemoveURL  string
	// The structure's form: headings one a line, the credits' rows (one
	// empty to add one), each block with its kind; the split and merge
	// forms (Next is the article a merge takes in).
	EditURL, SplitURL, MergeURL string
	Headings                    string
	Credits                     []bulletinfeed.Byline
	Marked                      []markedBlock
	Next                        *bulletinfeed.Article
	// Corrected says what an editor changed, for the page to say so.
	Corrected bool
}

// markedBlock is a block in the structure's form, with the kind it has.
type markedBlock struct {
	N          int
	Kind, Text string
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
		IssuesURL: routeIssues.path(h.base, c.pub.ID), DeleteURL: routeDelete.path(h.base, c.pub.ID, key),
		MetaURL: routeMeta.path(h.base, c.pub.ID, key), Day: iss.Date.In(c.loc).Format(time.DateOnly)}
	for _, s := range secs {
		p.Sections = append(p.Sections, sectionOption{Name: s.Name})
	}
	if !slices.ContainsFunc(p.Sections, func(o sectionOption) bool { return o.Name == "" }) {
		p.Sections = append([]sectionOption{{}}, p.Sections...)
	}
	for _, x := range cs {
		var a *bulletinfeed.Article
		if i := slices.IndexFunc(iss.Articles, func(a *bulletinfeed.Article) bool { return a.ID == x.Article }); i >= 0 {
			a = iss.Articles[i]
		}
		if x.InEffect(a) {
			continue
		}
		u := undoneView{Article: x.Article, Title: x.Title, Section: x.Section, MoveSection: x.MoveSection, Remove: x.Remove,
			ForgetURL: routeForget.path(h.base, c.pub.ID, key, x.Article)}
		if a != nil && x.Edited == nil {
			// A title, a section or a removal is made again with one
			// button; an edited structure is made again by hand.
			u.CorrectURL = routeCorrect.path(h.base, c.pub.ID, key, x.Article)
			if x.Remove {
				u.CorrectURL = routeRemove.path(h.base, c.pub.ID, key, x.Article)
			}
			if u.Title == "" {
				u.Title = a.Title
			}
			if !u.MoveSection {
				u.Section = a.Section
			}
		}
		p.Undone = append(p.Undone, u)
	}
	for i, a := range iss.Articles {
		v := correctView{articleView: articleView{N: i + 1, Section: a.Section, Title: a.Title, Blocks: a.Blocks},
			ID: a.ID, CorrectURL: routeCorrect.path(h.base, c.pub.ID, key, a.ID), RemoveURL: routeRemove.path(h.base, c.pub.ID, key, a.ID),
			Corrected: slices.ContainsFunc(cs, func(x bulletinfeed.Correction) bool { return x.Article == a.ID }),
			EditURL:   routeEdit.path(h.base, c.pub.ID, key, a.ID), SplitURL: routeSplit.path(h.base, c.pub.ID, key, a.ID),
			MergeURL: routeMerge.path(h.base, c.pub.ID, key, a.ID), Headings: strings.Join(a.Headings, "\n"),
			Credits: append(slices.Clone(a.Bylines), bulletinfeed.Byline{})}
		for j, b := range a.Blocks {
			v.Marked = append(v.Marked, markedBlock{N: j + 1, Kind: string(b.Kind), Text: b.Text})
		}
		if i+1 < len(iss.Articles) {
			v.Next = iss.Articles[i+1]
		}
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

// correct changes an article's title or section.
func (h *Handler) correct(w http.ResponseWriter, r *http.Request, c *call) error {
	return h.change(w, r, c, false)
}

// remove takes an article out of its issue.
func (h *Handler) remove(w http.ResponseWriter, r *http.Request, c *call) error {
	return h.change(w, r, c, true)
}

// change makes a correction of an article: its title or section, or its
// removal. The change is kept as a correction of the issue, which every
// later file of it gets again (worker.Publish), and stored at once as a
// revision of the issue, which keeps its articles' ids as any revision
// does.
func (h *Handler) change(w http.ResponseWriter, r *http.Request, c *call, remove bool) error {
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
	title, section := a.Title, a.Section
	if remove {
		if r.PostFormValue("confirm") != "on" {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "tick the box to say the article is to go")
		}
	} else {
		title, section = strings.TrimSpace(r.PostFormValue("title")), r.PostFormValue("section")
		if err := h.checkCorrection(r, c, a, title, section); err != nil {
			return err
		}
	}
	cs, err := c.st.Corrections(ctx, c.pub.ID, key)
	if err != nil {
		return err
	}
	// The correction finds its article in later files by the title the
	// parser gives it: the stored title, unless a correction in effect
	// changed it. One a newer file undid starts again from that file.
	corr := bulletinfeed.Correction{Publication: c.pub.ID, Issue: key, Article: id, OrigTitle: a.Title}
	if j := slices.IndexFunc(cs, func(x bulletinfeed.Correction) bool { return x.Article == id }); j >= 0 && cs[j].InEffect(a) {
		corr = cs[j]
		if corr.Title == "" && corr.Edited == nil {
			corr.OrigTitle = a.Title
		}
	}
	var what []string
	if remove {
		what = append(what, fmt.Sprintf("removed %q", a.Title))
		corr.Remove = true
	}
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
	if corr.Edited != nil && !remove {
		// An edited structure holds the title: it gets the new one.
		b := *a
		b.Headings = slices.Clone(a.Headings)
		bulletinfeed.Correction{Title: title}.Apply(&b)
		corr = edited(corr, &b)
	}
	corr.By, corr.At = c.user.Name, h.cfg.Now()
	// The correction first: should the revision fail, the next file of
	// the issue still gets it.
	if err := c.st.PutCorrection(ctx, &corr); err != nil {
		return err
	}
	if remove {
		iss.Articles = slices.Delete(iss.Articles, i, i+1)
	} else {
		bulletinfeed.Correction{Title: title, MoveSection: section != a.Section, Section: section}.Apply(a)
	}
	if _, err := c.st.IngestWith(ctx, c.pub.ID, iss, store.IngestOptions{Revise: true}); err != nil {
		return err
	}
	h.changed()
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditCorrect, Publication: c.pub.ID, Issue: key,
		Detail: "article " + id + ": " + strings.Join(what, "; ")})
	h.redirect(w, r, back+"?done=corrected#"+url.PathEscape(id))
	return nil
}

// checkCorrection refuses a title that is empty or not one short line,
// and a section the publication does not have.
func (h *Handler) checkCorrection(r *http.Request, c *call, a *bulletinfeed.Article, title, section string) error {
	switch {
	case title == "":
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "a title may not be empty")
	case utf8.RuneCountInString(title) > maxTitle || strings.ContainsAny(title, "\r\n"):
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "a title is one line of at most %d characters", maxTitle)
	}
	if section == a.Section || section == "" {
		return nil
	}
	secs, err := c.st.Sections(r.Context(), c.pub.ID)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(secs, func(s bulletinfeed.Section) bool { return s.Name == section }) {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "no section %q in %s", section, c.pub.ID)
	}
	return nil
}

// forget drops a correction, which later files of the issue then no
// longer get; the stored article stays as it is.
func (h *Handler) forget(w http.ResponseWriter, r *http.Request, c *call) error {
	key, id := r.PathValue("key"), r.PathValue("id")
	if err := c.st.DeleteCorrection(r.Context(), c.pub.ID, key, id); err != nil {
		return err
	}
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditForget, Publication: c.pub.ID, Issue: key, Detail: "article " + id})
	h.redirect(w, r, routeIssue.path(h.base, c.pub.ID, key))
	return nil
}
