package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/config"
	"github.com/bulletinfeed/bulletinfeed/feed"
)

// writeConfig writes text as a configuration file in a new directory and
// returns its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "bulletinfeed.toml")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// configProblems reads text as a configuration and returns its problems
// as "LINE: message" strings.
func configProblems(t *testing.T, text string) []config.Problem {
	t.Helper()
	_, err := config.ReadFile(writeConfig(t, text))
	if err == nil {
		return nil
	}
	var ce *config.FileError
	if !errors.As(err, &ce) {
		t.Fatalf("error is not a config.FileError: %v", err)
	}
	return ce.Problems
}

func TestConfigFileMistakesHaveLines(t *testing.T) {
	cases := []struct {
		name string
		text string
		line int
		want string
	}{
		{"unknown top-level key", "db = \"x.db\"\nbase_ur = \"https://a.example/\"\n", 2, `unknown key "base_ur"`},
		{"unknown key in a publication", "[[publication]]\nid = \"a\"\n\ntitel = \"A\"\n", 4, `unknown key "publication.titel"`},
		{"misspelt key", "adr = \":8080\"\n", 1, `unknown key "adr"; did you mean addr?`},
		{"misspelt key in a publication", "[[publication]]\nid = \"a\"\n\ntitel = \"A\"\n", 4, `unknown key "publication.titel"; did you mean title?`},
		{"misspelt key in a source", "[[publication]]\nid = \"a\"\n[[publication.sources]]\nkind = \"page\"\nurl = \"https://x.example/\"\nselecter = \"a\"\n", 6, `did you mean selector?`},
		{"misspelt key in the log table", "[log]\nlevle = \"info\"\n", 2, `did you mean level?`},
		{"unknown key in the second publication", "[[publication]]\nid = \"a\"\n[[publication]]\nid = \"b\"\nlanguage = \"en\"\n", 5, `unknown key "publication.language"`},
		{"unknown key in a section table", "[[publication]]\nid = \"a\"\nsections = [\n  \"新闻\",\n  { banner = \"体育\", slg = \"sport\" },\n]\n", 5, `unknown key "slg"`},
		{"unknown key in a source", "[[publication]]\nid = \"a\"\n[[publication.sources]]\nkind = \"inbox\"\npath = \"in\"\nwatch = true\n", 6, `unknown key "publication.sources.watch"`},
		{"bad time zone", "[[publication]]\nid = \"a\"\ntitle = \"A\"\ntz = \"Asia/Shangai\"\n", 4, `tz "Asia/Shangai": unknown time zone`},
		{"bad time zone in the second publication", "[[publication]]\nid = \"a\"\ntz = \"UTC\"\n\n[[publication]]\nid = \"b\"\ntz = \"Mars/Olympus\"\n", 7, `tz "Mars/Olympus"`},
		{"bad language", "[[publication]]\nid = \"a\"\nlang = \"chinese!\"\n", 3, `lang "chinese!"`},
		{"base URL without a scheme", "base_url = \"localhost:8080\"\n", 1, "want an absolute http:// or https:// URL"},
		{"base URL with a query", "\nbase_url = \"https://a.example/?x=1\"\n", 2, "no query"},
		{"unsupported store", "db = \"mysql://x\"\n", 1, `unsupported store "mysql://x"`},
		{"cron spec that panics cron", "schedule = \"CRON_TZ=Asia/Shanghai\"\n", 1, "schedule \"CRON_TZ=Asia/Shanghai\""},
		{"bad cron spec", "schedule = \"every day\"\n", 1, "schedule \"every day\""},
		{"schedule that never fires", "schedule = \"0 0 30 2 *\"\n", 1, "never fires"},
		{"schedule every 0s", "schedule = \"@every 0s\"\n", 1, "at least 1s"},
		{"schedule every -1s", "\nschedule = \"@every -1s\"\n", 2, "at least 1s"},
		{"schedule every 500ms in a zone", "schedule = \"CRON_TZ=Asia/Shanghai @every 500ms\"\n", 1, "at least 1s"},
		{"size that overflows", "max_size = \"99999999999G\"\n", 1, "too large"},
		{"cache size that overflows", "cache_size = \"9223372036854775807K\"\n", 1, "too large"},
		{"zero feed items", "feed_items = 0\n", 1, "feed_items: want a positive number"},
		{"bad size", "max_size = \"ten megabytes\"\n", 1, "max_size"},
		{"bad log level", "[log]\nlevel = \"loud\"\n", 2, `log.level "loud"`},
		{"missing id", "[[publication]]\ntitle = \"A\"\n", 1, "id is missing"},
		{"bad id", "[[publication]]\nid = \"Weekly Brief\"\n", 2, `publication id "Weekly Brief"`},
		{"duplicate id", "[[publication]]\nid = \"a\"\n[[publication]]\nid = \"a\"\n", 4, "used twice (first on line 2)"},
		{"reserved id", "[[publication]]\nid = \"a\"\n[[publication]]\nid = \"feeds\"\n", 4, "path of the site's own"},
		{"duplicate banner", "[[publication]]\nid = \"a\"\nsections = [\"新闻\",\n \"新闻\"]\n", 4, `banner "新闻" is listed twice`},
		{"bad slug", "[[publication]]\nid = \"a\"\nsections = [\n { banner = \"新闻\", slug = \"News!\" },\n]\n", 4, `slug "News!"`},
		{"section without banner", "[[publication]]\nid = \"a\"\nsections = [\n { slug = \"news\" },\n]\n", 4, "needs its banner"},
		{"section of the wrong type", "[[publication]]\nid = \"a\"\nsections = [\n 42,\n]\n", 4, "want a banner string or a table"},
		{"unknown source kind", "[[publication]]\nid = \"a\"\n[[publication.sources]]\nkind = \"ftp\"\n", 4, `source kind "ftp"`},
		{"inbox without path", "[[publication]]\nid = \"a\"\n[[publication.sources]]\nkind = \"inbox\"\n", 3, "needs a path"},
		{"feed with a bad URL", "[[publication]]\nid = \"a\"\n[[publication.sources]]\nkind = \"feed\"\nurl = \"ftp://x/feed\"\n", 5, "url:"},
		{"feed with credentials in its URL", "[[publication]]\nid = \"a\"\n[[publication.sources]]\nkind = \"feed\"\nurl = \"https://bot:s3cret@intranet.example/feed.xml\"\n", 5, "user name or password"},
		{"syntax error", "db = \"x.db\"\ntitle = \n", 2, ""},
		{"wrong type", "feed_items = \"fifty\"\n", 1, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ps := configProblems(t, tc.text)
			if len(ps) == 0 {
				t.Fatalf("no problem found in:\n%s", tc.text)
			}
			for _, p := range ps {
				if p.Line == tc.line && strings.Contains(p.Msg, tc.want) {
					return
				}
			}
			t.Errorf("want a problem on line %d containing %q, got %+v", tc.line, tc.want, ps)
		})
	}
}

