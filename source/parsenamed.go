package source

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
)

// ParseNamed reads the issue in r as ParseFile reads a file: name is the
// file's name (or path), which gives the issue its key when its header
// lines do not. An issue fetched from a URL is parsed with the file name
// of the URL's path, so that it gets the key the same file would get on
// disk. The caller sets SourcePath.
//
// The issue's date comes, first found, from a "Date:" header line, from
// the date printed on its masthead (the top of the first page), or from
// its file name (hexi-2023-04.txt is 1 April 2023). A masthead that
// prints only the month leaves the day to a file name of that month. An
// issue with no date anywhere is refused unless opts.DateOnArrival.
func ParseNamed(ctx context.Context, r io.Reader, name string, opts Options) (*bulletinfeed.Issue, error) {
	iss, from, err := parse(ctx, r, name, opts)
	if err != nil {
		return nil, err
	}
	key, date, named := keyFromName(name, location(opts))
	if iss.Key == "" {
		// Parse checked a key from the header; one from the file name is
		// checked here.
		if err := bulletinfeed.CheckKey(key); err != nil {
			return nil, &ParseError{Name: name, Err: fmt.Errorf("%w (give the issue its own key with an \"Issue:\" header line)", err)}
		}
		iss.Key = key
		iss.KeyFromName = true
	}
	switch {
	case from.header, from.printed && from.dayKnown:
	case from.printed:
		if named && sameMonth(date, iss.Date, location(opts)) {
			iss.Date = date
		}
	case named:
		iss.Date = date
	case !opts.DateOnArrival:
		return nil, NoDateError(name)
	}
	return iss, nil
}

// NoDateError is the error of an issue read from the file name that is
// dated nowhere: it says where a date is looked for and how to give one.
// A publisher refuses such an issue with it only once it knows the issue
// is no copy of a stored one, which it can skip instead.
func NoDateError(name string) error {
	base := filepath.Base(name)
	key := strings.TrimSuffix(base, filepath.Ext(base))
	return &ParseError{Name: name, Err: bulletinfeed.Errorf(bulletinfeed.Invalid,
		"the issue has no date: no \"Date:\" header line, none printed at its top (2024年9月20日, 20 September 2024) and none in the file name %q; "+
			"add a \"Date: 2024-09-20\" line or put the date in the file name (%s-2024-09-20%s), "+
			"or set date = \"arrival\" for the publication to date such issues when they arrive",
		base, key, filepath.Ext(base))}
}

// sameMonth reports whether a and b fall in one month in loc.
func sameMonth(a, b time.Time, loc *time.Location) bool {
	a, b = a.In(loc), b.In(loc)
	return a.Year() == b.Year() && a.Month() == b.Month()
}
