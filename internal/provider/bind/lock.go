package bind

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// LockName is the file in the zone directory whose lock a push holds from
// the first read of its plans to the last write. It is never removed
// (removing a lock file others may have opened would let two runs hold
// "the" lock at once); between runs it is empty, and while a run holds the
// lock it holds that process's ID.
const LockName = ".dnsctl.lock"

// Lock takes the exclusive lock of the provider's directory for a push of
// zones: two dnsctl runs on one directory then never both read a zone and
// both write it (losing one's update, or giving two contents one serial).
// It waits while another process holds the lock, telling waiting once
// what it waits for, and gives up when ctx ends. release frees the lock.
//
// Within one process the lock is shared: every provider of a run on one
// directory, and Apply (which takes the lock itself for its own write),
// go ahead while the run holds it.
func (p *Provider) Lock(ctx context.Context, zones []string, waiting func(msg string)) (release func(), err error) {
	if p.err != nil {
		return nil, p.err
	}
	// One lock for the whole directory, whatever zones the push has: a
	// zone whose file would lie outside it is refused when it is read.
	return p.acquire(ctx, waiting)
}

// dirLock is the lock of one directory within this process.
type dirLock struct {
	path string
	// turn is held (a token in the channel) by whoever takes or releases
	// the lock, so that one goroutine at a time waits for other processes.
	turn chan struct{}
	n    int      // holders in this process
	f    *os.File // the locked file while n > 0
}

var (
	locksMu sync.Mutex
	locks   = map[string]*dirLock{}
)

// lockOf returns the process's lock of the directory dir.
func lockOf(dir string) (*dirLock, error) {
	if err := os.MkdirAll(dir, 0o777); err != nil {
		return nil, fmt.Errorf("bind: %w", err)
	}
	real, err := filepath.EvalSymlinks(dir)
	if err == nil {
		real, err = filepath.Abs(real)
	}
	if err != nil {
		return nil, fmt.Errorf("bind: %w", err)
	}
	key := filepath.Join(real, LockName)
	locksMu.Lock()
	defer locksMu.Unlock()
	l := locks[key]
	if l == nil {
		l = &dirLock{path: key, turn: make(chan struct{}, 1)}
		locks[key] = l
	}
	return l, nil
}

// acquire takes the directory's lock (see Lock). The first holder in the
// process removes the temporary files killed runs left behind.
func (p *Provider) acquire(ctx context.Context, waiting func(string)) (func(), error) {
	l, err := lockOf(p.dir)
	if err != nil {
		return nil, err
	}
	select {
	case l.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, p.gaveUp(ctx, "")
	}
	defer func() { <-l.turn }()
	if l.n == 0 {
		f, err := os.OpenFile(l.path, os.O_RDWR|os.O_CREATE, 0o666)
		if err != nil {
			return nil, fmt.Errorf("bind: lock: %w", err)
		}
		if err := p.lockFile(ctx, f, waiting); err != nil {
			f.Close()
			return nil, err
		}
		f.Truncate(0)
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
		l.f = f
		p.sweepTemps()
	}
	l.n++
	var once sync.Once
	return func() { once.Do(l.release) }, nil
}

// lockFile waits for the exclusive lock on f, polling, until ctx ends.
func (p *Provider) lockFile(ctx context.Context, f *os.File, waiting func(string)) error {
	delay := 20 * time.Millisecond
	told := false
	for {
		ok, err := tryLock(f)
		if err != nil {
			return fmt.Errorf("bind: locking %s: %w", f.Name(), err)
		}
		if ok {
			return nil
		}
		holder := lockHolder(f)
		if !told && waiting != nil {
			told = true
			waiting(fmt.Sprintf("waiting for the lock on %s held by %s…", dirName(p.dir), holder))
		}
		t := time.NewTimer(delay)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return p.gaveUp(ctx, holder)
		}
		delay = min(2*delay, 250*time.Millisecond)
	}
}

// gaveUp is the error of a wait for the lock that ctx ended.
func (p *Provider) gaveUp(ctx context.Context, holder string) error {
	if holder == "" {
		holder = "another process"
	}
	return fmt.Errorf("bind: stopped waiting for the lock on %s held by %s; nothing was changed: %w", dirName(p.dir), holder, context.Cause(ctx))
}

// lockHolder names the process that holds the lock of f, as the lock file
// says.
func lockHolder(f *os.File) string {
	buf := make([]byte, 32)
	n, _ := f.ReadAt(buf, 0)
	if pid, err := strconv.Atoi(strings.TrimSpace(string(buf[:n]))); err == nil && pid > 0 {
		return fmt.Sprintf("another dnsctl (pid %d)", pid)
	}
	return "another process"
}

// release drops one holder; the last one unlocks the file.
func (l *dirLock) release() {
	l.turn <- struct{}{}
	defer func() { <-l.turn }()
	l.n--
	if l.n == 0 {
		l.f.Truncate(0)
		unlock(l.f)
		l.f.Close()
		l.f = nil
	}
}

// dirName is dir as messages name it, with a trailing slash.
func dirName(dir string) string {
	return strings.TrimSuffix(dir, string(filepath.Separator)) + string(filepath.Separator)
}

// sweepTemps removes the temporary files of ours (see createTemp) that
// runs killed while writing left in the directory (and, when the filename
// format has subdirectories, below it). Call it only holding the lock
// first in this process: no writer of ours is then at work.
func (p *Provider) sweepTemps() {
	all := func(string) bool { return true }
	if !p.format.hasDir() {
		removeStaleTemps(p.dir, all)
		return
	}
	filepath.WalkDir(p.dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			removeStaleTemps(path, all)
		}
		return nil
	})
}
