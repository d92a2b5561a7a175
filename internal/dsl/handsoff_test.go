package dsl

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

func TestHandsoffDSL(t *testing.T) {
	cases := []struct {
		name string
		src  string
		// check inspects the evaluated configuration.
		check func(t *testing.T, cfg *model.Config)
		// wantErr is part of the expected error.
		wantErr string
	}{
		{
			name: "ensure absent records are not configured records",
			src: `var R = NewRegistrar("r");
var gone = A("old", "192.0.2.9", ENSURE_ABSENT_REC());
D("a.com", R, gone, A("old", "192.0.2.1"), END);
D("b.com", R, gone, END);`,
			check: func(t *testing.T, cfg *model.Config) {
				for _, d := range cfg.Domains {
					if len(d.Absent) != 1 || d.Absent[0].Data != "192.0.2.9" || d.Absent[0].Meta[ensureAbsentMeta] != "" {
						t.Errorf("%s absent = %v", d.Name, d.Absent)
					}
					for _, r := range d.Records {
						if r.Data == "192.0.2.9" {
							t.Errorf("%s: the absent record is configured too", d.Name)
						}
					}
				}
				if len(cfg.Domains[0].Records) != 1 {
					t.Errorf("a.com records %v", cfg.Domains[0].Records)
				}
			},
		},
		{
			name:    "ensure absent takes no arguments",
			src:     `var R = NewRegistrar("r"); D("a.com", R, A("x", "192.0.2.1", ENSURE_ABSENT_REC(true)));`,
			wantErr: "dnsconfig.js:1: ENSURE_ABSENT_REC: takes no arguments",
		},
		{
			name: "ensure absent is a record modifier: on a domain it only warns",
			src:  `var R = NewRegistrar("r"); D("a.com", R, ENSURE_ABSENT_REC());`,
			check: func(t *testing.T, cfg *model.Config) {
				if got := cfg.Warnings.Error(); !strings.Contains(got, "dnsconfig.js:1: D: argument 3 is ENSURE_ABSENT_REC(...), which modifies a record") {
					t.Errorf("warnings %q", got)
				}
				if len(cfg.Domains[0].Absent) != 0 {
					t.Errorf("absent records: %v", cfg.Domains[0].Absent)
				}
			},
		},
		{
			name: "external dns prefix: the last one given wins",
			src: `var R = NewRegistrar("r");
D("a.com", R, IGNORE_EXTERNAL_DNS("one-"), IGNORE_EXTERNAL_DNS("two-"), IGNORE_EXTERNAL_DNS(""));`,
			check: func(t *testing.T, cfg *model.Config) {
				d := cfg.Domains[0]
				if !d.IgnoreExternalDNS || d.ExternalDNSPrefix != "two-" {
					t.Errorf("IgnoreExternalDNS %v prefix %q", d.IgnoreExternalDNS, d.ExternalDNSPrefix)
				}
			},
		},
		{
			name:    "external dns prefix must be a string",
			src:     `var R = NewRegistrar("r"); D("a.com", R, IGNORE_EXTERNAL_DNS(5));`,
			wantErr: "dnsconfig.js:1: IGNORE_EXTERNAL_DNS: prefix (external-dns's --txt-prefix) must be a string, got 5",
		},
		{
			name: "safety check switch",
			src:  `var R = NewRegistrar("r"); D("a.com", R, DISABLE_IGNORE_SAFETY_CHECK); D("b.com", R);`,
			check: func(t *testing.T, cfg *model.Config) {
				if !cfg.Domains[0].DisableIgnoreSafetyCheck || cfg.Domains[1].DisableIgnoreSafetyCheck {
					t.Errorf("DisableIgnoreSafetyCheck %v %v", cfg.Domains[0].DisableIgnoreSafetyCheck, cfg.Domains[1].DisableIgnoreSafetyCheck)
				}
			},
		},
		{
			name:    "IGNORE_NAME_DISABLE_SAFETY_CHECK is refused as DNSControl refuses it",
			src:     "var R = NewRegistrar(\"r\");\nD(\"a.com\", R,\n  A(\"x\", \"192.0.2.1\", {ignore_name_disable_safety_check: \"false\"}));",
			wantErr: "dnsconfig.js:3: A: IGNORE_NAME_DISABLE_SAFETY_CHECK is no longer supported",
		},
		{
			name: "type lists are compared exactly: a warning for what can match nothing",
			src: `var R = NewRegistrar("r");
D("a.com", R,
  IGNORE("x", "a, MX"),
  IGNORE_NAME("y", "A,*"),
  IGNORE_TARGET("z", "CNAME"),
  IGNORE_NAME("w", "*"),
END);`,
			check: func(t *testing.T, cfg *model.Config) {
				got := cfg.Warnings.Error()
				for _, want := range []string{
					`dnsconfig.js:3: IGNORE: type "a" in the type list matches no record: types are compared exactly, as in DNSControl; write "A"`,
					`dnsconfig.js:4: IGNORE_NAME: type "*" in the type list matches no record`,
				} {
					if !strings.Contains(got, want) {
						t.Errorf("warnings %q lack %q", got, want)
					}
				}
				if len(cfg.Warnings) != 2 {
					t.Errorf("%d warnings: %s", len(cfg.Warnings), got)
				}
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := EvaluateSource("dnsconfig.js", []byte(c.src), nil)
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			c.check(t, cfg)
		})
	}
}
