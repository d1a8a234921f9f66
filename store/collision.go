package store

import (
	"path"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// keyCollision returns a Conflict when iss, whose key was made from its
// file name or given with --key, would revise old, a stored issue that looks like another
// issue: it came from another path, or both are dated and the dates
// differ. Two folders of monthly bulletins each named bulletin.txt would
// otherwise make August silently overwrite July. The same file corrected
// in place (same path, same date) is a revision as usual, and so is, for
// an inbox, a file of the same key and date from wherever it was saved:
// staff cannot drop a file into the folder it was first ingested from.
func keyCollision(pub *bulletinfeed.Publication, old, iss *bulletinfeed.Issue, inbox bool) error {
	otherPath := old.SourcePath != "" && old.SourcePath != iss.SourcePath
	otherDate := dated(old) && !iss.Date.IsZero() && !old.Date.Equal(iss.Date)
	sameDate := dated(old) && old.Date.Equal(iss.Date)
	if (!otherPath || inbox && sameDate) && !otherDate {
		return nil
	}
	loc, err := time.LoadLocation(pub.TimeZone)
	if err != nil {
		loc = time.UTC
	}
	if inbox {
		return bulletinfeed.Errorf(bulletinfeed.Conflict,
			`issue %q is already stored from %s (%s); %s (%s) has its key, made from the file name, but not its date, so it is not taken for a correction of it: `+
				`to store it as an issue of its own, rename the file (say to %s) or give it an "Issue:" header line; `+
				`to correct the stored issue, give the file the stored issue's date (a "Date: %s" line)`,
			old.Key, source(old), dateNote(old, dated(old), loc), source(iss), dateNote(iss, !iss.Date.IsZero(), loc),
			renamed(iss, loc), old.Date.In(loc).Format(time.DateOnly))
	}
	return bulletinfeed.Errorf(bulletinfeed.Conflict,
		`issue %q is already stored from %s (%s); %s (%s) is not marked as a revision of it (its key comes from its file name or --key, not an "Issue:" header): `+
			`use --revise %s to replace the stored issue on purpose, or another --key KEY (or an "Issue:" header line) to store it as an issue of its own`,
		old.Key, source(old), dateNote(old, dated(old), loc), source(iss), dateNote(iss, !iss.Date.IsZero(), loc), shellWord(old.Key))
}

// renamed suggests a file name that gives iss a key of its own: its key
// with its date, or with "-2" when it has none.
func renamed(iss *bulletinfeed.Issue, loc *time.Location) string {
	ext := path.Ext(iss.SourceName)
	if iss.Date.IsZero() {
		return iss.Key + "-2" + ext
	}
	return iss.Key + "-" + iss.Date.In(loc).Format(time.DateOnly) + ext
}

// dated reports whether a stored issue's date was printed in it. An
// undated issue is given its first ingest time as its date (see
// IngestWith), to the microsecond, which no printed date matches.
func dated(stored *bulletinfeed.Issue) bool {
	return !stored.Date.Equal(stored.IngestedAt)
}

// source names the file an issue came from, as fully as the store knows.
func source(iss *bulletinfeed.Issue) string {
	switch {
	case iss.SourcePath != "":
		return iss.SourcePath
	case iss.SourceName != "":
		return iss.SourceName
	}
	return "a source without a file name"
}

// dateNote gives an issue's date as its publication prints it: the day,
// and the time too when it is not midnight there.
func dateNote(iss *bulletinfeed.Issue, known bool, loc *time.Location) string {
	if !known {
		return "undated"
	}
	t := iss.Date.In(loc)
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 {
		return "dated " + t.Format("2006-01-02")
	}
	return "dated " + t.Format("2006-01-02 15:04 MST")
}

// shellWord quotes s for a POSIX shell when it needs quoting, so that the
// command the message suggests can be pasted as it is.
func shellWord(s string) string {
	if !strings.ContainsAny(s, " \t\n'\"\\$`&|;<>()*?[]#~!{}=") {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
