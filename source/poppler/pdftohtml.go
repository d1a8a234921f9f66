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
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// Limits on running pdftohtml, when Pdftohtml leaves them 0. A page of
// text comes out of -xml as 20 to 60 KB, so a 400-page issue needs at most
// about 25 MB; a minute is far more than the tenth of a second a
// 27-page issue takes.
const (
	DefaultTimeout   = time.Minute
	DefaultMaxOutput = 96 << 20 // bytes of -xml output
)

// proportionateTimeout is the time a PDF of size bytes may take when no
// timeout is set: 10 s, and a second more for each 100 KB, at most
// DefaultTimeout. Real issues extract at 50 pages a second or more,
// far inside it; a small file built to expand (one 30 MB content stream
// shared by every page) is stopped in seconds instead of holding the
// inbox for a minute.
func proportionateTimeout(size int) time.Duration {
	return min(DefaultTimeout, 10*time.Second+time.Duration(size/(100<<10))*time.Second)
}

// Pdftohtml runs poppler's pdftohtml -xml (Debian poppler-utils, with
// poppler-data for the character maps of Chinese fonts). It was chosen
// over pdftotext -bbox-layout, which has boxes but no fonts, and over
// PDFium in WebAssembly, measured against it on the real corpus
// (docs/pdf-extractors.md). pdftohtml reads only a named file, so the PDF
// is written to a private temporary file first; the layout comes out on
// stdout. No shell is involved.
type Pdftohtml struct {
	// Path is the program; "" means "pdftohtml" looked up on the PATH.
	Path string
	// Timeout bounds one run; 0 means one in proportion to the file's
	// size, at most DefaultTimeout (proportionateTimeout).
	Timeout time.Duration
	// MaxOutput bounds the output in bytes; 0 means DefaultMaxOutput.
	MaxOutput int64
	// MaxPages, when set, stops the extraction after one page more than
	// it, so that an issue over the limit costs no more than the limit.
	MaxPages int
}

// ErrNoPdftohtml is the cause when the program is not installed.
var ErrNoPdftohtml = errors.New("pdftohtml not found: PDF input needs poppler's pdftohtml (Debian: apt-get install poppler-utils poppler-data)")

// XMLLayout runs pdftohtml -xml on pdf: -i leaves images out, -zoom 1 keeps
// points, -noroundcoord keeps fractions of a point, -hidden keeps text
// set invisible over a picture, -nodrm ignores copy restrictions.
func (p Pdftohtml) XMLLayout(ctx context.Context, pdf []byte) ([]byte, error) {
	out, _, err := p.run(ctx, pdf, false)
	return out, err
}

// XMLLayoutImages is XMLLayout with the images: the XML then has an
// <image top left width height src> for each, and the files it names
// come back by their src. pdftohtml writes each image as a file beside
// its output (a JPEG as it is stored in the PDF, anything else as PNG);
// they go to a private temporary folder, removed before it returns. At
// most MaxOutput bytes of images are read, as of XML.
func (p Pdftohtml) XMLLayoutImages(ctx context.Context, pdf []byte) ([]byte, map[string][]byte, error) {
	return p.run(ctx, pdf, true)
}

