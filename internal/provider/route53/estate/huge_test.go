package estate

import (
	"strings"
	"testing"
)

// A hostile dnsconfig.js can give any parser a huge string; the refusal
// must say what is wrong without echoing it whole (check's output is read
// by people and CI logs), and a check name must be one Route 53 takes as
// its Name tag.
func TestHugeArgumentsShortErrors(t *testing.T) {
	huge := strings.Repeat("x", 100000)
	hc := map[string]any{"type": "HTTPS", "fqdn": "api.example.com"}
	cases := []struct {
		name  string
		parse func() error
	}{
		{"health check name", func() error { _, err := ParseHealthCheck([]any{huge, hc}); return err }},
		{"health check fqdn", func() error {
			_, err := ParseHealthCheck([]any{"api", map[string]any{"type": "HTTPS", "fqdn": huge}})
			return err
		}},
		{"health check child", func() error {
			_, err := ParseHealthCheck([]any{"c", map[string]any{"type": "CALCULATED", "children": []any{huge}}})
			return err
		}},
		{"health check option key", func() error {
			_, err := ParseHealthCheck([]any{"api", map[string]any{"type": "HTTPS", "fqdn": "a.example.com", huge: 1.0}})
			return err
		}},
		{"VPC ID", func() error { _, err := ParseVPC([]any{huge, "us-east-1"}); return err }},
		{"VPC region", func() error { _, err := ParseVPC([]any{"vpc-0123456789abcdef0", huge}); return err }},
		{"VPC account", func() error {
			_, err := ParseVPC([]any{"vpc-0123456789abcdef0", "us-east-1", map[string]any{"account": huge}})
			return err
		}},
		{"DNSSEC KMS key", func() error { _, err := ParseDNSSEC([]any{map[string]any{"kms_key": huge}}); return err }},
		{"CIDR collection name", func() error {
			_, err := ParseCIDRCollection([]any{huge, map[string]any{"a": []any{"192.0.2.0/24"}}})
			return err
		}},
		{"CIDR location", func() error {
			_, err := ParseCIDRCollection([]any{"nets", map[string]any{huge: []any{"192.0.2.0/24"}}})
			return err
		}},
		{"CIDR block", func() error {
			_, err := ParseCIDRCollection([]any{"nets", map[string]any{"a": []any{huge}}})
			return err
		}},
		{"zone comment", func() error { _, err := ZoneComment([]any{huge}); return err }},
		{"tag key", func() error { _, err := ZoneTags([]any{map[string]any{huge: "v"}}); return err }},
		{"tag value", func() error { _, err := ZoneTags([]any{map[string]any{"k": huge}}); return err }},
		{"query log", func() error { _, err := ParseQueryLog([]any{huge}); return err }},
	}
	for _, tc := range cases {
		err := tc.parse()
		if err == nil {
			t.Errorf("%s: a 100,000-character value was accepted", tc.name)
			continue
		}
		if n := len(err.Error()); n > 500 {
			t.Errorf("%s: the error is %d characters long: %.120s…", tc.name, n, err.Error())
		}
	}
	for _, name := range []string{"a\x00b", "a\nb", "api<1>", "a;b"} {
		if _, err := ParseHealthCheck([]any{name, hc}); err == nil {
			t.Errorf("health check name %q accepted: Route 53 refuses it as a Name tag", name)
		}
	}
	for _, name := range []string{"api", "api primary", "ápi-1", "a.b:c/d=e+f@g_h"} {
		if _, err := ParseHealthCheck([]any{name, hc}); err != nil {
			t.Errorf("health check name %q refused: %v", name, err)
		}
	}
}
