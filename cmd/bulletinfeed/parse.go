package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

func init() {
	register("parse", "parse one issue file and print its articles as JSON or an outline", runParse)
}

func runParse(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "parse", "parse [--config FILE] [--publication ID] [--section BANNER]... [--format json|text] [--max-size N] [--max-paragraph N] [--max-articles N] FILE")
	cfg.BindPublicationID(fs)
	cfg.BindParse(fs)
	format := fs.String("format", "json", "output `format`: json (the parse) or text (a readable outline)")
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usageErrorf("parse: want exactly one FILE, got %d", fs.NArg())
	}
	if *format != "json" && *format != "text" {
		return usageErrorf("parse: --format must be json or text, not %q", *format)
	}
	// The publication's banners and time zone, from the configuration
	// file and flags; the store is not read.
	pubs, at, err := cfg.Resolve()
	if err != nil {
		return err
	}
	pub := pubs[at]
	var loc *time.Location
	if pub.TZ != "" {
		if loc, err = time.LoadLocation(pub.TZ); err != nil {
			return usageErrorf("parse: unknown time zone %q", pub.TZ)
		}
	}
	opts := cfg.SourceOptions(pub.ID, pub.Banners(), loc)
	iss, err := source.ParseFile(ctx, fs.Arg(0), opts)
	if err != nil {
		return err
	}
	warnMissingBanners(env.Log, fs.Arg(0), worker.MissingBanners(opts.Banners, iss))
	if *format == "text" {
		if isPDFFile(fs.Arg(0)) {
			if t, err := readPDF(ctx, fs.Arg(0), opts); err == nil {
				if err := source.WriteRoles(env.Stdout, t); err != nil {
					return err
				}
			}
		}
		return writeOutline(env.Stdout, iss, loc)
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(iss)
}

// writeOutline prints the parse for a person: each section, its articles'
// titles and bylines, the paragraph count, the first words of each block
// and the pictures between them.
// The date is the issue's day in the publication's time zone loc (UTC when
// nil): a date-only issue is stored as midnight there, which in UTC is the
// day before east of Greenwich.
func writeOutline(w io.Writer, iss *bulletinfeed.Issue, loc *time.Location) error {
	var b strings.Builder
	fmt.Fprintf(&b, "issue %s", iss.Key)
	if !iss.Date.IsZero() {
		if loc == nil {
			loc = time.UTC
		}
		fmt.Fprintf(&b, " (%s)", iss.Date.In(loc).Format("2006-01-02"))
	}
	fmt.Fprintf(&b, ": %d articles\n", len(iss.Articles))
	section := "\x00"
	for i, a := range iss.Articles {
		if a.Section != section {
			section = a.Section
			name := section
			if name == "" {
				name = "(default section)"
			}
			fmt.Fprintf(&b, "\n== %s\n", name)
		}
		paragraphs := 0
		for _, bl := range a.Blocks {
			if bl.Kind == bulletinfeed.Paragraph {
				paragraphs++
			}
		}
		fmt.Fprintf(&b, "\n%d. %s\n", i+1, a.Title)
		if other := otherHeadings(a); other != "" {
			fmt.Fprintf(&b, "   headings: %s\n", other)
		}
		fmt.Fprintf(&b, "   bylines: %s\n   paragraphs: %d\n", bulletinfeed.FormatBylines(a.Bylines), paragraphs)
		pictures(&b, a, 0)
		for j, bl := range a.Blocks {
			mark := "-"
			if bl.Kind == bulletinfeed.Subhead {
				mark = "#"
			}
			fmt.Fprintf(&b, "   %s %s\n", mark, source.Shorten(bl.Text, 24))
			pictures(&b, a, j+1)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// pictures prints the article's pictures that stood after its first n
// blocks in print, with their page and caption.
func pictures(b *strings.Builder, a *bulletinfeed.Article, n int) {
	for _, p := range a.Pictures {
		if p.After != n {
			continue
		}
		where := p.File
		if p.Page > 0 {
			where = fmt.Sprintf("page %d", p.Page)
		}
		fmt.Fprintf(b, "   [picture, %s] %s\n", where, source.Shorten(p.Caption, 24))
	}
}

func otherHeadings(a *bulletinfeed.Article) string {
	if len(a.Headings) < 2 {
		return ""
	}
	return strings.Join(a.Headings, " / ")
}
