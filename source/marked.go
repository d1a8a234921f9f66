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
// Blank lines are free. Header lines (Date: …) may stand at the top.

// Markers of the marked text.
const (
	markSection = "## "
	markSubhead = "### "
	markHeading = "#- "
	markTitle   = "# "
	markByline  = "@ "
	markEscape  = `\`
)

// WriteMarked writes the articles of iss as marked text, after a Date
// header line when the issue has a date of its own.
func WriteMarked(w io.Writer, iss *bulletinfeed.Issue) error {
	b := bufio.NewWriter(w)
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
			b.WriteString(markSection + section + "\n\n")
		}
		titled := false
		for _, h := range a.Headings {
			if h == a.Title && !titled {
				b.WriteString(markTitle + h + "\n")
				titled = true
				continue
			}
			b.WriteString(markHeading + h + "\n")
		}
		if !titled {
			b.WriteString(markTitle + a.Title + "\n")
		}
		for _, by := range a.Bylines {
			if by.Role == "" {
				b.WriteString(markByline + by.Name + "\n")
			} else {
				b.WriteString(markByline + by.Role + ": " + by.Name + "\n")
			}
		}
		for _, bl := range a.Blocks {
			switch {
			case bl.Kind == bulletinfeed.Subhead:
				b.WriteString(markSubhead + bl.Text + "\n")
			case strings.HasPrefix(bl.Text, "#") || strings.HasPrefix(bl.Text, "@") || strings.HasPrefix(bl.Text, markEscape):
				b.WriteString(markEscape + bl.Text + "\n")
			default:
				b.WriteString(bl.Text + "\n")
			}
		}
	}
	return b.Flush()
}

// isMarked reports whether the issue's text, its header lines taken off,
// is marked text: it opens with a section or a title marker.
func isMarked(lines []line) bool {
	return len(lines) > 0 && (strings.HasPrefix(lines[0].text, markSection) || lines[0].text == strings.TrimSpace(markSection) || strings.HasPrefix(lines[0].text, markTitle) || strings.HasPrefix(lines[0].text, markHeading))
}

// parseMarked reads the articles of marked text, with where each begins.
func parseMarked(lines []line) ([]*bulletinfeed.Article, []placement) {
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
	add := func(l line, b bulletinfeed.Block) {
		if cur == nil {
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
		case strings.HasPrefix(t, markByline) && cur != nil:
			role, name, ok := strings.Cut(strings.TrimSpace(t[len(markByline):]), ": ")
			if !ok {
				role, name = "", role
			}
			cur.Bylines = append(cur.Bylines, bulletinfeed.Byline{Role: role, Name: name})
		default:
			add(l, bulletinfeed.Block{Kind: bulletinfeed.Paragraph, Text: strings.TrimPrefix(t, markEscape)})
		}
	}
	// An article marked with headings but no title takes its first.
	kept := out[:0]
	var keptPlaces []placement
	for i, a := range out {
		if a.Title == "" && len(a.Headings) > 0 {
			a.Title = a.Headings[0]
		}
		if len(a.Blocks) == 0 {
			continue
		}
		kept = append(kept, a)
		keptPlaces = append(keptPlaces, places[i])
	}
	return kept, keptPlaces
}
