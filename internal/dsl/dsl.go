// Package dsl owns dnsctl's configuration language: it evaluates a
// DNSControl-style dnsconfig.js with an embedded JavaScript engine (goja)
// and turns the calls it makes (NewRegistrar, NewDnsProvider, D, D_EXTEND,
// the record functions, their modifiers and the builders) into a
// model.Config.
//
// The Config it returns is exactly what the user wrote, not yet
// normalised: record labels are as written ("@", "www", "host.example.com."),
// record data is composed in zone-file presentation syntax without
// qualifying host names, and TXT data is the raw, unquoted text. Another
// package validates and canonicalises it.
//
// Every evaluation gets its own JavaScript runtime; nothing is shared
// between calls, so Evaluate is safe to call concurrently.
package dsl

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dop251/goja"
	"github.com/dop251/goja/parser"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/spf"
)

// preludeFS holds the JavaScript prelude: prelude.js, then any
// prelude_*.js in name order. Each file evaluates to a function that is
// called once with the host object (see prelude.js).
//
//go:embed prelude*.js
var preludeFS embed.FS

// preludeName is the file name the prelude runs under; stack frames from it
// are skipped when looking for the user's position.
const preludeName = "<dnsctl prelude>"

// maxCallStack bounds JavaScript recursion so a runaway configuration fails
// with an error instead of exhausting memory.
const maxCallStack = 10000

// defaultTTL is the TTL of records when neither TTL() nor DefaultTTL() says
// otherwise (DNSControl's global default).
const defaultTTL = 300

// Error is an evaluation error tied to a place in the configuration.
type Error struct {
	// Pos is "file:line" (or "file:line:col" for syntax errors).
	Pos string
	// Func is the DSL function at fault, when there is one ("MX", "D").
	Func string
	// Msg says what is wrong.
	Msg string
	// cause is what stopped the evaluation (ErrTimeLimit, ErrMemoryLimit,
	// the context's cause), if that is what went wrong.
	cause error
}

// Unwrap returns why the evaluation was stopped, if it was.
func (e *Error) Unwrap() error { return e.cause }

func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos != "" {
		b.WriteString(e.Pos)
		b.WriteString(": ")
	}
	if e.Func != "" {
		b.WriteString(e.Func)
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	return b.String()
}

// Evaluate runs the dnsconfig.js at path and returns the configuration it
// declares, within DefaultTimeout. vars become JS globals (from the CLI's
// --variable k=v / -v k=v).
func Evaluate(path string, vars map[string]string) (*model.Config, error) {
	return EvaluateContext(context.Background(), path, vars, Limits{Timeout: DefaultTimeout})
}

// EvaluateContext is Evaluate within lim that stops, with an error wrapping
// ctx's cause, as soon as ctx ends. The file at path must be a regular
// file (or a pipe) of at most MaxFileSize bytes.
func EvaluateContext(ctx context.Context, path string, vars map[string]string, lim Limits) (*model.Config, error) {
	src, err := readBounded(path, MaxFileSize, true)
	if err != nil {
		return nil, fmt.Errorf("reading configuration: %w", err)
	}
	return evaluate(path, src, vars, options{ctx: ctx, timeout: lim.Timeout, allowFetch: lim.AllowFetch})
}

// EvaluateSource is the same for in-memory source (name is used in
// positions/errors; require paths starting with "." resolve relative to
// dir(name), others relative to the working directory), within
// DefaultTimeout.
func EvaluateSource(name string, src []byte, vars map[string]string) (*model.Config, error) {
	return evaluate(name, src, vars, options{timeout: DefaultTimeout})
}

// options are the knobs of one evaluation; the tests set the sizes.
type options struct {
	// ctx, when not nil, stops the evaluation when it ends.
	ctx context.Context
	// timeout, when positive, interrupts the script after that long.
	timeout time.Duration
	// console receives console.log output; nil means os.Stderr.
	console io.Writer
	// noFiles makes require and require_glob fail (for fuzzing).
	noFiles bool
	// maxFile, maxTotal and maxHeap replace MaxFileSize, MaxTotalRead and
	// MaxHeap when positive.
	maxFile, maxTotal, maxHeap int64
	// abandonAfter replaces the package's abandonAfter when positive.
	abandonAfter time.Duration
	// allowFetch defines fetch and lets FETCH make requests (--allow-fetch).
	allowFetch bool
	// spfDir is where spfcache.json is read and spfcache.updated.json
	// written ("" is the working directory); spfServers replace the
	// system's resolvers for SPF lookups.
	spfDir     string
	spfServers []string
	// globals are extra values the script sees (tests define built-ins
	// that behave like goja's uninterruptible ones).
	globals map[string]any
}

