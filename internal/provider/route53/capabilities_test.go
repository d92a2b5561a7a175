package route53

import (
	"testing"

	"github.com/dnsctl/dnsctl/internal/provider"
)

// Route 53 serves a fixed list of types; the types DNSControl's BIND
// provider adds (and any other) are refused through the capabilities, at
// check and preview, with the provider's name (see
// internal/cli/testdata/route53/unsupported_types.txtar).
func TestCapabilitiesRefuseTypesRoute53CannotServe(t *testing.T) {
	info, err := provider.Lookup(TypeName)
	if err != nil {
		t.Fatal(err)
	}
	for _, caps := range []provider.Capabilities{info.Capabilities, (&Provider{}).Capabilities()} {
		for _, typ := range []string{"RP", "DHCID", "DNAME", "DNSKEY", "OPENPGPKEY", "SMIMEA", "LOC", "SOA", "HINFO", "CF_REDIRECT", "ALIAS", "AZURE_ALIAS"} {
			if caps.Supports(typ) {
				t.Errorf("Route 53 capabilities accept %s", typ)
			}
		}
		for _, typ := range Types {
			if !caps.Supports(typ) {
				t.Errorf("Route 53 capabilities refuse %s", typ)
			}
		}
	}
}
