package feed_test

import (
	"bytes"
	"context"
	"image"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/feed"
	"github.com/bulletinfeed/bulletinfeed/media"
	"github.com/bulletinfeed/bulletinfeed/source"
	"github.com/bulletinfeed/bulletinfeed/store"
)

// clubPDF is a real bulletin with captioned photographs (see
// source.TestRealPictures).
const clubPDF = "../../shared/testdata/real/club-bnsistercities-2014.pdf"

// ingestClub stores the club's issue with its pictures, as ingest does.
func ingestClub(tb testing.TB, db *store.DB) *bulletinfeed.Issue {
	tb.Helper()
	ctx := context.Background()
	pub := &bulletinfeed.Publication{ID: "club", Title: "Sister Cities", Lang: "en", TimeZone: "UTC"}
	if err := db.PutPublication(ctx, pub); err != nil {
		tb.Fatal(err)
	}
	iss, err := source.ParseFile(ctx, clubPDF, source.Options{DateOnArrival: true, Pictures: true})
	if err != nil {
		tb.Skipf("no poppler or no corpus: %v", err)
	}
	media.Prepare(iss, media.Limits{}, nil)
	iss.Date = time.Date(2014, 2, 1, 0, 0, 0, 0, time.UTC)
	res, err := db.Ingest(ctx, pub.ID, iss)
	if err != nil {
		tb.Fatal(err)
	}
	return res.Issue
}

