package zonefile

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// A record whose check get-zones exported as a declaration refers to it by
// name; the declaration is written inside D() with its options.
func TestJSHealthCheckName(t *testing.T) {
	zf := Zone{Ref: "hc.tld", CredKey: "r53",
		Settings: []*model.Setting{{Kind: "R53_HEALTH_CHECK", Args: []any{"api", map[string]any{"type": "HTTPS", "fqdn": "api.hc.tld"}}}},
		Records: []*model.Record{
			{Name: "api.hc.tld", Type: "A", TTL: 300, Data: "192.0.2.1", SetID: "p", Meta: map[string]string{"failover": "PRIMARY", "health_check_name": "api"}},
			{Name: "api.hc.tld", Type: "A", TTL: 300, Data: "192.0.2.2", SetID: "s", Meta: map[string]string{"failover": "SECONDARY", "health_check_id": "0b6d3e58-6c53-4bd2-9c1a-27d2b5c3f5a1"}},
		}}
	var buf bytes.Buffer
	if err := Write(&buf, "js", zf); err != nil {
		t.Fatal(err)
	}
	js := buf.String()
	for _, want := range []string{
		`R53_HEALTH_CHECK("api", {fqdn: "api.hc.tld", type: "HTTPS"})`,
		`A("api", "192.0.2.1", R53_FAILOVER("PRIMARY", "p"), R53_HEALTH_CHECK_NAME("api"))`,
		`A("api", "192.0.2.2", R53_FAILOVER("SECONDARY", "s"), R53_HEALTH_CHECK_ID("0b6d3e58-6c53-4bd2-9c1a-27d2b5c3f5a1"))`,
	} {
		if !strings.Contains(js, want) {
			t.Errorf("the export lacks %s:\n%s", want, js)
		}
	}
	if strings.Contains(js, "health_check_name:") {
		t.Errorf("health_check_name is written as metadata too:\n%s", js)
	}
}
