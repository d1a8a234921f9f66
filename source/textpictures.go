package source

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bulletinfeed/bulletinfeed"
)

// pictureRef matches a text issue's line that names a picture file beside
// the issue and gives its caption: [图: photo.jpg 说明文字], [Photo:
// file.jpg Caption], full-width brackets and colon too.
var pictureRef = regexp.MustCompile(`^[\[［](?i:图|图片|照片|photo|picture)\s*[:：]\s*([^\s\]］]+\.(?i:jpe?g|png|gif))\s*(.*?)\s*[\]］]$`)

// maxPictureFile is the largest picture file a text issue may name: a
// camera's JPEG, with room.
const maxPictureFile = 32 << 20

// textPicture is a picture line of a text issue.
type textPicture struct {
	num           int // its line number
	file, caption string
}

// takePictureLines removes the picture lines from lines and returns them.
func takePictureLines(lines []line) ([]line, []textPicture) {
	var pics []textPicture
	kept := lines[:0:0]
	for _, l := range lines {
		if m := pictureRef.FindStringSubmatch(strings.TrimSpace(l.text)); m != nil {
			pics = append(pics, textPicture{num: l.num, file: m[1], caption: m[2]})
			continue
		}
		kept = append(kept, l)
	}
	if pics == nil {
		return lines, nil
	}
	return kept, pics
}

// placeTextPictures gives each picture line to the article it stands in
// (the last one starting before it), after the blocks before it.
func placeTextPictures(articles []*bulletinfeed.Article, places []placement, pics []textPicture) {
	for _, p := range pics {
		k := 0
		for i, pl := range places {
			if pl.line <= p.num {
				k = i
			}
		}
		if k >= len(articles) {
			continue
		}
		after := 0
		for _, b := range places[k].blocks {
			if b < p.num {
				after++
			}
		}
		a := articles[k]
		a.Pictures = append(a.Pictures, bulletinfeed.Picture{File: p.file, Caption: p.caption, After: min(after, len(a.Blocks))})
	}
}

// readPictureFiles reads the files that the pictures of a text issue name
// from dir, the issue's folder, through an os.Root: a name cannot reach
// outside it. A file that is missing or too large is left unread, and the
// picture is then dropped with a warning where pictures are prepared.
func readPictureFiles(iss *bulletinfeed.Issue, dir string) {
	var root *os.Root
	for _, a := range iss.Articles {
		for i := range a.Pictures {
			p := &a.Pictures[i]
			if p.File == "" || p.Data != nil {
				continue
			}
			if root == nil {
				var err error
				if root, err = os.OpenRoot(dir); err != nil {
					return
				}
				defer root.Close()
			}
			// Only a file of the folder itself: a path is refused, not
			// cut to its last name.
			if filepath.Base(p.File) != p.File || strings.HasPrefix(p.File, ".") {
				continue
			}
			f, err := root.Open(p.File)
			if err != nil {
				continue
			}
			b, err := io.ReadAll(io.LimitReader(f, maxPictureFile+1))
			f.Close()
			if err == nil && len(b) <= maxPictureFile {
				p.Data = b
			}
		}
	}
}
