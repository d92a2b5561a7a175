package dsl

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/cases")

// TestGolden evaluates every testdata/cases/NAME/dnsconfig.js and compares
// the result with the golden files beside it:
//
//   - want.json: the Config, as json.MarshalIndent renders it;
//   - want.pos: where each provider, domain, record and ignore was declared;
//   - want.err: the error message, for cases that must fail.
//
// A vars.json beside the script holds the CLI variables. Paths in the
// golden files are relative to the case directory. Run with -update to
// rewrite the golden files.
func TestGolden(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("testdata", "cases", "*"))
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) == 0 {
		t.Fatal("no test cases")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			var vars map[string]string
			if b, err := os.ReadFile(filepath.Join(dir, "vars.json")); err == nil {
				if err := json.Unmarshal(b, &vars); err != nil {
					t.Fatalf("vars.json: %v", err)
				}
			}
			var console bytes.Buffer
			script := filepath.Join(dir, "dnsconfig.js")
			src, err := os.ReadFile(script)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := evaluate(script, src, vars, options{console: &console})
			rel := func(s string) string { return strings.ReplaceAll(s, dir+string(filepath.Separator), "") }

			wantErr, errFile := readGolden(t, dir, "want.err")
			if err != nil {
				if errFile == "" && !*update {
					t.Fatalf("unexpected error: %v", err)
				}
				checkGolden(t, filepath.Join(dir, "want.err"), wantErr, rel(err.Error())+"\n")
				return
			}
			if errFile != "" {
				t.Fatalf("evaluation succeeded; want error %q", wantErr)
			}
			got, err := json.MarshalIndent(cfg, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			want, _ := readGolden(t, dir, "want.json")
			checkGolden(t, filepath.Join(dir, "want.json"), want, string(got)+"\n")
			wantPos, _ := readGolden(t, dir, "want.pos")
			checkGolden(t, filepath.Join(dir, "want.pos"), wantPos, rel(positions(cfg)+console.String()))
		})
	}
}

// positions lists where everything in cfg was declared (and what the
// script printed), one item a line.
func positions(cfg *model.Config) string {
	var b strings.Builder
	for _, p := range cfg.Registrars {
		fmt.Fprintf(&b, "registrar %s %s\n", p.Name, p.Pos)
	}
	for _, p := range cfg.DNSProviders {
		fmt.Fprintf(&b, "provider %s %s\n", p.Name, p.Pos)
	}
	for _, d := range cfg.Domains {
		fmt.Fprintf(&b, "domain %s %s\n", d.UniqueName(), d.Pos)
		for _, p := range d.DNSProviders {
			fmt.Fprintf(&b, "  DnsProvider %s %s\n", p.Name, p.Pos)
		}
		for _, r := range d.Records {
			fmt.Fprintf(&b, "  %s %s %s\n", r.Name, r.Type, r.Pos)
		}
		for _, ig := range d.Ignores {
			fmt.Fprintf(&b, "  ignore %q %q %q %s\n", ig.Label, ig.Types, ig.Target, ig.Pos)
		}
	}
	return b.String()
}

// readGolden returns the contents of dir/name and its path, or "", "" when
// the file does not exist.
func readGolden(t *testing.T, dir, name string) (string, string) {
	t.Helper()
	p := filepath.Join(dir, name)
	b, err := os.ReadFile(p)
	if os.IsNotExist(err) {
		return "", ""
	}
	if err != nil {
		t.Fatal(err)
	}
	return string(b), p
}

func checkGolden(t *testing.T, path, want, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if got != want {
		t.Errorf("%s differs (run go test -update to accept)\n--- got:\n%s\n--- want:\n%s", path, got, want)
	}
}

// TestEvaluateFile covers Evaluate's reading of the file and its errors.
func TestEvaluateFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "dnsconfig.js")
	src := "var REG = NewRegistrar(\"none\");\nD(\"example.com\", REG, A(\"@\", \"192.0.2.1\"));\n"
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg, err := Evaluate(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.Domains[0].Records[0].Pos; got != path+":2" {
		t.Errorf("record position %q, want %q", got, path+":2")
	}
	if _, err := Evaluate(filepath.Join(dir, "missing.js"), nil); err == nil {
		t.Error("Evaluate of a missing file succeeded")
	}
}

