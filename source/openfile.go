package source

import (
	"os"
	"syscall"

	"github.com/bulletinfeed/bulletinfeed"
)

// OpenFile opens the issue file at path for reading, refusing anything but
// a regular file with a *ParseError naming it. The file is opened without
// blocking: a FIFO with no writer would otherwise hold the open, and the
// command, for good (SIGTERM cannot end a blocked open), and the files
// beside it would never be read. A device or a socket is refused too.
func OpenFile(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &ParseError{Name: path, Err: bulletinfeed.Errorf(bulletinfeed.Invalid, "cannot read: %v", unwrapPathError(err))}
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, &ParseError{Name: path, Err: bulletinfeed.Errorf(bulletinfeed.Invalid, "cannot read: %v", unwrapPathError(err))}
	}
	switch {
	case st.IsDir():
		f.Close()
		return nil, invalid(path, 0, "is a directory, not an issue file")
	case !st.Mode().IsRegular():
		f.Close()
		return nil, invalid(path, 0, "is not a regular file (%s): only issue files are read", fileKind(st.Mode()))
	}
	return f, nil
}

// fileKind names a file that is not a regular file.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}
