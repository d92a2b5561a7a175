//go:build !unix

package bind

import (
	"io/fs"
	"os"
)

// tryLock takes the lock of f. Without flock, only the runs of this
// process are kept apart.
func tryLock(*os.File) (bool, error) { return true, nil }

// unlock releases the lock of f.
func unlock(*os.File) {}

// keepIdentity gives f the mode of the file old describes.
func keepIdentity(f *os.File, old fs.FileInfo) error { return f.Chmod(old.Mode().Perm()) }
