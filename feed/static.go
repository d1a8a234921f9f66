package feed

import (
	"errors"
	"fmt"
	"io/fs"
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

// manifestName is the file in which WriteDir lists what it wrote, so that
// the next build removes what the site no longer has (an article removed
// by a revision) and nothing else: files a build did not write are never
// touched.
const manifestName = ".bulletinfeed-files"

// WriteDir writes every page and feed of the site under dir, with the
// same paths as the server, plus 404.html for the server's error page, and
// removes the files an earlier build wrote that the site no longer has. It
// returns the number of files written.
func (s *Site) WriteDir(dir string) (int, error) {
	root := filepath.Clean(dir)
	var written []string
	write := func(rel string, body []byte) error {
		name := filepath.Join(root, rel)
		// Keys come from the store; refuse anything that would leave dir.
		if !strings.HasPrefix(name, root+string(filepath.Separator)) {
			return fmt.Errorf("write %q: path outside %s", rel, dir)
		}
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(name, body, 0o644); err != nil {
			return err
		}
		written = append(written, filepath.ToSlash(rel))
		return nil
	}
	for _, p := range s.Paths() {
		if err := write(FilePath(p), s.resources[p].body); err != nil {
			return len(written), err
		}
	}
	if err := write("404.html", s.notFound.body); err != nil {
		return len(written), err
	}
	if err := removeStale(root, written); err != nil {
		return len(written), err
	}
	manifest := strings.Join(written, "\n") + "\n"
	if err := os.WriteFile(filepath.Join(root, manifestName), []byte(manifest), 0o644); err != nil {
		return len(written), fmt.Errorf("write %s: %w", manifestName, err)
	}
	return len(written), nil
}

// removeStale deletes the files listed in the previous build's manifest
// that this build did not write, and the folders that leaves empty.
func removeStale(root string, written []string) error {
	old, err := os.ReadFile(filepath.Join(root, manifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", manifestName, err)
	}
	keep := make(map[string]bool, len(written))
	for _, w := range written {
		keep[w] = true
	}
	for _, rel := range strings.Split(string(old), "\n") {
		if rel == "" || keep[rel] {
			continue
		}
		name := filepath.Join(root, filepath.FromSlash(rel))
		if !strings.HasPrefix(name, root+string(filepath.Separator)) {
			continue // a manifest edited by hand
		}
		if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove stale %s: %w", rel, err)
		}
		// Remove the folders left empty, up to the root; Remove fails on a
		// folder that still holds anything, which ends the walk.
		for d := filepath.Dir(name); d != root && strings.HasPrefix(d, root); d = filepath.Dir(d) {
			if os.Remove(d) != nil {
				break
			}
		}
	}
	return nil
}
