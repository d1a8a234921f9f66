package poppler

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Limits of PageImage: a page at 40 dpi is about 330×470 pixels and 30 to
// 80 KB, drawn in a tenth of a second; a page that takes longer or comes
// out larger is one built to hurt.
const (
	PageImageTimeout = 20 * time.Second
	PageImageMaxSize = 4 << 20
)

// errNoPdftoppm is the cause when poppler's pdftoppm is not installed.
var errNoPdftoppm = errors.New("pdftoppm not found: page pictures need poppler's pdftoppm (Debian: apt-get install poppler-utils)")

// PageImage draws page (1-based) of the PDF in raw as a PNG at dpi dots
// per inch with poppler's pdftoppm, which comes with the pdftohtml that
// reads the text, so that staff see a page beside what was read from it.
// Like pdftohtml, pdftoppm reads only a named file: the PDF is written to
// a private temporary folder, the program run without a shell and with a
// timeout, and the folder removed. A page the PDF does not have is
// NotFound.
func PageImage(ctx context.Context, raw []byte, page, dpi int) ([]byte, error) {
	if !bytes.Contains(raw[:min(len(raw), 1024)], []byte("%PDF-")) {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "not a PDF")
	}
	if page < 1 {
		return nil, bulletinfeed.Errorf(bulletinfeed.NotFound, "no page %d", page)
	}
	dir, err := os.MkdirTemp("", "bulletinfeed-page-*")
	if err != nil {
		return nil, fmt.Errorf("temporary folder for pdftoppm: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "issue.pdf")
	if err := os.WriteFile(in, raw, 0o600); err != nil {
		return nil, fmt.Errorf("temporary file for pdftoppm: %w", err)
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, PageImageTimeout)
	defer cancel()
	n := strconv.Itoa(page)
	// -singlefile names the output out.png whatever the page count.
	cmd := exec.CommandContext(ctx, "pdftoppm", "-r", strconv.Itoa(dpi), "-png", "-f", n, "-l", n, "-singlefile", in, filepath.Join(dir, "out"))
	stderr := &limitedBuffer{max: 4 << 10, keepGoing: true}
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	switch {
	case errors.Is(err, exec.ErrNotFound), cmd.Process == nil && errors.Is(err, fs.ErrNotExist):
		return nil, errNoPdftoppm
	case parent.Err() != nil:
		return nil, fmt.Errorf("pdftoppm stopped: %w", parent.Err())
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "pdftoppm timed out after %v on page %d", PageImageTimeout, page)
	case err != nil:
		// pdftoppm says "Wrong page range given" for a page past the end.
		return nil, &bulletinfeed.Error{Kind: bulletinfeed.NotFound, Message: fmt.Sprintf("no picture of page %d", page),
			Err: fmt.Errorf("pdftoppm: %v: %s", err, stderr.buf.String())}
	}
	fi, err := os.Stat(filepath.Join(dir, "out.png"))
	if err != nil {
		return nil, fmt.Errorf("pdftoppm wrote no picture: %w", err)
	}
	if fi.Size() > PageImageMaxSize {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "the picture of page %d is larger than %d bytes", page, PageImageMaxSize)
	}
	return os.ReadFile(filepath.Join(dir, "out.png"))
}
