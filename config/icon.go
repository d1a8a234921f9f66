package config

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/bulletinfeed/bulletinfeed/feed"
)

// MaxIconSize bounds a configured icon: it is held in memory and sent to
// every reader that asks, and a publication's icon is a few kilobytes.
const MaxIconSize = 256 << 10

// readIcon reads and checks the icon file at path (absolute): it must
// exist, be at most MaxIconSize and be a PNG, an ICO or an SVG, told by
// its bytes rather than its name.
func readIcon(path string) (feed.Icon, error) {
	f, err := os.Open(path)
	if err != nil {
		return feed.Icon{}, fmt.Errorf("read icon: %w", err)
	}
	defer f.Close()
	body, err := io.ReadAll(io.LimitReader(f, MaxIconSize+1))
	if err != nil {
		return feed.Icon{}, fmt.Errorf("read icon %s: %w", path, err)
	}
	if len(body) > MaxIconSize {
		return feed.Icon{}, fmt.Errorf("icon %s is larger than %d KB", path, MaxIconSize>>10)
	}
	typ := iconType(body)
	if typ == "" {
		return feed.Icon{}, fmt.Errorf("icon %s is not a PNG, ICO or SVG image", path)
	}
	return feed.Icon{Type: typ, Body: body}, nil
}

// iconType returns the media type of an icon's bytes, or "" for any
// other kind of file.
func iconType(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return "image/png"
	case len(b) >= 6 && bytes.HasPrefix(b, []byte{0, 0, 1, 0}) && (b[4] != 0 || b[5] != 0):
		return "image/x-icon" // reserved 0, type 1 (icon), at least one image
	}
	// An SVG is XML whose root is <svg>: after a byte order mark, an XML
	// declaration, comments or a doctype, within its first kilobytes.
	head := bytes.TrimPrefix(b[:min(len(b), 4096)], []byte("\xef\xbb\xbf"))
	head = bytes.TrimSpace(head)
	if bytes.HasPrefix(head, []byte("<")) && bytes.Contains(head, []byte("<svg")) && bytes.Contains(b, []byte("</svg>")) {
		return "image/svg+xml"
	}
	return ""
}
