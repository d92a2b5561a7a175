package dsl

import (
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"io"
	"net/netip"
	"os"
	"path/filepath"
	"strings"

	"github.com/dop251/goja"

	"github.com/dnsctl/dnsctl/internal/safe"
)

// jsIP implements IP("1.2.3.4"): the address as a number (A() accepts it).
func (ev *evaluator) jsIP(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "IP", pos: ev.userPos(), v: c.Arguments}
	s := a.str(0, "address")
	ip, err := netip.ParseAddr(s)
	if err != nil || !ip.Is4() {
		a.fail("%s is not an IPv4 address", quoteGo(s))
	}
	b := ip.As4()
	return ev.vm.ToValue(int64(b[0])<<24 | int64(b[1])<<16 | int64(b[2])<<8 | int64(b[3]))
}

// jsHash implements HASH(algorithm, text): the hex digest (SHA1, SHA256 or SHA512).
func (ev *evaluator) jsHash(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "HASH", pos: ev.userPos(), v: c.Arguments}
	alg := strings.ToUpper(a.str(0, "algorithm"))
	text := []byte(a.str(1, "text"))
	var sum []byte
	switch alg {
	case "SHA1":
		h := sha1.Sum(text)
		sum = h[:]
	case "SHA256":
		h := sha256.Sum256(text)
		sum = h[:]
	case "SHA512":
		h := sha512.Sum512(text)
		sum = h[:]
	default:
		a.fail("algorithm must be SHA1, SHA256 or SHA512, got %s", quoteGo(alg))
	}
	return ev.vm.ToValue(hex.EncodeToString(sum))
}

// jsPanic implements PANIC(message): evaluation stops with the message. As
// in DNSControl it cannot be caught.
func (ev *evaluator) jsPanic(c goja.FunctionCall) goja.Value {
	ev.vm.Interrupt(&Error{Pos: ev.userPos(), Func: "PANIC", Msg: describeThrown(c.Argument(0))})
	return goja.Undefined()
}

// console defines console.log and friends; they print to the options'
// writer (standard error by default), so they never mix with output a
// command prints on standard output. What the script prints is its own:
// its newlines and tabs pass, any other control character is escaped
// (safe.Writer).
func (ev *evaluator) console() *goja.Object {
	var out io.Writer = os.Stderr
	if ev.opts.console != nil {
		out = ev.opts.console
	}
	out = safe.NewWriter(out)
	print := func(c goja.FunctionCall) goja.Value {
		parts := make([]string, len(c.Arguments))
		for i, v := range c.Arguments {
			parts[i] = describeThrown(v)
		}
		_, _ = io.WriteString(out, strings.Join(parts, " ")+"\n")
		return goja.Undefined()
	}
	con := ev.vm.NewObject()
	for _, k := range []string{"log", "info", "warn", "error", "debug"} {
		_ = con.Set(k, print)
	}
	return con
}

// jsRequire implements require(path): a .json file returns its parsed
// contents; any other file runs as JavaScript. Paths resolve as in
// DNSControl (see requirePath).
func (ev *evaluator) jsRequire(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "require", pos: ev.userPos(), v: c.Arguments}
	if len(a.v) != 1 {
		a.fail("takes exactly one argument, a file path")
	}
	return ev.requirePath(a.pos, a.str(0, "path"))
}

// requirePath requires file, written by the user (or listed by glob), with
// DNSControl's rules (its pkg/js/js.go), so that a migrated configuration
// loads the same files:
//
//   - a path that starts with "." ("./x.js", "../x.js") is relative to the
//     current directory of require (below); any other path is read as is:
//     relative to the working directory, or absolute;
//   - while the file runs, the current directory is the directory of the
//     current one joined with the path as written, even when the file was
//     read from elsewhere (a "lib/x.js" required from sub/dnsconfig.js is
//     read at ./lib/x.js and runs with sub/lib as its directory);
//   - it starts as the directory of the main file, and returns to what it
//     was when the file has run; after an error (caught with try/catch) it
//     stays where it was set, as in DNSControl;
//   - it is a property of the evaluation, not of the file: a function
//     defined in a required file and called later uses the directory of
//     the moment (the main file's, once the top level has finished).
func (ev *evaluator) requirePath(pos, file string) goja.Value {
	joined := filepath.Clean(filepath.Join(ev.curDir, file))
	read := file
	if strings.HasPrefix(file, ".") {
		read = joined
	}
	saved := ev.curDir
	ev.curDir = filepath.Dir(joined)
	v := ev.require(pos, read)
	ev.curDir = saved // not on an error: the panic skips this, as DNSControl's throw does
	return v
}

func (ev *evaluator) require(pos, path string) goja.Value {
	if ev.opts.noFiles {
		ev.fail(pos, "require", "reading files is disabled")
	}
	ev.checkStopped(pos)
	// Only regular files, each of bounded size, and a bounded total: a
	// require of /dev/zero, a FIFO or a huge file fails instead of
	// growing without end or waiting for ever.
	left := ev.opts.maxTotal - ev.read
	src, err := readBounded(path, min(ev.opts.maxFile, left), false)
	if err != nil {
		var big *tooLargeError
		if errors.As(err, &big) && left < ev.opts.maxFile {
			ev.fail(pos, "require", "%s: the files read by require and require_glob together exceed %s, the limit of an evaluation", path, sizeText(ev.opts.maxTotal))
		}
		ev.fail(pos, "require", "%v", err)
	}
	ev.read += int64(len(src))
	if isDataFile(path) {
		v, err := parseData(ev.vm, path, string(src))
		if err != nil {
			// The error's own position says where; add who required it.
			panic(ev.vm.NewGoError(&Error{Pos: err.(*Error).Pos, Msg: err.(*Error).Msg + " (required at " + pos + ")"}))
		}
		return v
	}
	key := fileKey(path)
	if ev.running[key] {
		ev.fail(pos, "require", "%s is already being evaluated (a require cycle)", path)
	}
	prg, err := compile(path, string(src))
	if err != nil {
		// The syntax error's own position says where; add who required it.
		panic(ev.vm.NewGoError(&Error{Pos: err.(*Error).Pos, Msg: err.(*Error).Msg + " (required at " + pos + ")"}))
	}
	ev.running[key] = true
	defer delete(ev.running, key)
	if _, err := ev.vm.RunProgram(prg); err != nil {
		panic(err) // rethrow as is: the exception keeps its own stack
	}
	return ev.vm.ToValue(true)
}

// describeErr renders an error from a JavaScript call without its stack.
func describeErr(err error) string {
	if ex, ok := err.(*goja.Exception); ok {
		return describeThrown(ex.Value())
	}
	return err.Error()
}

// jsRequireGlob implements require_glob(path[, recursive = true]): as in
// DNSControl, glob(path, recursive, ".js"), then require of each file in
// that order; it returns their paths.
func (ev *evaluator) jsRequireGlob(c goja.FunctionCall) goja.Value {
	a := args{ev: ev, fn: "require_glob", pos: ev.userPos(), v: c.Arguments}
	if len(a.v) > 2 {
		a.v = a.v[:2] // DNSControl replaces a third argument with "js"
	}
	files := ev.globFiles(&a, ".js")
	list := make([]any, len(files))
	for i, p := range files {
		ev.requirePath(a.pos, filepath.FromSlash(p))
		list[i] = p
	}
	return ev.vm.NewArray(list...)
}
