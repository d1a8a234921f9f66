package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// bulletinDir returns a temp directory holding copies of the reference
// issue and the parser's own test bulletins, plus an empty (bad) file.
func bulletinDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	srcs := []string{reference}
	more, _ := filepath.Glob("../../source/testdata/*.txt")
	srcs = append(srcs, more...)
	for _, src := range srcs {
		b, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(src)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "zz-empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	// Not an issue file: a directory stands for its .txt files only.
	if err := os.WriteFile(filepath.Join(dir, "notes.md"), []byte("# notes"), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestIngestCommand(t *testing.T) {
	in := bulletinDir(t)
	db := filepath.Join(t.TempDir(), "bulletinfeed.db")
	txts, _ := filepath.Glob(filepath.Join(in, "*.txt"))
	// school-2023-11.txt is the GB18030 school-2023-11.gb18030.txt in
	// UTF-8: the same issue, stored once.
	good := len(txts) - 2
	const twin = ", 1 not stored again (copies of stored issues)"
	bad := filepath.Join(in, "zz-empty.txt")
	badInfo, err := os.Stat(bad)
	if err != nil {
		t.Fatal(err)
	}

	code, out, errs := runCmd(t, "ingest", "--db", db, "--section", referenceBanners[0], "--section", referenceBanners[1], in)
	if code != 1 {
		t.Errorf("exit %d with a bad file, want 1; stderr:\n%s", code, errs)
	}
	if want := "ingested: " + strconv.Itoa(good) + " new, 0 revised, 0 unchanged, 1 failed" + twin + "\n"; out != want {
		t.Errorf("stdout = %q, want %q", out, want)
	}
	if !strings.Contains(errs, "zz-empty.txt") || !strings.Contains(errs, "empty file") {
		t.Errorf("stderr does not name the bad file and its reason:\n%s", errs)
	}
	if strings.Contains(errs, "notes.md") {
		t.Errorf("a .md file was ingested:\n%s", errs)
	}
	if info, err := os.Stat(bad); err != nil || info.Size() != 0 || !info.ModTime().Equal(badInfo.ModTime()) {
		t.Errorf("bad file touched: %v, %v", info, err)
	}

	// The same files again change nothing; an explicit file among them is
	// not ingested twice.
	code, out, errs = runCmd(t, "ingest", "--db", db, txts[0], in)
	if code != 1 || out != "ingested: 0 new, 0 revised, "+strconv.Itoa(good)+" unchanged, 1 failed"+twin+"\n" {
		t.Errorf("second run: exit %d, stdout %q; stderr:\n%s", code, out, errs)
	}

	// A corrected file is a revision; the good files alone exit 0.
	ref := filepath.Join(in, filepath.Base(reference))
	b, _ := os.ReadFile(ref)
	fixed := strings.Replace(string(b), "河西", "河西区", 1)
	if fixed == string(b) {
		t.Fatal("the reference issue no longer says 河西")
	}
	os.WriteFile(ref, []byte(fixed), 0o644)
	code, out, errs = runCmd(t, "ingest", "--db", db, ref)
	if code != 0 || out != "ingested: 0 new, 1 revised, 0 unchanged, 0 failed\n" {
		t.Errorf("revision: exit %d, stdout %q; stderr:\n%s", code, out, errs)
	}

	// Plain log lines (stderr is no terminal) say what each file did.
	if !strings.Contains(errs, "status=revised") || strings.Contains(errs, "\r") {
		t.Errorf("want plain log lines off a terminal, got:\n%s", errs)
	}
}

func TestIngestCommandUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no files", []string{"ingest", "--db", filepath.Join(t.TempDir(), "x.db")}, 2, "want at least one FILE or DIR"},
		{"missing file", []string{"ingest", "--db", filepath.Join(t.TempDir(), "x.db"), "nope.txt"}, 1, "no such file"},
		{"bad zone", []string{"ingest", "--db", filepath.Join(t.TempDir(), "x.db"), "--tz", "Mars/Olympus", reference}, 2, "unknown time zone"},
		{"bad language", []string{"ingest", "--db", filepath.Join(t.TempDir(), "x.db"), "--lang", "!!", reference}, 2, "BCP 47"},
		{"flag without its value", []string{"ingest", reference, "--db"}, 2, "flag needs an argument: -db"},
		{"--key on a folder", []string{"ingest", "--db", filepath.Join(t.TempDir(), "x.db"), "--key", "k", t.TempDir()}, 2, "one FILE"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errs := runCmd(t, tc.args...)
			if code != tc.code || !strings.Contains(errs, tc.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", code, errs, tc.code, tc.want)
			}
		})
	}
}

