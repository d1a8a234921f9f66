package source

import (
	"bytes"
	"context"

	"github.com/bulletinfeed/bulletinfeed/source/poppler"
)

// PDFExtractor turns a PDF's bytes into the XML of `pdftohtml -xml`: pages,
// the fonts used (size, family, colour) and runs of text with their boxes
// and fonts, bold and italic marked.
type PDFExtractor interface {
	XMLLayout(ctx context.Context, pdf []byte) ([]byte, error)
}

var (
	_ PDFExtractor      = poppler.Pdftohtml{}
	_ PDFImageExtractor = poppler.Pdftohtml{}
)

// PDFImageExtractor is a PDFExtractor that can give the pages' images
// too: XMLLayoutImages returns the XML with an <image> element for each
// picture, whose src names one of the files returned.
type PDFImageExtractor interface {
	PDFExtractor
	XMLLayoutImages(ctx context.Context, pdf []byte) ([]byte, map[string][]byte, error)
}

// DefaultPDFMaxPages bounds the pages of one issue, when Options leave it 0.
const DefaultPDFMaxPages = 400

// isPDF reports whether raw is a PDF file: its header may follow a few
// bytes of junk, as readers allow.
func isPDF(raw []byte) bool {
	head := raw[:min(len(raw), 1024)]
	return bytes.Contains(head, []byte("%PDF-"))
}

// checkPDF refuses a PDF that cannot be complete: one without an end
// of file marker near its end was cut short in a copy or download.
func checkPDF(name string, raw []byte) error {
	tail := raw[max(0, len(raw)-2048):]
	if !bytes.Contains(tail, []byte("%%EOF")) {
		return invalid(name, 0, "truncated PDF: no end of file marker (%%%%EOF); copy the file again")
	}
	return nil
}
