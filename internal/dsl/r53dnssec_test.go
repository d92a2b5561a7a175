package dsl

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/zonefile"
)

const testKMS = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"

func TestR53DNSSECArgs(t *testing.T) {
	head := "var R = NewRegistrar(\"none\");\nvar P = NewDnsProvider(\"r53\", \"ROUTE53\");\n"
	tests := []struct {
		name, body string
		want       []any  // the setting's arguments
		err        string // the error, with its position
	}{
		{"on with defaults", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "` + testKMS + `"}));`,
			[]any{map[string]any{"kms_key": testKMS}}, ""},
		{"on with every option", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "` + testKMS + `", ksk: "main_2024", registrar: true}));`,
			[]any{map[string]any{"kms_key": testKMS, "ksk": "main_2024", "registrar": true}}, ""},
		{"off", `D("a.com", R, DnsProvider(P), R53_DNSSEC(false));`, []any{false}, ""},
		{"off confirmed", `D("a.com", R, DnsProvider(P), R53_DNSSEC(false, {ds_removed: true}));`,
			[]any{false, map[string]any{"ds_removed": true}}, ""},
		{"from DEFAULTS", "DEFAULTS(R53_DNSSEC(false));\nD(\"a.com\", R, DnsProvider(P));", []any{false}, ""},
		{"true is not enough", `D("a.com", R, DnsProvider(P), R53_DNSSEC(true));`, nil,
			"dnsconfig.js:3: R53_DNSSEC: signing needs a KMS key"},
		{"no key", `D("a.com", R, DnsProvider(P), R53_DNSSEC({ksk: "abc"}));`, nil,
			"dnsconfig.js:3: R53_DNSSEC: kms_key is required"},
		{"key elsewhere", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"}));`, nil,
			"dnsconfig.js:3: R53_DNSSEC: kms_key \"arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\" is in eu-west-1 (partition aws): Route 53 signs only with a customer managed key in us-east-1"},
		{"alias", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "arn:aws:kms:us-east-1:111122223333:alias/dnssec"}));`, nil,
			"is an alias: give the key's own ARN"},
		{"not an ARN", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "1234abcd-12ab-34cd-56ef-1234567890ab"}));`, nil,
			"kms_key must be the ARN of a KMS key"},
		{"bad key id", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "arn:aws:kms:us-east-1:111122223333:key/nope"}));`, nil,
			"\"nope\" is not a KMS key ID"},
		{"KSK name too short", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "` + testKMS + `", ksk: "ab"}));`, nil,
			"dnsconfig.js:3: R53_DNSSEC: ksk must be 3 to 128 letters, digits and underscores"},
		{"KSK name with a dash", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "` + testKMS + `", ksk: "my-key"}));`, nil,
			"ksk must be 3 to 128 letters, digits and underscores (Route 53's rule for key-signing key names), got \"my-key\""},
		{"unknown option", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "` + testKMS + `", registar: true}));`, nil,
			"unknown option \"registar\" (known: kms_key, ksk, registrar)"},
		{"registrar not boolean", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "` + testKMS + `", registrar: "yes"}));`, nil,
			"registrar must be true or false, got a string"},
		{"off with unknown option", `D("a.com", R, DnsProvider(P), R53_DNSSEC(false, {ds_gone: true}));`, nil,
			"unknown option \"ds_gone\" (known: ds_removed)"},
		{"a string", `D("a.com", R, DnsProvider(P), R53_DNSSEC("on"));`, nil,
			"needs an options object ({kms_key: …}) or false, got a string"},
		{"no argument", `D("a.com", R, DnsProvider(P), R53_DNSSEC());`, nil, "got 0 arguments"},
		{"twice", "D(\"a.com\", R, DnsProvider(P),\n  R53_DNSSEC(false),\n  R53_DNSSEC({kms_key: \"" + testKMS + "\"}));", nil,
			"dnsconfig.js:5: R53_DNSSEC: the domain a.com already has R53_DNSSEC (at dnsconfig.js:4); a domain takes one"},
		{"twice through DEFAULTS", "DEFAULTS(R53_DNSSEC(false));\nD(\"a.com\", R, DnsProvider(P), R53_DNSSEC(false));", nil,
			"dnsconfig.js:4: R53_DNSSEC: the domain a.com already has R53_DNSSEC (at dnsconfig.js:3)"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := EvaluateSource("dnsconfig.js", []byte(head+tc.body), nil)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error = %v, want it to contain %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ss := cfg.Domains[0].SettingsOf("R53_DNSSEC")
			if len(ss) != 1 {
				t.Fatalf("settings = %v, want one R53_DNSSEC", cfg.Domains[0].Settings)
			}
			if !reflect.DeepEqual(ss[0].Args, tc.want) {
				t.Errorf("args = %#v, want %#v", ss[0].Args, tc.want)
			}
			if !strings.HasPrefix(ss[0].Pos, "dnsconfig.js:") {
				t.Errorf("pos = %q", ss[0].Pos)
			}
		})
	}
}

func TestAutoDNSSECOnRoute53(t *testing.T) {
	head := "var R = NewRegistrar(\"none\");\nvar P = NewDnsProvider(\"r53\", \"ROUTE53\");\nvar B = NewDnsProvider(\"bind\", \"BIND\");\n"
	tests := []struct {
		name, body string
		warning    string // "" for none
	}{
		{"on without a key", `D("a.com", R, DnsProvider(P), AUTODNSSEC_ON);`,
			"dnsconfig.js:4: AUTODNSSEC_ON: a.com: Route 53 cannot sign without a KMS key, so this is ignored (as in DNSControl)"},
		{"on elsewhere", `D("a.com", R, DnsProvider(B), AUTODNSSEC_ON);`, ""},
		{"on with a key", `D("a.com", R, DnsProvider(P), AUTODNSSEC_ON, R53_DNSSEC({kms_key: "` + testKMS + `"}));`, ""},
		{"off beside on", `D("a.com", R, DnsProvider(P), AUTODNSSEC_OFF, R53_DNSSEC({kms_key: "` + testKMS + `"}));`,
			"dnsconfig.js:4: R53_DNSSEC: a.com also has AUTODNSSEC_OFF, which Route 53 ignores: R53_DNSSEC decides"},
		{"on beside off", `D("a.com", R, DnsProvider(P), R53_DNSSEC(false), AUTODNSSEC_ON);`,
			"a.com also has AUTODNSSEC_ON, which Route 53 ignores"},
		{"off alone", `D("a.com", R, DnsProvider(P), AUTODNSSEC_OFF);`, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := EvaluateSource("dnsconfig.js", []byte(head+tc.body), nil)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range cfg.Warnings {
				got = append(got, w.String())
			}
			switch {
			case tc.warning == "" && len(got) > 0:
				t.Errorf("warnings = %q, want none", got)
			case tc.warning != "" && (len(got) != 1 || !strings.Contains(got[0], tc.warning)):
				t.Errorf("warnings = %q, want one containing %q", got, tc.warning)
			}
		})
	}
}

// What get-zones writes for a signed zone evaluates to the same
// declaration.
func TestR53DNSSECGetZonesRoundTrip(t *testing.T) {
	for _, args := range [][]any{
		{map[string]any{"kms_key": testKMS}},
		{map[string]any{"kms_key": testKMS, "ksk": "other_ksk"}},
	} {
		var b strings.Builder
		z := zonefile.Zone{Ref: "a.com", CredKey: "r53", Settings: []*model.Setting{{Kind: "R53_DNSSEC", Args: args}}}
		if err := zonefile.Write(&b, "js", z); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), "R53_DNSSEC({") {
			t.Fatalf("no R53_DNSSEC call written:\n%s", b.String())
		}
		cfg, err := EvaluateSource("dnsconfig.js", []byte(b.String()), nil)
		if err != nil {
			t.Fatalf("%v\n%s", err, b.String())
		}
		if ss := cfg.Domains[0].SettingsOf("R53_DNSSEC"); len(ss) != 1 || !reflect.DeepEqual(ss[0].Args, args) {
			t.Errorf("read back %v, want %v", ss, args)
		}
	}
}
