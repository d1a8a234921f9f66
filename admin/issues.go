package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bulletinfeed/bulletinfeed/worker"
)

// issuesPerPage is the length of a page of the issues list: ten years of
// a weekly are eleven pages, each read with one query.
const issuesPerPage = 50

type issuesPage struct {
	Pub       *Publication
	Search    string
	Done      string // the message key of what the last change did
	DoneKey   string
	Uploads   []uploadRow
	Scheduled []issueRow
	Failed    []failedRow
	Sources   []sourceRow
	Issues    []issueRow
	Total     int
	Page      int
	Prev      string
	Next      string
	UploadURL string
	MaxSize   int64
}

type issueRow struct {
	Key, Title, Date, Source, PublishAt string
	Articles                            int
	DeleteURL                           string
	URL                                 string
}

type failedRow struct {
	Name, At, Reason string
}

// sourceRow is a remote source's last pass, as the schedule recorded it.
type sourceRow struct {
	ID, LastSuccess, LastAttempt, Error string
	Failures                            int
}

// failedPerInbox is how many of an inbox's failed files the list shows,
// newest first: enough to see what went wrong lately.
const failedPerInbox = 20

type uploadRow struct {
	Name, By, At, URL string
}

// issues lists a publication's uploads waiting, scheduled issues and
// published issues, a page at a time, with a search by key or title.
func (h *Handler) issues(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	q := r.URL.Query()
	p := &issuesPage{Pub: c.pub, Search: q.Get("q"), UploadURL: routeUpload.path(h.base, c.pub.ID), MaxSize: h.cfg.MaxSize}
	switch d := q.Get("done"); d {
	case "published", "scheduled", "deleted", "discarded", "corrected":
		p.Done, p.DoneKey = "done."+d, q.Get("key")
	}
	p.Page, _ = strconv.Atoi(q.Get("page"))
	p.Page = max(p.Page, 1)
	loc := c.loc
	issues, total, err := c.st.IssuePage(ctx, c.pub.ID, p.Search, (p.Page-1)*issuesPerPage, issuesPerPage)
	if err != nil {
		return err
	}
	p.Total = total
	for _, s := range issues {
		p.Issues = append(p.Issues, issueRow{Key: s.Key, Title: s.Title, Date: formatDate(s.Date, loc), Source: s.Source,
			Articles: s.Articles, DeleteURL: routeDelete.path(h.base, c.pub.ID, s.Key), URL: routeIssue.path(h.base, c.pub.ID, s.Key)})
	}
	link := func(page int) string {
		v := url.Values{"page": {strconv.Itoa(page)}}
		if p.Search != "" {
			v.Set("q", p.Search)
		}
		return routeIssues.path(h.base, c.pub.ID) + "?" + v.Encode()
	}
	if p.Page > 1 {
		p.Prev = link(p.Page - 1)
	}
	if p.Page*issuesPerPage < total {
		p.Next = link(p.Page + 1)
	}
	sched, err := c.st.ScheduledIssues(ctx, c.pub.ID)
	if err != nil {
		return err
	}
	for _, s := range sched {
		p.Scheduled = append(p.Scheduled, issueRow{Key: s.Key, Date: formatDate(s.Date, loc), Source: s.SourceName, Articles: s.Articles,
			PublishAt: s.PublishAt.In(loc).Format("2006-01-02 15:04 MST"), DeleteURL: routeDelete.path(h.base, c.pub.ID, s.Key)})
	}
	ups, err := c.st.Uploads(ctx, c.pub.ID)
	if err != nil {
		return err
	}
	for _, u := range ups {
		p.Uploads = append(p.Uploads, uploadRow{Name: u.Name, By: u.By, At: u.At.In(loc).Format("2006-01-02 15:04 MST"), URL: routePreview.path(h.base, c.pub.ID, u.ID)})
	}
	for _, dir := range h.cfg.Inboxes[c.pub.ID] {
		files, err := worker.FailedFiles(dir, failedPerInbox)
		if err != nil {
			// The list is worth showing without them.
			h.log.Warn("console: failed files of an inbox not read", "inbox", dir, "err", err)
			continue
		}
		for _, f := range files {
			p.Failed = append(p.Failed, failedRow{Name: f.Name, At: f.Failed.In(loc).Format("2006-01-02 15:04 MST"), Reason: f.Reason})
		}
	}
	for _, id := range h.cfg.Sources[c.pub.ID] {
		st, err := c.st.SourceState(ctx, c.pub.ID, id)
		if err != nil {
			return err
		}
		p.Sources = append(p.Sources, sourceRow{ID: id, LastSuccess: formatWhen(st.LastSuccess, loc), LastAttempt: formatWhen(st.LastAttempt, loc),
			Failures: st.Failures, Error: st.LastError})
	}
	h.render(w, r, http.StatusOK, "issues", c, p)
	return nil
}

// formatWhen shows a moment in the publication's zone; "" for none, which
// the page says as "never".
func formatWhen(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	return t.In(loc).Format("2006-01-02 15:04 MST")
}

// formatDate shows an issue's date in its publication's zone, with the
// time only when it is not midnight there; "-" for none.
func formatDate(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return "-"
	}
	t = t.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}
