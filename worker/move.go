package worker

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"strconv"
	"strings"
)

// maxName is the longest file name written, in bytes: most file systems
// take 255, and a clash suffix and ".error" must still fit.
const maxName = 240

// Suffixes of the files written beside a moved one: why it failed, or why
// it was not published.
const (
	errorSuffix = ".error"
	noteSuffix  = ".note"
)

// moveAway moves the file name of root into the folder dir of root
// (created if need be) as prefix+name, or prefix+name with "-2", "-3" …
// before its extension when that is taken, and returns its new path
// relative to root. A name is free when neither it nor its ".error" or
// ".note" file exists, so a reason never lands beside another file. The
// file is renamed, never copied or deleted; a symbolic link is moved as
// it is, not followed.
func moveAway(root *os.Root, name, dir, prefix string) (string, error) {
	if err := root.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", err
	}
	if st, err := root.Lstat(dir); err != nil {
		return "", err
	} else if !st.IsDir() {
		return "", &fs.PathError{Op: "move", Path: dir, Err: errors.New("is not a folder")}
	}
	base := fitName(prefix + name)
	ext := path.Ext(base)
	if ext == base {
		ext = ""
	}
	stem := strings.TrimSuffix(base, ext)
	for n := 1; n < 10000; n++ {
		cand := base
		if n > 1 {
			cand = stem + "-" + strconv.Itoa(n) + ext
		}
		to := dir + "/" + cand
		if taken(root, to) || taken(root, to+errorSuffix) || taken(root, to+noteSuffix) {
			continue
		}
		if err := root.Rename(name, to); err != nil {
			return "", err
		}
		return to, nil
	}
	return "", &fs.PathError{Op: "move", Path: name, Err: errNoName}
}

// taken reports whether something exists at name, a dangling link too.
func taken(root *os.Root, name string) bool {
	_, err := root.Lstat(name)
	return !errors.Is(err, fs.ErrNotExist)
}

// fitName shortens a name longer than maxName bytes by cutting the end of
// its stem, keeping its extension and whole UTF-8 characters.
func fitName(name string) string {
	if len(name) <= maxName {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}
	stem := name[:maxName-len(ext)]
	for len(stem) > 0 && !validEnd(stem) {
		stem = stem[:len(stem)-1]
	}
	return stem + ext
}

// validEnd reports whether s does not end inside a UTF-8 sequence.
func validEnd(s string) bool {
	for i := len(s) - 1; i >= 0 && i >= len(s)-4; i-- {
		c := s[i]
		if c < 0x80 {
			return true
		}
		if c >= 0xC0 { // a lead byte: the sequence must be whole
			need := 2
			switch {
			case c >= 0xF0:
				need = 4
			case c >= 0xE0:
				need = 3
			}
			return len(s)-i == need
		}
	}
	return true
}

// writeReason writes reason as one line into a new file name of root; it
// never replaces an existing file.
func writeReason(root *os.Root, name, reason string) error {
	reason = strings.Join(strings.Fields(reason), " ")
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.WriteString(reason + "\n")
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