// evaluator is the state of one evaluation.
type evaluator struct {
	vm   *goja.Runtime
	opts options

	cfg      *model.Config
	domains  map[string]*domainState // by unique name (name!tag)
	order    []*domainState          // in declaration order
	defaults []goja.Value            // the last DEFAULTS() arguments
	// defaultsPos is where that DEFAULTS() was called.
	defaultsPos string

	// curDir is require's current directory (see requirePath).
	curDir string
	// dslFuncs names the language's own functions (usermods.go).
	dslFuncs map[*goja.Object]string

	// running holds the files (cleaned paths) whose top level is executing,
	// to refuse require cycles.
	running map[string]bool

	frames []goja.StackFrame // scratch for userPos

	// ctx ends when the evaluation must stop (time limit, memory limit,
	// the caller's interruption); Go built-ins that may take long check it.
	ctx context.Context
	// read counts the bytes read through require and require_glob.
	read int64
	// spf is the SPF cache, once SPF_BUILDER flattens (spfbuilder.go).
	spf *spf.Cache
	// foreignMetaWarned says the warning about metadata of providers
	// dnsctl does not have was given (it is given once).
	foreignMetaWarned bool
}

// domainState is a D() under construction.
type domainState struct {
	d          *model.Domain
	defaultTTL uint32
	// sub is the subdomain (relative to d.Name) a running D_EXTEND targets.
	sub string
	// defaulted holds the records whose TTL is the global default (no
	// TTL() and no DefaultTTL), for user functions (usermods.go).
	defaulted map[*model.Record]bool
}

func evaluate(name string, src []byte, vars map[string]string, opts options) (cfg *model.Config, err error) {
	if opts.maxFile <= 0 {
		opts.maxFile = MaxFileSize
	}
	if opts.maxTotal <= 0 {
		opts.maxTotal = MaxTotalRead
	}
	if opts.maxHeap <= 0 {
		opts.maxHeap = MaxHeap
	}
	parent := opts.ctx
	if parent == nil {
		parent = context.Background()
	}
	if err := parent.Err(); err != nil {
		return nil, &Error{Pos: name, Msg: "evaluation interrupted", cause: context.Cause(parent)}
	}
	ctx, cancel := context.WithCancelCause(parent)
	defer cancel(nil)
	go watchHeap(ctx, cancel, opts.maxHeap)
	if opts.timeout > 0 {
		var stop context.CancelFunc
		ctx, stop = context.WithTimeoutCause(ctx, opts.timeout, ErrTimeLimit)
		defer stop()
	}
	// The script runs on its own goroutine, so that a script stuck inside
	// one long built-in operation, which goja cannot interrupt (sorting or
	// filling an array of a billion elements), cannot hold the run: once
	// told to stop, it gets abandonAfter to do so, and is then abandoned
	// (the caller is expected to exit soon, which ends it).
	type result struct {
		cfg *model.Config
		err error
	}
	done := make(chan result, 1)
	go func() {
		cfg, err := run(ctx, name, src, vars, opts)
		done <- result{cfg, err}
	}()
	select {
	case r := <-done:
		return r.cfg, r.err
	case <-ctx.Done():
	}
	grace := opts.abandonAfter
	if grace <= 0 {
		grace = abandonAfter
		if errors.Is(context.Cause(ctx), ErrMemoryLimit) {
			grace /= 10 // memory is still growing
		}
	}
	select {
	case r := <-done:
		return r.cfg, r.err
	case <-time.After(grace):
		sc := stopReason(ctx, opts.timeout, opts.maxHeap)
		return nil, &Error{Pos: name, cause: sc.cause,
			Msg: sc.msg + "; the script was inside one long built-in operation (such as sorting, filling or joining a huge array), which cannot be interrupted, so it was abandoned there"}
	}
}

// abandonAfter is how long a script told to stop may take to reach a point
// where it can (see evaluate).
const abandonAfter = time.Second

