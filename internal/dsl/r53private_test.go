package dsl

import (
	"strings"
	"testing"
)

// A private zone (R53_VPC) asking for what Route 53 does for public zones
// only is refused at check, at the line of the request; turning it off
// is accepted.
func TestR53PrivateZoneRefusesPublicOnly(t *testing.T) {
	const kms = `"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"`
	const logs = `"arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/corp.tld:*"`
	for _, tc := range []struct{ name, mods, want string }{
		{"query log", "R53_VPC(\"vpc-01234567\", \"eu-west-1\"),\n  R53_QUERY_LOG(" + logs + ")",
			`dnsconfig.js:4: R53_QUERY_LOG: corp.tld is a private hosted zone (R53_VPC at dnsconfig.js:3); Route 53 logs the queries of public zones only`},
		{"query log before vpc", "R53_QUERY_LOG(" + logs + "),\n  R53_VPC(\"vpc-01234567\", \"eu-west-1\")",
			`dnsconfig.js:3: R53_QUERY_LOG: corp.tld is a private hosted zone (R53_VPC at dnsconfig.js:4)`},
		{"dnssec", "R53_VPC(\"vpc-01234567\", \"eu-west-1\"),\n  R53_DNSSEC({kms_key: " + kms + "})",
			`dnsconfig.js:4: R53_DNSSEC: corp.tld is a private hosted zone (R53_VPC at dnsconfig.js:3); Route 53 signs public zones only`},
		{"query log off", "R53_VPC(\"vpc-01234567\", \"eu-west-1\"),\n  R53_QUERY_LOG(false)", ""},
		{"dnssec off", "R53_VPC(\"vpc-01234567\", \"eu-west-1\"),\n  R53_DNSSEC(false)", ""},
		{"public zone", "R53_QUERY_LOG(" + logs + "),\n  R53_DNSSEC({kms_key: " + kms + "})", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "var R = NewRegistrar(\"r\");\nD(\"corp.tld\", R,\n  " + tc.mods + ",\nEND);\n"
			_, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("error %v, want it to contain %q", err, tc.want)
			}
		})
	}
}
