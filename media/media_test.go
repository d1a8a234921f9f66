package media_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash/crc32"
	"image"
	"image/png"
	"log/slog"
	"runtime"
	"strings"
	"testing"

	"github.com/bulletinfeed/bulletinfeed"
	"github.com/bulletinfeed/bulletinfeed/media"
)

// photo is a PNG of w×h pixels with a gradient, as a photo has colours.
func photo(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		row := img.Pix[y*img.Stride:]
		for x := range w {
			copy(row[4*x:], []byte{uint8(x), uint8(y), uint8(x + y), 255})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestEncode(t *testing.T) {
	cases := []struct {
		name                    string
		w, h                    int
		webW, webH, thumbW, thH int
	}{
		{"large landscape", 2400, 1600, 1600, 1066, 400, 266},
		{"portrait", 900, 1800, 800, 1600, 200, 400},
		{"small kept at its size", 300, 200, 300, 200, 300, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			src := photo(t, tc.w, tc.h)
			img, err := media.Encode(src, media.DefaultMaxPixels)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range []struct {
				name string
				b    []byte
				w, h int
			}{{"web", img.Web, tc.webW, tc.webH}, {"thumb", img.Thumb, tc.thumbW, tc.thH}} {
				cfg, format, err := image.DecodeConfig(bytes.NewReader(c.b))
				if err != nil || format != "jpeg" || cfg.Width != c.w || cfg.Height != c.h {
					t.Errorf("%s: %s %dx%d (%v), want jpeg %dx%d", c.name, format, cfg.Width, cfg.Height, err, c.w, c.h)
				}
			}
			if img.Width != tc.webW || img.Height != tc.webH || img.ThumbWidth != tc.thumbW || img.ThumbHeight != tc.thH {
				t.Errorf("sizes %+v", img)
			}
			sum := sha256.Sum256(img.Web)
			if img.Hash != hex.EncodeToString(sum[:]) {
				t.Errorf("hash %s is not the SHA-256 of the web bytes", img.Hash)
			}
			// The same picture again gives the same bytes: a revision
			// keeps its URL.
			again, err := media.Encode(src, media.DefaultMaxPixels)
			if err != nil || again.Hash != img.Hash {
				t.Errorf("second encode: %v, hash %s, want %s", err, again.Hash, img.Hash)
			}
		})
	}
}

// bombPNG is a PNG whose header claims w×h pixels, with one tiny IDAT:
// a decoder that trusted the header would allocate w×h×4 bytes.
func bombPNG(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8 bits, RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

// TestBombRefused: a 60-megapixel PNG is refused from its header, with
// next to no memory (decoding it would take 240 MB).
func TestBombRefused(t *testing.T) {
	bomb := bombPNG(10000, 6000)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := media.Encode(bomb, media.DefaultMaxPixels)
	runtime.ReadMemStats(&after)
	if bulletinfeed.KindOf(err) != bulletinfeed.Invalid || !strings.Contains(err.Error(), "10000×6000") {
		t.Fatalf("got %v, want the 40-megapixel limit", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 1<<20 {
		t.Errorf("refusing it allocated %d bytes: it was decoded", alloc)
	}
}

// TestPrepare: a bad image and one over a limit are dropped, the rest
// kept in order, and the issue is never failed.
func TestPrepare(t *testing.T) {
	good := photo(t, 640, 480)
	other := photo(t, 500, 500)
	iss := &bulletinfeed.Issue{Key: "2024-05", Articles: []*bulletinfeed.Article{
		{Title: "One", Pictures: []bulletinfeed.Picture{
			{Data: []byte("not an image"), Caption: "broken"},
			{Data: good, Caption: "first"},
			{Data: bombPNG(10000, 6000), Caption: "bomb"},
		}},
		{Title: "Two", Pictures: []bulletinfeed.Picture{
			{Data: other, Caption: "second"},
			{Data: good, Caption: "third"},
		}},
	}}
	var logged bytes.Buffer
	media.Prepare(iss, media.Limits{MaxPictures: 2}, slog.New(slog.NewTextHandler(&logged, nil)))
	// One warning each: the broken file, the bomb, the third picture
	// over the limit of two.
	if n := strings.Count(logged.String(), "level=WARN"); n != 3 {
		t.Errorf("%d warnings, want 3:\n%s", n, logged.String())
	}
	var got []string
	for _, a := range iss.Articles {
		for _, p := range a.Pictures {
			got = append(got, a.Title+":"+p.Caption)
			if p.Hash == "" || p.Type != "image/jpeg" || p.Size != len(p.Data) || len(p.Thumb) == 0 || p.Width == 0 {
				t.Errorf("%s not prepared: %+v", p.Caption, p)
			}
		}
	}
	if want := "One:first Two:second"; strings.Join(got, " ") != want {
		t.Errorf("kept %q, want %q", got, want)
	}
}

// TestPrepareByteLimit: past MaxBytes of stored images the rest are
// dropped.
func TestPrepareByteLimit(t *testing.T) {
	img, err := media.Encode(photo(t, 640, 480), media.DefaultMaxPixels)
	if err != nil {
		t.Fatal(err)
	}
	one := int64(len(img.Web) + len(img.Thumb))
	iss := &bulletinfeed.Issue{Articles: []*bulletinfeed.Article{{Pictures: []bulletinfeed.Picture{
		{Data: photo(t, 640, 480), Caption: "a"}, {Data: photo(t, 640, 480), Caption: "b"},
	}}}}
	media.Prepare(iss, media.Limits{MaxBytes: one + one/2}, nil)
	if n := len(iss.Articles[0].Pictures); n != 1 {
		t.Errorf("%d pictures kept under a limit of one and a half, want 1", n)
	}
}

func BenchmarkEncode(b *testing.B) {
	src := photo(b, 2400, 1600)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		if _, err := media.Encode(src, media.DefaultMaxPixels); err != nil {
			b.Fatal(err)
		}
	}
}
