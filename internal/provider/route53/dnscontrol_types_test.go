package route53

import (
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// Route 53 serves none of the record types DNSControl's BIND provider
// serves beyond the common ones, nor those of providers dnsctl does not
// have: its capabilities refuse them, so check and preview fail naming the
// provider and the record's line before Route 53 is asked anything.
func TestCapabilitiesRefuseDNSControlTypes(t *testing.T) {
	caps := capabilities()
	types := append([]string{"RP", "DHCID", "DNAME", "DNSKEY", "OPENPGPKEY", "SMIMEA"}, model.ForeignTypes()...)
	for _, typ := range types {
		if caps.Supports(typ) {
			t.Errorf("Route 53 claims to serve %s records", typ)
		}
		d := &model.Domain{Name: "example.com", DNSProviders: []model.DomainProvider{{Name: "r53"}},
			Records: []*model.Record{{Name: "example.com", Type: typ, TTL: 300, Data: "x", Pos: "dnsconfig.js:9"}}}
		ps := model.ValidateDomain(d, map[string]model.TypeSupport{"r53": caps})
		want := "dnsconfig.js:9: example.com: provider r53 does not support " + typ + " records"
		if !strings.Contains(ps.Error(), want) {
			t.Errorf("%s: %v, want %q", typ, ps, want)
		}
	}
	ps := model.ValidateDomain(&model.Domain{Name: "example.com", DNSProviders: []model.DomainProvider{{Name: "r53"}},
		Records: []*model.Record{{Name: "example.com", Type: "ALIAS", TTL: 300, Data: "lb.example.net.", Pos: "dnsconfig.js:4"}}},
		map[string]model.TypeSupport{"r53": caps})
	if !strings.Contains(ps.Error(), "at Route 53 use R53_ALIAS(") {
		t.Errorf("ALIAS: %v, want a pointer to R53_ALIAS", ps)
	}
}