func clubServer(t testing.TB) (*feed.Handler, *store.DB, *bulletinfeed.Issue) {
	t.Helper()
	db, err := store.Open(context.Background(), t.TempDir()+"/club.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	iss := ingestClub(t, db)
	srv := feed.NewHandler(db, feed.Config{PublicationID: "club", BaseURL: "https://club.example.org"})
	if err := srv.Refresh(context.Background()); err != nil {
		t.Fatal(err)
	}
	return srv, db, iss
}

// pictured returns the first article with a captioned picture.
func pictured(t testing.TB, iss *bulletinfeed.Issue) (*bulletinfeed.Article, bulletinfeed.Picture) {
	t.Helper()
	for _, a := range iss.Articles {
		if len(a.Pictures) > 0 && a.Pictures[0].Caption != "" {
			return a, a.Pictures[0]
		}
	}
	t.Fatal("no article with a captioned picture")
	return nil, bulletinfeed.Picture{}
}

// TestPicturesInPagesAndFeeds: an article's picture is a figure in its
// place on its page and in the feeds' content, the page's og:image, and
// each feed's enclosure, as gofeed reads them: RSS enclosure and Media
// RSS, Atom link rel="enclosure", JSON Feed image and attachments.
func TestPicturesInPagesAndFeeds(t *testing.T) {
	srv, _, iss := clubServer(t)
	a, p := pictured(t, iss)
	img := "https://club.example.org/media/" + p.Hash + ".jpg"
	thumb := "https://club.example.org/media/" + p.Hash + ".thumb.jpg"

	page := serve(srv, "GET", "/articles/"+a.ID).Body.String()
	figure := `<figure><img src="/media/` + p.Hash + `.jpg" width="` + strconv.Itoa(p.Width) + `" height="` + strconv.Itoa(p.Height) + `" loading="lazy" alt="` + p.Caption + `"><figcaption>` + p.Caption + `</figcaption></figure>`
	if !strings.Contains(page, figure) {
		t.Errorf("article page has no %s", figure)
	}
	// In print the picture stood after paragraph p.After.
	if k := p.After; k > 0 {
		para := "<p>" + strings.ReplaceAll(a.Blocks[k-1].Text, "'", "&#39;") + "</p>\n" + figure
		if !strings.Contains(page, para) {
			t.Errorf("the figure is not after paragraph %d", k)
		}
	}
	if !strings.Contains(page, `<meta property="og:image" content="`+img+`">`) {
		t.Errorf("no og:image %s", img)
	}
	if index := serve(srv, "GET", "/").Body.String(); !strings.Contains(index, `<li><img class="thumb" src="/media/`+p.Hash+`.thumb.jpg" width="`+strconv.Itoa(p.ThumbWidth)+`"`) {
		t.Errorf("the index shows no thumbnail of the article")
	}

	parse := func(path string) *gofeed.Item {
		t.Helper()
		rec := serve(srv, "GET", path)
		f, err := gofeed.NewParser().Parse(bytes.NewReader(rec.Body.Bytes()))
		if err != nil {
			t.Fatalf("gofeed %s: %v", path, err)
		}
		for _, it := range f.Items {
			if strings.HasSuffix(it.Link, "/articles/"+a.ID) {
				return it
			}
		}
		t.Fatalf("%s: no item of %s", path, a.ID)
		return nil
	}
	for _, path := range []string{"/feeds/all.rss", "/feeds/all.atom", "/feeds/all.json"} {
		it := parse(path)
		if !strings.Contains(it.Content, `<figure><img src="`+img+`"`) || !strings.Contains(it.Content, "<figcaption>"+p.Caption+"</figcaption>") {
			t.Errorf("%s: content has no absolute figure:\n%.400s", path, it.Content)
		}
		// Atom has no image of an entry: its enclosure link is it.
		if path != "/feeds/all.atom" && (it.Image == nil || it.Image.URL != img) {
			t.Errorf("%s: image %+v, want %s", path, it.Image, img)
		}
		if path == "/feeds/all.json" {
			if len(it.Enclosures) != len(a.Pictures) {
				t.Errorf("%s: %d attachments, want %d", path, len(it.Enclosures), len(a.Pictures))
			}
		} else if len(it.Enclosures) != 1 {
			t.Errorf("%s: %d enclosures, want the first picture", path, len(it.Enclosures))
		}
		if len(it.Enclosures) > 0 {
			e := it.Enclosures[0]
			if e.URL != img || e.Type != "image/jpeg" || e.Length != strconv.Itoa(p.Size) {
				t.Errorf("%s: enclosure %+v, want %s image/jpeg %d", path, e, img, p.Size)
			}
		}
		if path == "/feeds/all.rss" {
			m := it.Extensions["media"]
			if c := m["content"]; len(c) != len(a.Pictures) || c[0].Attrs["url"] != img || c[0].Attrs["medium"] != "image" || c[0].Attrs["width"] != strconv.Itoa(p.Width) {
				t.Errorf("media:content %+v", c)
			}
			if th := m["thumbnail"]; len(th) != 1 || th[0].Attrs["url"] != thumb {
				t.Errorf("media:thumbnail %+v, want %s", th, thumb)
			}
		}
	}
}

// TestMediaServed: a picture and its thumbnail are served as JPEG,
// immutable, with an ETag and 304 for it; a revision that keeps the
// picture keeps its URL, a deleted issue's pictures answer 410, and a
// name that is no hash, or a hash never stored, 404.
func TestMediaServed(t *testing.T) {
	srv, db, iss := clubServer(t)
	_, p := pictured(t, iss)
	for _, c := range []struct {
		path string
		w    int
		body []byte
	}{{"/media/" + p.Hash + ".jpg", p.Width, nil}, {"/media/" + p.Hash + ".thumb.jpg", p.ThumbWidth, nil}} {
		rec := serve(srv, "GET", c.path)
		h := rec.Header()
		if rec.Code != 200 || h.Get("Content-Type") != "image/jpeg" || h.Get("Cache-Control") != "public, max-age=31536000, immutable" ||
			h.Get("X-Content-Type-Options") != "nosniff" || h.Get("ETag") == "" || h.Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
			t.Errorf("GET %s: %d %v", c.path, rec.Code, h)
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader(rec.Body.Bytes()))
		if err != nil || cfg.Width != c.w {
			t.Errorf("GET %s: %d pixels wide (%v), want %d", c.path, cfg.Width, err, c.w)
		}
		if again := serve(srv, "GET", c.path, "If-None-Match", h.Get("ETag")); again.Code != http.StatusNotModified || again.Body.Len() != 0 {
			t.Errorf("revalidating %s: %d with %d bytes, want 304", c.path, again.Code, again.Body.Len())
		}
	}
	for _, path := range []string{"/media/" + strings.Repeat("0", 64) + ".jpg", "/media/x.jpg", "/media/" + strings.ToUpper(p.Hash) + ".jpg"} {
		if rec := serve(srv, "GET", path); rec.Code != 404 {
			t.Errorf("GET %s: %d, want 404", path, rec.Code)
		}
	}

	// The same file again, revised on purpose: the picture keeps its URL.
	ctx := context.Background()
	again, err := source.ParseFile(ctx, clubPDF, source.Options{DateOnArrival: true, Pictures: true})
	if err != nil {
		t.Fatal(err)
	}
	media.Prepare(again, media.Limits{}, nil)
	again.Date = iss.Date
	res, err := db.IngestWith(ctx, "club", again, store.IngestOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if _, q := pictured(t, res.Issue); q.Hash != p.Hash {
		t.Errorf("revision: picture %s, want %s", q.Hash, p.Hash)
	}

	if _, err := db.DeleteIssue(ctx, "club", iss.Key); err != nil {
		t.Fatal(err)
	}
	if err := srv.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/media/" + p.Hash + ".jpg", "/media/" + p.Hash + ".thumb.jpg"} {
		if rec := serve(srv, "GET", path, "If-None-Match", `"`+p.Hash+`"`); rec.Code != http.StatusGone {
			t.Errorf("GET %s after the issue was deleted: %d, want 410", path, rec.Code)
		}
	}
}

