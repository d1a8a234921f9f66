package source_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
)

// FuzzParse feeds the parser arbitrary bytes. It must never panic, and
// whatever it accepts must be a well-formed parse. The seed corpus is in
// testdata/fuzz/FuzzParse; our own bulletins and the reference issue are
// added as seeds too.
func FuzzParse(f *testing.F) {
	paths, _ := filepath.Glob("testdata/*.txt")
	nocredits, _ := filepath.Glob("testdata/nocredits/*.txt")
	paths = append(paths, nocredits...)
	paths = append(paths, referenceIssue)
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b, true)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte, withBanners bool) {
		var banners []string
		if withBanners {
			banners = append(referenceBanners, "乡村振兴 绿色发展", "Parish News")
		}
		// Half the inputs are read as a publication without credits; the
		// corpus keeps its two arguments.
		noCredits := len(b)%2 == 1
		iss, err := source.Parse(context.Background(), bytes.NewReader(b), "fuzz.txt", source.Options{Banners: banners, MaxSize: 1 << 20, NoCredits: noCredits})
		if err != nil {
			if bulletinfeed.KindOf(err) != bulletinfeed.Invalid || !strings.Contains(err.Error(), "fuzz.txt") {
				t.Fatalf("error %q: want an invalid-input error naming the file", err)
			}
			return
		}
		if len(iss.Articles) == 0 {
			t.Fatal("accepted an issue with no article")
		}
		for i, a := range iss.Articles {
			if len(a.Headings) == 0 || len(a.Headings) > 3 {
				t.Fatalf("article %d has %d headings", i, len(a.Headings))
			}
			if !slices.Contains(a.Headings, a.Title) {
				t.Fatalf("article %d: title %q is not one of its headings %q", i, a.Title, a.Headings)
			}
			if a.Section != "" && banners != nil && !slices.Contains(banners, a.Section) {
				t.Fatalf("article %d: section %q is not a configured banner", i, a.Section)
			}
			for _, s := range append(slices.Clone(a.Headings), a.Section) {
				checkText(t, s)
			}
			for _, bl := range a.Blocks {
				if bl.Kind != bulletinfeed.Paragraph && bl.Kind != bulletinfeed.Subhead {
					t.Fatalf("block kind %q", bl.Kind)
				}
				if bl.Text == "" {
					t.Fatal("empty block")
				}
				checkText(t, bl.Text)
			}
			for _, by := range a.Bylines {
				if by.Name == "" {
					t.Fatalf("byline without a name: %+v", by)
				}
			}
		}
	})
}

// checkText: parsed text is valid UTF-8 with no control characters and no
// white space at either end.
func checkText(t *testing.T, s string) {
	t.Helper()
	if !utf8.ValidString(s) || strings.ContainsRune(s, utf8.RuneError) {
		t.Fatalf("invalid UTF-8 in %q", s)
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			t.Fatalf("control character %U in %q", r, s)
		}
	}
	if strings.TrimSpace(s) != s {
		t.Fatalf("untrimmed text %q", s)
	}
}
