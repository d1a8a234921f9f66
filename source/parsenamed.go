package source

import (
	"fmt"
	"io"

	"github.com/bulletinfeed/bulletinfeed"
)

// ParseNamed reads the issue in r as ParseFile reads a file: name is the
// file's name (or path), which gives the issue its key and date when its
// header lines do not. An issue fetched from a URL is parsed with the
// file name of the URL's path, so that it gets the key the same file
// would get on disk. The caller sets SourcePath.
func ParseNamed(r io.Reader, name string, opts Options) (*bulletinfeed.Issue, error) {
	iss, err := Parse(r, name, opts)
	if err != nil {
		return nil, err
	}
	if iss.Key == "" || iss.Date.IsZero() {
		key, date, ok := keyFromName(name, location(opts))
		if iss.Key == "" {
			// Parse checked a key from the header; one from the file
			// name is checked here.
			if err := bulletinfeed.CheckKey(key); err != nil {
				return nil, &ParseError{Name: name, Err: fmt.Errorf("%w (give the issue its own key with an \"Issue:\" header line)", err)}
			}
			iss.Key = key
			iss.KeyFromName = true
		}
		if iss.Date.IsZero() && ok {
			iss.Date = date
		}
	}
	return iss, nil
}
