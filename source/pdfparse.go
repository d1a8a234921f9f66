package source

import (
	"context"
	"errors"

	"github.com/bulletinfeed/bulletinfeed"
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
		ex = Pdftohtml{MaxPages: maxPages}
	}
	var (
		out   []byte
		files map[string][]byte
		err   error
	)
	if ix, ok := ex.(PDFImageExtractor); ok && opts.Pictures {
		out, files, err = ix.XMLLayoutImages(ctx, raw)
	} else {
		out, err = ex.XMLLayout(ctx, raw)
	}
	if err != nil {
		var be *bulletinfeed.Error
		if !errors.As(err, &be) && !errors.Is(err, errNoPdftohtml) {
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
		return nil, &ParseError{Name: name, Err: errNoTextLayer}
	}
	// Each line gets its typographic role, shown by parse --format text.
	lx := newLexicon(opts.Vocabulary)
	t.seg = lx.segmentPDF(t, newBannerSet(opts.Banners))
	t.Method = t.seg.how
	t.pictures = lx.findPictures(pages, files, t.Lines)
	return t, nil
}
