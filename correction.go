package bulletinfeed

import "time"

// Correction is an editor's change to one article of a stored issue: a
// new title, another section, or both. It is kept with the issue and
// made again to every later parse of the issue's file, so that storing
// the same file again does not undo it.
type Correction struct {
	Publication string
	Issue       string
	// Article is the id of the article corrected.
	Article string
	// OrigTitle is the article's title as the parser gave it: what finds
	// the article again in a later parse, which has no ids.
	OrigTitle string
	// Title, when not empty, replaces the title.
	Title string
	// MoveSection says the article goes to Section (empty: the default
	// section).
	MoveSection bool
	Section     string
	// Remove takes the article out of the issue: it is no article (a
	// box of the masthead, an advertisement the parser took for one).
	Remove bool
	By     string
	At     time.Time
}

// Correct makes the corrections cs to the articles of iss, as parsed:
// each goes to the first article not yet corrected whose title is its
// OrigTitle. A correction whose article the parse no longer has is left
// out, and returned.
func Correct(iss *Issue, cs []Correction) (unmatched []Correction) {
	done := make([]bool, len(iss.Articles))
	removed := make([]bool, len(iss.Articles))
	for _, c := range cs {
		found := false
		for i, a := range iss.Articles {
			if done[i] || a.Title != c.OrigTitle {
				continue
			}
			done[i], found, removed[i] = true, true, c.Remove
			c.Apply(a)
			break
		}
		if !found {
			unmatched = append(unmatched, c)
		}
	}
	kept := iss.Articles[:0]
	for i, a := range iss.Articles {
		if !removed[i] {
			kept = append(kept, a)
		}
	}
	iss.Articles = kept
	return unmatched
}

// InEffect reports whether a, the stored article the correction was made
// to, shows it. It does not when a newer file of the issue changed the
// title the correction finds its article by: the article kept its id
// but came in as parsed.
func (c Correction) InEffect(a *Article) bool {
	if c.Remove {
		return a == nil
	}
	return a != nil && (c.Title == "" || a.Title == c.Title) && (!c.MoveSection || a.Section == c.Section)
}

// Apply makes the correction to a: a new title replaces the heading line
// that was the title, so that the page shows it where the title was. A
// removal is Correct's to make: it changes the issue, not the article.
func (c Correction) Apply(a *Article) {
	if c.Title != "" && c.Title != a.Title {
		for i, h := range a.Headings {
			if h == a.Title {
				a.Headings[i] = c.Title
				break
			}
		}
		a.Title = c.Title
	}
	if c.MoveSection {
		a.Section = c.Section
	}
}
