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
	// MaxArrayLength bounds the length of the arrays the built-in array
	// operations work on. An array's length is not its size: a[1e9] = 1
	// makes a sparse array of length 1e9+1 in no time, and sorting it
	// would then allocate 16 GB in one uninterruptible step.
	MaxArrayLength = 1 << 26
)

// lengthBound are the Array.prototype methods whose work or allocation
// grows with the length of the array they are called on (or build), each
// one step that the time limit cannot interrupt.
var lengthBound = []string{
	"concat", "copyWithin", "every", "fill", "filter", "find", "findIndex", "findLast",
	"findLastIndex", "flat", "flatMap", "forEach", "includes", "indexOf", "join",
	"lastIndexOf", "map", "reduce", "reduceRight", "reverse", "shift", "slice", "some",
	"sort", "splice", "toLocaleString", "toReversed", "toSorted", "toSpliced", "toString",
	"unshift", "with",
}

// binaryTypes are the constructors of binary buffers, which allocate their
// whole size in one step; no configuration needs them, so the evaluation
// does without (DNSControl's older ES5 runtime has none either).
var binaryTypes = []string{
	"ArrayBuffer", "SharedArrayBuffer", "DataView", "Int8Array", "Uint8Array", "Uint8ClampedArray",
	"Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array",
	"BigInt64Array", "BigUint64Array",
}

// ErrTimeLimit is wrapped by the error of an evaluation that ran out of time.
var ErrTimeLimit = errors.New("evaluation time limit reached")

// ErrMemoryLimit is wrapped by the error of an evaluation that held too
// much memory.
var ErrMemoryLimit = errors.New("evaluation memory limit reached")

// Limits bound one evaluation.
type Limits struct {
	// Timeout stops an evaluation that runs longer; 0 means no limit.
	Timeout time.Duration
	// AllowFetch defines fetch() and lets FETCH() make HTTP requests
	// (DNSControl's --allow-fetch).
	AllowFetch bool
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

// boundArrays makes the built-in array operations refuse arrays longer
// than MaxArrayLength and removes the binary buffer types (see binaryTypes).
func (ev *evaluator) boundArrays() error {
	vm := ev.vm
	proto := vm.Get("Array").ToObject(vm).Get("prototype").ToObject(vm)
	lengthOf := func(v goja.Value) float64 {
		if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
			return 0
		}
		o, ok := v.(*goja.Object)
		if !ok {
			return 0
		}
		return o.Get("length").ToFloat()
	}
	check := func(name string, n float64) {
		if n > MaxArrayLength {
			ev.fail("", name, "the array has a length of %.0f, more than the %d elements the built-in array operations take", n, MaxArrayLength)
		}
	}
	for _, name := range lengthBound {
		orig, ok := goja.AssertFunction(proto.Get(name))
		if !ok {
			continue // a method this goja does not have
		}
		fn := func(c goja.FunctionCall) goja.Value {
			n := lengthOf(c.This)
			if name == "concat" {
				for _, a := range c.Arguments {
					n += lengthOf(a)
				}
			}
			check("Array.prototype."+name, n)
			v, err := orig(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		}
		if err := proto.DefineDataProperty(name, vm.ToValue(fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	array := vm.Get("Array").ToObject(vm)
	if from, ok := goja.AssertFunction(array.Get("from")); ok {
		fn := func(c goja.FunctionCall) goja.Value {
			check("Array.from", lengthOf(c.Argument(0)))
			v, err := from(c.This, c.Arguments...)
			if err != nil {
				panic(err)
			}
			return v
		}
		if err := array.DefineDataProperty("from", vm.ToValue(fn), goja.FLAG_TRUE, goja.FLAG_TRUE, goja.FLAG_FALSE); err != nil {
			return err
		}
	}
	global := vm.GlobalObject()
	for _, name := range binaryTypes {
		if err := global.Delete(name); err != nil {
			return err
		}
	}
	return nil
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
