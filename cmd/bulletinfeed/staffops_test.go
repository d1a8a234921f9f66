package main

import (
	"bytes"
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/config"
)

// parishIssue is a small English bulletin without an "Issue:" header, so
// that its key comes from its file name.
func parishIssue(date, title, who, text string) string {
	return "Date: " + date + "\n\nParish News\n\n" + title + "\n\nBy " + who + "\n\n" + text + "\n"
}

// writeFile writes text at dir/name, creating folders.
func writeFile(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// tree records every file under dir with its bytes and time, to show that
// a failed command left it alone.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		st, _ := d.Info()
		out[p] = st.ModTime().String() + "\x00" + string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestMistypedDBNeverLosesTheSite(t *testing.T) {
	db := mustReferenceDB(t)
	out := t.TempDir()
	if code, _, errs := runCmd(t, "build", "--db", db, "--out", out, "--base-url", "https://news.example.org/"); code != 0 {
		t.Fatalf("first build: exit %d: %s", code, errs)
	}
	before := tree(t, out)
	typo := filepath.Join(filepath.Dir(db), "bulletinfed.db")

	code, _, errs := runCmd(t, "build", "--db", typo, "--out", out, "--base-url", "https://news.example.org/")
	if code != exitFail || !strings.Contains(errs, "no store at "+typo+": ingest an issue first, or check --db") {
		t.Errorf("build with a mistyped --db: exit %d, stderr %q", code, errs)
	}
	if !sameTree(before, tree(t, out)) {
		t.Error("build with a mistyped --db changed the published site")
	}

	cfg := config.Default()
	cfg.DB, cfg.DBDefault, cfg.Addr = typo, false, "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	err := m.Open(context.Background())
	m.Close()
	if err == nil || exitCode(err, &bytes.Buffer{}) != exitFail || !strings.Contains(err.Error(), "no store at") {
		t.Errorf("serve with a mistyped --db: %v", err)
	}
	for _, cmd := range [][]string{{"issues"}, {"sections"}, {"issues", "delete", "x"}, {"migrate"}} {
		code, _, errs := runCmd(t, append(cmd, "--db", typo)...)
		if code != exitFail || !strings.Contains(errs, "no store at") {
			t.Errorf("%v with a mistyped --db: exit %d, stderr %q", cmd, code, errs)
		}
	}
	if _, err := os.Stat(typo); err == nil {
		t.Error("a command other than ingest created the mistyped store")
	}
}

func TestDBFlagForms(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	ex, err := filepath.Abs(filepath.Join(origWD(t), "../../examples/xinyuan-2024-05.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, dsn := range []string{"mysql://x", "http://example.org/db", "sqlserver:x"} {
		code, _, errs := runCmd(t, "ingest", "--db", dsn, ex)
		if code != exitUsage || !strings.Contains(errs, "unsupported store") {
			t.Errorf("--db %s: exit %d, stderr %q", dsn, code, errs)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("refused --db left files behind: %v", entries)
	}
	// A folder that does not exist is a mistake, not created.
	code, _, errs := runCmd(t, "ingest", "--db", filepath.Join(dir, "nowhere", "x.db"), ex)
	if code != exitFail || !strings.Contains(errs, "does not exist") {
		t.Errorf("missing folder: exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "nowhere")); err == nil {
		t.Error("the missing folder was created")
	}
	// sqlite: and file: URLs name the same file as its path.
	for _, dsn := range []string{"sqlite:" + filepath.Join(dir, "a.db"), "file:" + filepath.Join(dir, "a.db"), filepath.Join(dir, "a.db")} {
		code, out, errs := runCmd(t, "ingest", "--db", dsn, ex)
		if code != 0 {
			t.Errorf("--db %s: exit %d: %s", dsn, code, errs)
		}
		if dsn != "sqlite:"+filepath.Join(dir, "a.db") && !strings.Contains(out, "1 unchanged") {
			t.Errorf("--db %s did not open the same store: %s", dsn, out)
		}
	}
	// The default store's folder is created, as before.
	if code, _, errs := runCmd(t, "ingest", ex); code != 0 {
		t.Errorf("default store: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, config.DefaultDB)); err != nil {
		t.Errorf("default store not created: %v", err)
	}
}

// origWD is the package directory, where tests start.
var startWD, _ = os.Getwd()

func origWD(t *testing.T) string { return startWD }

func TestSameFileNameIsNotTheSameIssue(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	july := writeFile(t, dir, "july/bulletin.txt", parishIssue("2023-07-01", "Summer fair raises funds for the roof", "Jane Doe",
		"The summer fair on Saturday raised more than four hundred pounds for the church roof appeal, thanks to the volunteers who ran the stalls."))
	august := writeFile(t, dir, "august/bulletin.txt", parishIssue("2023-08-01", "Choir welcomes new members", "Tom Hughes",
		"The parish choir meets again in September and would welcome new voices of every age; no experience of reading music is needed."))
	sec := []string{"--db", db, "--section", "Parish News", "--wait", "0"}

	if code, out, errs := runCmd(t, append([]string{"ingest", july}, sec...)...); code != 0 || !strings.Contains(out, "1 new") {
		t.Fatalf("july: exit %d, %s %s", code, out, errs)
	}
	code, out, errs := runCmd(t, append([]string{"ingest", august}, sec...)...)
	if code != exitFail || !strings.Contains(out, "1 failed") {
		t.Errorf("august over july: exit %d, stdout %q", code, out)
	}
	for _, want := range []string{july, august, "--revise bulletin", "--key"} {
		if !strings.Contains(errs, want) {
			t.Errorf("refusal does not mention %q:\n%s", want, errs)
		}
	}
	_, list, _ := runCmd(t, "issues", "--db", db)
	if strings.Count(list, "bulletin") != 1 || !strings.Contains(list, "2023-07-01") {
		t.Errorf("july's issue changed:\n%s", list)
	}

	// Keyed on purpose, it is an issue of its own.
	if code, out, errs := runCmd(t, append([]string{"ingest", "--key", "2023-08", august}, sec...)...); code != 0 || !strings.Contains(out, "1 new") {
		t.Errorf("--key: exit %d, %s %s", code, out, errs)
	}
	_, list, _ = runCmd(t, "issues", "--db", db)
	if !strings.Contains(list, "2023-08") || !strings.Contains(list, "2023-07-01") {
		t.Errorf("want both issues:\n%s", list)
	}
	// Revised on purpose, it replaces the stored one.
	if code, out, errs := runCmd(t, append([]string{"ingest", "--revise", "bulletin", august}, sec...)...); code != 0 || !strings.Contains(out, "1 revised") {
		t.Errorf("--revise: exit %d, %s %s", code, out, errs)
	}
	// The same file, corrected, is still a revision as before.
	writeFile(t, dir, "july/bulletin.txt", parishIssue("2023-07-01", "Summer fair raises funds for the roof", "Jane Doe", "Corrected: the fair raised five hundred pounds."))
	if code, out, errs := runCmd(t, append([]string{"ingest", "--key", "bulletin-july", july}, sec...)...); code != 0 || !strings.Contains(out, "1 new") {
		t.Errorf("july keyed: exit %d, %s %s", code, out, errs)
	}
	if code, out, errs := runCmd(t, append([]string{"ingest", "--key", "bulletin-july", july}, sec...)...); code != 0 || !strings.Contains(out, "1 unchanged") {
		t.Errorf("same bytes again: exit %d, %s %s", code, out, errs)
	}
	// --force stores unchanged bytes again.
	if code, out, errs := runCmd(t, append([]string{"ingest", "--force", "--key", "bulletin-july", july}, sec...)...); code != 0 || !strings.Contains(out, "1 revised") {
		t.Errorf("--force: exit %d, %s %s", code, out, errs)
	}
	if code, _, errs := runCmd(t, append([]string{"ingest", "--key", "a", "--revise", "b", july}, sec...)...); code != exitUsage {
		t.Errorf("--key with --revise: exit %d, %s", code, errs)
	}
}

func TestBuildRefusesToShrink(t *testing.T) {
	out := t.TempDir()
	// Short feeds, so that the reference issue's archive pages make the
	// files of its site outnumber the lists and files every site has.
	base := []string{"--out", out, "--base-url", "https://news.example.org/", "--feed-items", "2"}
	if code, _, errs := runCmd(t, append([]string{"build", "--db", mustReferenceDB(t)}, base...)...); code != 0 {
		t.Fatalf("build: exit %d: %s", code, errs)
	}
	before := tree(t, out)
	// Another store, with one small issue: most of the site would go.
	small := filepath.Join(t.TempDir(), "small.db")
	in := writeFile(t, t.TempDir(), "p.txt", parishIssue("2023-07-01", "Summer fair", "Jane Doe", "The fair raised four hundred pounds."))
	if code, _, errs := runCmd(t, "ingest", "--db", small, in); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	code, _, errs := runCmd(t, append([]string{"build", "--db", small}, base...)...)
	if code != exitFail || !strings.Contains(errs, "--allow-shrink") || !strings.Contains(errs, "nothing was written") {
		t.Errorf("shrinking build: exit %d, stderr %q", code, errs)
	}
	if !sameTree(before, tree(t, out)) {
		t.Error("the refused build changed the site")
	}
	if code, _, errs := runCmd(t, append([]string{"build", "--db", small, "--allow-shrink"}, base...)...); code != 0 {
		t.Errorf("--allow-shrink: exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(out, "feeds", "all.atom")); err != nil {
		t.Error(err)
	}
}

func TestBuildNeedsBaseURL(t *testing.T) {
	code, _, errs := runCmd(t, "build", "--db", mustReferenceDB(t), "--out", t.TempDir())
	if code != exitUsage || !strings.Contains(errs, "base URL is required") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	code, _, errs = runCmd(t, "build", "--db", mustReferenceDB(t), "--out", t.TempDir(), "--base-url", "localhost:8080")
	if code != exitUsage || !strings.Contains(errs, "http:// or https://") {
		t.Errorf("scheme-less base URL: exit %d, stderr %q", code, errs)
	}
}

func TestServeDerivesBaseURLWithWarning(t *testing.T) {
	var logs bytes.Buffer
	cfg := config.Default()
	cfg.DB, cfg.Addr = mustReferenceDB(t), "127.0.0.1:0"
	m := &serveMain{cfg: cfg, log: slog.New(slog.NewTextHandler(&logs, nil))}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if !strings.Contains(logs.String(), "no base URL configured") {
		t.Errorf("no warning:\n%s", logs.String())
	}
	_, atom := get(t, m.srv.URL()+"/feeds/all.atom")
	if !strings.Contains(atom, `href="`+m.srv.URL()+`/feeds/all.atom" rel="self"`) {
		t.Errorf("feed does not use the listening address %s", m.srv.URL())
	}
}

func TestIssuesDeleteAndSections(t *testing.T) {
	db := mustReferenceDB(t)
	code, out, errs := runCmd(t, "sections", "--db", db)
	if code != 0 || !strings.Contains(out, "SLUG") || !strings.Contains(out, referenceBanners[1]) {
		t.Errorf("sections: exit %d\n%s%s", code, out, errs)
	}
	cfg := config.Default()
	cfg.DB, cfg.Addr, cfg.BaseURL = db, "127.0.0.1:0", "http://news.example.org"
	m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
	if err := m.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	_, list, _ := runCmd(t, "issues", "--db", db)
	key := strings.Fields(strings.Split(list, "\n")[1])[0]
	site := m.feed.Site()
	var article string
	all, err := site.AllPaths(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range all {
		if strings.HasPrefix(p, "/articles/") {
			article = p
			break
		}
	}
	if code, _ := get(t, m.srv.URL()+article); code != 200 {
		t.Fatalf("%s: %d before delete", article, code)
	}

	code, out, errs = runCmd(t, "issues", "delete", key, "--db", db)
	if code != 0 || !strings.Contains(out, "10 articles") {
		t.Fatalf("issues delete: exit %d, %s %s", code, out, errs)
	}
	deadline := time.Now().Add(5 * time.Second)
	for {
		resp, err := http.Get(m.srv.URL() + article)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode == http.StatusGone {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s answers %d after delete, want 410", article, resp.StatusCode)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code, _ := get(t, m.srv.URL()+"/issues/"+key); code != http.StatusGone {
		t.Errorf("/issues/%s: %d, want 410", key, code)
	}
	_, atom := get(t, m.srv.URL()+"/feeds/all.atom")
	if strings.Contains(atom, "<entry>") {
		t.Error("the deleted issue's articles are still in the feed")
	}
	if code, _, errs := runCmd(t, "issues", "delete", key, "--db", db); code != exitFail || !strings.Contains(errs, "no issue") {
		t.Errorf("deleting twice: exit %d, %s", code, errs)
	}
	// Sections stay, with their slugs, and now count no article.
	_, out, _ = runCmd(t, "sections", "--db", db)
	if !strings.Contains(out, referenceBanners[1]) {
		t.Errorf("sections after delete:\n%s", out)
	}
}

func TestSectionsForget(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	in := writeFile(t, t.TempDir(), "p.txt", parishIssue("2023-07-01", "Summer fair", "Jane Doe", "The fair raised four hundred pounds."))
	code, _, errs := runCmd(t, "ingest", "--db", db, "--section", "Parish News", "--section", "Parsh News", in)
	if code != 0 {
		t.Fatal(errs)
	}
	if !strings.Contains(errs, "configured banner not found in issue") || !strings.Contains(errs, "Parsh News") {
		t.Errorf("ingest does not warn of the banner it never found:\n%s", errs)
	}
	_, out, _ := runCmd(t, "sections", "--db", db)
	if !strings.Contains(out, "not printed in any stored issue: Parsh News") {
		t.Errorf("the typo is not shown:\n%s", out)
	}
	if code, out, errs := runCmd(t, "sections", "forget", "Parsh News", "--db", db); code != 0 || !strings.Contains(out, "forgot") {
		t.Errorf("forget: exit %d %s %s", code, out, errs)
	}
	_, out, _ = runCmd(t, "sections", "--db", db)
	if strings.Contains(out, "Parsh") {
		t.Errorf("the typo is still known:\n%s", out)
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestConfigSectionListRules(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "p.txt", "Issue: 2023-07\n"+parishIssue("2023-07-01", "Summer fair", "Jane Doe", "The fair raised four hundred pounds.")+
		"\nNotices\n\nChoir practice moves to Thursday\n\nBy Tom Hughes\n\nChoir practice moves to Thursday evenings from next week.\n")
	conf := func(sections string) string {
		return writeFile(t, dir, "site.toml", "db = \"x.db\"\n[[publication]]\nid = \"parish\"\nlang = \"en\"\nsections = "+sections+"\n")
	}
	path := conf(`["Parish News", { banner = "Notices", slug = "notices", name = "Parish notices" }]`)
	if code, _, errs := runCmd(t, "ingest", "--config", path, in); code != 0 {
		t.Fatal(errs)
	}
	_, out, _ := runCmd(t, "sections", "--config", path)
	if !strings.Contains(out, "notices") || !strings.Contains(out, "Parish notices") || !strings.Contains(out, "parish-news") {
		t.Fatalf("configured slug and name not used:\n%s", out)
	}
	// Notices removed from the file: new parses no longer know it, and the
	// stored sections keep their slugs.
	path = conf(`["Parish News"]`)
	code, _, errs := runCmd(t, "ingest", "--force", "--config", path, in)
	if code != 0 {
		t.Fatal(errs)
	}
	_, out, _ = runCmd(t, "sections", "--config", path)
	if !strings.Contains(out, "notices") || !strings.Contains(out, "parish-news") {
		t.Errorf("a slug was lost:\n%s", out)
	}
	code, parsed, _ := runCmd(t, "parse", "--config", path, in)
	if code != 0 || strings.Contains(parsed, `"section": "Notices"`) {
		t.Errorf("a banner removed from the file is still used:\n%s", parsed)
	}
	// A configured slug that contradicts the store is refused, not applied.
	path = conf(`["Parish News", { banner = "Notices", slug = "church-notices" }]`)
	code, _, errs = runCmd(t, "ingest", "--config", path, in)
	if code != exitFail || !strings.Contains(errs, "keeps the slug it was first given") {
		t.Errorf("changed slug: exit %d, %s", code, errs)
	}
}

// Defects found by trying the commands as staff would.
func TestStaffMistakes(t *testing.T) {
	t.Run("a configuration that leaves out a stored publication", func(t *testing.T) {
		db := mustReferenceDB(t) // publication "default", as without a file
		out := t.TempDir()
		if code, _, errs := runCmd(t, "build", "--db", db, "--out", out, "--base-url", "https://news.example.org/"); code != 0 {
			t.Fatal(errs)
		}
		before := tree(t, out)
		conf := writeConfig(t, "base_url = \"https://news.example.org/\"\n[[publication]]\nid = \"monthly\"\n")
		code, _, errs := runCmd(t, "build", "--config", conf, "--db", db, "--out", out)
		if code != exitFail || !strings.Contains(errs, `"default" (1 issue)`) || !strings.Contains(errs, "would lose their pages") {
			t.Errorf("exit %d, stderr %q", code, errs)
		}
		if !sameTree(before, tree(t, out)) {
			t.Error("the site changed")
		}
	})
	t.Run("--key into another file's issue", func(t *testing.T) {
		dir := t.TempDir()
		db := filepath.Join(dir, "x.db")
		july := writeFile(t, dir, "july/bulletin.txt", parishIssue("2023-07-01", "Summer fair", "Jane Doe", "The fair raised four hundred pounds."))
		august := writeFile(t, dir, "august/bulletin.txt", parishIssue("2023-08-01", "Choir", "Tom Hughes", "The choir meets again in September."))
		if code, _, errs := runCmd(t, "ingest", "--db", db, "--key", "2023-08", august); code != 0 {
			t.Fatal(errs)
		}
		code, out, errs := runCmd(t, "ingest", "--db", db, "--key", "2023-08", july)
		if code != exitFail || !strings.Contains(out, "1 failed") || !strings.Contains(errs, "--revise 2023-08") {
			t.Errorf("mistyped --key replaced another issue: exit %d, %s %s", code, out, errs)
		}
	})
	t.Run("seed files never create a store at a typed --db", func(t *testing.T) {
		dir := t.TempDir()
		writeFile(t, dir, "p.txt", parishIssue("2023-07-01", "Summer fair", "Jane Doe", "The fair raised four hundred pounds."))
		conf := writeFile(t, dir, "site.toml", "[[publication]]\nid = \"parish\"\nseed = [\"p.txt\"]\n")
		typo := filepath.Join(dir, "typo.db")
		cfg, err := loadConfig(&Env{Getenv: func(string) string { return "" }}, []string{"--config", conf})
		if err != nil {
			t.Fatal(err)
		}
		cfg.DB, cfg.DBDefault, cfg.DBFromFile = typo, false, false // as --db sets it
		cfg.Addr = "127.0.0.1:0"
		m := &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
		err = m.Open(context.Background())
		m.Close()
		if err == nil || !strings.Contains(err.Error(), "no store at") || fileExists(typo) {
			t.Errorf("serve with seed files and a typed --db: %v; created: %v", err, fileExists(typo))
		}
		// The file's own store is created for its seed files.
		cfg.DB, cfg.DBDefault, cfg.DBFromFile = filepath.Join(dir, "data", "bulletinfeed.db"), true, true
		m = &serveMain{cfg: cfg, log: slog.New(slog.DiscardHandler)}
		if err := m.Open(context.Background()); err != nil {
			t.Fatal(err)
		}
		m.Close()
	})
	t.Run("a configuration without db keeps the store beside it", func(t *testing.T) {
		dir := t.TempDir()
		conf := writeFile(t, dir, "site.toml", "[[publication]]\nid = \"parish\"\n")
		t.Chdir(t.TempDir())
		cfg, err := loadConfig(&Env{Getenv: func(string) string { return "" }}, []string{"--config", conf})
		if err != nil {
			t.Fatal(err)
		}
		if want := filepath.Join(dir, config.DefaultDB); cfg.DB != want {
			t.Errorf("db = %s, want %s", cfg.DB, want)
		}
	})
	t.Run("actions after flags", func(t *testing.T) {
		db := mustReferenceDB(t)
		code, out, errs := runCmd(t, "issues", "--db", db, "list")
		if code != 0 || !strings.Contains(out, "hexi-2023-04") {
			t.Fatalf("issues --db X list: exit %d %s", code, errs)
		}
		if code, out, errs := runCmd(t, "issues", "--db", db, "delete", "hexi-2023-04"); code != 0 || !strings.Contains(out, "deleted") {
			t.Errorf("issues --db X delete KEY: exit %d %s %s", code, out, errs)
		}
		if code, _, errs := runCmd(t, "sections", "--db", db, "forget", "nope"); code != exitFail || !strings.Contains(errs, "it knows") {
			t.Errorf("sections --db X forget: exit %d %s", code, errs)
		}
		if code, _, _ := runCmd(t, "issues", "--db", db, "purge"); code != exitUsage {
			t.Errorf("unknown action: exit %d", code)
		}
	})
	t.Run("a missing file creates no store", func(t *testing.T) {
		db := filepath.Join(t.TempDir(), "new.db")
		if code, _, _ := runCmd(t, "ingest", "--db", db, "nosuchfile.txt"); code != exitFail || fileExists(db) {
			t.Errorf("exit %d, store created: %v", code, fileExists(db))
		}
	})
	t.Run("base URLs are normalised", func(t *testing.T) {
		out := t.TempDir()
		if code, _, errs := runCmd(t, "build", "--db", mustReferenceDB(t), "--out", out, "--base-url", "HTTPS://News.Example.org/b/"); code != 0 {
			t.Fatal(errs)
		}
		if atom := readFile(t, filepath.Join(out, "feeds", "all.atom")); !strings.Contains(atom, "<id>https://news.example.org/b/feeds/all.atom</id>") {
			t.Error("scheme and host not lower-cased")
		}
		if code, _, errs := runCmd(t, "build", "--db", mustReferenceDB(t), "--out", out, "--base-url", "https://example.org/a b/"); code != exitUsage || !strings.Contains(errs, "spaces") {
			t.Errorf("a space: exit %d %s", code, errs)
		}
	})
}

func TestActionArguments(t *testing.T) {
	db := mustReferenceDB(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"issues", "delete"}, "issues delete: want exactly one KEY, got 0 arguments"},
		{[]string{"issues", "delete", "a", "b"}, "want exactly one KEY, got 2 arguments"},
		{[]string{"issues", "list", "extra"}, `issues list: unexpected argument "extra"`},
		{[]string{"sections", "forget"}, "sections forget: want exactly one BANNER"},
		{[]string{"sections", "drop", "x"}, `unknown action "drop" (want forget BANNER, or list)`},
	} {
		code, _, errs := runCmd(t, append(c.args, "--db", db)...)
		if code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errs, exitUsage, c.want)
		}
	}
}

// Deleting a key that another publication of the store holds says which
// one: the usual mistake is a --publication left off.
func TestIssuesDeleteInTheWrongPublicationHints(t *testing.T) {
	db := mustReferenceDB(t)
	ex := filepath.Join(origWD(t), "../../examples/xinyuan-2024-05.txt")
	if code, out, errs := runCmd(t, "ingest", "--db", db, "--publication", "school", ex); code != 0 {
		t.Fatalf("ingest: exit %d, %s%s", code, out, errs)
	}
	_, list, _ := runCmd(t, "issues", "--db", db, "--publication", "default")
	key := strings.Fields(strings.Split(list, "\n")[1])[0]
	code, _, errs := runCmd(t, "issues", "delete", key, "--db", db, "--publication", "school")
	if code != exitFail || !strings.Contains(errs, "give --publication default") {
		t.Errorf("delete in the wrong publication: exit %d, %s", code, errs)
	}
	if _, list2, _ := runCmd(t, "issues", "--db", db, "--publication", "default"); list2 != list {
		t.Errorf("the issue changed:\n%s", list2)
	}
	code, _, errs = runCmd(t, "issues", "delete", "no-such-issue", "--db", db, "--publication", "school")
	if code != exitFail || strings.Contains(errs, "--publication") {
		t.Errorf("a key no publication holds: exit %d, %s", code, errs)
	}
}
