package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Limits on running pdftotext, when Pdftotext leaves them 0. A page of
// Chinese text comes out of -bbox-layout as about 150 KB of XHTML, so a
// 200-page issue needs about 30 MB; a minute is far more than the half
// second such an issue takes.
const (
	DefaultPDFTimeout   = time.Minute
	DefaultPDFMaxOutput = 96 << 20 // bytes of -bbox-layout output
	DefaultPDFMaxPages  = 400
)

// PDFExtractor turns a PDF's bytes into the XHTML of `pdftotext
// -bbox-layout`: pages, blocks, lines and words with their boxes.
type PDFExtractor interface {
	BBoxLayout(ctx context.Context, pdf []byte) ([]byte, error)
}

// Pdftotext runs poppler's pdftotext (Debian poppler-utils, with
// poppler-data for the character maps of Chinese fonts). The PDF goes in
// on stdin and the layout comes out on stdout; no shell is involved.
type Pdftotext struct {
	// Path is the program; "" means "pdftotext" looked up on the PATH.
	Path string
	// Timeout bounds one run; 0 means DefaultPDFTimeout.
	Timeout time.Duration
	// MaxOutput bounds the output in bytes; 0 means DefaultPDFMaxOutput.
	MaxOutput int64
}

var _ PDFExtractor = Pdftotext{}

// errNoPdftotext is the cause when the program is not installed.
var errNoPdftotext = errors.New("pdftotext not found: PDF input needs poppler's pdftotext (Debian: apt-get install poppler-utils poppler-data)")

// BBoxLayout runs pdftotext -bbox-layout on pdf.
func (p Pdftotext) BBoxLayout(ctx context.Context, pdf []byte) ([]byte, error) {
	path := p.Path
	if path == "" {
		path = "pdftotext"
	}
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = DefaultPDFTimeout
	}
	max := p.MaxOutput
	if max <= 0 {
		max = DefaultPDFMaxOutput
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, path, "-enc", "UTF-8", "-bbox-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out := &limitedBuffer{max: max}
	var stderr limitedBuffer
	stderr.max = 4 << 10
	cmd.Stdout = out
	cmd.Stderr = &stderr
	cmd.WaitDelay = time.Second
	err := cmd.Run()
	switch {
	case errors.Is(err, exec.ErrNotFound), cmd.Process == nil && errors.Is(err, fs.ErrNotExist):
		return nil, errNoPdftotext
	case ctx.Err() == context.DeadlineExceeded:
		return nil, fmt.Errorf("pdftotext timed out after %v", timeout)
	case out.over:
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "pdftotext output is larger than the limit of %d bytes", max)
	case err != nil:
		msg := strings.TrimSpace(stderr.buf.String())
		if strings.Contains(strings.ToLower(msg), "password") {
			return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "encrypted PDF: it needs a password; save it without protection")
		}
		if msg == "" {
			msg = err.Error()
		}
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i]
		}
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "pdftotext cannot read the PDF: %s", msg)
	}
	return out.buf.Bytes(), nil
}

// limitedBuffer keeps at most max bytes and remembers whether more came;
// writing on fails then, which makes pdftotext stop. The buffer is a field,
// not embedded, so that io.Copy cannot go around Write by ReadFrom.
type limitedBuffer struct {
	buf  bytes.Buffer
	max  int64
	over bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if int64(b.buf.Len()+len(p)) > b.max {
		b.over = true
		return 0, errors.New("output limit reached")
	}
	return b.buf.Write(p)
}

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