// A page source with neither selector nor pattern takes the page's links
// to .txt and .pdf files, as the README says (worker's TestPageEntries).
func TestConfigPageSourceWithoutSelector(t *testing.T) {
	if ps := configProblems(t, "[[publication]]\nid = \"a\"\n[[publication.sources]]\nkind = \"page\"\nurl = \"https://x.example/list\"\n"); len(ps) != 0 {
		t.Errorf("a page source with only its url: %+v", ps)
	}
}

// Every first path segment of the site's routes is refused as the id of a
// publication served under /{id}/ (rss, feed and sitemaps passed the check
// once, and serve then answered 503), and an id the check accepts is one
// the server serves.
func TestConfigRefusesRouteIDs(t *testing.T) {
	for _, seg := range append(feed.RouteSegments(), "rss", "feed", "sitemaps") {
		if ps := configProblems(t, "[[publication]]\nid = \"a\"\n[[publication]]\nid = \""+seg+"\"\n"); len(ps) == 0 || !strings.Contains(ps[0].Msg, "path of the site's own") {
			t.Errorf("id %q: %+v", seg, ps)
		}
	}
	for _, id := range []string{"weekly-brief", "school_news", "parish2024", "rss2"} {
		ps := configProblems(t, "[[publication]]\nid = \"a\"\n[[publication]]\nid = \""+id+"\"\n")
		if err := feed.CheckPublications([]string{"a", id}); len(ps) != 0 || err != nil {
			t.Errorf("id %q: config check %+v, feed %v", id, ps, err)
		}
	}
}

func TestConfigFileReportsEveryMistake(t *testing.T) {
	ps := configProblems(t, "[[publication]]\nid = \"a\"\ntz = \"Nowhere/City\"\nlang = \"??\"\n\n[[publication]]\nid = \"a\"\n")
	if len(ps) != 3 {
		t.Errorf("want 3 problems (tz, lang, duplicate id), got %+v", ps)
	}
}

