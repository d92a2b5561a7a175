package dsl

import (
	"strings"
	"testing"
)

// Hostile values given to the R53_* functions: refused at their line,
// with a message that does not echo a huge value whole.
func TestR53HostileValues(t *testing.T) {
	head := "var R = NewRegistrar(\"none\");\nvar P = NewDnsProvider(\"r53\", \"ROUTE53\");\nvar big = new Array(100001).join(\"y\");\n"
	tests := []struct{ name, body, err string }{
		{"huge check name", `D("a.com", R, DnsProvider(P), R53_HEALTH_CHECK(big, {type: "TCP", ip: "192.0.2.1"}));`,
			`dnsconfig.js:4: R53_HEALTH_CHECK: health check "yyyy`},
		{"huge name used", `D("a.com", R, DnsProvider(P), A("www", "192.0.2.1", R53_FAILOVER("PRIMARY", "p"), R53_HEALTH_CHECK_NAME(big)));`,
			"dnsconfig.js:4: R53_HEALTH_CHECK_NAME: name is 100000 characters long; a check's name has at most 255"},
		{"NUL in a check name", `D("a.com", R, DnsProvider(P), R53_HEALTH_CHECK("a\u0000b", {type: "TCP", ip: "192.0.2.1"}));`,
			"the name is the check's Name tag"},
		{"huge tag value", `D("a.com", R, DnsProvider(P), R53_ZONE_TAGS({team: big}));`, "dnsconfig.js:4: R53_ZONE_TAGS: "},
		{"huge KSK", `D("a.com", R, DnsProvider(P), R53_DNSSEC({kms_key: "` + testKMS + `", ksk: big}));`, "dnsconfig.js:4: R53_DNSSEC: ksk must be"},
		{"NaN port", `D("a.com", R, DnsProvider(P), R53_HEALTH_CHECK("x", {type: "TCP", ip: "192.0.2.1", port: NaN}));`, "dnsconfig.js:4: R53_HEALTH_CHECK: "},
		{"nested regions", `D("a.com", R, DnsProvider(P), R53_HEALTH_CHECK("x", {type: "HTTPS", fqdn: "a.com", regions: [["us-east-1"]]}));`,
			"regions[0] must be a string, got an array"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := EvaluateSource("dnsconfig.js", []byte(head+tc.body), nil)
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Fatalf("error = %.300v, want it to contain %q", err, tc.err)
			}
			if n := len(err.Error()); n > 1000 {
				t.Errorf("the error is %d characters long: %.200s…", n, err.Error())
			}
		})
	}
}
