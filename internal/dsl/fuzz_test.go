package dsl

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
)

// FuzzEvaluate feeds arbitrary sources to the evaluator: errors are fine,
// panics and internal errors are not. Scripts are interrupted after half
// a second, and cannot read files. Whatever evaluates then goes through
// what the engine's Load does with it before any provider is involved:
// normalisation, validation and the IGNORE patterns' check; none of them
// may panic either.
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
		"var R = NewRegistrar('r'); D(REV('192.0.2.0/24'), R, PTR('192.0.2.7', 'a.'), PTR(REV('192.0.2.5'), 'b.'), PTR('2001:db8::1', 'c.'))",
		"var R = NewRegistrar('r'); D(REV('2001:db8::/32'), R, PTR('2001:db8::1', 'a.'), PTR('1.0.0.0', 'b.')); D_EXTEND(REV('2001:db8:1::/48'), PTR('3.0.0.0', 'c.'))",
		"var R = NewRegistrar('r'); D('example.com', R, A('www.example.com', '192.0.2.1'), A('x.example.com', '192.0.2.1', DISABLE_REPEATED_DOMAIN_CHECK), DnsProvider('nope'))",
		"var R = NewRegistrar('r'); D('example.com', R, TXT('huge', 'h'.repeat(70000)), DS('ds', 1, 13, 2, 'zz'), CAA('@', 'x'.repeat(300), 'v'))",
		"var R = NewRegistrar('r'); D('example.com', R, IGNORE('{a,b'), IGNORE_NAME('straße'), IGNORE_TARGET('*.bücher.example.', 'CNAME'), IGNORE('stra?e}'))",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		cfg, err := evaluate("fuzz.js", src, nil, options{timeout: 500 * time.Millisecond, console: io.Discard, noFiles: true})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%v\nsource:\n%s", err, src)
			}
			return
		}
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic while checking what evaluated: %v\nsource:\n%s", r, src)
			}
		}()
		ps := model.Normalize(cfg)
		ps = append(ps, model.Validate(cfg, nil)...)
		for _, d := range cfg.Domains {
			for _, ig := range d.Ignores {
				_ = diff.ValidateIgnore(ig)
			}
		}
		_ = ps.Error()
		if ps.Err() != nil {
			return // invalid input: rejected, which is all that is asked
		}
		// Normalised records of a valid configuration are canonical:
		// normalising them again keeps them as they are.
		for _, d := range cfg.Domains {
			for _, r := range d.Records {
				if r.Type == "SOA" || r.Type == "TXT" || r.Type == "SPF" {
					continue
				}
				got, err := model.CanonicalData(r.Type, r.Data, d.Name)
				if err != nil || got != r.Data {
					t.Fatalf("%s %s: canonical data %q is not stable: %q, %v\nsource:\n%s", r.Name, r.Type, r.Data, got, err, src)
				}
			}
		}
	})
}
