package dsl

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// A configuration reads only regular files, each of bounded size, and a
// bounded total: anything else is an error at the require (or
// require_glob) call, never a hang or an ever-growing read.
func TestRequireReadsOnlyBoundedRegularFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(dir, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mkfifo := func(name string) {
		t.Helper()
		if err := syscall.Mkfifo(filepath.Join(dir, name), 0o644); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "adir"), 0o755); err != nil {
		t.Fatal(err)
	}
	mkfifo("fifo.js")
	// A sparse file one byte over the limit: nothing on disk, and a read
	// that is cut at the limit.
	big, err := os.Create(filepath.Join(dir, "big.js"))
	if err != nil {
		t.Fatal(err)
	}
	if err := big.Truncate(MaxFileSize + 1); err != nil {
		t.Fatal(err)
	}
	big.Close()
	write("ok.js", "var fine = 1;\n")
	write("glob/a.js", "var a = 1;\n")
	mkfifo("glob/b.js")
	write("k200.json", `"`+strings.Repeat("k", 200<<10)+`"`)
	write("nested/lib.js", "\nrequire('/dev/zero');\n")

	for _, tc := range []struct {
		name  string
		src   string
		total int64 // maxTotal, 0 for the default
		want  string
	}{
		{"dev zero", "var x = 1;\nrequire('/dev/zero');\n", 0,
			"dnsconfig.js:2: require: /dev/zero is a character device; only regular files can be read"},
		{"directory", "require('./adir');\n", 0,
			"dnsconfig.js:1: require: " + filepath.Join(dir, "adir") + " is a directory; only regular files can be read"},
		{"fifo", "\n\nrequire('./fifo.js');\n", 0,
			"dnsconfig.js:3: require: " + filepath.Join(dir, "fifo.js") + " is a named pipe (FIFO); only regular files can be read"},
		{"oversized", "require('./big.js');\n", 0,
			"dnsconfig.js:1: require: " + filepath.Join(dir, "big.js") + " is larger than 16 MiB, the limit for a file read by the configuration"},
		{"fifo in require_glob", "var a = 0;\nrequire_glob('glob');\n", 0,
			"dnsconfig.js:2: require: " + filepath.Join(dir, "glob", "b.js") + " is a named pipe (FIFO)"},
		{"from a required file", "require('./nested/lib.js');\n", 0,
			filepath.Join(dir, "nested", "lib.js") + ":2: require: /dev/zero is a character device"},
		{"total", "for (var i = 0; i < 10; i++) {\n  require('./k200.json');\n}\n", 1 << 20,
			"dnsconfig.js:2: require: " + filepath.Join(dir, "k200.json") + ": the files read by require and require_glob together exceed 1 MiB, the limit of an evaluation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() {
				_, err := evaluate(filepath.Join(dir, "dnsconfig.js"), []byte(tc.src), nil,
					options{timeout: time.Minute, console: io.Discard, maxTotal: tc.total})
				done <- err
			}()
			var err error
			select {
			case err = <-done:
			case <-time.After(30 * time.Second):
				t.Fatal("evaluation did not end within 30s")
			}
			if err == nil {
				t.Fatal("evaluation succeeded")
			}
			if got := strings.ReplaceAll(err.Error(), dir+string(filepath.Separator)+"dnsconfig.js", "dnsconfig.js"); !strings.HasPrefix(got, tc.want) {
				t.Errorf("error:\n got %s\nwant %s…", got, tc.want)
			}
		})
	}
	// The same file within the total is fine.
	if _, err := evaluate(filepath.Join(dir, "dnsconfig.js"), []byte("require('./ok.js'); require('./k200.json');\n"), nil, options{maxTotal: 1 << 20}); err != nil {
		t.Errorf("files within the limits: %v", err)
	}
}

// The main configuration file obeys the same rules (a pipe, as in
// --config <(…), is allowed: its read is bounded too).
func TestEvaluateMainFileBounded(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.js")
	if err := os.WriteFile(big, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ path, want string }{
		{"/dev/zero", "reading configuration: /dev/zero is a character device; only regular files can be read"},
		{dir, "reading configuration: " + dir + " is a directory"},
		{big, "reading configuration: " + big + " is larger than 16 MiB"},
		{filepath.Join(dir, "none.js"), "reading configuration: " + filepath.Join(dir, "none.js") + ": no such file or directory"},
	} {
		_, err := EvaluateContext(context.Background(), tc.path, nil, Limits{Timeout: time.Minute})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %s…", tc.path, err, tc.want)
		}
	}
}

