package admin

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// Limits of what an editor may type into a structural correction.
const (
	maxHeadings = 10  // heading lines of one article
	maxBylines  = 20  // credits of one article
	maxByline   = 100 // characters of a role or a name
)

// blockNone is the mark of a block that is no text of the article (a
// line of a box, an advertisement's words): it is left out.
const blockNone = "none"

// blockKinds are the marks a block may be given, in the order offered.
var blockKinds = []string{string(bulletinfeed.Paragraph), string(bulletinfeed.Subhead), string(bulletinfeed.Caption), blockNone}

// editTarget is the stored issue and one of its articles, with the
// corrections of the issue, which a structural correction starts from.
type editTarget struct {
	key string
	iss *bulletinfeed.Issue
	i   int // the article's index in iss.Articles
	cs  []bulletinfeed.Correction
}

func (e *editTarget) article() *bulletinfeed.Article { return e.iss.Articles[e.i] }

// loadTarget reads the route's issue and article and the issue's
// corrections.
func (h *Handler) loadTarget(r *http.Request, c *call) (*editTarget, error) {
	ctx := r.Context()
	key, id := r.PathValue("key"), r.PathValue("id")
	iss, err := c.st.Issue(ctx, c.pub.ID, key)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(iss.Articles, func(a *bulletinfeed.Article) bool { return a.ID == id })
	if i < 0 {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "no article %q in issue %q", id, key)
	}
	cs, err := c.st.Corrections(ctx, c.pub.ID, key)
	if err != nil {
		return nil, err
	}
	return &editTarget{key: key, iss: iss, i: i, cs: cs}, nil
}

// baseCorrection returns the correction of a to build on: the one in
// effect, or a new one that finds a by the title it has now. The edited
// structure's fingerprint is that of the body the parser gave: a's own
// unless a correction in effect edited it.
func baseCorrection(pub, key string, cs []bulletinfeed.Correction, a *bulletinfeed.Article) bulletinfeed.Correction {
	if j := slices.IndexFunc(cs, func(x bulletinfeed.Correction) bool { return x.Article == a.ID }); j >= 0 && cs[j].InEffect(a) {
		corr := cs[j]
		if corr.Edited == nil {
			corr.OrigSum = bulletinfeed.ContentSum(a)
		}
		return corr
	}
	return bulletinfeed.Correction{Publication: pub, Issue: key, Article: a.ID, OrigTitle: a.Title, OrigSum: bulletinfeed.ContentSum(a)}
}

// edited returns the correction base with a's content as its edited
// structure.
func edited(base bulletinfeed.Correction, a *bulletinfeed.Article) bulletinfeed.Correction {
	e := bulletinfeed.EditOf(a)
	base.Edited = &e
	return base
}

// save keeps the corrections, then stores the issue, changed as they
// change it, as a revision (article ids kept), and records what was done.
// The corrections first: should the revision fail, the next file of the
// issue still gets them.
func (h *Handler) save(w http.ResponseWriter, r *http.Request, c *call, key string, iss *bulletinfeed.Issue, corrs []bulletinfeed.Correction, anchor, what string) error {
	ctx := r.Context()
	for i := range corrs {
		corrs[i].By, corrs[i].At = c.user.Name, h.cfg.Now()
		if err := c.st.PutCorrection(ctx, &corrs[i]); err != nil {
			return err
		}
	}
	if _, err := c.st.IngestWith(ctx, c.pub.ID, iss, store.IngestOptions{Revise: true}); err != nil {
		return err
	}
	h.changed()
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditCorrect, Publication: c.pub.ID, Issue: key, Detail: what})
	h.redirect(w, r, routeIssue.path(h.base, c.pub.ID, key)+"?done=corrected#"+url.PathEscape(anchor))
	return nil
}

// edit replaces an article's headings (one a line), its credits (role
// and name pairs) and the kinds of its blocks (a block marked none is
// left out).
func (h *Handler) edit(w http.ResponseWriter, r *http.Request, c *call) error {
	t, err := h.loadTarget(r, c)
	if err != nil {
		return err
	}
	a := t.article()
	headings, err := formHeadings(r.PostFormValue("headings"))
	if err != nil {
		return err
	}
	bylines, err := formBylines(r.PostForm["role"], r.PostForm["name"])
	if err != nil {
		return err
	}
	kinds := r.PostForm["kind"]
	if len(kinds) != len(a.Blocks) {
		return bulletinfeed.Errorf(bulletinfeed.Conflict, "the article has changed since the page was shown: reload it")
	}
	var blocks []bulletinfeed.Block
	for i, k := range kinds {
		if !slices.Contains(blockKinds, k) {
			return bulletinfeed.Errorf(bulletinfeed.Invalid, "a block is a paragraph, a subhead, a caption or none, not %q", k)
		}
		if k != blockNone {
			blocks = append(blocks, bulletinfeed.Block{Kind: bulletinfeed.BlockKind(k), Text: a.Blocks[i].Text})
		}
	}
	if len(blocks) == 0 {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "an article keeps at least one block: to take it all out, remove the article")
	}
	before := bulletinfeed.EditOf(a)
	base := baseCorrection(c.pub.ID, t.key, t.cs, a)
	a.Headings, a.Bylines, a.Blocks = headings, bylines, blocks
	if !slices.Contains(a.Headings, a.Title) {
		// The title is one of the headings: an edit that left it out
		// makes the first heading the title.
		a.Title = a.Headings[0]
	}
	after := bulletinfeed.EditOf(a)
	if slices.Equal(before.Headings, after.Headings) && slices.Equal(before.Bylines, after.Bylines) && slices.Equal(before.Blocks, after.Blocks) {
		h.redirect(w, r, routeIssue.path(h.base, c.pub.ID, t.key))
		return nil
	}
	what := fmt.Sprintf("article %s: headings %q, credits %q, %d of %d blocks kept", a.ID, a.Headings, bulletinfeed.FormatBylines(a.Bylines), len(blocks), len(kinds))
	return h.save(w, r, c, t.key, t.iss, []bulletinfeed.Correction{edited(base, a)}, a.ID, what)
}