func TestConfigFileRelativePaths(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "issue.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "site.toml")
	text := `db = "data/x.db"
[[publication]]
id = "a"
seed = ["issue.txt"]
[[publication.sources]]
kind = "inbox"
path = "inbox"
[[publication]]
id = "b"
[[publication.sources]]
kind = "inbox"
path = "/srv/b/inbox"
`
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	// Started from elsewhere, as a cron job is.
	t.Chdir(t.TempDir())
	fc, err := config.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "data", "x.db"); fc.DB != want {
		t.Errorf("db = %q, want %q", fc.DB, want)
	}
	if want := filepath.Join(dir, "issue.txt"); fc.Publications[0].Seed[0] != want {
		t.Errorf("seed = %q, want %q", fc.Publications[0].Seed[0], want)
	}
	if want := filepath.Join(dir, "inbox"); fc.Publications[0].Sources[0].Path != want {
		t.Errorf("inbox = %q, want %q", fc.Publications[0].Sources[0].Path, want)
	}
	if fc.Publications[1].Sources[0].Path != "/srv/b/inbox" {
		t.Errorf("absolute inbox changed: %q", fc.Publications[1].Sources[0].Path)
	}
	for in, want := range map[string]string{
		"sqlite:data/x.db?_busy=1":      "sqlite:" + filepath.Join(dir, "data/x.db") + "?_busy=1",
		"file:x.db":                     "file:" + filepath.Join(dir, "x.db"),
		"file:///var/x.db":              "file:///var/x.db",
		"postgres://u@h/db":             "postgres://u@h/db",
		"postgresql://u@h/db?sslmode=x": "postgresql://u@h/db?sslmode=x",
	} {
		if got := fc.ResolveDB(in); got != want {
			t.Errorf("resolveDB(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExampleConfigsAreValid(t *testing.T) {
	for _, path := range []string{"example.toml", "../../examples/bulletinfeed.toml"} {
		fc, err := config.ReadFile(path)
		if err != nil {
			t.Errorf("%s: %v", path, err)
			continue
		}
		if len(fc.Publications) == 0 {
			t.Errorf("%s configures no publication", path)
		}
	}
	// The embedded example is the file "config example" prints.
	code, out, errs := runCmd(t, "config", "example")
	if code != 0 || out != exampleConfig {
		t.Errorf("config example: exit %d, %d bytes; stderr %s", code, len(out), errs)
	}
}

func TestConfigCheckCommand(t *testing.T) {
	good := writeConfig(t, "[[publication]]\nid = \"a\"\nsections = [\"新闻\", { banner = \"体育\", slug = \"sport\" }]\nseed = [\"x.txt\"]\n")
	code, out, errs := runCmd(t, "config", "check", good)
	if code != 0 || !strings.Contains(out, "ok, 1 publication") || !strings.Contains(out, "a: 2 sections, 1 seed file, 0 sources") {
		t.Errorf("good file: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	bad := writeConfig(t, "[[publication]]\nid = \"a\"\ntz = \"Asia/Pekin\"\ncolour = \"red\"\n")
	code, out, errs = runCmd(t, "config", "check", bad)
	if code != exitFail {
		t.Errorf("bad file: exit %d, want %d", code, exitFail)
	}
	for _, want := range []string{bad + ":3: tz \"Asia/Pekin\"", bad + ":4: unknown key \"publication.colour\""} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if !strings.Contains(errs, "1 mistake") && !strings.Contains(errs, "mistakes") {
		t.Errorf("stderr: %q", errs)
	}
	// Every command refuses a bad file with its mistakes, before doing
	// anything.
	code, _, errs = runCmd(t, "issues", "--config", bad)
	if code != exitFail || !strings.Contains(errs, ":3: tz") || !strings.Contains(errs, "and 1 more mistake: run bulletinfeed config check") {
		t.Errorf("issues with a bad file: exit %d, stderr %q", code, errs)
	}
	// --help works whatever the file holds.
	if code, out, errs := runCmd(t, "ingest", "--config", bad, "--help"); code != 0 || !strings.Contains(out, "Usage: bulletinfeed ingest") {
		t.Errorf("--help with a bad file: exit %d, %s", code, errs)
	}
	if code, _, _ := runCmd(t, "config", "lint"); code != exitUsage {
		t.Errorf("config lint: exit %d, want %d", code, exitUsage)
	}
}

func TestConfigPrecedence(t *testing.T) {
	path := writeConfig(t, "addr = \":9000\"\nfeed_items = 7\nbase_url = \"https://file.example/\"\nschedule = \"@hourly\"\n[[publication]]\nid = \"a\"\n[[publication]]\nid = \"b\"\n")
	env := map[string]string{"BULLETINFEED_CONFIG": path, "BULLETINFEED_FEED_ITEMS": "9"}
	e := &Env{Getenv: func(k string) string { return env[k] }}
	cfg, err := loadConfig(e, []string{"--base-url", "https://flag.example/"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":9000" || cfg.FeedItems != 9 || cfg.Schedule != "@hourly" || cfg.Publication != "a" {
		t.Errorf("file then environment: %+v", cfg)
	}
	// --config on the command line wins over BULLETINFEED_CONFIG.
	other := writeConfig(t, "addr = \":9100\"\n")
	cfg, err = loadConfig(e, []string{"serve", "--config=" + other})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Addr != ":9100" {
		t.Errorf("--config= not read first: addr %q", cfg.Addr)
	}
}

func TestPublicationChoice(t *testing.T) {
	path := writeConfig(t, "[[publication]]\nid = \"magazine\"\nsections = [\"新闻\"]\n[[publication]]\nid = \"brief\"\ntitle = \"Brief\"\n")
	cfg, err := loadConfig(&Env{Getenv: func(string) string { return "" }}, []string{"--config", path})
	if err != nil {
		t.Fatal(err)
	}
	pubs, at, err := cfg.Resolve()
	if err != nil || at != 0 || len(pubs) != 2 || pubs[0].Banners()[0] != "新闻" {
		t.Fatalf("default choice: %+v %d %v", pubs, at, err)
	}
	cfg.Publication, cfg.Title, cfg.Sections = "brief", "Weekly brief", []string{"体育"}
	pubs, at, err = cfg.Resolve()
	if err != nil || at != 1 || pubs[1].Title != "Weekly brief" || len(pubs[1].Sections) != 1 {
		t.Fatalf("--publication brief: %+v %d %v", pubs, at, err)
	}
	if cfg.Publications[1].Title != "Brief" || len(cfg.Publications[1].Sections) != 0 {
		t.Errorf("flags changed the configuration itself: %+v", cfg.Publications[1])
	}
	cfg.Publication = "gazette"
	if _, _, err := cfg.Resolve(); err == nil || !strings.Contains(err.Error(), "magazine, brief") {
		t.Errorf("unknown publication: %v", err)
	}
}

func TestFlagsAfterArguments(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	code, _, errs := runCmd(t, "ingest", "../../examples/xinyuan-2024-05.txt", "--db", db, "--section", "幸福养老 温暖夕阳", "--wait=0")
	if code != 0 {
		t.Fatalf("ingest FILE --db X: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("flags after the file were not read: %v", err)
	}
	// After --, everything is a file name, even one that looks like a flag.
	code, _, errs = runCmd(t, "parse", "--", "--db")
	if code != exitFail || !strings.Contains(errs, "--db") {
		t.Errorf("parse -- --db: exit %d, stderr %q", code, errs)
	}
}

func TestVersion(t *testing.T) {
	for _, args := range [][]string{{"version"}, {"--version"}} {
		code, out, errs := runCmd(t, args...)
		if code != 0 || !strings.HasPrefix(out, "bulletinfeed ") || !strings.Contains(out, "go1.") {
			t.Errorf("%v: exit %d, stdout %q, stderr %q", args, code, out, errs)
		}
	}
}

// A key far from every known one is not given a guess.
func TestUnknownKeyFarFromAnyHasNoSuggestion(t *testing.T) {
	ps := configProblems(t, "colour = \"blue\"\n[[publication]]\nid = \"a\"\nwatch = true\n")
	if len(ps) != 2 {
		t.Fatalf("problems: %+v", ps)
	}
	for _, p := range ps {
		if strings.Contains(p.Msg, "did you mean") {
			t.Errorf("a guess for a key near nothing: %s", p.Msg)
		}
	}
}

// Every flag of every command shows its default once: --publication said
// "default: the first of the configuration file" and then (default "a").
func TestHelpShowsEachDefaultOnce(t *testing.T) {
	conf := writeConfig(t, "[[publication]]\nid = \"weekly\"\n")
	for name := range commands {
		_, out, _ := runCmd(t, name, "--help", "--config", conf)
		if name != "version" && !strings.Contains(out, "Usage:") {
			t.Errorf("%s --help printed no usage: %q", name, out)
		}
		for line := range strings.Lines(out) {
			if strings.Count(strings.ToLower(line), "default") > 1 {
				t.Errorf("%s --help: %s", name, strings.TrimSpace(line))
			}
		}
	}
}

// A bad value in the environment is a usage mistake, as the same bad flag
// is: both exit with the usage status.
func TestBadEnvironmentIsUsage(t *testing.T) {
	var out, errb bytes.Buffer
	env := map[string]string{"BULLETINFEED_FEED_ITEMS": "abc"}
	code := run(context.Background(), []string{"build", "--out", t.TempDir(), "--base-url", "https://news.example.org/"}, strings.NewReader(""), &out, &errb, func(k string) string { return env[k] })
	if code != exitUsage || !strings.Contains(errb.String(), "BULLETINFEED_FEED_ITEMS") {
		t.Errorf("BULLETINFEED_FEED_ITEMS=abc: exit %d, %q; want %d naming the variable", code, errb.String(), exitUsage)
	}
	if code, _, _ := runCmd(t, "build", "--out", t.TempDir(), "--base-url", "https://news.example.org/", "--feed-items", "abc"); code != exitUsage {
		t.Errorf("--feed-items abc: exit %d, want %d", code, exitUsage)
	}
}
