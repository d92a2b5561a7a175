package estate

import (
	"encoding/json"
	"reflect"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// FuzzParse feeds every parser of the package the arguments a hostile
// dnsconfig.js could give (any JSON values: the DSL hands parsers what
// encoding/json makes of the JavaScript values). No parser may panic, a
// refusal must say something, and what a parser accepts must survive the
// round trip through its Args (what get-zones writes back).
func FuzzParse(f *testing.F) {
	seeds := []string{
		`["api", {"type": "HTTPS", "fqdn": "api.example.com", "path": "/health", "regions": ["us-east-1", "eu-west-1", "ap-southeast-1"]}]`,
		`["calc", {"type": "CALCULATED", "children": ["a", "b"], "threshold": 1}]`,
		`["tcp", {"type": "TCP", "ip": "192.0.2.1", "port": 1e300}]`,
		`["x", {"type": "HTTP", "ip": "::1", "port": "80", "interval": -1, "failure_threshold": 1.5}]`,
		`["vpc-0123456789abcdef0", "us-east-1"]`,
		`["vpc-0123456789abcdef0", {"region": "eu-west-1", "account": "123456789012"}]`,
		`[true, {"kms_key": "arn:aws:kms:us-east-1:123456789012:key/abc", "ksk": "k1"}]`,
		`[false]`, `[null]`, `[]`, `[{}]`, `[[]]`, `[{"":{"":{}}}]`,
		`["office", {"home": ["192.0.2.0/24", "2001:db8::/32"], "lab": "10.0.0.0/8"}]`,
		`["office", false]`,
		`[{"team": "dns", "env": "prod\u0000"}]`,
		`["arn:aws:logs:us-east-1:123456789012:log-group:/aws/route53/example.com"]`,
		`["a comment \u202e"]`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		var args []any
		if json.Unmarshal([]byte(in), &args) != nil {
			return
		}
		if hc, err := ParseHealthCheck(args); err != nil {
			refusal(t, "ParseHealthCheck", err)
		} else if back, err := ParseHealthCheck(hc.Args()); err != nil {
			t.Fatalf("ParseHealthCheck(%s) accepted, but not its Args %v: %v", in, hc.Args(), err)
		} else if !back.Equal(hc) {
			t.Fatalf("ParseHealthCheck(%s): %+v, through its Args %+v", in, hc, back)
		} else {
			_ = hc.Describe(nil)
		}
		if v, err := ParseVPC(args); err != nil {
			refusal(t, "ParseVPC", err)
		} else if back, err := ParseVPC(v.Args()); err != nil || back != v {
			t.Fatalf("ParseVPC(%s): %+v, through its Args %+v (%v)", in, v, back, err)
		}
		if d, err := ParseDNSSEC(args); err != nil {
			refusal(t, "ParseDNSSEC", err)
		} else if back, err := ParseDNSSEC(d.Args()); err != nil || !reflect.DeepEqual(back, d) {
			t.Fatalf("ParseDNSSEC(%s): %+v, through its Args %+v (%v)", in, d, back, err)
		}
		if c, err := ParseCIDRCollection(args); err != nil {
			refusal(t, "ParseCIDRCollection", err)
		} else {
			_ = DescribeCIDRLocations(c.Locations)
			s := CIDRSetting(c)
			back, err := CIDRCollections([]*model.Setting{s})
			if err != nil || back[c.Name] == nil {
				t.Fatalf("ParseCIDRCollection(%s) accepted, but not its setting %v: %v", in, s.Args, err)
			}
		}
		if _, err := ZoneComment(args); err != nil {
			refusal(t, "ZoneComment", err)
		}
		if tags, err := ZoneTags(args); err != nil {
			refusal(t, "ZoneTags", err)
		} else {
			_ = DescribeTags(tags.Set)
		}
		if _, err := ParseQueryLog(args); err != nil {
			refusal(t, "ParseQueryLog", err)
		}
	})
}

func refusal(t *testing.T, fn string, err error) {
	t.Helper()
	if err.Error() == "" {
		t.Fatalf("%s refused with an empty error", fn)
	}
}
