package store_test

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/media"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// picture is a prepared picture of a w×h image of colour seed.
func picture(t testing.TB, seed uint8, caption string, after int) bulletinfeed.Picture {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 200))
	for y := range 200 {
		for x := range 320 {
			img.Set(x, y, color.RGBA{seed, uint8(x), uint8(y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	iss := &bulletinfeed.Issue{Articles: []*bulletinfeed.Article{{Pictures: []bulletinfeed.Picture{{Data: b.Bytes(), Caption: caption, After: after}}}}}
	media.Prepare(iss, media.Limits{}, nil)
	return iss.Articles[0].Pictures[0]
}

func mustMedia(t *testing.T, db *store.DB, hash string, thumb bool, want bulletinfeed.Kind) *bulletinfeed.Media {
	t.Helper()
	m, err := db.Media(context.Background(), hash, thumb)
	switch {
	case want == "" && err != nil:
		t.Fatalf("Media(%.8s, thumb %v) = %v", hash, thumb, err)
	case want != "" && bulletinfeed.KindOf(err) != want:
		t.Fatalf("Media(%.8s, thumb %v) = %v, want %s", hash, thumb, err, want)
	}
	return m
}

// TestPictures: an article's pictures are stored with it and read back
// (caption, place, sizes), their images by hash; a revision that keeps a
// picture keeps its hash and so its URL, one it drops answers Gone, as
// do the pictures of a deleted issue; a hash never stored is NotFound.
func TestPictures(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		db := mustOpen(t, dsn, newClock())
		bench, pond := picture(t, 1, "新长椅", 1), picture(t, 2, "池塘 摄影：王芳", 0)
		a := article("要闻", "新长椅落成", para("一"), para("二"))
		a.Pictures = []bulletinfeed.Picture{pond, bench}
		stored := mustIngest(t, db, issue("2023-04", day("2023-04-20"), a)).Issue
		got, err := db.Article(ctx, stored.Articles[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got.Pictures) != 2 {
			t.Fatalf("%d pictures read back, want 2", len(got.Pictures))
		}
		for i, want := range []bulletinfeed.Picture{pond, bench} {
			g := got.Pictures[i]
			want.Data, want.Thumb = nil, nil
			if g.Hash != want.Hash || g.Caption != want.Caption || g.After != want.After || g.Width != want.Width ||
				g.Height != want.Height || g.Size != want.Size || g.ThumbWidth != want.ThumbWidth || g.Type != "image/jpeg" {
				t.Errorf("picture %d: got %+v, want %+v", i, g, want)
			}
		}
		if m := mustMedia(t, db, bench.Hash, false, ""); !bytes.Equal(m.Data, bench.Data) || m.Type != "image/jpeg" {
			t.Errorf("web image: %d bytes of %s, want the %d stored", len(m.Data), m.Type, len(bench.Data))
		}
		if m := mustMedia(t, db, bench.Hash, true, ""); !bytes.Equal(m.Data, bench.Thumb) {
			t.Errorf("thumbnail: %d bytes, want %d", len(m.Data), len(bench.Thumb))
		}

		// A revision keeps the bench, with a new caption, and drops the
		// pond.
		rev := article("要闻", "新长椅落成", para("一"), para("二改"))
		bench2 := bench
		bench2.Caption = "新长椅，改"
		rev.Pictures = []bulletinfeed.Picture{bench2}
		revIss := issue("2023-04", day("2023-04-20"), rev)
		revIss.ContentHash = "revised"
		res := mustIngest(t, db, revIss)
		if res.Status != store.Revised || res.Issue.Articles[0].ID != stored.Articles[0].ID {
			t.Fatalf("revision: %s, article %s, want revised %s", res.Status, res.Issue.Articles[0].ID, stored.Articles[0].ID)
		}
		if got, _ := db.Article(ctx, stored.Articles[0].ID); len(got.Pictures) != 1 || got.Pictures[0].Hash != bench.Hash || got.Pictures[0].Caption != "新长椅，改" {
			t.Errorf("revised pictures %+v", got.Pictures)
		}
		mustMedia(t, db, bench.Hash, false, "")
		mustMedia(t, db, pond.Hash, false, bulletinfeed.Gone)

		if _, err := db.DeleteIssue(ctx, pubID, "2023-04"); err != nil {
			t.Fatal(err)
		}
		mustMedia(t, db, bench.Hash, false, bulletinfeed.Gone)
		mustMedia(t, db, bench.Hash, true, bulletinfeed.Gone)
		mustMedia(t, db, "0000000000000000000000000000000000000000000000000000000000000000", false, bulletinfeed.NotFound)
	})
}

// TestPicturesChangeArticle: a revision whose only change is a picture
// changes the article (its Updated time), so that feeds show it again.
func TestPicturesChangeArticle(t *testing.T) {
	forEachBackend(t, func(t *testing.T, dsn string) {
		c := newClock()
		db := mustOpen(t, dsn, c)
		a := article("要闻", "新长椅落成", para("一"))
		mustIngest(t, db, issue("2023-04", day("2023-04-20"), a))
		c.Advance(3600e9)
		b := article("要闻", "新长椅落成", para("一"))
		b.Pictures = []bulletinfeed.Picture{picture(t, 3, "", 1)}
		rev := issue("2023-04", day("2023-04-20"), b)
		rev.ContentHash = "with a picture"
		if res := mustIngest(t, db, rev); res.Changed != 1 {
			t.Errorf("a picture added changed %d articles, want 1", res.Changed)
		}
	})
}
