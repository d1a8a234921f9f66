package source

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source/poppler"
)

// errNoTextLayer is the cause for a PDF whose pages hold no text: a scan.
var errNoTextLayer = bulletinfeed.Errorf(bulletinfeed.Invalid, "no text layer: scanned PDFs need OCR, which bulletinfeed does not do")

// IsPDF reports whether raw, the start of a file, is a PDF. Files are told
// apart by content, never by their extension.
func IsPDF(raw []byte) bool { return isPDF(raw) }

// ExtractPDF recovers the headings and paragraphs of the PDF in raw, in
// reading order, from the layout that opts.PDF (pdftohtml by default)
// extracts. name is used in errors.
func ExtractPDF(ctx context.Context, name string, raw []byte, opts Options) (*PDFText, error) {
	if err := checkPDF(name, raw); err != nil {
		return nil, err
	}
	maxPages := opts.MaxPages
	if maxPages <= 0 {
		maxPages = DefaultPDFMaxPages
	}
	ex := opts.PDF
	if ex == nil {
		ex = poppler.Pdftohtml{MaxPages: maxPages}
	}
	// The text first, on its own: it is what the issue is, and it comes
	// out in a tenth of a second where the pictures may take seconds.
	out, err := ex.XMLLayout(ctx, raw)
	if err != nil {
		var be *bulletinfeed.Error
		if !errors.As(err, &be) && !errors.Is(err, poppler.ErrNoPdftohtml) {
			err = &bulletinfeed.Error{Kind: bulletinfeed.Internal, Message: "extract text", Err: err}
		}
		return nil, &ParseError{Name: name, Err: err}
	}
	pages := parseXML(out)
	if len(pages) > maxPages {
		return nil, invalid(name, 0, "PDF of %d pages, more than the limit of %d pages per issue", len(pages), maxPages)
	}
	t := layoutPDF(pages)
	if len(t.Lines) == 0 {
		n := 0
		for _, pg := range pages {
			n += pg.sideways
		}
		if n > 0 {
			// Text set vertically or turned (a page of a traditional
			// vertical layout) is there but not read: not a scan.
			return nil, &ParseError{Name: name, Err: bulletinfeed.Errorf(bulletinfeed.Invalid, "no text read: its %d runs of text are set vertically or turned sideways, which bulletinfeed does not read", n)}
		}
		return nil, &ParseError{Name: name, Err: errNoTextLayer}
	}
	// Each line gets its typographic role, shown by parse --format text.
	lx := newLexicon(opts.Vocabulary)
	t.seg = lx.segmentPDF(t, newBannerSet(opts.Banners))
	t.Method = t.seg.how
	if ix, ok := ex.(PDFImageExtractor); ok && opts.Pictures && !off("pictures-apart") {
		files, warning := pictureLayout(ctx, ix, raw, pages, opts.PictureTimeout)
		if warning != "" {
			t.warnings = append(t.warnings, warning)
		}
		t.pictures = lx.findPictures(pages, files, t.Lines)
	}
	return t, nil
}

// pictureLayout runs the extractor again for the pictures, within
// timeout, and puts each page's images on pages; it returns the image
// files, or a warning saying why there are none. It never fails the
// issue: a picture is not worth its text.
func pictureLayout(ctx context.Context, ix PDFImageExtractor, raw []byte, pages []pdfPage, timeout time.Duration) (map[string][]byte, string) {
	if timeout <= 0 {
		timeout = DefaultPictureTimeout
	}
	pctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	out, files, err := ix.XMLLayoutImages(pctx, raw)
	switch {
	case ctx.Err() != nil:
		return nil, ""
	case errors.Is(pctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Sprintf("pictures left out: taking them out of the PDF took longer than %v", timeout)
	case err != nil:
		return nil, fmt.Sprintf("pictures left out: %v", err)
	}
	with := parseXML(out)
	if len(with) != len(pages) {
		return nil, fmt.Sprintf("pictures left out: the picture pass read %d pages, the text pass %d", len(with), len(pages))
	}
	for i := range pages {
		pages[i].images = with[i].images
	}
	return files, ""
}
