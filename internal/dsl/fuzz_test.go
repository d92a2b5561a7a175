package dsl

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// FuzzEvaluate feeds arbitrary sources to the evaluator: errors are fine,
// panics and internal errors are not. Scripts are interrupted after half
// a second, and cannot read files.
func FuzzEvaluate(f *testing.F) {
	scripts, _ := filepath.Glob(filepath.Join("testdata", "cases", "*", "dnsconfig.js"))
	for _, p := range scripts {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"",
		"D(",
		"D('a.com', 'r', A('@', 1e99))",
		"D('a.com', 'r', [[[[]]]], {}, END)",
		"var o = {toString() { throw 1 }}; D(o, o)",
		"throw {toString() { throw 2 }}",
		"D('a.com', 'r'); D_EXTEND('b.a.com', TXT('x', ['a', {}]))",
		"A.call(null); D.apply(null, new Array(3))",
		"SPF_BUILDER({parts: ['v=spf1', 'a'.repeat(300), '-all'], overflow: '_s%d'})",
		"function f() { f() } f()",
		"DEFAULTS(DEFAULTS); D('x', 'y')",
		"LOC('@', NaN, 0, Infinity, 'N', 0, 0, 0, 'E', 0, 0, 0, 0)",
		"REV('::/0'); REV('0.0.0.0/0'); IP('1.2.3'); TTL('99999999999999999999s')",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		_, err := evaluate("fuzz.js", src, nil, options{timeout: 500 * time.Millisecond, console: io.Discard, noFiles: true})
		if err != nil && strings.Contains(err.Error(), "internal error") {
			t.Fatalf("%v\nsource:\n%s", err, src)
		}
	})
}
