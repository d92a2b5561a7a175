package dsl

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestTXTArrayElements checks that a TXT text array is joined as
// DNSControl joins it (JavaScript's join("")): holes, undefined and null
// add nothing, numbers and booleans their text.
func TestTXTArrayElements(t *testing.T) {
	tests := []struct{ text, want string }{
		{`["a", , "b"]`, "a TXT 300 ab"},
		{`[, "a"]`, "a TXT 300 a"},
		{`["a", undefined, null, "b"]`, "a TXT 300 ab"},
		{`["v=", 1, true]`, "a TXT 300 v=1true"},
		{`[ , ]`, "a TXT 300 "},
	}
	for _, tc := range tests {
		t.Run(tc.text, func(t *testing.T) {
			cfg, err := evalHelpers(t, `D("example.com", "none", TXT("a", `+tc.text+`));`)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(recordLines(cfg), "\n"); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestSPFBuilderSplitOption checks that SPF_BUILDER's split option changes
// nothing (DNSControl reads overflow only) and is warned about at its line.
func TestSPFBuilderSplitOption(t *testing.T) {
	parts := `["v=spf1", "ip4:198.51.100.0/24", "ip4:203.0.113.0/24", "ip4:192.0.2.0/24", "~all"]`
	cfg, err := evalHelpers(t, "D(\"example.com\", \"none\",\n  SPF_BUILDER({split: \"_spf%d\", txtMaxSize: 60, parts: "+parts+"}));")
	if err != nil {
		t.Fatal(err)
	}
	want := "@ TXT 300 v=spf1 ip4:198.51.100.0/24 ip4:203.0.113.0/24 ip4:192.0.2.0/24 ~all"
	if got := strings.Join(recordLines(cfg), "\n"); got != want {
		t.Errorf("records\n%s\nwant\n%s", got, want)
	}
	if len(cfg.Warnings) != 1 || cfg.Warnings[0].Pos != "dnsconfig.js:2" ||
		cfg.Warnings[0].Msg != `SPF_BUILDER: the split option has no effect (as in DNSControl); name it overflow, such as overflow: "_spf%d", to chain the record over several` {
		t.Errorf("warnings %v", cfg.Warnings)
	}
	// With overflow the same call chains the record.
	cfg, err = evalHelpers(t, "D(\"example.com\", \"none\",\n  SPF_BUILDER({overflow: \"_spf%d\", txtMaxSize: 60, parts: "+parts+"}));")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(cfg.Domains[0].Records); n < 2 || len(cfg.Warnings) != 0 {
		t.Errorf("overflow: %d records, warnings %v", n, cfg.Warnings)
	}
}

// TestRequirePaths checks require(), glob() and require_glob() paths
// against DNSControl's rules (its pkg/js/js.go), for a configuration run
// as --config sub/dnsconfig.js: a path starting with "." is relative to
// require's current directory, any other is read from the working
// directory; the current directory while a file runs is the current one
// joined with the path as written; glob always joins its path to it.
func TestRequirePaths(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	files := map[string]string{
		// Two files with the same relative name: which one is read shows
		// which rule applied.
		"lib/x.js":     `D_EXTEND("example.com", TXT("x", "cwd lib/x.js")); require("./z.js"); require("lib/w.js");`,
		"sub/lib/x.js": `D_EXTEND("example.com", TXT("x", "sub/lib/x.js"));`,
		// Required "./z.js" from lib/x.js, which runs with sub/lib as its
		// directory (sub joined with lib/x.js), as in DNSControl.
		"lib/z.js":       `D_EXTEND("example.com", TXT("z", "cwd lib/z.js"));`,
		"sub/lib/z.js":   `D_EXTEND("example.com", TXT("z", "sub/lib/z.js"));`,
		"lib/w.js":       `D_EXTEND("example.com", TXT("w", "cwd lib/w.js"));`,
		"sub/lib/y.js":   `D_EXTEND("example.com", TXT("y", "sub/lib/y.js")); function later() { return glob("zones"); }`,
		"sub/zones/a.js": `D_EXTEND("example.com", TXT("a", "sub/zones/a.js"));`,
		"zones/a.js":     `D_EXTEND("example.com", TXT("a", "cwd zones/a.js"));`,
		"abs/q.js":       `D_EXTEND("example.com", TXT("q", "abs/q.js"));`,
	}
	for name, src := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs := filepath.Join(dir, "abs", "q.js")
	src := `D("example.com", "none");
require("lib/x.js");
require("./lib/y.js");
var g = glob("zones");
var l = later();
require_glob("zones");
require(` + strconv.Quote(abs) + `);
D_EXTEND("example.com", TXT("g", g.join(" ")), TXT("l", l.join(" ")));
`
	cfg, err := evaluate(filepath.Join("sub", "dnsconfig.js"), []byte(src), nil, options{console: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"x TXT 300 cwd lib/x.js",
		"z TXT 300 sub/lib/z.js",
		"w TXT 300 cwd lib/w.js",
		"y TXT 300 sub/lib/y.js",
		"a TXT 300 sub/zones/a.js",
		"q TXT 300 abs/q.js",
		"g TXT 300 sub/zones/a.js",
		// later() was defined in sub/lib/y.js but runs from the main
		// file: glob uses the directory of the moment, sub.
		"l TXT 300 sub/zones/a.js",
	}
	if got := recordLines(cfg); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestRequireErrorKeepsDirectory checks DNSControl's behaviour after a
// failed require caught with try/catch: require's current directory stays
// that of the failed file.
func TestRequireErrorKeepsDirectory(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	for name, src := range map[string]string{
		"opt/n.js": `D_EXTEND("example.com", TXT("n", "opt/n.js"));`,
		"n.js":     `D_EXTEND("example.com", TXT("n", "n.js"));`,
	} {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg, err := evaluate("dnsconfig.js", []byte(`D("example.com", "none");
try { require("./opt/missing.js"); } catch (e) {}
require("./n.js");
`), nil, options{console: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(recordLines(cfg), "\n"); got != "n TXT 300 opt/n.js" {
		t.Errorf("got %q, want the record of opt/n.js", got)
	}
}

// TestTXTSplitMetadata checks a TXT record with DNSControl's SPF metadata
// ({split: "_spf%d"}, as SPF_BUILDER sets it): split as DNSControl splits
// it, the same records SPF_BUILDER's overflow gives.
func TestTXTSplitMetadata(t *testing.T) {
	parts := []string{"v=spf1", "ip4:198.51.100.0/24", "ip4:203.0.113.0/24", "ip4:192.0.2.0/24", "~all"}
	viaMeta, err := evalHelpers(t, `D("example.com", "none", TXT("@", "`+strings.Join(parts, " ")+`", {split: "_spf%d", txtMaxSize: "60"}, TTL(600)));`)
	if err != nil {
		t.Fatal(err)
	}
	viaBuilder, err := evalHelpers(t, `D("example.com", "none", SPF_BUILDER({overflow: "_spf%d", txtMaxSize: 60, ttl: 600, parts: ["`+strings.Join(parts, `", "`)+`"]}));`)
	if err != nil {
		t.Fatal(err)
	}
	got, want := recordLines(viaMeta), recordLines(viaBuilder)
	if len(got) < 2 || strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := evalHelpers(t, `D("example.com", "none", TXT("@", "hello", {split: "_spf%d"}));`); err == nil ||
		err.Error() != `dnsconfig.js:1: TXT: metadata split or flatten needs an SPF text ("v=spf1 ..."), got "hello"` {
		t.Errorf("error %v", err)
	}
}
