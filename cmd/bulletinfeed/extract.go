package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
)

func init() {
	register("extract", "print the articles of a PDF issue as marked text, to correct by hand and ingest", runExtract)
}

func runExtract(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "extract", "extract [--config FILE] [--publication ID] [--section BANNER]... [--raw] [--max-size N] FILE.pdf")
	cfg.BindPublicationID(fs)
	cfg.BindParse(fs)
	raw := fs.Bool("raw", false, "print the recovered lines, one heading or paragraph to a line, instead of the marked articles")
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("extract: want exactly one FILE, got %d", fs.NArg())
	}
	path := fs.Arg(0)
	pubs, at, err := cfg.Resolve()
	if err != nil {
		return err
	}
	pub := pubs[at]
	opts := cfg.SourceOptions(pub.ID, pub.Banners(), nil)
	// Marked text carries no pictures: writing them out would only cost
	// time.
	opts.Pictures = false
	if *raw {
		t, err := readPDF(ctx, path, opts)
		if err != nil {
			return err
		}
		_, err = io.WriteString(env.Stdout, t.String())
		return err
	}
	if _, err := os.Stat(path); err == nil && !isPDFFile(path) {
		return &source.ParseError{Name: path, Err: bulletinfeed.Errorf(bulletinfeed.Invalid, "not a PDF (it does not start with %%PDF-)")}
	}
	// The articles as marked text: saved as a .txt, corrected by hand
	// and ingested, it parses to the same articles, or the corrected ones.
	iss, err := source.ParseFile(ctx, path, opts)
	if err != nil {
		return err
	}
	return source.WriteMarked(env.Stdout, iss)
}

// readPDF reads the PDF at path and recovers its text; a file that is not
// a PDF is refused.
func readPDF(ctx context.Context, path string, opts source.Options) (*source.PDFText, error) {
	max := opts.MaxSize
	if max <= 0 {
		max = source.DefaultMaxSize
	}
	f, err := source.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	raw, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, &source.ParseError{Name: path, Err: fmt.Errorf("read: %w", err)}
	}
	if int64(len(raw)) > max {
		return nil, &source.ParseError{Name: path, Err: bulletinfeed.Errorf(bulletinfeed.Invalid, "file is larger than the limit of %d bytes (see --max-size)", max)}
	}
	if !source.IsPDF(raw) {
		return nil, &source.ParseError{Name: path, Err: bulletinfeed.Errorf(bulletinfeed.Invalid, "not a PDF (it does not start with %%PDF-)")}
	}
	return source.ExtractPDF(ctx, path, raw, opts)
}

// isPDFFile reports whether the file at path starts as a PDF does.
func isPDFFile(path string) bool {
	f, err := source.OpenFile(path)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := io.ReadFull(f, head)
	return source.IsPDF(head[:n])
}
