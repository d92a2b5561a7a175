package dsl

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/dop251/goja"
)

// definedGlobals evaluates an empty configuration and returns each global
// name it defines beyond goja's own built-ins, with its JavaScript typeof.
func definedGlobals(t *testing.T) map[string]string {
	t.Helper()
	got := map[string]string{}
	report := func(pairs [][]string) {
		for _, p := range pairs {
			got[p[0]] = p[1]
		}
	}
	src := `__report(Object.getOwnPropertyNames(globalThis).map(function (n) { return [n, typeof globalThis[n]]; }))`
	if _, err := evaluate("registry.js", []byte(src), nil, options{timeout: DefaultTimeout,
		globals: map[string]any{"__report": report}}); err != nil {
		t.Fatal(err)
	}
	vm := goja.New()
	v, err := vm.RunString("Object.getOwnPropertyNames(globalThis)")
	if err != nil {
		t.Fatal(err)
	}
	var builtins []string
	if err := vm.ExportTo(v, &builtins); err != nil {
		t.Fatal(err)
	}
	for _, b := range append(builtins, "__report") {
		delete(got, b)
	}
	return got
}

// TestRegistryMatchesEvaluator fails when a global the evaluator defines
// is missing from Registry() or the other way round, or when an entry's
// kind (function or constant) disagrees with the value; the message lists
// the entries to add to internal/dsl/registry.go, ready to edit.
func TestRegistryMatchesEvaluator(t *testing.T) {
	defined := definedGlobals(t)
	reg := map[string]Global{}
	for _, g := range Registry() {
		reg[g.Name] = g
	}
	var add, remove, kind []string
	names := mapKeys(defined)
	slices.Sort(names)
	for _, name := range names {
		g, ok := reg[name]
		typ := defined[name]
		switch {
		case !ok && suggested[name] != "":
			add = append(add, "\t\t"+suggested[name])
		case !ok && typ == "function":
			add = append(add, fmt.Sprintf("\t\trecord(%q, \"ONE LINE: what it does.\", p(\"param\", \"string\")), // or top/domainMod/recordMod/builder", name))
		case !ok:
			add = append(add, fmt.Sprintf("\t\tconstant(%q, \"DomainModifier\", \"ONE LINE: what it does.\"), // or \"RecordModifier\"", name))
		case g.Kind == KindBuiltin:
		case g.IsFunction() != (typ == "function"):
			kind = append(kind, fmt.Sprintf("%s is a %s in Registry() but its value is of type %s", name, g.Kind, typ))
		}
	}
	for _, g := range Registry() {
		if _, ok := defined[g.Name]; !ok {
			remove = append(remove, g.Name)
		}
	}
	if len(add) > 0 {
		t.Errorf("the evaluator defines %d globals that Registry() in internal/dsl/registry.go lacks; add (with their real parameters and doc):\n%s",
			len(add), strings.Join(add, "\n"))
	}
	if len(remove) > 0 {
		t.Errorf("Registry() in internal/dsl/registry.go has entries the evaluator does not define; remove them (or define them): %s",
			strings.Join(remove, ", "))
	}
	for _, k := range kind {
		t.Error(k)
	}
}

