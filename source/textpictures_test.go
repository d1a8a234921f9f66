package source_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/source"
)

// TestTextIssuePictures: a line [Photo: file.jpg Caption] (or [图：…])
// of a text issue attaches the file beside it to the article it stands
// in, after the paragraphs before it, and is no paragraph; a file that is
// not there leaves the picture without an image, and one outside the
// issue's folder is never read.
func TestTextIssuePictures(t *testing.T) {
	raw, err := os.ReadFile("testdata/stmarys-2024-spring.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(raw), "the primary school.\n", "the primary school.\n\n[Photo: lunch.png The Tuesday lunch club in the hall]\n", 1)
	text = strings.Replace(text, "welcome a visit.\n", "welcome a visit.\n[图：missing.jpg 不在]\n\n[Photo: ../secret.png Outside]\n", 1)
	dir := t.TempDir()
	photo := pngOf(t, 200, 150, 9)
	if err := os.WriteFile(filepath.Join(dir, "lunch.png"), photo, 0o644); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(filepath.Dir(dir), "secret.png"), photo, 0o644)
	path := filepath.Join(dir, "stmarys-2024-spring.txt")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	plain, err := source.ParseFile(context.Background(), "testdata/stmarys-2024-spring.txt", source.Options{})
	if err != nil {
		t.Fatal(err)
	}
	iss, err := source.ParseFile(context.Background(), path, source.Options{Pictures: true})
	if err != nil {
		t.Fatal(err)
	}
	a := iss.Articles[0]
	if got, want := a.Text(), plain.Articles[0].Text(); got != want {
		t.Errorf("the picture lines changed the text:\n%s\nwant\n%s", got, want)
	}
	if len(a.Pictures) != 3 {
		t.Fatalf("%d pictures, want 3: %+v", len(a.Pictures), a.Pictures)
	}
	p := a.Pictures[0]
	if p.File != "lunch.png" || p.Caption != "The Tuesday lunch club in the hall" || p.After != 1 || !bytes.Equal(p.Data, photo) {
		t.Errorf("first picture: %s %q after %d, %d bytes", p.File, p.Caption, p.After, len(p.Data))
	}
	if q := a.Pictures[1]; q.File != "missing.jpg" || q.Caption != "不在" || q.After != 2 || q.Data != nil {
		t.Errorf("second picture: %s %q after %d, %d bytes", q.File, q.Caption, q.After, len(q.Data))
	}
	if r := a.Pictures[2]; r.File != "../secret.png" || r.Data != nil {
		t.Errorf("a file outside the issue's folder was read: %s, %d bytes", r.File, len(r.Data))
	}
}