// TestErrorType checks that errors carry their parts.
func TestErrorType(t *testing.T) {
	_, err := EvaluateSource("x.js", []byte("var R = NewRegistrar(\"r\");\n\nD(\"a.com\", R, MX(\"@\", \"ten\", \"mail\"));\n"), nil)
	e, ok := err.(*Error)
	if !ok {
		t.Fatalf("error is %T, want *Error", err)
	}
	if e.Pos != "x.js:3" || e.Func != "MX" || !strings.Contains(e.Msg, `priority must be a number, got "ten"`) {
		t.Errorf("error %#v", e)
	}
}

// TestTimeout checks that an endless loop is interrupted.
func TestTimeout(t *testing.T) {
	_, err := evaluate("loop.js", []byte("var i = 0;\nwhile (true) { i++; }\n"), nil, options{timeout: 50 * time.Millisecond})
	if err == nil || !strings.HasPrefix(err.Error(), "loop.js:2: evaluation stopped") {
		t.Fatalf("error %v", err)
	}
}

// TestRecursion checks that runaway recursion fails cleanly.
func TestRecursion(t *testing.T) {
	_, err := EvaluateSource("r.js", []byte("function f(n) { return f(n + 1) + 1; }\nf(0);\n"), nil)
	if err == nil || !strings.Contains(err.Error(), "maximum call stack size exceeded") {
		t.Fatalf("error %v", err)
	}
}

// TestConcurrent evaluates in parallel; run with -race.
func TestConcurrent(t *testing.T) {
	src := genManyDomains(3, 20)
	done := make(chan error)
	for i := 0; i < 4; i++ {
		go func() {
			_, err := EvaluateSource("dnsconfig.js", src, nil)
			done <- err
		}()
	}
	for i := 0; i < 4; i++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}

// TestDefaultsReuse checks that a record value used by several domains
// gives each its own record.
func TestDefaultsReuse(t *testing.T) {
	src := `var R = NewRegistrar("r");
var common = [TXT("@", "v=spf1 -all", {k: "v"})];
D("a.com", R, common, DefaultTTL(60), common);
D("b.com", R, common);
`
	cfg, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	a, b := cfg.Domains[0].Records, cfg.Domains[1].Records
	if len(a) != 2 || len(b) != 1 {
		t.Fatalf("records: %d and %d", len(a), len(b))
	}
	if a[0] == a[1] || a[0] == b[0] {
		t.Fatal("records are shared between uses")
	}
	if a[0].TTL != 300 || a[1].TTL != 60 || b[0].TTL != 300 {
		t.Errorf("TTLs %d %d %d", a[0].TTL, a[1].TTL, b[0].TTL)
	}
	a[0].Meta["k"] = "changed"
	if b[0].Meta["k"] != "v" {
		t.Error("metadata is shared between uses")
	}
}

// A plain metadata object cannot pass for an R53_* modifier: as for
// DNSControl, Route 53 has no metadata of its own, so {weight: "5"} is
// ignored while R53_WEIGHT sets the weight.
func TestPlainMetadataCannotSetRoute53Settings(t *testing.T) {
	src := `var R = NewRegistrar("r");
D("a.com", R,
  A("plain", "192.0.2.1", {weight: "5", failover: "x", zone_id: "Z1", route53_value: "v", note: "kept"}),
  A("real", "192.0.2.2", R53_WEIGHT(5, "one")),
END);
`
	cfg, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	plain, real := cfg.Domains[0].Records[0], cfg.Domains[0].Records[1]
	if len(plain.Meta) != 1 || plain.Meta["note"] != "kept" {
		t.Errorf("plain metadata %v, want only note", plain.Meta)
	}
	if real.Meta["weight"] != "5" {
		t.Errorf("R53_WEIGHT metadata %v", real.Meta)
	}
	// Never silently: a warning at the record's line for each key.
	got := cfg.Warnings.Error()
	for _, want := range []string{
		`WARNING: dnsconfig.js:3: A: metadata key "weight" in a plain object is ignored; Route 53 settings come from the R53_* modifiers (R53_WEIGHT)`,
		`metadata key "failover" in a plain object is ignored`, `"zone_id"`, `"route53_value"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings %q lack %q", got, want)
		}
	}
	if len(cfg.Warnings) != 4 {
		t.Errorf("%d warnings: %s", len(cfg.Warnings), got)
	}
}