// suggested are registry entries, ready to paste, for DNSControl globals
// that other changes are adding to the evaluator (DNSControl's signatures;
// check them against what the implementation accepts).
var suggested = map[string]string{
	"RP":                   `record("RP", "Responsible person record: a mailbox and the name of a TXT record.", p("mbox", "string"), p("txt", "string")),`,
	"glob":                 `top("glob", "string[]", "Returns the files of a directory (recursively unless recursive is false), optionally with one extension.", p("path", "string"), opt("recursive", "boolean"), opt("extension", "string")),`,
	"CF_PROXY_ON":          `constant("CF_PROXY_ON", "RecordModifier", "Cloudflare: proxy the record; Cloudflare only."),`,
	"CF_PROXY_OFF":         `constant("CF_PROXY_OFF", "RecordModifier", "Cloudflare: do not proxy the record; Cloudflare only."),`,
	"CF_PROXY_FULL":        `constant("CF_PROXY_FULL", "RecordModifier", "Cloudflare: proxy the record with Railgun; Cloudflare only."),`,
	"CF_CNAME_FLATTEN_ON":  `constant("CF_CNAME_FLATTEN_ON", "RecordModifier", "Cloudflare: flatten the CNAME; Cloudflare only."),`,
	"CF_CNAME_FLATTEN_OFF": `constant("CF_CNAME_FLATTEN_OFF", "RecordModifier", "Cloudflare: do not flatten the CNAME; Cloudflare only."),`,
	"CF_PROXY_DEFAULT_ON":  `constant("CF_PROXY_DEFAULT_ON", "DomainModifier", "Cloudflare: proxy the domain's records by default; Cloudflare only."),`,
	"CF_PROXY_DEFAULT_OFF": `constant("CF_PROXY_DEFAULT_OFF", "DomainModifier", "Cloudflare: do not proxy the domain's records by default; Cloudflare only."),`,
	"CF_UNIVERSALSSL_ON":   `constant("CF_UNIVERSALSSL_ON", "DomainModifier", "Cloudflare: enable Universal SSL; Cloudflare only."),`,
	"CF_UNIVERSALSSL_OFF":  `constant("CF_UNIVERSALSSL_OFF", "DomainModifier", "Cloudflare: disable Universal SSL; Cloudflare only."),`,
	"CF_MANAGE_COMMENTS":   `constant("CF_MANAGE_COMMENTS", "DomainModifier", "Cloudflare: manage record comments; Cloudflare only."),`,
	"CF_MANAGE_TAGS":       `constant("CF_MANAGE_TAGS", "DomainModifier", "Cloudflare: manage record tags; Cloudflare only."),`,
	"CF_COMMENT":           `recordMod("CF_COMMENT", "Cloudflare: the record's comment; Cloudflare only.", p("comment", "string")),`,
	"CF_TAGS":              `recordMod("CF_TAGS", "Cloudflare: the record's tags; Cloudflare only.", rest("tags", "string")),`,
	"HEDNS_DDNS_KEY":       `recordMod("HEDNS_DDNS_KEY", "Hurricane Electric: the record's dynamic DNS key; HEDNS only.", p("key", "string")),`,
	"HEDNS_DYNAMIC_ON":     `constant("HEDNS_DYNAMIC_ON", "RecordModifier", "Hurricane Electric: make the record dynamic; HEDNS only."),`,
	"HEDNS_DYNAMIC_OFF":    `constant("HEDNS_DYNAMIC_OFF", "RecordModifier", "Hurricane Electric: make the record static; HEDNS only."),`,
	"MIKROTIK_FWD":         `record("MIKROTIK_FWD", "MikroTik RouterOS forwarding entry; MikroTik only.", p("target", "string")),`,
	"MIKROTIK_FORWARDER":   `record("MIKROTIK_FORWARDER", "MikroTik RouterOS named forwarder; MikroTik only.", p("dns_servers", "string")),`,
	"MIKROTIK_NXDOMAIN":    `{Name: "MIKROTIK_NXDOMAIN", Kind: KindRecord, Params: []Param{p("name", "string"), recMods()}, Type: "DomainModifier", Doc: "MikroTik RouterOS NXDOMAIN entry; MikroTik only."},`,
	"BUNNY_DNS_PZ":         `record("BUNNY_DNS_PZ", "Bunny DNS pull-zone record; Bunny DNS only.", p("pullZoneId", "string | number")),`,
	"GIDINET_PREMIUM_NS":   `domainMod("GIDINET_PREMIUM_NS", "Gidinet premium name servers as NAMESERVER()s; Gidinet only."),`,
}

func mapKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// TestRegistryEntries checks each entry on its own: a unique name, a
// one-line doc, typed parameters with the optional and rest ones last.
func TestRegistryEntries(t *testing.T) {
	seen := map[string]bool{}
	ident := regexp.MustCompile(`^[A-Za-z_$][A-Za-z0-9_$]*$`)
	for _, g := range Registry() {
		if seen[g.Name] {
			t.Errorf("%s: listed twice", g.Name)
		}
		seen[g.Name] = true
		if !ident.MatchString(g.Name) {
			t.Errorf("%q: not a JavaScript identifier", g.Name)
		}
		if g.Doc == "" || strings.ContainsAny(g.Doc, "\n\r") || strings.Contains(g.Doc, "ONE LINE") {
			t.Errorf("%s: the doc must be one line saying what it does, got %q", g.Name, g.Doc)
		}
		if g.Kind != KindBuiltin && g.Type == "" {
			t.Errorf("%s: no type", g.Name)
		}
		if !g.IsFunction() && g.Params != nil {
			t.Errorf("%s: a %s has no parameters", g.Name, g.Kind)
		}
		optional := false
		for i, p := range g.Params {
			if !ident.MatchString(p.Name) || p.Type == "" {
				t.Errorf("%s: parameter %d needs a name and a type, got %+v", g.Name, i, p)
			}
			if p.Rest && i != len(g.Params)-1 {
				t.Errorf("%s: the rest parameter %s must be last", g.Name, p.Name)
			}
			if optional && !p.Optional && !p.Rest {
				t.Errorf("%s: required parameter %s after an optional one", g.Name, p.Name)
			}
			optional = optional || p.Optional
		}
		switch g.Kind {
		case KindRecord:
			if len(g.Params) < 2 || g.Params[0].Name != "name" || !g.Params[len(g.Params)-1].Rest {
				t.Errorf("%s: a record takes the label first and record modifiers last", g.Name)
			}
		case KindTopLevel, KindDomainModifier, KindRecordModifier, KindConstant, KindBuiltin:
		default:
			t.Errorf("%s: unknown kind %q", g.Name, g.Kind)
		}
	}
}

// TestTypeScriptGolden compares write-types' output with
// testdata/types-dnscontrol.d.ts (refresh with -update) and checks its
// shape: one declaration per registry entry, balanced brackets.
func TestTypeScriptGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTypeScript(&buf, "generated by dnsctl write-types"); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "types-dnscontrol.d.ts")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("the declarations differ from %s; run go test ./internal/dsl -run TestTypeScriptGolden -update and review the diff", golden)
	}
	checkDeclarations(t, buf.String())
}

// checkDeclarations is the check of the declarations that needs no
// TypeScript compiler: every global (but the built-ins) is declared once,
// each declaration is one complete statement, and (), [], {} and <> pair
// up outside strings and comments.
func checkDeclarations(t *testing.T, dts string) {
	t.Helper()
	decl := regexp.MustCompile(`(?m)^declare (function|const) ([A-Za-z_$][A-Za-z0-9_$]*)[(:]`)
	count := map[string]int{}
	for _, m := range decl.FindAllStringSubmatch(dts, -1) {
		count[m[2]]++
	}
	for _, g := range Registry() {
		want := 1
		if g.Kind == KindBuiltin {
			want = 0
		}
		if count[g.Name] != want {
			t.Errorf("%s is declared %d times, want %d", g.Name, count[g.Name], want)
		}
		delete(count, g.Name)
	}
	for name := range count {
		t.Errorf("%s is declared but not in the registry", name)
	}
	for i, line := range strings.Split(dts, "\n") {
		if strings.HasPrefix(line, "declare ") && !strings.HasSuffix(line, ";") {
			t.Errorf("line %d: a declaration that does not end its line: %s", i+1, line)
		}
	}
	if err := balanced(dts); err != nil {
		t.Error(err)
	}
}

