package worker

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// FailedFile is a file an inbox moved to its failed/ folder, and why.
type FailedFile struct {
	Name string
	// Reason is the line written beside the file; empty when there is
	// none.
	Reason string
	// Failed is when the file was moved there (its modification time,
	// which a rename keeps: the time the file was last written).
	Failed time.Time
}

// maxReason bounds what is read of a reason file: one line, written by
// the inbox, but a folder staff can write to may hold anything.
const maxReason = 4 << 10

// FailedFiles lists the files of the inbox dir's failed/ folder, newest
// first, at most limit of them (0: all), each with its reason. An inbox
// with no failed/ folder has none.
func FailedFiles(dir string, limit int) ([]FailedFile, error) {
	root, err := os.OpenRoot(filepath.Join(dir, FailedDir))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("failed files of %s: %w", dir, err)
	}
	defer root.Close()
	entries, err := fs.ReadDir(root.FS(), ".")
	if err != nil {
		return nil, fmt.Errorf("failed files of %s: %w", dir, err)
	}
	var out []FailedFile
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || strings.HasSuffix(name, errorSuffix) || strings.HasSuffix(name, noteSuffix) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // gone since the listing
		}
		out = append(out, FailedFile{Name: name, Failed: info.ModTime(), Reason: readReason(root, name+errorSuffix)})
	}
	slices.SortFunc(out, func(a, b FailedFile) int {
		if c := b.Failed.Compare(a.Failed); c != 0 {
			return c
		}
		return strings.Compare(a.Name, b.Name)
	})
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

// readReason returns the first line of the reason file name, or "".
func readReason(root *os.Root, name string) string {
	f, err := root.Open(name)
	if err != nil {
		return ""
	}
	defer f.Close()
	b, _ := io.ReadAll(io.LimitReader(f, maxReason))
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(line)
}
