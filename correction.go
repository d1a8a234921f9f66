package bulletinfeed

import (
	"slices"
	"time"
)

// Correction is an editor's change to one article of a stored issue: a
// new title, another section, its removal, or its edited structure
// (headings, credits, blocks marked, split, merged). It is kept with the issue and
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
	// Edited, when set, is the article's structure as the editor left
	// it (headings, title, credits, blocks), which replaces the parsed
	// one; Title is then unused. It is made only to a parse that reads
	// the article's body as it was read when corrected (OrigSum, its
	// ContentSum then): a newer file that changed the text undoes it.
	Edited  *ArticleEdit
	OrigSum string
	// After are the articles cut from it at a paragraph (a split), which
	// follow it in its section.
	After []ArticleEdit
	By    string
	At    time.Time
}

// Correct makes the corrections cs to the articles of iss, as parsed:
// each goes to the first article not yet corrected whose title is its
// OrigTitle. A correction whose article the parse no longer has, or
// whose edited structure was made to a body this parse reads otherwise,
// is left out, and returned.
func Correct(iss *Issue, cs []Correction) (unmatched []Correction) {
	done := map[*Article]bool{}
	unmatched = cs
	// An article split off another exists only once that one's
	// correction has cut it: the corrections of such articles find them
	// in a later round (a piece of a piece, in the third).
	for round := 0; round < maxSplitDepth && len(unmatched) > 0; round++ {
		iss.Articles, unmatched = correctRound(iss.Articles, unmatched, done)
	}
	return unmatched
}

// maxSplitDepth is how many times an article split off may be split
// again and still be corrected in a later file.
const maxSplitDepth = 3

// correctRound makes the corrections cs to the articles not done yet, and
// returns the articles (less those removed, with those split off) and
// the corrections that found no article.
func correctRound(arts []*Article, cs []Correction, done map[*Article]bool) (kept []*Article, unmatched []Correction) {
	removed := map[*Article]bool{}
	after := map[*Article][]ArticleEdit{}
	for _, c := range cs {
		found := false
		for _, a := range arts {
			if done[a] || a.Title != c.OrigTitle {
				continue
			}
			if c.Edited != nil && ContentSum(a) != c.OrigSum {
				break
			}
			done[a], found = true, true
			removed[a], after[a] = c.Remove, c.After
			c.Apply(a)
			break
		}
		if !found {
			unmatched = append(unmatched, c)
		}
	}
	kept = make([]*Article, 0, len(arts))
	for _, a := range arts {
		if !removed[a] {
			kept = append(kept, a)
		}
		for _, e := range after[a] {
			kept = append(kept, e.Article(a.Section))
		}
	}
	return kept, unmatched
}

// InEffect reports whether a, the stored article the correction was made
// to, shows it. It does not when a newer file of the issue changed the
// title the correction finds its article by: the article kept its id
// but came in as parsed.
func (c Correction) InEffect(a *Article) bool {
	if c.Remove {
		return a == nil
	}
	if a == nil || c.MoveSection && a.Section != c.Section {
		return false
	}
	if c.Edited != nil {
		e := EditOf(a)
		return e.Title == c.Edited.Title && slices.Equal(e.Bylines, c.Edited.Bylines) && slices.Equal(e.Blocks, c.Edited.Blocks)
	}
	return c.Title == "" || a.Title == c.Title
}

// Apply makes the correction to a: an edited structure replaces its
// content; else a new title replaces the heading line that was the
// title, so that the page shows it where the title was. A removal and
// the articles split off are Correct's to make: they change the issue,
// not the article.
func (c Correction) Apply(a *Article) {
	if c.Edited != nil {
		c.Edited.apply(a)
	} else if c.Title != "" && c.Title != a.Title {
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
