package feed_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

// TestDefaultIcon: a publication without a configured icon gets an SVG
// of its title's first character, served at its icon.svg, written by a
// build, and declared by every page and by its Atom and JSON feeds; RSS,
// whose image must be GIF, JPEG or PNG, has none.
func TestDefaultIcon(t *testing.T) {
	_, st := newMultiStore()
	cfg := multiConfig()
	srv := feed.NewHandler(st, cfg)
	if err := srv.Refresh(t.Context()); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for _, tc := range []struct{ prefix, char string }{{"", "河"}, {"/river", "R"}, {"/quiet", "Q"}} {
		resp, body := do(t, "GET", ts.URL+tc.prefix+"/icon.svg")
		if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "image/svg+xml" {
			t.Fatalf("%s/icon.svg: %d %s", tc.prefix, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if !bytes.HasPrefix(body, []byte("<svg ")) || !bytes.Contains(body, []byte(">"+tc.char+"</text>")) {
			t.Errorf("%s/icon.svg is not an SVG of %q:\n%s", tc.prefix, tc.char, body)
		}
		if resp, _ := do(t, "GET", ts.URL+tc.prefix+"/icon.png"); resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s/icon.png: %d, want 404 (the icon is an SVG)", tc.prefix, resp.StatusCode)
		}
	}
	site := srv.Site()
	link := `<link rel="icon" type="image/svg+xml" href="/icon.svg">`
	for _, p := range []string{"/", "/sections/yaowen", "/articles/c9d0e1f2", "/issues/2023-04", "/issues/page/1"} {
		if !strings.Contains(string(mustBody(t, site, p)), link) {
			t.Errorf("%s lacks %s", p, link)
		}
	}
	if !strings.Contains(string(mustBody(t, site, "/river/")), `<link rel="icon" type="image/svg+xml" href="/river/icon.svg">`) {
		t.Error("/river/ does not declare its own icon")
	}
	icon := baseURL + "/icon.svg"
	atom := parseFeed(t, site, "/feeds/all.atom")
	if atom.Image == nil || atom.Image.URL != icon {
		t.Errorf("Atom image %+v, want %s", atom.Image, icon)
	}
	a := string(mustBody(t, site, "/feeds/yaowen.atom"))
	if !strings.Contains(a, "<icon>"+icon+"</icon>") || !strings.Contains(a, "<logo>"+icon+"</logo>") {
		t.Error("Atom feed lacks icon or logo")
	}
	j := string(mustBody(t, site, "/feeds/all.json"))
	if !strings.Contains(j, `"icon": "`+icon+`"`) || !strings.Contains(j, `"favicon": "`+icon+`"`) {
		t.Errorf("JSON Feed lacks icon or favicon:\n%s", j[:400])
	}
	if strings.Contains(string(mustBody(t, site, "/feeds/all.rss")), "<image>") {
		t.Error("RSS declares an SVG as its image, which RSS 2.0 does not allow")
	}

	dir := t.TempDir()
	mustWrite(t, site, dir)
	for _, f := range []string{"icon.svg", "river/icon.svg", "quiet/icon.svg"} {
		b, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || !bytes.HasPrefix(b, []byte("<svg ")) {
			t.Errorf("build did not write %s: %v", f, err)
		}
	}
}

// TestConfiguredIcon: a configured PNG icon is served at icon.png and is
// the RSS channel's image besides the Atom and JSON icons.
func TestConfiguredIcon(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 32, 32))
	img.Set(1, 1, color.RGBA{R: 200, A: 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	_, st := newFixtureStore()
	cfg := testConfig()
	cfg.Icons = map[string]feed.Icon{"hexi": {Type: "image/png", Body: b.Bytes()}}
	site := mustRender(t, st, cfg)
	if got := mustBody(t, site, "/icon.png"); !bytes.Equal(got, b.Bytes()) {
		t.Error("/icon.png is not the configured icon")
	}
	if _, err := site.Page(t.Context(), "/icon.svg"); err == nil {
		t.Error("/icon.svg is served beside the configured PNG")
	}
	if !strings.Contains(string(mustBody(t, site, "/")), `<link rel="icon" type="image/png" href="/icon.png">`) {
		t.Error("the index does not declare the PNG icon")
	}
	icon := baseURL + "/icon.png"
	rss := parseFeed(t, site, "/feeds/all.rss")
	if rss.Image == nil || rss.Image.URL != icon || rss.Image.Title != "河西报道" {
		t.Errorf("RSS image %+v, want %s titled 河西报道", rss.Image, icon)
	}
	if j := parseFeed(t, site, "/feeds/all.json"); j.Image == nil || j.Image.URL != icon {
		t.Errorf("JSON Feed image %+v, want %s", j.Image, icon)
	}
}