// An endless script stops at the time limit, or at once when the caller's
// context ends, with the file and line where it was and an error that
// says why.
func TestEvaluationStops(t *testing.T) {
	// stuck blocks until the test ends, ignoring interrupts, as goja's
	// built-in operations on huge arrays do; hog holds 512 MiB, then blocks
	// the same way.
	release := make(chan struct{})
	defer close(release)
	stuck := func() { <-release }
	hog := func() {
		var held [][]byte
		for i := 0; i < 512; i++ {
			held = append(held, make([]byte, 1<<20))
		}
		<-release
		runtime.KeepAlive(held)
	}
	// The endless scripts are one line each (after any setup line that
	// cannot stop), so the line reported is the same however late a busy
	// machine lets the loop start.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "loop.js"), []byte("var n = 0; while (true) { n++; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	main := filepath.Join(dir, "dnsconfig.js")
	if err := os.WriteFile(main, []byte("var R = NewRegistrar('none'); while (true) { R.x = 1; }\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	defer cancel()
	for _, tc := range []struct {
		name string
		run  func() error
		is   error
		want string
	}{
		{"time limit", func() error {
			_, err := EvaluateContext(context.Background(), main, nil, Limits{Timeout: 200 * time.Millisecond})
			return err
		}, ErrTimeLimit, main + ":1: evaluation stopped after 200ms, the time limit (an endless loop?)"},
		{"time limit in a required file", func() error {
			_, err := evaluate(main, []byte("require('./loop.js');\n"), nil, options{timeout: 200 * time.Millisecond})
			return err
		}, ErrTimeLimit, filepath.Join(dir, "loop.js") + ":1: evaluation stopped after 200ms"},
		{"time limit in a try", func() error {
			_, err := evaluate(main, []byte("try { for (var i = 0; ; i++) {} } catch (e) {}\nD('a.com', 'r');\n"), nil, options{timeout: 200 * time.Millisecond})
			return err
		}, ErrTimeLimit, main + ":1: evaluation stopped after 200ms"},
		{"empty loop", func() error {
			// goja places an empty loop's jump at the statement before it.
			_, err := evaluate(main, []byte("var R = 1;\nwhile (true) {}\n"), nil, options{timeout: 200 * time.Millisecond})
			return err
		}, ErrTimeLimit, main + ":"},
		{"interrupted", func() error {
			time.AfterFunc(200*time.Millisecond, cancel)
			_, err := EvaluateContext(cancelled, main, nil, Limits{})
			return err
		}, context.Canceled, main + ":1: evaluation interrupted"},
		{"interrupted before it starts", func() error {
			_, err := EvaluateContext(cancelled, main, nil, Limits{})
			return err
		}, context.Canceled, main + ": evaluation interrupted"},
		{"memory", func() error {
			_, err := evaluate(main, []byte("var a = [];\nfor (var i = 0; ; i++) { a.push('x'.repeat(1 << 20) + i); }\n"), nil,
				options{timeout: time.Minute, maxHeap: 256 << 20})
			return err
		}, ErrMemoryLimit, main + ":2: evaluation stopped: it held more than 256 MiB of memory"},
		// goja cannot interrupt one long built-in operation (sorting a
		// sparse array of a billion elements allocates and sorts them all);
		// stuck() is such an operation, which ignores the interrupt.
		{"time limit inside an uninterruptible built-in", func() error {
			_, err := evaluate(main, []byte("var R = 1;\nstuck();\n"), nil,
				options{timeout: 200 * time.Millisecond, abandonAfter: 200 * time.Millisecond, globals: map[string]any{"stuck": stuck}})
			return err
		}, ErrTimeLimit, main + ": evaluation stopped after 200ms, the time limit (an endless loop?); the script was inside one long built-in operation"},
		{"memory inside an uninterruptible built-in", func() error {
			_, err := evaluate(main, []byte("var R = 1;\nhog();\n"), nil,
				options{timeout: time.Minute, maxHeap: 256 << 20, abandonAfter: 200 * time.Millisecond, globals: map[string]any{"hog": hog}})
			return err
		}, ErrMemoryLimit, main + ": evaluation stopped: it held more than 256 MiB of memory, the limit (an ever-growing array or string?); the script was inside one long built-in operation"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			done := make(chan error, 1)
			go func() { done <- tc.run() }()
			select {
			case err := <-done:
				if !errors.Is(err, tc.is) {
					t.Errorf("error %v is not %v", err, tc.is)
				}
				if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
					t.Errorf("error:\n got %v\nwant %s…", err, tc.want)
				}
			case <-time.After(30 * time.Second):
				t.Fatal("evaluation did not stop within 30s")
			}
		})
	}
}

