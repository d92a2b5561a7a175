package dsl

import (
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
