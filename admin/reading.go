package admin

import (
	"bytes"
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/source/poppler"
)

// pageView is one page of a PDF upload in its preview: its picture, the
// articles that begin on it, and its lines with the role each was given
// and why, as parse --format text explains them (source.LineRole).
type pageView struct {
	N        int
	ImageURL string
	Articles []pageArticle
	Lines    []source.LineRole
}

type pageArticle struct {
	N     int
	Title string
}

// pageDPI is the resolution of the page pictures: at 40 dpi an A4 page is
// 330 pixels wide, enough to see where its articles stand.
const pageDPI = 40

// readPages returns how the PDF of an upload was read, page by page, and
// how its articles were cut (the method, when it was a fallback); nil
// for a text file, whose lines carry their own marks.
func (h *Handler) readPages(ctx context.Context, c *call, up *bulletinfeed.Upload, iss *bulletinfeed.Issue) ([]pageView, error) {
	if !source.IsPDF(up.Body) {
		return nil, nil
	}
	t, err := source.ExtractPDF(ctx, up.Name, up.Body, c.opts)
	if err != nil {
		return nil, err
	}
	pages := make([]pageView, t.Pages)
	for i := range pages {
		pages[i] = pageView{N: i + 1, ImageURL: routePage.path(h.base, c.pub.ID, up.ID, strconv.Itoa(i+1))}
	}
	for _, l := range t.Roles() {
		if l.Page >= 1 && l.Page <= len(pages) {
			pages[l.Page-1].Lines = append(pages[l.Page-1].Lines, l)
		}
	}
	for i, p := range t.ArticlePages(iss) {
		if p >= 1 && p <= len(pages) {
			pages[p-1].Articles = append(pages[p-1].Articles, pageArticle{N: i + 1, Title: iss.Articles[i].Title})
		}
	}
	return pages, nil
}

// fallback says whether the articles of an issue were cut by a fallback
// (bold lines, lead-ins, one article per page) rather than by credit
// lines or headings set apart: its preview then warns the editor.
func fallback(method string) bool {
	m, ok := strings.CutPrefix(method, "typography: ")
	return ok && m != "headings"
}

// pageImage serves the picture of one page of a PDF upload. An upload
// never changes (a new file is a new upload), so the picture may be
// kept by the browser: the console's no-store is replaced for it.
func (h *Handler) pageImage(w http.ResponseWriter, r *http.Request, c *call) error {
	up, err := h.loadUpload(r, c)
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil || n < 1 {
		return bulletinfeed.Errorf(bulletinfeed.NotFound, "no page %q", r.PathValue("n"))
	}
	etag := `"` + up.ID + "-" + strconv.Itoa(n) + `"`
	hd := w.Header()
	hd.Set("Cache-Control", "private, max-age=86400, immutable")
	hd.Set("ETag", etag)
	if r.Header.Get("If-None-Match") == etag {
		w.WriteHeader(http.StatusNotModified)
		return nil
	}
	png, err := poppler.PageImage(r.Context(), up.Body, n, pageDPI)
	if err != nil {
		hd.Set("Cache-Control", "no-store")
		return err
	}
	hd.Set("Content-Type", "image/png")
	hd.Set("Content-Length", strconv.Itoa(len(png)))
	_, err = w.Write(png)
	return err
}

// onceLayout is a PDF extractor that extracts a file once: the preview's
// parse and its lines' roles both read the layout, and pdftohtml is the
// most of the preview's time (86 ms of the reference PDF twice, 43 once).
// It serves one request.
type onceLayout struct {
	next source.PDFExtractor
	pdf  []byte
	out  []byte
	err  error
}

// layoutOnce returns opts' extractor (pdftohtml by default, with the
// page limit ExtractPDF gives it) behind one that extracts a file once.
func layoutOnce(opts source.Options) *onceLayout {
	next := opts.PDF
	if next == nil {
		pages := opts.MaxPages
		if pages <= 0 {
			pages = source.DefaultPDFMaxPages
		}
		next = poppler.Pdftohtml{MaxPages: pages}
	}
	return &onceLayout{next: next}
}

func (o *onceLayout) XMLLayout(ctx context.Context, pdf []byte) ([]byte, error) {
	if o.pdf != nil && bytes.Equal(o.pdf, pdf) {
		return o.out, o.err
	}
	o.out, o.err = o.next.XMLLayout(ctx, pdf)
	o.pdf = pdf
	return o.out, o.err
}
