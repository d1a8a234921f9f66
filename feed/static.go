package feed

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// FilePath returns the file, relative to a static site's root, that holds
// the resource at a URL path. A page becomes dir/index.html so that a
// plain web server finds it at its URL (after its usual redirect to the
// slash form); feeds keep their name, whose extension gives the type. A
// publication under /{id}/ gets the same layout in the folder {id}.
func FilePath(path string) string {
	rel := filepath.FromSlash(strings.TrimPrefix(path, "/"))
	if path == "" || strings.HasSuffix(path, "/") {
		return filepath.Join(rel, "index.html")
	}
	if isPage(withoutPublication(path)) {
		return rel + string(filepath.Separator) + "index.html"
	}
	return rel
}

// isPage reports whether a path of the root publication is an HTML page
// in a folder of its own: a section, an article or an issue.
func isPage(path string) bool {
	for _, r := range []string{routeSection, routeArticle, routeIssue} {
		if strings.HasPrefix(path, r[:strings.IndexByte(r, '{')]) {
			return true
		}
	}
	return false
}

// withoutPublication returns path without its /{id} when its first
// segment is a publication rather than one of the root's routes.
func withoutPublication(path string) string {
	seg, rest, ok := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if !ok || reservedNames[seg] {
		return path
	}
	return "/" + rest
}

// manifestName is the file in which WriteDir lists what it wrote, so that
// the next build removes what the site no longer has (an article removed
// by a revision) and nothing else: files a build did not write are never
// touched.
const manifestName = ".bulletinfeed-files"

// tempPrefix starts the name of a file being written, before it is renamed
// over its real name.
const tempPrefix = ".bulletinfeed-tmp-"

// notFoundFile is the file of the server's 404 page in a static build.
const notFoundFile = "404.html"

// WriteDir writes every page and feed of the site under dir, with the
// same paths as the server, plus 404.html for the server's error page, and
// removes the files an earlier build wrote that the site no longer has. It
// returns the number of files written. The pages of deleted issues and
// articles are not written: a static server cannot answer 410, and a
// missing file is the nearest it can say.
//
// Every file operation goes through an os.Root of dir, so nothing outside
// dir is written or removed, whatever symbolic links dir holds: a link that
// leads outside makes the build fail with an error naming it. A file is
// written beside its name and renamed over it, so a symbolic link at the
// name is replaced rather than written through, and a crash leaves either
// the old file or the new one. Paths whose render failed keep the file an
// earlier build wrote, and make WriteDir return an error after writing the
// rest.
func (s *Site) WriteDir(dir string) (int, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("create %s: %w", dir, err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return 0, fmt.Errorf("open %s: %w", dir, err)
	}
	defer root.Close()
	var written []string
	write := func(rel string, body []byte) error {
		if err := writeFileIn(root, rel, body); err != nil {
			return fmt.Errorf("write %s: %w", filepath.Join(dir, rel), err)
		}
		written = append(written, filepath.ToSlash(rel))
		return nil
	}
	for _, p := range s.Paths() {
		if err := write(FilePath(p), s.resources[p].body); err != nil {
			return len(written), err
		}
	}
	if err := write(notFoundFile, s.notFound.body); err != nil {
		return len(written), err
	}
	n := len(written)
	written = append(written, s.keptFiles()...)
	failed := make([]string, 0, len(s.failed))
	for p := range s.failed {
		failed = append(failed, p)
	}
	if err := removeStale(root, written); err != nil {
		return n, fmt.Errorf("%s: %w", dir, err)
	}
	manifest := strings.Join(written, "\n") + "\n"
	if err := writeFileIn(root, manifestName, []byte(manifest)); err != nil {
		return n, fmt.Errorf("write %s: %w", filepath.Join(dir, manifestName), err)
	}
	if len(failed) > 0 {
		sort.Strings(failed)
		return n, fmt.Errorf("%d of %d paths failed to render and kept their earlier files: %s", len(failed), len(s.resources)+len(failed), strings.Join(failed, ", "))
	}
	return n, nil
}

// keptFiles returns the files of paths that failed to render: each keeps
// the file an earlier build wrote, so it stays in the manifest for the
// build that renders it again.
func (s *Site) keptFiles() []string {
	kept := make([]string, 0, len(s.failed))
	for p := range s.failed {
		kept = append(kept, filepath.ToSlash(FilePath(p)))
	}
	return kept
}

// Shrink compares the site with the build an earlier WriteDir left in dir:
// previous is the number of files its manifest lists, removed how many of
// them writing this site there would remove. A command can refuse a build
// that would remove much of a site, the sign of a wrong store or
// publication rather than of deleted issues. A dir without a manifest
// gives 0, 0.
func (s *Site) Shrink(dir string) (previous, removed int, err error) {
	// Read as WriteDir reads it: through a root, so a manifest linked
	// from elsewhere is refused rather than followed.
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("open %s: %w", dir, err)
	}
	defer root.Close()
	old, err := root.ReadFile(manifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, 0, nil
	}
	if err != nil {
		return 0, 0, fmt.Errorf("read %s: %w", filepath.Join(dir, manifestName), err)
	}
	keep := map[string]bool{notFoundFile: true}
	for _, p := range s.Paths() {
		keep[filepath.ToSlash(FilePath(p))] = true
	}
	for _, f := range s.keptFiles() {
		keep[f] = true
	}
	for _, rel := range strings.Split(string(old), "\n") {
		if rel == "" {
			continue
		}
		previous++
		// removeStale leaves a name outside dir alone, so it is not
		// counted as removed.
		if !keep[rel] && filepath.IsLocal(filepath.Clean(filepath.FromSlash(rel))) {
			removed++
		}
	}
	return previous, removed, nil
}

// writeFileIn writes body to rel inside root through a temporary file and
// a rename.
func writeFileIn(root *os.Root, rel string, body []byte) error {
	if d := filepath.Dir(rel); d != "." {
		if err := root.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	tmp := filepath.Join(filepath.Dir(rel), tempPrefix+filepath.Base(rel))
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(body)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, rel)
	}
	if err != nil {
		root.Remove(tmp)
	}
	return err
}

// removeStale deletes the files listed in the previous build's manifest
// that this build did not write, and the folders that leaves empty.
func removeStale(root *os.Root, written []string) error {
	old, err := root.ReadFile(manifestName)
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
		name := filepath.Clean(filepath.FromSlash(rel))
		if !filepath.IsLocal(name) {
			continue // a manifest edited by hand
		}
		if err := root.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("remove stale %s: %w", rel, err)
		}
		// Remove the folders left empty, up to the root; Remove fails on a
		// folder that still holds anything, which ends the walk. A symbolic
		// link is not a folder we made: it stays.
		for d := filepath.Dir(name); d != "."; d = filepath.Dir(d) {
			fi, err := root.Lstat(d)
			if err != nil || !fi.IsDir() || root.Remove(d) != nil {
				break
			}
		}
	}
	return nil
}
