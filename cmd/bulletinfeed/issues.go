package main

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/store"
)

func init() {
	register("issues", "list the stored issues of a publication, or delete one (issues delete KEY)", runIssues)
}

func runIssues(ctx context.Context, env *Env, args []string) error {
	cfg, err := loadConfig(env, args)
	if err != nil {
		return err
	}
	fs := newFlagSet(env, "issues", "issues [list] [--config FILE] [--db DSN] [--publication ID]\n       bulletinfeed issues delete KEY [--config FILE] [--db DSN] [--publication ID]")
	cfg.BindStore(fs)
	// Only the id: listing must not change the stored publication, as
	// the other publication flags would.
	cfg.BindPublicationID(fs)
	if err := parseArgs(env, &cfg, fs, args); err != nil {
		return err
	}
	action, key, err := splitAction("issues", fs.Args(), map[string]string{"list": "", "delete": "KEY"})
	if err != nil {
		return err
	}
	db, pub, err := openForReading(ctx, cfg, env)
	if err != nil {
		return err
	}
	defer db.Close()
	if action == "delete" {
		return deleteIssue(ctx, env, db, pub, key)
	}
	issues, err := db.Issues(ctx, pub.ID, 0)
	if err != nil {
		return err
	}
	scheduled, err := db.ScheduledIssues(ctx, pub.ID)
	if err != nil {
		return err
	}
	if err := writeIssues(env.Stdout, pub, issues); err != nil {
		return err
	}
	return writeScheduled(env.Stdout, pub, scheduled)
}

// writeScheduled lists the embargoed issues, which no feed or page shows
// before their time, under the published ones.
func writeScheduled(w io.Writer, pub *bulletinfeed.Publication, scheduled []store.ScheduledIssue) error {
	if len(scheduled) == 0 {
		return nil
	}
	loc, err := time.LoadLocation(pub.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	rows := [][]string{{"SCHEDULED", "PUBLISH AT", "DATE", "ARTICLES", "FILE"}}
	for _, s := range scheduled {
		date := "-"
		if !s.Date.IsZero() {
			date = formatIssueDate(s.Date, loc)
		}
		rows = append(rows, []string{printable(s.Key), s.PublishAt.In(loc).Format("2006-01-02 15:04 MST"), date, strconv.Itoa(s.Articles), printable(s.SourceName)})
	}
	var b strings.Builder
	b.WriteString("\n")
	writeTable(&b, rows)
	_, err = io.WriteString(w, b.String())
	return err
}

// deleteIssue removes an issue and its articles from the feeds and pages;
// their URLs answer 410 Gone from then on.
func deleteIssue(ctx context.Context, env *Env, db *store.DB, pub *bulletinfeed.Publication, key string) error {
	_, err := db.Issue(ctx, pub.ID, key)
	published := err == nil
	if err != nil && bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
		return err
	}
	n, err := db.DeleteIssue(ctx, pub.ID, key)
	if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
		if others := publicationsHolding(ctx, db, pub.ID, key); len(others) > 0 {
			return fmt.Errorf("%w; it is an issue of %s: give --publication %s", err, strings.Join(others, ", "), others[0])
		}
	}
	if err != nil {
		return err
	}
	if !published {
		fmt.Fprintf(env.Stdout, "deleted scheduled issue %s of %s: %d articles; it was never published\n", printable(key), printable(pub.ID), n)
		return nil
	}
	fmt.Fprintf(env.Stdout, "deleted issue %s of %s: %d articles; their pages answer 410 Gone\n", printable(key), printable(pub.ID), n)
	return nil
}

// publicationsHolding returns the publications other than pubID that hold
// a published issue key, for the hint of a delete aimed at the wrong one.
func publicationsHolding(ctx context.Context, db *store.DB, pubID, key string) []string {
	counts, err := db.IssueCounts(ctx)
	if err != nil {
		return nil // only a hint: the NotFound error stands without it
	}
	var ids []string
	for id := range counts {
		if id == pubID {
			continue
		}
		if _, err := db.Issue(ctx, id, key); err == nil {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// openForReading opens an existing store, without creating or migrating
// it, and reads the chosen publication, which must be there.
func openForReading(ctx context.Context, cfg config.Config, env *Env) (*store.DB, *bulletinfeed.Publication, error) {
	pubs, at, err := cfg.Resolve()
	if err != nil {
		return nil, nil, err
	}
	db, err := openExisting(ctx, cfg, env.Log)
	if err != nil {
		return nil, nil, err
	}
	pub, err := db.Publication(ctx, pubs[at].ID)
	if bulletinfeed.KindOf(err) == bulletinfeed.NotFound {
		err = bulletinfeed.Errorf(bulletinfeed.NotFound, "publication %q has nothing stored yet: ingest an issue with --publication %s", pubs[at].ID, pubs[at].ID)
	}
	if err != nil {
		db.Close()
		return nil, nil, err
	}
	return db, pub, nil
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