// run evaluates src on the calling goroutine until it ends or ctx ends.
func run(ctx context.Context, name string, src []byte, vars map[string]string, opts options) (cfg *model.Config, err error) {
	ev := &evaluator{
		opts: opts,
		ctx:  ctx,
		cfg: &model.Config{
			Registrars:   []*model.ProviderDecl{},
			DNSProviders: []*model.ProviderDecl{},
			Domains:      []*model.Domain{},
		},
		domains: make(map[string]*domainState),
		running: make(map[string]bool),
		curDir:  filepath.Dir(name),
	}
	// goja reports its own bugs (and a few resource failures) as Go panics;
	// they must reach the caller as errors, never crash the CLI.
	defer func() {
		if r := recover(); r != nil {
			cfg, err = nil, &Error{Pos: name, Msg: fmt.Sprintf("internal error while evaluating: %v", r)}
		}
	}()

	ev.vm = goja.New()
	ev.vm.SetMaxCallStackSize(maxCallStack)
	ev.vm.SetParserOptions(parser.WithDisableSourceMaps)
	// CLI variables first, so the built-in functions win over a clash
	// (as in DNSControl, where they are set before the helpers).
	for k, v := range vars {
		if err := ev.vm.Set(k, v); err != nil {
			return nil, fmt.Errorf("setting variable %q: %w", k, err)
		}
	}
	for k, v := range opts.globals {
		if err := ev.vm.Set(k, v); err != nil {
			return nil, fmt.Errorf("setting %q: %w", k, err)
		}
	}
	if err := ev.install(); err != nil {
		return nil, err
	}
	ev.noteDSLFuncs()
	if err := ev.boundStrings(); err != nil {
		return nil, err
	}
	if err := ev.boundArrays(); err != nil {
		return nil, err
	}

	// The end of ctx interrupts the script at once, wherever it is.
	defer context.AfterFunc(ctx, func() { ev.vm.Interrupt(ev.stopped()) })()

	if err := ev.runFile(name, string(src)); err != nil {
		return nil, err
	}
	for _, ds := range ev.order {
		ev.cfg.Domains = append(ev.cfg.Domains, ds.d)
	}
	if err := ev.finishSPF(); err != nil {
		return nil, err
	}
	ev.checkAutoDNSSEC()
	if err := ev.finishPrivateZones(); err != nil {
		return nil, err
	}
	if err := ev.finishHealthChecks(); err != nil {
		return nil, err
	}
	if err := ev.finishCIDR(); err != nil {
		return nil, err
	}
	return ev.cfg, nil
}

// install defines the DSL: the Go built-ins, then the JavaScript prelude.
func (ev *evaluator) install() error {
	for name, v := range ev.builtins() {
		if err := ev.vm.Set(name, v); err != nil {
			return fmt.Errorf("defining %s: %w", name, err)
		}
	}
	files, err := compiledPrelude()
	if err != nil {
		return err
	}
	host := ev.hostObject()
	for _, f := range files {
		v, err := ev.vm.RunProgram(f.prg)
		if err != nil {
			return fmt.Errorf("prelude %s: %w", f.name, err)
		}
		setup, ok := goja.AssertFunction(v)
		if !ok {
			return fmt.Errorf("prelude %s: does not evaluate to a function", f.name)
		}
		if _, err := setup(goja.Undefined(), host); err != nil {
			return fmt.Errorf("prelude %s: %w", f.name, err)
		}
	}
	return nil
}

type preludeFile struct{ name, src string }

type compiledFile struct {
	name string
	prg  *goja.Program
}

// compiledPrelude compiles the prelude once per process: a goja.Program
// is immutable and may run in any number of runtimes.
var compiledPrelude = sync.OnceValues(func() ([]compiledFile, error) {
	files, err := preludeFiles()
	if err != nil {
		return nil, err
	}
	out := make([]compiledFile, 0, len(files))
	for _, f := range files {
		prg, err := compile(preludeName, f.src)
		if err != nil {
			return nil, fmt.Errorf("prelude %s: %w", f.name, err)
		}
		out = append(out, compiledFile{f.name, prg})
	}
	return out, nil
})

// preludeFiles returns the prelude's files in the order they run:
// prelude.js first, then prelude_*.js by name.
func preludeFiles() ([]preludeFile, error) {
	entries, err := fs.Glob(preludeFS, "prelude*.js")
	if err != nil {
		return nil, fmt.Errorf("prelude: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool {
		if (entries[i] == "prelude.js") != (entries[j] == "prelude.js") {
			return entries[i] == "prelude.js"
		}
		return entries[i] < entries[j]
	})
	out := make([]preludeFile, 0, len(entries))
	for _, name := range entries {
		b, err := preludeFS.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("prelude: %w", err)
		}
		out = append(out, preludeFile{name, string(b)})
	}
	return out, nil
}

// compile parses and compiles one file, reporting syntax errors as
// "file:line:col: SyntaxError: ...".
func compile(name, src string) (*goja.Program, error) {
	ast, err := parser.ParseFile(nil, name, src, 0, parser.WithDisableSourceMaps)
	if err != nil {
		var list parser.ErrorList
		var one *parser.Error
		switch {
		case errors.As(err, &list) && len(list) > 0:
			return nil, syntaxError(name, list[0].Position.Line, list[0].Position.Column, list[0].Message)
		case errors.As(err, &one):
			return nil, syntaxError(name, one.Position.Line, one.Position.Column, one.Message)
		}
		return nil, &Error{Pos: name, Msg: "SyntaxError: " + err.Error()}
	}
	prg, err := goja.CompileAST(ast, false)
	if err != nil {
		var se *goja.CompilerSyntaxError
		if errors.As(err, &se) && se.File != nil {
			p := se.File.Position(se.Offset)
			return nil, syntaxError(name, p.Line, p.Column, se.Message)
		}
		return nil, &Error{Pos: name, Msg: err.Error()}
	}
	return prg, nil
}

