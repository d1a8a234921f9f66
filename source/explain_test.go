package source_test

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/source/poppler"
)

func TestShorten(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
		n              int
	}{
		{"short", "河西区", "河西区", 5},
		{"chinese", "河西区持续改善区域水环境质量", "河西区…", 3},
		{"latin", "abcdefghij", "abcdef…", 3},
		{"empty", "", "", 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := source.Shorten(tc.in, tc.n); got != tc.want {
				t.Errorf("Shorten(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
			}
		})
	}
}

// readReference extracts the reference PDF and parses it.
func readReference(t *testing.T) ([]byte, *source.PDFText, *bulletinfeed.Issue) {
	t.Helper()
	requirePoppler(t)
	raw, err := os.ReadFile(referencePDF2)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pt, err := source.ExtractPDF(ctx, "hexi-2023-04.pdf", raw, source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	iss, err := source.Parse(ctx, bytes.NewReader(raw), "hexi-2023-04.pdf", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return raw, pt, iss
}

// TestRoles: every line of the reference PDF has a page and a role, its
// first article's title is a heading with the reason, and WriteRoles
// (parse --format text) prints them.
func TestRoles(t *testing.T) {
	_, pt, _ := readReference(t)
	roles := pt.Roles()
	if len(roles) < len(pt.Lines) {
		t.Fatalf("%d roles for %d lines", len(roles), len(pt.Lines))
	}
	for _, l := range roles {
		if l.Page < 1 || l.Page > pt.Pages || l.Role == "" || !strings.HasSuffix(l.Style, "pt") && !strings.Contains(l.Style, "pt ") {
			t.Errorf("line %+v: no page, role or type", l)
		}
	}
	if r := roles[0]; r.Role != source.StyleHeading || r.Why == "" {
		t.Errorf("first line %+v: want a heading and why", r)
	}
	var b strings.Builder
	if err := source.WriteRoles(&b, pt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), "p1   heading   14.3pt") || !strings.Contains(b.String(), "(larger than the body text)") {
		t.Errorf("WriteRoles:\n%s", clipText(b.String(), 600))
	}
}

// TestArticlePages: the reference issue's ten articles begin on the pages
// they are printed on.
func TestArticlePages(t *testing.T) {
	_, pt, iss := readReference(t)
	got := pt.ArticlePages(iss)
	want := []int{1, 1, 2, 2, 2, 2, 3, 3, 4, 4}
	if len(iss.Articles) != 10 || !slices.Equal(got, want) {
		t.Errorf("pages of %d articles = %v, want %v", len(iss.Articles), got, want)
	}
}

// TestPageImage: a page is a PNG; a page past the end is NotFound.
func TestPageImage(t *testing.T) {
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		t.Skip("pdftoppm is not installed (Debian: apt-get install poppler-utils)")
	}
	raw, err := os.ReadFile(referencePDF2)
	if err != nil {
		t.Fatal(err)
	}
	png, err := poppler.PageImage(context.Background(), raw, 2, 40)
	if err != nil || !bytes.HasPrefix(png, []byte("\x89PNG")) {
		t.Fatalf("page 2: %d bytes, %v", len(png), err)
	}
	if _, err := poppler.PageImage(context.Background(), raw, 9, 40); bulletinfeed.KindOf(err) != bulletinfeed.NotFound {
		t.Errorf("page 9 of 4: err = %v, want not found", err)
	}
	if _, err := poppler.PageImage(context.Background(), []byte("not a pdf"), 1, 40); bulletinfeed.KindOf(err) != bulletinfeed.Invalid {
		t.Errorf("a text file: err = %v, want invalid", err)
	}
}

func clipText(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
