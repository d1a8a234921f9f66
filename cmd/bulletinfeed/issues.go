package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

func init() {
	register("issues", "list the stored issues of a publication", runIssues)
}

func runIssues(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env.Getenv)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "issues", "issues [--db DSN] [--publication ID]")
	cfg.bindStore(fs)
	// Only the id: listing must not change the stored publication, as
	// the other publication flags would.
	fs.StringVar(&cfg.Publication, "publication", cfg.Publication, "publication `id` (env BULLETINFEED_PUBLICATION)")
	if err := parseFlags(env, fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usageErrorf("issues: unexpected argument %q", fs.Arg(0))
	}
	// Listing reads: it must not leave an empty database behind a
	// mistyped --db, as opening a SQLite file that is not there would.
	if !strings.Contains(cfg.DB, "://") {
		if _, err := os.Stat(cfg.DB); errors.Is(err, os.ErrNotExist) {
			return bulletinfeed.Errorf(bulletinfeed.NotFound, "no store at %s: ingest an issue first, or give --db", cfg.DB)
		}
	}
	db, err := store.Open(ctx, cfg.DB, env.Log)
	if err != nil {
		return err
	}
	defer db.Close()
	pub, err := db.Publication(ctx, cfg.Publication)
	if err != nil {
		return err
	}
	issues, err := db.Issues(ctx, pub.ID, 0)
	if err != nil {
		return err
	}
	return writeIssues(env.Stdout, pub, issues)
}

// writeIssues prints one line per issue, columns aligned for a terminal
// where a Chinese character takes two columns.
func writeIssues(w io.Writer, pub *bulletinfeed.Publication, issues []*bulletinfeed.Issue) error {
	loc, err := time.LoadLocation(pub.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	rows := [][]string{{"KEY", "DATE", "TITLE", "ARTICLES", "SECTIONS"}}
	for _, iss := range issues {
		title := iss.Title
		if title == "" {
			title = "-"
		}
		var sections []string
		for _, s := range iss.Sections() {
			if s == "" {
				s = pub.DefaultSection
			}
			if s == "" {
				s = "(general)"
			}
			sections = append(sections, s)
		}
		rows = append(rows, []string{printable(iss.Key), formatIssueDate(iss.Date, loc), printable(title),
			strconv.Itoa(len(iss.Articles)), printable(strings.Join(sections, ", "))})
	}
	var b strings.Builder
	writeTable(&b, rows)
	if len(issues) == 0 {
		fmt.Fprintf(&b, "(no issues in publication %q)\n", pub.ID)
	}
	_, err = io.WriteString(w, b.String())
	return err
}

// formatIssueDate shows a date in the publication's zone, with the time
// only when it is not midnight there (an issue dated at its ingest).
func formatIssueDate(t time.Time, loc *time.Location) string {
	t = t.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format("2006-01-02 15:04")
}

// writeTable writes rows with their columns aligned, two spaces apart; the
// last column is not padded.
func writeTable(b *strings.Builder, rows [][]string) {
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i >= len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], displayWidth(c))
		}
	}
	for _, r := range rows {
		for i, c := range r {
			if i == len(r)-1 {
				b.WriteString(c)
				break
			}
			b.WriteString(padRight(c, widths[i]))
			b.WriteString("  ")
		}
		b.WriteByte('\n')
	}
}

// printable returns s with every character a terminal would act on rather
// than show (escape sequences, other controls, bidi overrides and
// isolates, invalid bytes) written as a Go escape, so that stored text
// cannot move the cursor, recolour the screen or reorder a line.
func printable(s string) string {
	clean := true
	for _, r := range s {
		if !showable(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			if _, n := utf8.DecodeRuneInString(s[i:]); n == 1 {
				fmt.Fprintf(&b, `\x%02x`, s[i])
				continue
			}
			b.WriteRune(r)
		case showable(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
	}
	return b.String()
}

func showable(r rune) bool {
	return r != utf8.RuneError && unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r) || r == ' ' || r == '\u3000'
}
