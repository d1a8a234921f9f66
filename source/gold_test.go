package source_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
)

var update = flag.Bool("update", false, "rewrite the .gold.json files of our own bulletins in testdata/")

// referenceIssue is the reference issue of the project, kept beside it in
// ../shared (the project does not copy it).
const referenceIssue = "../../shared/testdata/hexi-2023-04.txt"

var referenceBanners = []string{"新时代新征程新伟业 以新担当新作为推动高质量发展", "十项行动 奋进新征程"}

type goldFile struct {
	Articles []*bulletinfeed.Article `json:"articles"`
}

func readGold(t *testing.T, path string) []*bulletinfeed.Article {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var g goldFile
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return g.Articles
}

// compareArticles reports every field that differs, article by article.
func compareArticles(t *testing.T, got, want []*bulletinfeed.Article) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d articles, want %d", len(got), len(want))
		for i, a := range got {
			t.Logf("got %d: %q %q", i, a.Section, a.Headings)
		}
	}
	for i := 0; i < len(got) && i < len(want); i++ {
		g, w := got[i], want[i]
		if g.Section != w.Section {
			t.Errorf("article %d (%s): section %q, want %q", i, w.Title, g.Section, w.Section)
		}
		if strings.Join(g.Headings, "\n") != strings.Join(w.Headings, "\n") {
			t.Errorf("article %d: headings %q, want %q", i, g.Headings, w.Headings)
		}
		if g.Title != w.Title {
			t.Errorf("article %d: title %q, want %q", i, g.Title, w.Title)
		}
		if len(g.Bylines) != len(w.Bylines) {
			t.Errorf("article %d (%s): bylines %v, want %v", i, w.Title, g.Bylines, w.Bylines)
		} else {
			for j := range g.Bylines {
				if g.Bylines[j] != w.Bylines[j] {
					t.Errorf("article %d (%s): byline %d = %+v, want %+v", i, w.Title, j, g.Bylines[j], w.Bylines[j])
				}
			}
		}
		if len(g.Blocks) != len(w.Blocks) {
			t.Errorf("article %d (%s): %d blocks, want %d", i, w.Title, len(g.Blocks), len(w.Blocks))
			for j, b := range g.Blocks {
				t.Logf("  got block %d %s: %.60s", j, b.Kind, b.Text)
			}
			continue
		}
		for j := range g.Blocks {
			if g.Blocks[j] != w.Blocks[j] {
				t.Errorf("article %d (%s) block %d:\n got %s %q\nwant %s %q", i, w.Title, j, g.Blocks[j].Kind, g.Blocks[j].Text, w.Blocks[j].Kind, w.Blocks[j].Text)
			}
		}
	}
}

func TestReferenceIssueMatchesGold(t *testing.T) {
	iss, err := source.ParseFile(context.Background(), referenceIssue, source.Options{Banners: referenceBanners})
	if err != nil {
		t.Fatal(err)
	}
	compareArticles(t, iss.Articles, readGold(t, strings.TrimSuffix(referenceIssue, ".txt")+".gold.json"))
	if iss.Key != "hexi-2023-04" || iss.Date.Format("2006-01-02") != "2023-04-01" {
		t.Errorf("key %q date %v, want hexi-2023-04 and 2023-04-01 from the file name", iss.Key, iss.Date)
	}
}

// bulletinCase is one of our own bulletins in testdata/: NAME.txt with its
// expected parse NAME.gold.json and the banners its publication configures.
type bulletinCase struct {
	file      string
	banners   []string
	noCredits bool // the publication prints no credit lines
}

func TestOwnBulletinsMatchGold(t *testing.T) {
	for _, tc := range ownBulletins {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			opts := source.Options{Banners: tc.banners, NoCredits: tc.noCredits}
			iss, err := source.ParseFile(context.Background(), path, opts)
			if err != nil {
				t.Fatal(err)
			}
			gold := strings.TrimSuffix(strings.TrimSuffix(path, ".txt"), ".gb18030") + ".gold.json"
			if *update {
				b, _ := json.MarshalIndent(goldFile{Articles: stripStoreFields(iss.Articles)}, "", "  ")
				if err := os.WriteFile(gold, append(b, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := readGold(t, gold)
			compareArticles(t, iss.Articles, want)
			// The same bulletin saved on Windows parses the same.
			crlf := bytes.ReplaceAll(bytes.ReplaceAll(mustRead(t, path), []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
			iss, err = source.Parse(context.Background(), bytes.NewReader(crlf), path, opts)
			if err != nil {
				t.Fatal(err)
			}
			compareArticles(t, iss.Articles, want)
		})
	}
}

func stripStoreFields(as []*bulletinfeed.Article) []*bulletinfeed.Article {
	out := make([]*bulletinfeed.Article, len(as))
	for i, a := range as {
		c := *a
		c.IssueKey = ""
		out[i] = &c
	}
	return out
}

// TestOwnBulletinsSurvivePageBreaks cuts long paragraphs of our bulletins
// where their print never broke them, mid-sentence, with a page number
// between the halves, and expects the same parse: the shapes of the
// articles (decks, end credits, headings without credits) must not depend
// on where the pages break.
func TestOwnBulletinsSurvivePageBreaks(t *testing.T) {
	for _, tc := range ownBulletins {
		if strings.Contains(tc.file, ".gb18030") {
			continue
		}
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			text := strings.ReplaceAll(string(mustRead(t, path)), "\r\n", "\n")
			var b strings.Builder
			cuts := 0
			for i, l := range strings.Split(text, "\n") {
				if i > 0 {
					b.WriteString("\n")
				}
				r := []rune(l)
				if len(r) >= 60 && !strings.HasPrefix(l, " ") && !strings.HasPrefix(l, "\u3000") {
					// Mid-sentence: between two letters, not at a stop.
					cut := 23 + cuts%3*7
					for cut < len(r)-1 && !(isHan(r[cut-1]) && isHan(r[cut])) && !(unicode.IsLetter(r[cut-1]) && r[cut] == ' ') {
						cut++
					}
					if cut < len(r)-1 {
						b.WriteString(string(r[:cut]) + "\n\n- 9 -\n\n" + string(r[cut:]))
						cuts++
						continue
					}
				}
				b.WriteString(l)
			}
			if cuts == 0 || strings.Count(text, "\n\n")*3 < strings.Count(text, "\n") {
				t.Skip("print line breaks kept: no paragraph on a line of its own to cut")
			}
			iss, err := source.Parse(context.Background(), strings.NewReader(b.String()), path, source.Options{Banners: tc.banners, NoCredits: tc.noCredits})
			if err != nil {
				t.Fatal(err)
			}
			compareArticles(t, iss.Articles, readGold(t, strings.TrimSuffix(path, ".txt")+".gold.json"))
		})
	}
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }
