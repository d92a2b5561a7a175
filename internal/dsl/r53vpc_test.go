package dsl

import (
	"reflect"
	"strings"
	"testing"
)

func TestR53VPC(t *testing.T) {
	src := `var R = NewRegistrar("r");
DEFAULTS(R53_VPC("vpc-0123456789abcdef0", "eu-west-1"));
D("corp.tld!inside", R,
  R53_VPC("vpc-01234567", "us-east-1", {account: "other"}),
  A("www", "10.0.0.1"),
END);
`
	cfg, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	ss := cfg.Domains[0].SettingsOf("R53_VPC")
	if len(ss) != 2 {
		t.Fatalf("%d R53_VPC settings, want 2", len(ss))
	}
	want := [][]any{
		{"vpc-0123456789abcdef0", "eu-west-1"},
		{"vpc-01234567", "us-east-1", map[string]any{"account": "other"}},
	}
	for i, s := range ss {
		if !reflect.DeepEqual(s.Args, want[i]) {
			t.Errorf("setting %d args %#v, want %#v", i, s.Args, want[i])
		}
	}
	if ss[1].Pos != "dnsconfig.js:4" {
		t.Errorf("position %q, want dnsconfig.js:4", ss[1].Pos)
	}
}

func TestR53VPCErrors(t *testing.T) {
	for _, tc := range []struct{ name, call, want string }{
		{"short id", `R53_VPC("vpc-123", "eu-west-1")`, `dnsconfig.js:2: R53_VPC: VPC ID "vpc-123" is not of the form vpc- followed by 8 or 17`},
		{"upper case", `R53_VPC("vpc-0123456789ABCDEF0", "eu-west-1")`, `is not of the form`},
		{"not vpc", `R53_VPC("sg-01234567", "eu-west-1")`, `VPC ID "sg-01234567"`},
		{"number id", `R53_VPC(12345678, "eu-west-1")`, `the VPC ID must be a string, got a number`},
		{"region", `R53_VPC("vpc-01234567", "Europe")`, `region "Europe" of vpc-01234567 is not an AWS region name`},
		{"missing region", `R53_VPC("vpc-01234567")`, `needs 2 or 3 arguments`},
		{"too many", `R53_VPC("vpc-01234567", "eu-west-1", {}, 1)`, `needs 2 or 3 arguments`},
		{"empty account", `R53_VPC("vpc-01234567", "eu-west-1", {account: " "})`, `account must name a creds.json entry`},
		{"account type", `R53_VPC("vpc-01234567", "eu-west-1", {account: 5})`, `account must be a string, got a number`},
		{"unknown option", `R53_VPC("vpc-01234567", "eu-west-1", {acount: "x"})`, `unknown option "acount" (known: account)`},
		{"options type", `R53_VPC("vpc-01234567", "eu-west-1", "x")`, `the options of vpc-01234567 must be an object`},
		{"duplicate", `R53_VPC("vpc-01234567", "eu-west-1"), R53_VPC("vpc-01234567", "eu-west-2")`, `dnsconfig.js:2: R53_VPC: R53_VPC("vpc-01234567") is declared twice in the domain (first at dnsconfig.js:2)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "var R = NewRegistrar(\"r\");\nD(\"corp.tld\", R, " + tc.call + ");\n"
			_, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

// A VPC added by DEFAULTS and again by D is declared twice.
func TestR53VPCDuplicateAcrossDefaults(t *testing.T) {
	src := `var R = NewRegistrar("r");
DEFAULTS(R53_VPC("vpc-01234567", "eu-west-1"));
D("corp.tld", R,
  R53_VPC("vpc-01234567", "eu-west-1"),
END);
`
	_, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err == nil || !strings.Contains(err.Error(), "dnsconfig.js:4: R53_VPC: R53_VPC(\"vpc-01234567\") is declared twice in the domain (first at dnsconfig.js:2)") {
		t.Errorf("error %v", err)
	}
}