func TestIngestPublicationSettings(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "x.db")
	pub := func() *bulletinfeed.Publication {
		t.Helper()
		db, err := store.Open(ctx, path, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		p, err := db.Publication(ctx, "default")
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	if code, _, errs := runCmd(t, "ingest", "--db", path, reference); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got, want := pub(), (&bulletinfeed.Publication{ID: "default", Title: "Bulletin", Lang: "zh-CN", TimeZone: "Asia/Shanghai"}); !samePub(got, want) {
		t.Errorf("default publication = %+v, want %+v", got, want)
	}
	if code, _, errs := runCmd(t, "ingest", "--db", path, "--title", "河西报道", "--lang", "en", "--section", "Notices", reference); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	// Flags given update; the time zone, not given, is kept.
	want := &bulletinfeed.Publication{ID: "default", Title: "河西报道", Lang: "en", TimeZone: "Asia/Shanghai", Banners: []string{"Notices"}}
	if got := pub(); !samePub(got, want) {
		t.Errorf("publication = %+v, want %+v", got, want)
	}
	if code, _, errs := runCmd(t, "ingest", "--db", path, reference); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if got := pub(); !samePub(got, want) {
		t.Errorf("publication after a run without flags = %+v, want it kept: %+v", got, want)
	}
	if got := defaultTimeZone("en-GB"); got != "UTC" {
		t.Errorf("defaultTimeZone(en-GB) = %q, want UTC", got)
	}
}

func samePub(a, b *bulletinfeed.Publication) bool {
	return a.ID == b.ID && a.Title == b.Title && a.Lang == b.Lang && a.TimeZone == b.TimeZone &&
		strings.Join(a.Banners, "|") == strings.Join(b.Banners, "|") && a.DefaultSection == b.DefaultSection
}

// TestIssuesWithoutAStore: listing a store that is not there says so and
// creates nothing.
func TestIssuesWithoutAStore(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "typo.db")
	code, _, errs := runCmd(t, "issues", "--db", missing)
	if code != 1 || !strings.Contains(errs, "no store at "+missing) {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if _, err := os.Stat(missing); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("listing created %s", missing)
	}
}

// TestIngestWaitsForTheStore: with the store unreachable, ingest retries
// for --wait and then fails naming the store; --wait 0 fails at once.
func TestIngestWaitsForTheStore(t *testing.T) {
	dsn := "postgres://postgres@" + closedPort(t) + "/test?sslmode=disable"
	for _, tc := range []struct {
		wait     string
		min, max time.Duration
	}{{"0s", 0, 2 * time.Second}, {"2s", 1 * time.Second, 8 * time.Second}} {
		start := time.Now()
		code, _, errs := runCmd(t, "ingest", "--db", dsn, "--wait", tc.wait, "../../examples/xinyuan-2024-05.txt")
		took := time.Since(start)
		if code != 1 || !strings.Contains(errs, "connection refused") || strings.Count(strings.TrimSpace(errs), "\n") > 20 {
			t.Errorf("--wait %s: exit %d, stderr %q", tc.wait, code, errs)
		}
		if took < tc.min || took > tc.max {
			t.Errorf("--wait %s: took %v, want %v to %v", tc.wait, took, tc.min, tc.max)
		}
		if tc.wait != "0s" && !strings.Contains(errs, "store unavailable; retrying") {
			t.Errorf("--wait %s: no retry logged: %q", tc.wait, errs)
		}
	}
}
