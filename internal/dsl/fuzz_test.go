package dsl

import (
	"encoding/json"
	"fmt"
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

// FuzzZoneRef evaluates a D() whose zone reference ("name" or the
// split-horizon "name!tag") and record label and targets come from the
// fuzzer, then normalises and validates it as the engine's Load does.
// Nothing may panic, and what is accepted must be safe to use as a file
// name, a zone file's content and terminal output:
//
//   - zone and owner names are domain names (labels of 1 to 63 bytes, at
//     most 253 in all) made only of [a-z0-9-_.*/];
//   - targets (CNAME, MX, NS) likewise, with a trailing dot;
//   - tags match ^[a-z0-9_-]+$ (lower case: tags are compared without
//     regard to case).
func FuzzZoneRef(f *testing.F) {
	for _, s := range [][3]string{
		{"example.com", "www.example.net.", "www"},
		{"example.com!inside", "mail", "@"},
		{"x.com!/../../escaped", "foo;bar.", "a_b"},
		{"ex.com!In", "@", "*"},
		{"bücher.example!v1", "straße.example.", "ü"},
		{"a.com!b!c", ".", "x.a.com."},
		{"x.com!", "a b.", "(x)"},
		{"!tag", `"q".`, "a\nb"},
		{"x.com!a\nb\x1b[2J", "host\x00.", "..."},
		{"128/25.2.0.192.in-addr.arpa", "130.128/25.2.0.192.in-addr.arpa.", "130"},
		{"EXAMPLE.COM.!View_1-2", "Mail.Example.COM.", "WWW"},
		{strings.Repeat("a", 64) + ".com", strings.Repeat("b.", 130), strings.Repeat("c", 63)},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, ref, target, label string) {
		src := "var R = NewRegistrar('r');\nD(" + jsString(ref) + ", R,\n  CNAME(" + jsString(label) + ", " + jsString(target) +
			"),\n  MX('@', 10, " + jsString(target) + "),\n  NS('sub', " + jsString(target) + "));\n"
		cfg, err := evaluate("fuzz.js", []byte(src), nil, options{timeout: 2 * time.Second, console: io.Discard, noFiles: true})
		if err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("%v\nsource:\n%s", err, src)
			}
			return
		}
		ps := model.Normalize(cfg)
		ps = append(ps, model.Validate(cfg, nil)...)
		if ps.Err() != nil {
			return
		}
		for _, d := range cfg.Domains {
			if err := checkDomainName(d.Name, false); err != nil {
				t.Fatalf("accepted zone name: %v\nsource:\n%s", err, src)
			}
			if d.Tag != "" && !validTag(d.Tag) {
				t.Fatalf("accepted tag %q\nsource:\n%s", d.Tag, src)
			}
			for _, r := range d.Records {
				if err := checkDomainName(r.Name, false); err != nil {
					t.Fatalf("accepted owner name: %v\nsource:\n%s", err, src)
				}
				fields := strings.Fields(r.Data)
				if len(fields) == 0 {
					t.Fatalf("%s %s: empty data\nsource:\n%s", r.Name, r.Type, src)
				}
				if err := checkDomainName(fields[len(fields)-1], true); err != nil {
					t.Fatalf("%s %s: accepted target: %v\nsource:\n%s", r.Name, r.Type, err, src)
				}
			}
		}
	})
}

// jsString quotes s as a JavaScript string literal (JSON's quoting, which
// escapes U+2028 and U+2029 too, is valid JavaScript).
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// checkDomainName reports what makes n no domain name of the bytes
// [a-z0-9-_.*/]; fqdn names end with a dot (the root is ".").
func checkDomainName(n string, fqdn bool) error {
	if fqdn {
		if n == "." {
			return nil
		}
		if !strings.HasSuffix(n, ".") {
			return fmt.Errorf("%q lacks the trailing dot", n)
		}
		n = n[:len(n)-1]
	}
	if n == "" || len(n) > 253 {
		return fmt.Errorf("%q is empty or longer than 253 bytes", n)
	}
	for _, l := range strings.Split(n, ".") {
		if l == "" || len(l) > 63 {
			return fmt.Errorf("%q has an empty label or one longer than 63 bytes", n)
		}
		for i := 0; i < len(l); i++ {
			if c := l[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || strings.IndexByte("-_*/", c) >= 0) {
				return fmt.Errorf("%q holds the byte %q", n, c)
			}
		}
	}
	return nil
}

// validTag reports whether tag matches ^[A-Za-z0-9_-]+$.
func validTag(tag string) bool {
	if tag == "" {
		return false
	}
	for i := 0; i < len(tag); i++ {
		if c := tag[i]; !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}