// balanced checks that brackets pair up in TypeScript source, skipping
// comments and string and template literals (without nested ${}).
func balanced(src string) error {
	var stack []byte
	pairs := map[byte]byte{')': '(', ']': '[', '}': '{', '>': '<'}
	lineAt := func(i int) int { return 1 + strings.Count(src[:i], "\n") }
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case strings.HasPrefix(src[i:], "//"):
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case strings.HasPrefix(src[i:], "/*"):
			end := strings.Index(src[i+2:], "*/")
			if end < 0 {
				return fmt.Errorf("line %d: unterminated comment", lineAt(i))
			}
			i += 2 + end + 1
		case c == '"' || c == '\'' || c == '`':
			j := i + 1
			for j < len(src) && src[j] != c {
				if src[j] == '\\' {
					j++
				} else if src[j] == '\n' && c != '`' {
					break
				}
				j++
			}
			if j >= len(src) || src[j] != c {
				return fmt.Errorf("line %d: unterminated string", lineAt(i))
			}
			i = j
		case c == '=' && i+1 < len(src) && src[i+1] == '>':
			i++ // an arrow, not a closing angle bracket
		case c == '(' || c == '[' || c == '{' || c == '<':
			stack = append(stack, c)
		case c == ')' || c == ']' || c == '}' || c == '>':
			if len(stack) == 0 || stack[len(stack)-1] != pairs[c] {
				return fmt.Errorf("line %d: %q does not close anything", lineAt(i), c)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("%d brackets left open at the end (%q)", len(stack), string(stack))
	}
	return nil
}

func TestBalanced(t *testing.T) {
	for _, tc := range []struct {
		src string
		ok  bool
	}{
		{`declare function A(x: Record<string, number[]>): void;`, true},
		{"type D = `${number}s` | number;", true},
		{`/* ( */ declare const X: "(";`, true},
		{`declare function A(x: string: void;`, false},
		{`declare function A(x: Array<string): void;`, false},
		{`declare const X: { a: string;`, false},
		{`declare const X: "abc;`, false},
	} {
		if err := balanced(tc.src); (err == nil) != tc.ok {
			t.Errorf("balanced(%q) = %v, want ok=%v", tc.src, err, tc.ok)
		}
	}
}

// TestTypeScriptCompiles type-checks the declarations, and a configuration
// using them, with tsc when it is installed (npm install -g typescript);
// without it, TestTypeScriptGolden's checks are all there is.
func TestTypeScriptCompiles(t *testing.T) {
	tsc, err := exec.LookPath("tsc")
	if err != nil {
		t.Skip("tsc is not installed (npm install -g typescript); the declarations' syntax is checked by TestTypeScriptGolden only")
	}
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteTypeScript(&buf, "generated by dnsctl write-types"); err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"types-dnscontrol.d.ts": buf.String(),
		"dnsconfig.ts": `
var REG = NewRegistrar("none");
var DNS = NewDnsProvider("r53", "ROUTE53");
DEFAULTS(DefaultTTL("1h"));
D("example.com", REG, DnsProvider(DNS), NO_PURGE,
    A("@", "192.0.2.1", TTL(300)),
    A("n", IP("192.0.2.2")),
    MX("@", 10, "mail.example.net."),
    TXT("t", ["a", "b"]),
    CAA("@", "issue", "letsencrypt.org", CAA_CRITICAL),
    R53_ALIAS("www", "A", "@", R53_ZONE("Z1"), R53_WEIGHT(10, "w")),
    IGNORE("*.k8s", "A,CNAME"),
    CAA_BUILDER({ issue: ["letsencrypt.org"], iodef: "mailto:a@example.com" }),
    SPF_BUILDER({ parts: ["v=spf1", "-all"] }),
    { no_ns: "true" },
    [A("x", "192.0.2.3")],
END);
D_EXTEND("example.com", CNAME("c", "www"));
var names: string[] = getConfiguredDomains();
var rev: string = REV("192.0.2.0/24");
require("other.js");
`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tscRun := func(files ...string) (string, error) {
		cmd := exec.Command(tsc, append([]string{"--noEmit", "--strict", "--target", "es2017", "--lib", "es2017"}, files...)...)
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	if out, err := tscRun("types-dnscontrol.d.ts", "dnsconfig.ts"); err != nil {
		t.Fatalf("tsc: %v\n%s", err, out)
	}
	// The types mean something: a wrong argument is an error.
	if err := os.WriteFile(filepath.Join(dir, "bad.ts"), []byte(`D("example.com", "none", MX("@", "ten", "mail.example.net."));`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := tscRun("types-dnscontrol.d.ts", "bad.ts"); err == nil || !strings.Contains(out, "bad.ts(1,") {
		t.Errorf("tsc accepted MX with a string priority: %v\n%s", err, out)
	}
}