// TestBuildWritesMedia: a static build writes every picture and its
// thumbnail at its URL's path, and the next build leaves them as they
// are (read from the store once); once no article shows them they go.
func TestBuildWritesMedia(t *testing.T) {
	srv, db, iss := clubServer(t)
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := srv.Site().WriteDir(ctx, dir); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, a := range iss.Articles {
		for _, p := range a.Pictures {
			files = append(files, "media/"+p.Hash+".jpg", "media/"+p.Hash+".thumb.jpg")
			b, err := os.ReadFile(filepath.Join(dir, "media", p.Hash+".jpg"))
			if err != nil || !bytes.Equal(b, p.Data) {
				t.Errorf("%s.jpg: %d bytes (%v), want the %d stored", p.Hash, len(b), err, len(p.Data))
			}
		}
	}
	if len(files) == 0 {
		t.Fatal("no pictures")
	}
	stamp := time.Unix(1, 0)
	for _, f := range files {
		os.Chtimes(filepath.Join(dir, f), stamp, stamp)
	}
	res, err := srv.Site().WriteDir(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 {
		t.Errorf("a second build wrote %d files, want none", res.Written)
	}
	for _, f := range files {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || !fi.ModTime().Equal(stamp) {
			t.Errorf("%s was written again", f)
		}
	}
	if _, err := db.DeleteIssue(ctx, "club", iss.Key); err != nil {
		t.Fatal(err)
	}
	if err := srv.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.Site().WriteDirWith(ctx, dir, feed.WriteOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("%s is still there after its issue was deleted", f)
		}
	}
}

// BenchmarkMedia serves a picture, then revalidates it (304) and the
// all-sections feed (304) for comparison: a revalidated picture costs what
// a feed's does, without a read of the store.
func BenchmarkMedia(b *testing.B) {
	srv, _, iss := clubServer(b)
	_, p := pictured(b, iss)
	feedETag := serve(srv, "GET", "/feeds/all.atom").Header().Get("ETag")
	for _, c := range []struct{ name, path, inm string }{
		{"picture-200", "/media/" + p.Hash + ".jpg", ""},
		{"picture-304", "/media/" + p.Hash + ".jpg", `"` + p.Hash + `"`},
		{"feed-304", "/feeds/all.atom", feedETag},
	} {
		b.Run(c.name, func(b *testing.B) {
			req := httptest.NewRequest(http.MethodGet, c.path, nil)
			if c.inm != "" {
				req.Header.Set("If-None-Match", c.inm)
			}
			srv.ServeHTTP(httptest.NewRecorder(), req) // the first read remembers the picture
			w := &statusWriter{h: http.Header{}}
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				srv.ServeHTTP(w, req)
				if want := map[bool]int{true: 304, false: 200}[c.inm != ""]; w.status != want {
					b.Fatalf("status %d, want %d", w.status, want)
				}
			}
		})
	}
}