// split cuts an article before one of its blocks: the blocks from there
// on are a new article, with the title given, after it in its section.
func (h *Handler) split(w http.ResponseWriter, r *http.Request, c *call) error {
	t, err := h.loadTarget(r, c)
	if err != nil {
		return err
	}
	a := t.article()
	n, err := strconv.Atoi(r.PostFormValue("at"))
	if err != nil || n < 2 || n > len(a.Blocks) {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "split before a block from 2 to %d", len(a.Blocks))
	}
	title := strings.TrimSpace(r.PostFormValue("title"))
	if err := checkLine(title, "the new article's title"); err != nil {
		return err
	}
	base := baseCorrection(c.pub.ID, t.key, t.cs, a)
	piece := bulletinfeed.ArticleEdit{Headings: []string{title}, Title: title, Blocks: slices.Clone(a.Blocks[n-1:])}
	a.Blocks = slices.Clone(a.Blocks[:n-1])
	corr := edited(base, a)
	// The new piece was cut from the article's end, so it comes before
	// any piece cut from it earlier.
	corr.After = append([]bulletinfeed.ArticleEdit{piece}, base.After...)
	t.iss.Articles = slices.Insert(t.iss.Articles, t.i+1, piece.Article(a.Section))
	what := fmt.Sprintf("article %s: split before block %d, the rest is %q", a.ID, n, title)
	return h.save(w, r, c, t.key, t.iss, []bulletinfeed.Correction{corr}, a.ID, what)
}

// merge joins the article after this one to it: its title becomes a
// subhead, its blocks and credits follow; it leaves the issue.
func (h *Handler) merge(w http.ResponseWriter, r *http.Request, c *call) error {
	t, err := h.loadTarget(r, c)
	if err != nil {
		return err
	}
	if t.i+1 >= len(t.iss.Articles) {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "no article follows this one to merge")
	}
	a, next := t.article(), t.iss.Articles[t.i+1]
	if r.PostFormValue("next") != next.ID {
		return bulletinfeed.Errorf(bulletinfeed.Conflict, "the article that follows has changed since the page was shown: reload it")
	}
	base := baseCorrection(c.pub.ID, t.key, t.cs, a)
	gone := baseCorrection(c.pub.ID, t.key, t.cs, next)
	gone.Remove = true
	a.Blocks = append(append(a.Blocks, bulletinfeed.Block{Kind: bulletinfeed.Subhead, Text: next.Title}), next.Blocks...)
	for _, b := range next.Bylines {
		if !slices.Contains(a.Bylines, b) {
			a.Bylines = append(a.Bylines, b)
		}
	}
	t.iss.Articles = slices.Delete(t.iss.Articles, t.i+1, t.i+2)
	what := fmt.Sprintf("article %s: merged %q (%s) into it", a.ID, next.Title, next.ID)
	return h.save(w, r, c, t.key, t.iss, []bulletinfeed.Correction{edited(base, a), gone}, a.ID, what)
}

// formHeadings reads the heading lines of a textarea: one a line, blank
// lines left out.
func formHeadings(s string) ([]string, error) {
	var out []string
	for l := range strings.Lines(s) {
		if l = strings.TrimSpace(l); l != "" {
			if err := checkLine(l, "a heading"); err != nil {
				return nil, err
			}
			out = append(out, l)
		}
	}
	switch {
	case len(out) == 0:
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "an article has at least one heading, its title")
	case len(out) > maxHeadings:
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "an article has at most %d headings", maxHeadings)
	}
	return out, nil
}

// formBylines pairs the roles and names of the credits' rows; a row
// without a name is left out.
func formBylines(roles, names []string) ([]bulletinfeed.Byline, error) {
	if len(roles) != len(names) {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "each credit has a role and a name")
	}
	var out []bulletinfeed.Byline
	for i := range names {
		b := bulletinfeed.Byline{Role: strings.TrimSpace(roles[i]), Name: strings.TrimSpace(names[i])}
		if b.Name == "" {
			continue
		}
		if utf8.RuneCountInString(b.Role) > maxByline || utf8.RuneCountInString(b.Name) > maxByline || strings.ContainsAny(b.Role+b.Name, "\r\n") {
			return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "a credit's role and name are one line of at most %d characters each", maxByline)
		}
		out = append(out, b)
	}
	if len(out) > maxBylines {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "an article has at most %d credits", maxBylines)
	}
	return out, nil
}

// checkLine refuses an empty text and one that is not one short line.
func checkLine(s, what string) error {
	switch {
	case s == "":
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "%s may not be empty", what)
	case utf8.RuneCountInString(s) > maxTitle || strings.ContainsAny(s, "\r\n"):
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "%s is one line of at most %d characters", what, maxTitle)
	}
	return nil
}
