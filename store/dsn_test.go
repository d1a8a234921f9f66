package store_test

import (
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

func TestCheckDSN(t *testing.T) {
	good := []string{
		"bulletinfeed.db",
		"data/x.db",
		"./a:b.db",
		"/srv/bulletinfeed/x.db",
		"data/x.db?_pragma=busy_timeout(1000)",
		"file:data/x.db",
		"file:///abs/x.db",
		"file:///abs/x.db?mode=rw",
		"file://localhost/abs/x.db",
		"file:my%20store.db",
		"FILE:data/x.db",
		"sqlite:data/x.db",
		"sqlite:///abs/x.db",
		"postgres://bulletin@db/bulletin?sslmode=disable",
		"postgresql://bulletin:pw@db:5432/bulletin",
		"host=db user=bulletin dbname=bulletin sslmode=disable",
		"dbname=bulletin",
	}
	for _, dsn := range good {
		if err := store.CheckDSN(dsn); err != nil {
			t.Errorf("CheckDSN(%q) = %v, want nil", dsn, err)
		}
	}
	bad := []struct{ dsn, want string }{
		{"", "empty database name"},
		{"mysql://x", `unsupported store "mysql://x": want a SQLite file path, a file: or sqlite: URL, or a postgres:// DSN`},
		{"http://x", `unsupported store "http://x": want`},
		{"sqlserver:x", `unsupported store "sqlserver:x": want`},
		{"mysql://root:hunter2@db/x", `unsupported store "mysql://root:xxxxx@db/x"`},
		{"postgres:bulletin", `unsupported store "postgres:bulletin"`},
		{"sqlite://data/x.db", `"data" would be a host name; write a relative path as sqlite:data/x.db`},
		{"file://server/share/x.db", `"server" would be a host name`},
		{"file:", "names no file"},
		{"sqlite:///", "names no file"},
		{":memory:", "in-memory"},
		{"file::memory:", "in-memory"},
		{"file:bad%zzescape.db", "bad %-escape"},
	}
	for _, tc := range bad {
		err := store.CheckDSN(tc.dsn)
		if err == nil || bulletinfeed.KindOf(err) != bulletinfeed.Invalid || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("CheckDSN(%q) = %v, want an invalid error with %q", tc.dsn, err, tc.want)
		}
		if strings.Contains(err.Error(), "hunter2") {
			t.Errorf("CheckDSN(%q) shows the password: %v", tc.dsn, err)
		}
	}
}
