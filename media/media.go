package media

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // decoded if a source gives one; stored as JPEG
	"image/jpeg"
	_ "image/png"
	"log/slog"

	"golang.org/x/image/draw"

	"github.com/bulletinfeed/bulletinfeed"
)

// Sizes and quality of the stored images. A reader shows an article's
// picture at most a column wide, 800 CSS pixels at twice the density;
// a list shows a thumbnail. Quality 82 is where JPEG artefacts stop
// showing in photographs and the bytes still fall fast.
const (
	WebSide   = 1600
	ThumbSide = 400
	Quality   = 82
)

// Limits on the pictures of one issue, when Limits leaves them 0. A
// bulletin prints a few dozen photographs at most; 40 megapixels is a
// very large camera's frame, 160 MB of memory once decoded.
const (
	DefaultMaxPictures = 50
	DefaultMaxBytes    = 20 << 20 // stored bytes, web images and thumbnails
	DefaultMaxPixels   = 40_000_000
)

// Limits bound what Prepare keeps of one issue.
type Limits struct {
	// MaxPictures is the most pictures kept; 0 means DefaultMaxPictures.
	MaxPictures int
	// MaxBytes is the most bytes of stored images; 0 means
	// DefaultMaxBytes.
	MaxBytes int64
	// MaxPixels is the most pixels of one image, read from its header
	// before it is decoded; 0 means DefaultMaxPixels.
	MaxPixels int
}

func (l Limits) withDefaults() Limits {
	if l.MaxPictures <= 0 {
		l.MaxPictures = DefaultMaxPictures
	}
	if l.MaxBytes <= 0 {
		l.MaxBytes = DefaultMaxBytes
	}
	if l.MaxPixels <= 0 {
		l.MaxPixels = DefaultMaxPixels
	}
	return l
}

// Prepare turns the pictures of iss, their Data as the source gave it,
// into stored images: Data becomes the web-size JPEG and Thumb the
// thumbnail, with Hash, Type, sizes filled in. A picture that cannot be
// read, or is over a limit, is dropped with a warning on log (nil: none);
// it never fails the issue. Pictures already prepared (Hash set) are left
// as they are.
func Prepare(iss *bulletinfeed.Issue, lim Limits, log *slog.Logger) {
	lim = lim.withDefaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	n, total := 0, int64(0)
	for _, a := range iss.Articles {
		kept := a.Pictures[:0]
		for _, p := range a.Pictures {
			if p.Hash == "" {
				if n >= lim.MaxPictures {
					log.Warn("picture skipped: too many in the issue", "issue", iss.Key, "article", a.Title, "page", p.Page, "limit", lim.MaxPictures)
					continue
				}
				if len(p.Data) == 0 {
					log.Warn("picture skipped: its file was not found beside the issue", "issue", iss.Key, "article", a.Title, "file", p.File)
					continue
				}
				img, err := Encode(p.Data, lim.MaxPixels)
				if err != nil {
					log.Warn("picture skipped", "issue", iss.Key, "article", a.Title, "page", p.Page, "err", err)
					continue
				}
				size := int64(len(img.Web) + len(img.Thumb))
				if total+size > lim.MaxBytes {
					log.Warn("picture skipped: the issue's pictures are over the size limit", "issue", iss.Key, "article", a.Title, "page", p.Page, "limit", lim.MaxBytes)
					continue
				}
				total += size
				p.Hash, p.Type, p.Data, p.Thumb = img.Hash, "image/jpeg", img.Web, img.Thumb
				p.Width, p.Height, p.Size = img.Width, img.Height, len(img.Web)
				p.ThumbWidth, p.ThumbHeight = img.ThumbWidth, img.ThumbHeight
			}
			n++
			kept = append(kept, p)
		}
		a.Pictures = kept
		if len(a.Pictures) == 0 {
			a.Pictures = nil
		}
	}
}

// Image is one picture made ready for the web.
type Image struct {
	Hash                    string // hex SHA-256 of Web
	Web, Thumb              []byte // JPEG
	Width, Height           int
	ThumbWidth, ThumbHeight int
}

// Encode decodes one image (JPEG, PNG or GIF) and encodes its web size
// and its thumbnail. An image of more than maxPixels pixels is refused
// from its header alone, before anything is decoded: a small file may
// claim a huge image (a decompression bomb). Its error has kind Invalid.
func Encode(data []byte, maxPixels int) (*Image, error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "unreadable image: %v", err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || int64(cfg.Width)*int64(cfg.Height) > int64(maxPixels) {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "%s image of %d×%d pixels is over the limit of %d megapixels", format, cfg.Width, cfg.Height, maxPixels/1_000_000)
	}
	src, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, bulletinfeed.Errorf(bulletinfeed.Invalid, "unreadable %s image: %v", format, err)
	}
	web, webImg, err := scaled(src, WebSide, draw.CatmullRom)
	if err != nil {
		return nil, err
	}
	// The thumbnail is made from the web image (a sixteenth of the
	// pixels of a large original to filter) with the bilinear kernel,
	// a third of Catmull-Rom's work: at 400 px the difference does not
	// show, and it was a third of the time of preparing a picture.
	thumb, thumbImg, err := scaled(webImg, ThumbSide, draw.BiLinear)
	if err != nil {
		return nil, err
	}
	sum := sha256.Sum256(web)
	return &Image{Hash: hex.EncodeToString(sum[:]), Web: web, Thumb: thumb,
		Width: webImg.Bounds().Dx(), Height: webImg.Bounds().Dy(), ThumbWidth: thumbImg.Bounds().Dx(), ThumbHeight: thumbImg.Bounds().Dy()}, nil
}

// scaled encodes src as JPEG with its longest side at most side pixels,
// scaled down with kernel, and returns the image encoded. A source that may be transparent is
// drawn on white: JPEG has none, and a transparent PNG's hidden colours
// would show. An opaque one (every JPEG) is drawn as it is, which takes
// the scaler's fast path.
func scaled(src image.Image, side int, kernel *draw.Kernel) ([]byte, *image.RGBA, error) {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if long := max(w, h); long > side {
		w, h = max(1, w*side/long), max(1, h*side/long)
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	op := draw.Src
	if o, ok := src.(interface{ Opaque() bool }); !ok || !o.Opaque() {
		draw.Draw(dst, dst.Bounds(), image.NewUniform(color.White), image.Point{}, draw.Src)
		op = draw.Over
	}
	if w == b.Dx() && h == b.Dy() {
		draw.Draw(dst, dst.Bounds(), src, b.Min, op)
	} else {
		kernel.Scale(dst, dst.Bounds(), src, b, op, nil)
	}
	var out bytes.Buffer
	if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: Quality}); err != nil {
		return nil, nil, fmt.Errorf("encode jpeg: %w", err)
	}
	return out.Bytes(), dst, nil
}