func syntaxError(name string, line, col int, msg string) *Error {
	return &Error{Pos: name + ":" + strconv.Itoa(line) + ":" + strconv.Itoa(col), Msg: "SyntaxError: " + msg}
}

// runFile runs the top level of the main configuration file.
func (ev *evaluator) runFile(name, src string) error {
	prg, err := compile(name, src)
	if err != nil {
		return err
	}
	key := fileKey(name)
	ev.running[key] = true
	defer delete(ev.running, key)
	if _, err := ev.vm.RunProgram(prg); err != nil {
		return ev.convert(name, err)
	}
	return nil
}

// convert turns what goja returns into a tidy error whose message starts
// with the user's file:line.
func (ev *evaluator) convert(name string, err error) error {
	var de *Error
	if errors.As(err, &de) {
		return de
	}
	var stack []goja.StackFrame
	var msg string
	var ie *goja.InterruptedError
	var so *goja.StackOverflowError
	var ex *goja.Exception
	switch {
	case errors.As(err, &ie):
		stack = ie.Stack()
		if sc, ok := ie.Value().(stopCause); ok {
			pos := framePos(stack)
			if pos == "" {
				pos = name
			}
			return &Error{Pos: pos, Msg: sc.msg, cause: sc.cause}
		}
		if v, ok := ie.Value().(interface{ Error() string }); ok {
			msg = v.Error()
		} else {
			msg = fmt.Sprintf("evaluation interrupted: %v", ie.Value())
		}
	case errors.As(err, &so):
		stack = so.Stack()
		msg = "RangeError: maximum call stack size exceeded (endless recursion?)"
	case errors.As(err, &ex):
		stack = ex.Stack()
		msg = describeThrown(ex.Value())
	default:
		return &Error{Pos: name, Msg: err.Error()}
	}
	pos := framePos(stack)
	if pos == "" {
		pos = name
	}
	return &Error{Pos: pos, Msg: msg}
}

// describeThrown renders a thrown JavaScript value. A value whose own
// toString throws must not take the evaluator down.
func describeThrown(v goja.Value) (s string) {
	if v == nil {
		return "exception"
	}
	defer func() {
		if recover() != nil {
			s = "exception (its message could not be rendered)"
		}
	}()
	if s = v.String(); strings.TrimSpace(s) == "" {
		return "exception with an empty message"
	}
	return s
}

// userPos returns "file:line" of the innermost call made from the user's
// configuration (skipping Go built-ins and the prelude).
func (ev *evaluator) userPos() string {
	ev.frames = ev.vm.CaptureCallStack(0, ev.frames[:0])
	return framePos(ev.frames)
}

func framePos(frames []goja.StackFrame) string {
	for i := range frames {
		f := &frames[i]
		if n := f.SrcName(); isUserFile(n) {
			return n + ":" + strconv.Itoa(f.Position().Line)
		}
	}
	return ""
}

func isUserFile(name string) bool {
	return name != preludeName && name != "<native>" && name != ""
}

// fail aborts the running built-in fn with a positioned error. JavaScript
// sees it as an exception (so try/catch works); Evaluate reports it as is.
func (ev *evaluator) fail(pos, fn, format string, args ...any) {
	if pos == "" {
		pos = ev.userPos()
	}
	panic(ev.vm.NewGoError(&Error{Pos: pos, Func: fn, Msg: fmt.Sprintf(format, args...)}))
}

// stopped is why the evaluation must stop, once ev.ctx has ended.
func (ev *evaluator) stopped() stopCause {
	return stopReason(ev.ctx, ev.opts.timeout, ev.opts.maxHeap)
}

// checkStopped aborts a long-running built-in once the evaluation must stop.
func (ev *evaluator) checkStopped(pos string) {
	if ev.ctx.Err() == nil {
		return
	}
	sc := ev.stopped()
	if pos == "" {
		pos = ev.userPos()
	}
	panic(ev.vm.NewGoError(&Error{Pos: pos, Msg: sc.msg, cause: sc.cause}))
}

// fileKey identifies a file for the require-cycle guard.
func fileKey(name string) string {
	if abs, err := filepath.Abs(name); err == nil {
		return abs
	}
	return filepath.Clean(name)
}
