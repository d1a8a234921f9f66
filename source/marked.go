package source

import (
	"bufio"
	"io"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// The marked text of an issue says its articles outright, so that what
// extract prints of a PDF, corrected by hand, parses to the same articles
// (or the corrected ones) with no rule guessing:
//
//	## Parish News              a section banner: the articles after it are in it
//	##                          the articles after it are in no section
//	#- Restoration              a heading line that is not the title (kicker, subtitle)
//	# Bell tower repairs        the title
//	@ By: Jane Doe              a byline, role before ": " (none: @ Jane Doe)
//	Work began on Monday …      a paragraph, one to a line
//	### The next steps          a subhead
//
// A paragraph that would begin with # or @ is written after a backslash.
// Blank lines are free. The header line "Format: marked" says the text is
// marked; other header lines (Date: …) may stand with it.

// Markers of the marked text.
const (
	markSection = "## "
	markSubhead = "### "
	markHeading = "#- "
	markTitle   = "# "
	markByline  = "@ "
	markEscape  = `\`
)

// WriteMarked writes the articles of iss as marked text, after the header
// line that says so and a Date line when the issue has a date of its own.
// A field is one line: a line break in one is written as a space.
func WriteMarked(w io.Writer, iss *bulletinfeed.Issue) error {
	b := bufio.NewWriter(w)
	b.WriteString("Format: marked\n")
	if !iss.Date.IsZero() {
		b.WriteString("Date: " + iss.Date.Format("2006-01-02") + "\n\n")
	}
	section := ""
	for i, a := range iss.Articles {
		if i > 0 {
			b.WriteString("\n")
		}
		if a.Section != section {
			section = a.Section
			b.WriteString(markSection + oneLine(section) + "\n\n")
		}
		titled := false
		for _, h := range a.Headings {
			if h == a.Title && !titled {
				b.WriteString(markTitle + oneLine(h) + "\n")
				titled = true
				continue
			}
			b.WriteString(markHeading + oneLine(h) + "\n")
		}
		if !titled {
			b.WriteString(markTitle + oneLine(a.Title) + "\n")
		}
		for _, by := range a.Bylines {
			// A name without a role is written after ": " when it holds
			// one itself, so that no part of it is read as a role.
			role := by.Role
			if role != "" || strings.Contains(by.Name, ": ") {
				role += ": "
			}
			b.WriteString(markByline + oneLine(role+by.Name) + "\n")
		}
		for _, bl := range a.Blocks {
			text := oneLine(bl.Text)
			switch {
			case bl.Kind == bulletinfeed.Subhead:
				b.WriteString(markSubhead + text + "\n")
			case strings.HasPrefix(text, "#") || strings.HasPrefix(text, "@") || strings.HasPrefix(text, markEscape):
				b.WriteString(markEscape + text + "\n")
			default:
				b.WriteString(text + "\n")
			}
		}
	}
	return b.Flush()
}

// oneLine puts a field on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// parseMarked reads the articles of marked text, with where each begins.
// Text before the first title belongs to no article: an error names its
// line, since a corrected file must lose nothing.
func parseMarked(name string, lines []line) ([]*bulletinfeed.Article, []placement, error) {
	var out []*bulletinfeed.Article
	var places []placement
	section := ""
	var cur *bulletinfeed.Article
	inHead := false // between an article's first heading line and its text
	open := func(l line) {
		if cur == nil || !inHead {
			cur = &bulletinfeed.Article{Section: section, Bylines: []bulletinfeed.Byline{}, Blocks: []bulletinfeed.Block{}}
			out = append(out, cur)
			places = append(places, placement{line: l.num})
			inHead = true
		}
	}
	var orphan *line
	add := func(l line, b bulletinfeed.Block) {
		if cur == nil {
			if orphan == nil {
				orphan = &l
			}
			return
		}
		cur.Blocks = append(cur.Blocks, b)
		places[len(places)-1].blocks = append(places[len(places)-1].blocks, l.num)
		inHead = false
	}
	for _, l := range lines {
		t := l.text
		switch {
		case strings.HasPrefix(t, markSubhead):
			add(l, bulletinfeed.Block{Kind: bulletinfeed.Subhead, Text: strings.TrimSpace(t[len(markSubhead):])})
		case strings.HasPrefix(t, markSection) || t == strings.TrimSpace(markSection):
			// "##" alone: the articles after it are in no section.
			section, cur, inHead = strings.TrimSpace(strings.TrimPrefix(t, strings.TrimSpace(markSection))), nil, false
		case strings.HasPrefix(t, markHeading):
			open(l)
			cur.Headings = append(cur.Headings, strings.TrimSpace(t[len(markHeading):]))
		case strings.HasPrefix(t, markTitle):
			open(l)
			cur.Title = strings.TrimSpace(t[len(markTitle):])
			cur.Headings = append(cur.Headings, cur.Title)
		case strings.HasPrefix(t, markByline) && cur == nil:
			if orphan == nil {
				orphan = &l
			}
		case strings.HasPrefix(t, markByline):
			role, name, ok := strings.Cut(strings.TrimSpace(t[len(markByline):]), ": ")
			if !ok {
				role, name = "", role
			}
			cur.Bylines = append(cur.Bylines, bulletinfeed.Byline{Role: role, Name: name})
		default:
			add(l, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: strings.TrimPrefix(t, markEscape)})
		}
	}
	// An article marked with headings but no title takes its first; one
	// with neither is no article.
	kept := out[:0]
	var keptPlaces []placement
	for i, a := range out {
		if a.Title == "" && len(a.Headings) > 0 {
			a.Title = a.Headings[0]
		}
		if a.Title == "" {
			continue
		}
		kept = append(kept, a)
		keptPlaces = append(keptPlaces, places[i])
	}
	if orphan != nil {
		return nil, nil, invalid(name, orphan.num, "marked text: %q stands before any title (# …) or after a section (## …) with no title under it", firstWords(orphan.text, 40))
	}
	return kept, keptPlaces, nil
}

// firstWords returns s cut to n runes.
func firstWords(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