// The string methods that build a string of any length in one step are
// bounded: an over-long result is an error at the call.
func TestLongStringsRefused(t *testing.T) {
	for _, src := range []string{
		"var s = 'ab';\ns.repeat(1e10);\n",
		"var s = 'ab';\ns.padStart(1e10, 'x');\n",
		"var s = 'ab';\ns.padEnd(2 ** 40);\n",
	} {
		_, err := evaluate("dnsconfig.js", []byte(src), nil, options{timeout: time.Minute})
		if err == nil || !strings.HasPrefix(err.Error(), "dnsconfig.js:2: ") || !strings.Contains(err.Error(), "more than the limit of 64 MiB") {
			t.Errorf("%q: error %v", src, err)
		}
	}
	cfg, err := evaluate("dnsconfig.js", []byte("D('ab'.repeat(3) + '.com', NewRegistrar('r'), TXT('@', 'x'.padStart(5, '-') + 'y'.padEnd(3)));\n"), nil, options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Domains[0].Name + " " + cfg.Domains[0].Records[0].Data; got != "ababab.com ----xy  " {
		t.Errorf("repeat/padStart/padEnd: got %q", got)
	}
}

// An array's length is not its size: a[1e9] = 1 is instant, and a built-in
// operation over that length (sort allocates every element at once) would
// be one step that neither the time limit nor the memory watch stops, and
// that can crash the process with a fatal out-of-memory error. Such calls
// are refused at their line; binary buffers, which allocate their whole
// size at once, do not exist.
func TestArrayOperationsBounded(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"var a = [];\na[1e9] = 1; a.sort();\n", "dnsconfig.js:2: Array.prototype.sort: the array has a length of 1000000001, more than the 67108864 elements"},
		{"var a = [];\nnew Array(1e8).fill(0);\n", "dnsconfig.js:2: Array.prototype.fill: the array has a length of 100000000"},
		{"var a = [];\na.length = 2e9; a.join(',');\n", "dnsconfig.js:2: Array.prototype.join: the array has a length of 2000000000"},
		{"var a = [];\nArray.from({length: 1e9});\n", "dnsconfig.js:2: Array.from: the array has a length of 1000000000"},
		{"var a = [];\na.length = 5e7; a.concat(a);\n", "dnsconfig.js:2: Array.prototype.concat: the array has a length of 100000000"},
		{"var a = [];\nvar b = new Uint8Array(1e11);\n", "dnsconfig.js:2: ReferenceError: Uint8Array is not defined"},
		{"var a = [];\nnew ArrayBuffer(1e11);\n", "dnsconfig.js:2: ReferenceError: ArrayBuffer is not defined"},
	} {
		_, err := evaluate("dnsconfig.js", []byte(tc.src), nil, options{timeout: time.Minute})
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%q:\n got %v\nwant %s…", tc.src, err, tc.want)
		}
	}
	// Ordinary use is untouched.
	cfg, err := evaluate("dnsconfig.js", []byte(`var hosts = [3, 1, 2].sort().map(function (n) { return "h" + n; });
D("example.com", NewRegistrar("r"), hosts.map(function (h) { return A(h, "192.0.2.1"); }), TXT("@", [1].concat([2], [3]).join("-")));
`), nil, options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range cfg.Domains[0].Records {
		got = append(got, r.Name+" "+r.Data)
	}
	if want := "h1 192.0.2.1,h2 192.0.2.1,h3 192.0.2.1,@ 1-2-3"; strings.Join(got, ",") != want {
		t.Errorf("records %q, want %s", strings.Join(got, ","), want)
	}
}
