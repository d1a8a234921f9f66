package bulletinfeed

import "time"

// IssueCorrection is an editor's change to an issue itself: the key and
// the date it is stored under. It is kept under the key the parser gives
// the issue's files (Issue), so that every later file of the issue is
// stored under the corrected key and date, as the first was.
type IssueCorrection struct {
	Publication string
	// Issue is the key the parser gives the issue.
	Issue string
	// Key, when not empty, is the key the issue is stored under.
	Key string
	// Date, when not zero, is the issue's date.
	Date time.Time
	By   string
	At   time.Time
}

// StoredKey returns the key the corrected issue is stored under.
func (c IssueCorrection) StoredKey() string {
	if c.Key != "" {
		return c.Key
	}
	return c.Issue
}

// Apply gives iss, parsed, the corrected key and date. A corrected key is
// the editor's, not a file name's: it needs no guard against another
// file taking it by mistake.
func (c IssueCorrection) Apply(iss *Issue) {
	if c.Key != "" {
		iss.Key, iss.KeyFromName = c.Key, false
	}
	if !c.Date.IsZero() {
		iss.Date = c.Date
	}
}
