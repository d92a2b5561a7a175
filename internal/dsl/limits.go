package dsl

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"runtime/metrics"
	"syscall"
	"time"

	"github.com/dop251/goja"
)

// The bounds of one evaluation. A dnsconfig.js is code: a careless or
// hostile one must end with an error, never hang the CLI or exhaust the
// machine's memory.
const (
	// DefaultTimeout is the evaluation time limit the CLI uses unless told
	// otherwise (--eval-timeout).
	DefaultTimeout = 60 * time.Second
	// MaxFileSize is the largest file the evaluation reads: the main
	// configuration and each file given to require or require_glob.
	MaxFileSize = 16 << 20
	// MaxTotalRead bounds the bytes read through require and require_glob
	// over a whole evaluation (the same file required twice counts twice).
	MaxTotalRead = 64 << 20
	// MaxHeap bounds the memory an evaluation may hold: the evaluation
	// stops when the process's heap grows beyond it.
	MaxHeap = 2 << 30
	// MaxString bounds the strings String.prototype.repeat, padStart and
	// padEnd build: each is a single step the time limit cannot interrupt.
	MaxString = 64 << 20
)

// ErrTimeLimit is wrapped by the error of an evaluation that ran out of time.
var ErrTimeLimit = errors.New("evaluation time limit reached")

// ErrMemoryLimit is wrapped by the error of an evaluation that held too
// much memory.
var ErrMemoryLimit = errors.New("evaluation memory limit reached")

// Limits bound one evaluation.
type Limits struct {
	// Timeout stops an evaluation that runs longer; 0 means no limit.
	Timeout time.Duration
}

// stopCause is why an evaluation's context ended, as JavaScript sees it
// (the value the runtime is interrupted with).
type stopCause struct {
	msg   string
	cause error // ErrTimeLimit, ErrMemoryLimit, context.Canceled…
}

func (s stopCause) Error() string { return s.msg }
func (s stopCause) Unwrap() error { return s.cause }

// stopReason describes why ctx, bound by timeout and heap, ended.
func stopReason(ctx context.Context, timeout time.Duration, heap int64) stopCause {
	cause := context.Cause(ctx)
	switch {
	case errors.Is(cause, ErrTimeLimit):
		return stopCause{msg: fmt.Sprintf("evaluation stopped after %v, the time limit (an endless loop?)", timeout), cause: cause}
	case errors.Is(cause, ErrMemoryLimit):
		return stopCause{msg: fmt.Sprintf("evaluation stopped: it held more than %s of memory, the limit (an ever-growing array or string?)", sizeText(heap)), cause: cause}
	case cause == nil:
		cause = context.Canceled
	}
	return stopCause{msg: "evaluation interrupted", cause: cause}
}

// sizeText renders a byte count of whole MiB or GiB.
func sizeText(n int64) string {
	if n >= 1<<30 && n%(1<<30) == 0 {
		return fmt.Sprintf("%d GiB", n>>30)
	}
	return fmt.Sprintf("%d MiB", n>>20)
}

// watchHeap cancels the evaluation when the process's heap grows beyond
// limit; it returns when ctx ends. goja has no memory accounting of its
// own, so the heap of the whole process stands in for it: nothing else of
// note runs while dnsctl evaluates its configuration.
func watchHeap(ctx context.Context, cancel context.CancelCauseFunc, limit int64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > uint64(limit) {
			cancel(ErrMemoryLimit)
			return
		}
	}
}

// fileKind names what a non-regular file is ("" for a regular file).
func fileKind(m fs.FileMode) string {
	switch {
	case m.IsRegular():
		return ""
	case m.IsDir():
		return "a directory"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe (FIFO)"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeCharDevice != 0:
		return "a character device"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return "not a regular file"
}

// readBounded reads the file at path: a regular file (or, with pipeOK, a
// pipe such as the one of `--config <(…)`) of at most max bytes. Nothing
// else is opened, and nothing beyond max+1 bytes is ever read.
func readBounded(path string, max int64, pipeOK bool) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, describePathErr(err)
	}
	pipe := pipeOK && st.Mode()&fs.ModeNamedPipe != 0
	if kind := fileKind(st.Mode()); kind != "" && !pipe {
		return nil, fmt.Errorf("%s is %s; only regular files can be read", path, kind)
	}
	flags := os.O_RDONLY
	if !pipe {
		// Should the file have been swapped for a FIFO since Stat, opening
		// it must not wait for a writer; the check below refuses it.
		flags |= syscall.O_NONBLOCK
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil {
		return nil, describePathErr(err)
	}
	defer f.Close()
	if st, err = f.Stat(); err != nil {
		return nil, describePathErr(err)
	}
	if kind := fileKind(st.Mode()); kind != "" && !pipe {
		return nil, fmt.Errorf("%s is %s; only regular files can be read", path, kind)
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, describePathErr(err)
	}
	if int64(len(b)) > max {
		return nil, &tooLargeError{path: path, max: max}
	}
	return b, nil
}

// tooLargeError is a file over the size limit of a read.
type tooLargeError struct {
	path string
	max  int64
}

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than %s, the limit for a file read by the configuration", e.path, sizeText(e.max))
}

// describePathErr drops the system call's name from a file error
// ("open x: no such file" becomes "x: no such file").
func describePathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// boundStrings wraps the string methods that build a string of a length
// the script chooses in one step, which neither the time limit nor the
// memory watch can interrupt: a result over MaxString bytes is an error
// at the call.
func (ev *evaluator) boundStrings() error {
	proto := ev.vm.Get("String").ToObject(ev.vm).Get("prototype").ToObject(ev.vm)
	// size returns the length of the string a call would build.
	wrap := func(name string, size func(c goja.FunctionCall) float64) error {
		orig, ok := goja.AssertFunction(proto.Get(name))
		if !ok {
			return fmt.Errorf("String.prototype.%s is not a function", name)
		}
		fn := func(c goja.FunctionCall) goja.Value {
			if n := size(c); n > MaxString {
				ev.fail("", name, "the string would be %.0f bytes long, more than the limit of %s", n, sizeText(MaxString))
			}
			v, err := orig(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		}
		return proto.DefineDataProperty(name, ev.vm.ToValue(fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE)
	}
	if err := wrap("repeat", func(c goja.FunctionCall) float64 {
		return float64(len(c.This.String())) * c.Argument(0).ToFloat()
	}); err != nil {
		return err
	}
	for _, name := range []string{"padStart", "padEnd"} {
		if err := wrap(name, func(c goja.FunctionCall) float64 { return c.Argument(0).ToFloat() }); err != nil {
			return err
		}
	}
	return nil
}