// run runs pdftohtml once, with the images when images is set.
func (p Pdftohtml) run(ctx context.Context, pdf []byte, images bool) ([]byte, map[string][]byte, error) {
	path := p.Path
	if path == "" {
		path = "pdftohtml"
	}
	timeout := p.Timeout
	if timeout <= 0 {
		timeout = proportionateTimeout(len(pdf))
	}
	max := p.MaxOutput
	if max <= 0 {
		max = DefaultMaxOutput
	}
	// A private folder (0700) holds the PDF and whatever pdftohtml
	// writes beside it, so no other user reads or plants a file there.
	dir, err := os.MkdirTemp("", "bulletinfeed-pdf-*")
	if err != nil {
		return nil, nil, fmt.Errorf("temporary folder for pdftohtml: %w", err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		return nil, nil, fmt.Errorf("temporary file for pdftohtml: %w", err)
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := []string{"-xml", "-zoom", "1", "-noroundcoord", "-hidden", "-nodrm", "-enc", "UTF-8", "-stdout"}
	if !images {
		args = append(args, "-i")
	}
	if p.MaxPages > 0 {
		args = append(args, "-l", strconv.Itoa(p.MaxPages+1))
	}
	// The output's base name decides where the images go: img-1_1.jpg …
	// in the private folder.
	cmd := exec.CommandContext(ctx, path, append(args, in, filepath.Join(dir, "img"))...)
	out := &limitedBuffer{max: max}
	// Warnings may run long on a readable file: the first lines are kept
	// and the rest read and dropped, so that pdftohtml never stops for
	// them.
	stderr := &limitedBuffer{max: 4 << 10, keepGoing: true}
	cmd.Stdout = out
	cmd.Stderr = stderr
	cmd.WaitDelay = time.Second
	err = cmd.Run()
	msg := strings.ReplaceAll(strings.TrimSpace(stderr.buf.String()), in, "the file")
	switch {
	case errors.Is(err, exec.ErrNotFound), cmd.Process == nil && errors.Is(err, fs.ErrNotExist):
		return nil, nil, ErrNoPdftohtml
	case parent.Err() != nil:
		// Shut down or given up by the caller: not the file's fault.
		return nil, nil, fmt.Errorf("pdftohtml stopped: %w", parent.Err())
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "pdftohtml timed out after %v: the PDF is too large or too complex to read", timeout)
	case out.over:
		return nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "pdftohtml output is larger than the limit of %d bytes", max)
	case err != nil && strings.Contains(strings.ToLower(msg), "password"):
		return nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "encrypted PDF: it needs a password; save it without protection")
	case err != nil || !bytes.Contains(out.buf.Bytes(), []byte("<pdf2xml")):
		return nil, nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "pdftohtml cannot read the PDF: %s", firstError(msg, err))
	}
	if !images {
		return out.buf.Bytes(), nil, nil
	}
	files, err := readImages(dir, max)
	if err != nil {
		return nil, nil, err
	}
	return out.buf.Bytes(), files, nil
}

// readImages reads the image files pdftohtml wrote into dir, by name, at
// most max bytes in all: past it the rest are left out (a picture is
// never worth failing the issue).
func readImages(dir string, max int64) (map[string][]byte, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read pdftohtml images: %w", err)
	}
	files := map[string][]byte{}
	var total int64
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, "img") {
			continue
		}
		info, err := e.Info()
		if err != nil || total+info.Size() > max {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("read pdftohtml image: %w", err)
		}
		total += int64(len(b))
		files[name] = b
	}
	return files, nil
}

// firstError picks what to say of a failed run: the first line of its
// messages that says Error, else the first line, else how it ended.
func firstError(msg string, err error) string {
	lines := strings.Split(msg, "\n")
	for _, l := range lines {
		if strings.Contains(l, "Error") {
			return strings.TrimSpace(l)
		}
	}
	if l := strings.TrimSpace(lines[0]); l != "" {
		return l
	}
	if err != nil {
		return err.Error()
	}
	return "no output"
}

// limitedBuffer keeps at most max bytes and remembers whether more came;
// writing on fails then (which makes the program stop), unless keepGoing.
// The buffer is a field, not embedded, so that io.Copy cannot go around
// Write by ReadFrom.
type limitedBuffer struct {
	buf  bytes.Buffer
	max  int64
	over bool
	// keepGoing accepts what comes past max without keeping it, rather
	// than failing the write.
	keepGoing bool
}

func (b *limitedBuffer) Write(p []byte) (int, error) {
	if int64(b.buf.Len()+len(p)) > b.max {
		b.over = true
		if b.keepGoing {
			b.buf.Write(p[:max(0, b.max-int64(b.buf.Len()))])
			return len(p), nil
		}
		return 0, errors.New("output limit reached")
	}
	return b.buf.Write(p)
}
