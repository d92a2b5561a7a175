package bind

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// writeAtomic replaces the file at path with data: it writes a temporary
// file beside the file and renames it into place, so that a reader (named,
// or a preview) sees the old file or the new one, never a mix.
//
// The file keeps its identity: a symbolic link is written through to its
// final target (the link stays, the temporary file goes beside the target),
// and an existing file's owner, group and mode are kept; a file that cannot
// get them back (a user other than root rewriting someone else's file) is
// left untouched and the error says why. A new file gets mode 0666 less the
// umask, a new directory 0777 less the umask.
func writeAtomic(path string, data []byte) error {
	target, err := resolveLinks(path)
	if err != nil {
		return err
	}
	dir, base := filepath.Dir(target), filepath.Base(target)
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return err
	}
	old, err := os.Stat(target)
	exists := err == nil
	switch {
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return err
	case exists && !old.Mode().IsRegular():
		return fmt.Errorf("%s is not a regular file (%s); refusing to replace it", target, old.Mode().Type())
	}
	if target != path {
		// A link led outside the directories the lock's sweep covers
		// (sweepTemps). The caller holds the lock: a temporary file of
		// this name beside the target is what a killed run left behind.
		removeStaleTemps(dir, func(name string) bool {
			n, ok := strings.CutPrefix(name, "."+base+".tmp")
			return ok && strings.Trim(n, "0123456789") == ""
		})
	}

	perm := fs.FileMode(0o666) // less the umask
	if exists {
		perm = 0o600 // until it gets the old file's mode
	}
	tmp, err := createTemp(dir, base, perm)
	if err != nil {
		return err
	}
	name := tmp.Name()
	fail := func(err error) error {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(err)
	}
	if exists {
		if err := keepIdentity(tmp, old); err != nil {
			return fail(fmt.Errorf("%s: %w; the file was not changed", target, err))
		}
	}
	if err := tmp.Sync(); err != nil {
		return fail(err)
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, target); err != nil {
		os.Remove(name)
		return err
	}
	syncDir(dir)
	return nil
}

// createTemp creates a new file ".<base>.tmpNNN" in dir with perm (less
// the umask), the naming removeStaleTemps knows as ours.
func createTemp(dir, base string, perm fs.FileMode) (*os.File, error) {
	for range 100 {
		name := filepath.Join(dir, "."+base+".tmp"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("cannot create a temporary file for %s in %s", base, dir)
}

// tempName matches the temporary files writeAtomic creates.
var tempName = regexp.MustCompile(`^\..+\.tmp[0-9]+$`)

// removeStaleTemps removes the temporary files of ours in dir (see
// createTemp) whose names also satisfy match: partial files a run killed
// while writing left behind. Only call it with the directory's lock held,
// when no writer of ours can be at work on them.
func removeStaleTemps(dir string, match func(name string) bool) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range ents {
		if n := e.Name(); e.Type().IsRegular() && tempName.MatchString(n) && match(n) {
			os.Remove(filepath.Join(dir, n))
		}
	}
}

// resolveLinks follows path through symbolic links to the file they name
// in the end (which may not exist yet).
func resolveLinks(path string) (string, error) {
	p := path
	for range 40 {
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) {
			return p, nil
		}
		if err != nil {
			return "", err
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			return p, nil
		}
		link, err := os.Readlink(p)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(p), link)
		}
		p = link
	}
	return "", fmt.Errorf("%s: too many levels of symbolic links", path)
}

// readRegular returns the content of the regular file at path (a link is
// followed); anything else, such as a device or a directory, is an error.
func readRegular(path string) ([]byte, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("%s is not a regular file (%s)", path, fi.Mode().Type())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// syncDir flushes a directory's entries (a rename) to disk, where the
// system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}
