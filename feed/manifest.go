package feed

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// manifestName is the file in which WriteDir lists what it wrote, so that
// the next build removes what the site no longer has (an article removed
// by a revision) and nothing else: files a build did not write are never
// touched. For each file it keeps the version key it was rendered from and
// the hash and size of its bytes, so that the next build renders and
// writes only what changed.
const manifestName = ".bulletinfeed-files"

// manifestHeader starts a manifest of the current format. A manifest
// without it is of the first format: one file name per line.
const manifestHeader = "# bulletinfeed build manifest 2"

// manifestEntry is what a manifest says of one file.
type manifestEntry struct {
	// key is the version key of a page rendered on request when it was
	// written ("" for the resources in memory, compared by hash, and for
	// a file to render again).
	key string
	// hash is the hex SHA-256 of the bytes written, size their number;
	// "" and 0 when unknown (a manifest of the first format).
	hash string
	size int64
}

// manifest maps the files of a build, slash-separated and relative to its
// folder, to their entries.
type manifest map[string]manifestEntry

// readManifest reads the manifest of the last build in root; an empty
// one when there is none.
func readManifest(root *os.Root) (manifest, error) {
	b, err := root.ReadFile(manifestName)
	if errors.Is(err, fs.ErrNotExist) {
		return manifest{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", manifestName, err)
	}
	m := manifest{}
	lines := strings.Split(string(b), "\n")
	if len(lines) == 0 || lines[0] != manifestHeader {
		for _, rel := range lines {
			if rel != "" {
				m[rel] = manifestEntry{}
			}
		}
		return m, nil
	}
	for _, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) != 4 || f[0] == "" {
			continue
		}
		size, _ := strconv.ParseInt(f[3], 10, 64)
		m[f[0]] = manifestEntry{key: f[1], hash: f[2], size: size}
	}
	return m, nil
}

// encode returns the manifest as its file holds it, sorted by file.
func (m manifest) encode() []byte {
	files := sortedKeys(m)
	b := make([]byte, 0, len(files)*128)
	b = append(b, manifestHeader+"\n"...)
	for _, f := range files {
		e := m[f]
		b = append(b, f...)
		b = append(b, '\t')
		b = append(b, e.key...)
		b = append(b, '\t')
		b = append(b, e.hash...)
		b = append(b, '\t')
		b = strconv.AppendInt(b, e.size, 10)
		b = append(b, '\n')
	}
	return b
}

// unchanged reports whether the file rel of the build in dir is still the
// one the entry describes, as far as its type and size tell. It only
// looks: a file is written and removed through the build's os.Root, but
// a look through it costs a system call per folder of the path, and a
// build looks at every file.
func (e manifestEntry) unchanged(dir, rel string) bool {
	if e.hash == "" {
		return false
	}
	fi, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel)))
	return err == nil && fi.Mode().IsRegular() && fi.Size() == e.size
}

// removeStale deletes the files listed in the previous build's manifest
// that this build keeps no more, and the folders that leaves empty. It
// returns how many it removed.
func removeStale(root *os.Root, old, keep manifest) (int, error) {
	stale := make([]string, 0)
	for rel := range old {
		if _, ok := keep[rel]; !ok {
			stale = append(stale, rel)
		}
	}
	sort.Strings(stale)
	removed := 0
	for _, rel := range stale {
		name := filepath.Clean(filepath.FromSlash(rel))
		if !filepath.IsLocal(name) {
			continue // a manifest edited by hand
		}
		err := root.Remove(name)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("remove stale %s: %w", rel, err)
		}
		if err == nil {
			removed++
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
	return removed, nil
}

// renameHook, when set (by tests), is called before each rename of a
// written file, and its error fails the rename: a crash between two
// renames.
var renameHook func() error

// tempPrefix starts the name of a file being written, before it is renamed
// over its real name.
const tempPrefix = ".bulletinfeed-tmp-"

// writeFileIn writes body to rel inside root through a temporary file and
// a rename, so that a crash leaves either the old file or the new one.
// dirs, when not nil, holds the folders known to exist, which it adds to.
func writeFileIn(root *os.Root, rel string, body []byte, dirs map[string]bool) error {
	if d := filepath.Dir(rel); d != "." && !dirs[d] {
		if err := root.MkdirAll(d, 0o755); err != nil {
			return err
		}
		if dirs != nil {
			dirs[d] = true
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
	if err == nil && renameHook != nil {
		err = renameHook()
	}
	if err == nil {
		err = root.Rename(tmp, rel)
	}
	if err != nil {
		root.Remove(tmp)
	}
	return err
}
