package admin

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// upload takes an issue file from the form, parses it to refuse at once
// what ingest would refuse, and keeps it for its preview: nothing is
// published yet.
func (h *Handler) upload(w http.ResponseWriter, r *http.Request, c *call) error {
	f, hdr, err := r.FormFile("file")
	if err != nil {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "choose an issue file (text or PDF) to upload")
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, h.cfg.MaxSize+1))
	if err != nil {
		return fmt.Errorf("read upload: %w", err)
	}
	if int64(len(body)) > h.cfg.MaxSize {
		return bulletinfeed.Errorf(bulletinfeed.Invalid, "the file is larger than %d bytes, the most an issue may have (max_size)", h.cfg.MaxSize)
	}
	// The browser's name for the file gives the issue its key and date
	// when its header does not, as a file's name does for ingest; a
	// Windows browser may send the whole path.
	name := path.Base(strings.ReplaceAll(hdr.Filename, `\`, "/"))
	if name == "." || name == "/" || name == "" {
		name = "upload.txt"
	}
	up := &bulletinfeed.Upload{ID: newID(), Publication: c.pub.ID, Name: name, Body: body, By: c.user.Name, At: h.cfg.Now()}
	iss, _, err := parse(r.Context(), c, up)
	if err != nil {
		return err
	}
	if err := c.st.PutUpload(r.Context(), up); err != nil {
		return err
	}
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditUpload, Publication: c.pub.ID, Issue: iss.Key,
		Detail: fmt.Sprintf("%s, %d bytes, %d articles", name, len(body), len(iss.Articles))})
	h.redirect(w, r, routePreview.path(h.base, c.pub.ID, up.ID))
	return nil
}

// job is the publishing job of an upload. Like a file dropped into an
// inbox, where no flag can be given either, an upload whose key and date
// match a stored issue revises it.
func job(c *call, up *bulletinfeed.Upload) worker.Job {
	return worker.Job{Publication: up.Publication, Body: up.Body, Name: up.Name, SourcePath: "console:" + up.Name, Parse: c.opts, Inbox: true}
}

// parse reads an upload as publishing it would store it (corrections of
// its issue made), and lists the configured banners it never prints. The
// parser says which failures are the file's (Invalid, shown) and which
// the server's (a missing pdftohtml: logged, 500).
func parse(ctx context.Context, c *call, up *bulletinfeed.Upload) (*bulletinfeed.Issue, []string, error) {
	job := job(c, up)
	iss, err := worker.Prepare(ctx, c.st, job)
	if err != nil {
		return nil, nil, err
	}
	return iss, worker.MissingBanners(job.Parse.Banners, iss), nil
}

// loadUpload returns the route's upload, which must be of the route's
// publication.
func (h *Handler) loadUpload(r *http.Request, c *call) (*bulletinfeed.Upload, error) {
	up, err := c.st.Upload(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if up.Publication != c.pub.ID {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "no upload %q in %s", r.PathValue("id"), c.pub.ID)
	}
	return up, nil
}

type previewPage struct {
	Pub        *Publication
	Upload     *bulletinfeed.Upload
	UploadedAt string
	Issue      *bulletinfeed.Issue
	Date       string
	Missing    []string
	Articles   []articleView
	PublishURL string
	DiscardURL string
	IssuesURL  string
	// Problem is why the last publish was refused; At the time asked.
	Problem string
	At      string
	Zone    string
	// Method is how the articles were cut, Fallback whether that was a
	// fallback; Pages how a PDF was read, page by page.
	Method   string
	Fallback bool
	Pages    []pageView
}

type articleView struct {
	N       int
	Section string
	Title   string
	Bylines []string
	Blocks  []bulletinfeed.Block
}

// preview shows an upload as it was parsed: its key, date and articles,
// each with section, title, credits and paragraphs, and the forms that
// publish, schedule or discard it.
func (h *Handler) preview(w http.ResponseWriter, r *http.Request, c *call) error {
	slow(w)
	up, err := h.loadUpload(r, c)
	if err != nil {
		return err
	}
	return h.showPreview(w, r, c, up, http.StatusOK, "", "")
}

func (h *Handler) showPreview(w http.ResponseWriter, r *http.Request, c *call, up *bulletinfeed.Upload, status int, problem, at string) error {
	// The parse and the lines' roles read one layout of a PDF.
	c.opts.PDF = layoutOnce(c.opts)
	iss, missing, err := parse(r.Context(), c, up)
	if err != nil {
		return err
	}
	loc := c.loc
	p := &previewPage{Pub: c.pub, Upload: up, UploadedAt: up.At.In(loc).Format("2006-01-02 15:04 MST"), Issue: iss,
		Date: formatDate(iss.Date, loc), Missing: missing,
		PublishURL: routePublish.path(h.base, c.pub.ID, up.ID), DiscardURL: routeDiscard.path(h.base, c.pub.ID, up.ID),
		IssuesURL: routeIssues.path(h.base, c.pub.ID), Problem: problem, At: at, Zone: loc.String(),
		Method: iss.Method, Fallback: fallback(iss.Method)}
	if p.Pages, err = h.readPages(r.Context(), c, up, iss); err != nil {
		return err
	}
	for i, a := range iss.Articles {
		v := articleView{N: i + 1, Section: a.Section, Title: a.Title, Blocks: a.Blocks}
		for _, b := range a.Bylines {
			v.Bylines = append(v.Bylines, b.String())
		}
		p.Articles = append(p.Articles, v)
	}
	h.render(w, r, status, "preview", c, p)
	return nil
}

// publish stores an upload through worker.Publish, as ingest does: now,
// or held back until a time in the publication's zone (a past time is
// refused, as ingest --publish-at refuses it).
func (h *Handler) publish(w http.ResponseWriter, r *http.Request, c *call) error {
	slow(w)
	up, err := h.loadUpload(r, c)
	if err != nil {
		return err
	}
	job := job(c, up)
	now := h.cfg.Now()
	// Now overrides a "Publish:" line of the file, as --publish-at now
	// does: the editor said now.
	job.PublishAt = now
	action, at := bulletinfeed.AuditPublish, strings.TrimSpace(r.PostFormValue("at"))
	if r.PostFormValue("when") == "schedule" {
		action = bulletinfeed.AuditSchedule
		if at == "" {
			return h.showPreview(w, r, c, up, http.StatusBadRequest, "schedule.empty", at)
		}
		t, err := worker.ParsePublishAt(at, c.loc, now, false)
		switch {
		case errors.As(err, new(*worker.PastError)):
			return h.showPreview(w, r, c, up, http.StatusBadRequest, "schedule.past", at)
		case err != nil:
			return h.showPreview(w, r, c, up, http.StatusBadRequest, "schedule.bad", at)
		}
		job.PublishAt = t
	}
	res, err := worker.Publish(r.Context(), c.st, h.cfg.Notifier, job)
	if err != nil {
		return err
	}
	if err := c.st.DeleteUpload(r.Context(), up.ID); err != nil {
		return err
	}
	detail := fmt.Sprintf("%s, %s, %d articles", up.Name, res.Status, len(res.Issue.Articles))
	if !res.Issue.PublishAt.IsZero() && res.Status == store.Scheduled {
		detail += ", at " + res.Issue.PublishAt.In(c.loc).Format("2006-01-02 15:04 MST")
	}
	h.record(r, c, bulletinfeed.AuditEntry{Action: action, Publication: c.pub.ID, Issue: res.Issue.Key, Detail: detail})
	done := "published"
	if action == bulletinfeed.AuditSchedule {
		done = "scheduled"
	}
	h.redirect(w, r, routeIssues.path(h.base, c.pub.ID)+"?done="+done+"&key="+url.QueryEscape(res.Issue.Key))
	return nil
}

// discard drops an upload without publishing it.
func (h *Handler) discard(w http.ResponseWriter, r *http.Request, c *call) error {
	up, err := h.loadUpload(r, c)
	if err != nil {
		return err
	}
	if err := c.st.DeleteUpload(r.Context(), up.ID); err != nil {
		return err
	}
	h.record(r, c, bulletinfeed.AuditEntry{Action: bulletinfeed.AuditDiscard, Publication: c.pub.ID, Detail: up.Name})
	h.redirect(w, r, routeIssues.path(h.base, c.pub.ID)+"?done=discarded&key="+url.QueryEscape(up.Name))
	return nil
}

// newID returns a random id for an upload: it is in URLs, and must not
// be guessed from another.
func newID() string {
	var b [10]byte
	rand.Read(b[:])
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:]))
}
