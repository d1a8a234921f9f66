package worker_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/worker"
)

// TestInboxTextIssuePicture: a text issue dropped into an inbox with the
// picture it names is published with the picture; the picture file is
// never taken for an issue and stays in the inbox.
func TestInboxTextIssuePicture(t *testing.T) {
	ctx := context.Background()
	db := openStore(t)
	in, c, _ := newInbox(t, db)
	in.Options = func(context.Context) (source.Options, error) {
		return source.Options{Banners: []string{"Parish News"}, Pictures: true}, nil
	}
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 320, 240))); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(in.Dir, "fair.png"), b.String())
	write(t, filepath.Join(in.Dir, "summer.txt"), strings.Replace(goodIssue, "roof appeal.\n", "roof appeal.\n\n[Photo: fair.png The fair on the green]\n", 1))
	pass(t, in)
	c.advance(2 * time.Second)
	if res := pass(t, in); res != (worker.PassResult{Published: 1}) {
		t.Fatalf("pass: %+v", res)
	}
	iss, err := db.Issue(ctx, "parish", "summer")
	if err != nil {
		t.Fatal(err)
	}
	if ps := iss.Articles[0].Pictures; len(ps) != 1 || ps[0].Hash == "" || ps[0].Caption != "The fair on the green" || ps[0].Width != 320 {
		t.Errorf("pictures %+v", ps)
	}
	if _, err := os.Stat(filepath.Join(in.Dir, "fair.png")); err != nil {
		t.Errorf("the picture left the inbox: %v", err)
	}
}
