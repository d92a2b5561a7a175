//go:build unix

package bind

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// tryLock takes the exclusive lock of f without waiting; ok is false when
// another process holds it.
func tryLock(f *os.File) (ok bool, err error) {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		switch {
		case err == nil:
			return true, nil
		case errors.Is(err, syscall.EINTR):
			continue
		case errors.Is(err, syscall.EWOULDBLOCK):
			return false, nil
		}
		return false, err
	}
}

// unlock releases the lock of f.
func unlock(f *os.File) {
	syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
}

// keepIdentity gives f, the new content of the file old describes, old's
// owner, group and mode. Changing the owner or group takes root (or, for
// the group, the owner being in it): when that fails, the error says so
// and the caller leaves the old file as it is.
func keepIdentity(f *os.File, old fs.FileInfo) error {
	if want, ok := old.Sys().(*syscall.Stat_t); ok {
		fi, err := f.Stat()
		if err != nil {
			return err
		}
		have, ok := fi.Sys().(*syscall.Stat_t)
		if ok && (have.Uid != want.Uid || have.Gid != want.Gid) {
			if err := f.Chown(int(want.Uid), int(want.Gid)); err != nil {
				return fmt.Errorf("cannot give the new file the owner and group of the old one (uid %d, gid %d; dnsctl runs as uid %d, gid %d): %w; run dnsctl as root, or as the file's owner and a member of its group",
					want.Uid, want.Gid, have.Uid, have.Gid, err)
			}
		}
	}
	// After chown, which may clear the set-ID bits.
	return f.Chmod(old.Mode() & (fs.ModePerm | fs.ModeSetuid | fs.ModeSetgid | fs.ModeSticky))
}
