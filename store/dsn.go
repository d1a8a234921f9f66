package store

import (
	"net/url"
	"regexp"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// location is a store's name taken apart: a PostgreSQL connection
// string, or a SQLite file with the driver parameters given after it.
type location struct {
	// postgres is set for a postgres:// or postgresql:// DSN, kept whole
	// in pgDSN with its scheme in lower case.
	postgres bool
	pgDSN    string
	// file is the SQLite file's path, with the %-escapes of a file: or
	// sqlite: URL decoded; query is what came after its ?, without it.
	file  string
	query string
}

// CheckDSN reports whether dsn names a store that Open can open: a SQLite
// file path ("data/bulletinfeed.db", which may end in ?parameters), a
// file: or sqlite: URL of one ("file:data/x.db", "sqlite:///srv/x.db",
// the same file either way), a postgres:// or postgresql:// DSN, or a
// PostgreSQL keyword DSN ("host=db user=app dbname=news"). Other
// URLs ("mysql://…") are refused with kind Invalid rather than taken for
// odd file names. Open and OpenExisting check it first.
func CheckDSN(dsn string) error {
	_, err := parseDSN(dsn)
	return err
}

func parseDSN(dsn string) (*location, error) {
	if dsn == "" {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "open store: empty database name")
	}
	scheme, rest, ok := cutScheme(dsn)
	if !ok && keywordDSN.MatchString(dsn) {
		// libpq's keyword form, "host=db user=app dbname=news", which
		// pgx reads as well as the URL: never a file name (one was once
		// created, password and all, in the working directory).
		return &location{postgres: true, pgDSN: dsn}, nil
	}
	if !ok {
		// A path, which like a URL may carry driver parameters after a ?.
		file, query, _ := strings.Cut(dsn, "?")
		return sqliteLocation(dsn, file, query)
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		if strings.HasPrefix(rest, "//") {
			return &location{postgres: true, pgDSN: strings.ToLower(scheme) + ":" + rest}, nil
		}
	case "file", "sqlite":
		return parseFileURL(dsn, scheme, rest)
	}
	return nil, bulletinfeed.Errorf(bulletinfeed.Invalid,
		"unsupported store %q: want a SQLite file path, a file: or sqlite: URL, or a postgres:// DSN", redactDSN(dsn))
}

// keywordDSN matches the start of a PostgreSQL keyword DSN.
var keywordDSN = regexp.MustCompile(`^\s*(host|hostaddr|port|dbname|user|password|sslmode|service|connect_timeout)\s*=`)

// cutScheme splits a URL's scheme from the rest. A scheme is a letter
// then letters, digits, + - or . up to the first colon, so "data/x.db"
// and "./a:b.db" are paths, not URLs.
func cutScheme(dsn string) (scheme, rest string, ok bool) {
	i := strings.IndexByte(dsn, ':')
	if i < 1 {
		return "", "", false
	}
	for j, r := range dsn[:i] {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if !letter && (j == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return "", "", false
		}
	}
	return dsn[:i], dsn[i+1:], true
}

// parseFileURL reads the part after "file:" or "sqlite:" as SQLite reads
// a URI file name: an optional empty or localhost authority after //, a
// path with %-escapes, then ?parameters and a #fragment that is ignored.
func parseFileURL(dsn, scheme, rest string) (*location, error) {
	rest, _, _ = strings.Cut(rest, "#")
	p, query, _ := strings.Cut(rest, "?")
	if after, ok := strings.CutPrefix(p, "//"); ok {
		host, path, _ := strings.Cut(after, "/")
		if host != "" && !strings.EqualFold(host, "localhost") {
			// sqlite://data/x.db is a common slip for a relative path.
			return nil, bulletinfeed.Errorf(bulletinfeed.Invalid,
				"store %q: %q would be a host name; write a relative path as %s:data/x.db and an absolute one as %s:///srv/x.db",
				dsn, host, scheme, scheme)
		}
		p = "/" + path
	}
	file, err := url.PathUnescape(p)
	if err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "store %q: bad %%-escape in the path", dsn)
	}
	return sqliteLocation(dsn, file, query)
}

func sqliteLocation(dsn, file, query string) (*location, error) {
	switch file {
	case "", "/":
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "store %q names no file", dsn)
	case ":memory:":
		// SQLite's in-memory database would vanish on close, and each
		// pooled connection would get one of its own.
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "store %q: an in-memory database cannot hold a store; give a file", dsn)
	}
	return &location{file: file, query: query}, nil
}

// redactDSN returns dsn with every credential in it (a URL's password, a
// password= in its query or as a keyword) replaced by xxxxx.
func redactDSN(dsn string) string { return bulletinfeed.Redact(dsn) }
