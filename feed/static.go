package feed

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// FilePath returns the file, relative to a static site's root, that holds
// the resource at a URL path. A page becomes dir/index.html so that a
// plain web server finds it at its URL (after its usual redirect to the
// slash form); feeds keep their name, whose extension gives the type.
func FilePath(path string) string {
	switch {
	case path == "/":
		return "index.html"
	case strings.HasPrefix(path, "/sections/"), strings.HasPrefix(path, "/articles/"), strings.HasPrefix(path, "/issues/"):
		return filepath.FromSlash(strings.TrimPrefix(path, "/")) + string(filepath.Separator) + "index.html"
	default:
		return filepath.FromSlash(strings.TrimPrefix(path, "/"))
	}
}

// WriteDir writes every page and feed of the site under dir, with the
// same paths as the server, plus 404.html for the server's error page.
// It returns the number of files written.
func (s *Site) WriteDir(dir string) (int, error) {
	n := 0
	write := func(rel string, body []byte) error {
		name := filepath.Join(dir, rel)
		// Keys come from the store; refuse anything that would leave dir.
		if !strings.HasPrefix(name, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("write %q: path outside %s", rel, dir)
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, body, 0o644); err != nil {
			return err
		}
		n++
		return nil
	}
	for _, p := range s.Paths() {
		if err := write(FilePath(p), s.resources[p].body); err != nil {
			return n, err
		}
	}
	if err := write("404.html", s.notFound.body); err != nil {
		return n, err
	}
	return n, nil
}
