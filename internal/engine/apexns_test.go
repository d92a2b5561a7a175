package engine

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// The apex NS records NAMESERVER() makes get the TTL DNSControl gives them
// (NAMESERVER_TTL, else 300), so a configuration migrated from DNSControl
// plans no change against a zone DNSControl wrote; a set made of a
// provider's own servers only (Route 53's) keeps the TTL it has.
func TestApexNSTTLAsDNSControl(t *testing.T) {
	const head = `D("example.com", NewRegistrar("none"), DnsProvider(NewDnsProvider("dns")), `
	ns := func(ttl uint32, servers ...string) []*model.Record {
		var out []*model.Record
		for _, s := range servers {
			out = append(out, &model.Record{Name: "example.com", Type: "NS", TTL: ttl, Data: s})
		}
		return out
	}
	for _, tc := range []struct {
		name, own, config string
		existing          []*model.Record
		want              []string
	}{
		{"zone files, as DNSControl wrote them", "", `NAMESERVER("ns1.example.net."), NAMESERVER("ns2.example.net."));`,
			ns(300, "ns1.example.net.", "ns2.example.net."), nil},
		{"zone files, a TTL DNSControl would change", "", `NAMESERVER("ns1.example.net."));`,
			ns(86400, "ns1.example.net."), []string{"± MODIFY example.com NS (ns1.example.net. ttl=86400) -> (ns1.example.net. ttl=300)"}},
		{"zone files, NAMESERVER_TTL", "", `NAMESERVER_TTL("1d"), NAMESERVER("ns1.example.net."));`,
			ns(86400, "ns1.example.net."), nil},
		{"zone files, new zone", "", `NAMESERVER("ns1.example.net."), DefaultTTL(3600), A("@", "192.0.2.1"));`,
			nil, []string{"+ CREATE example.com A 192.0.2.1 ttl=3600", "+ CREATE example.com NS ns1.example.net. ttl=300"}},
		{"NS(@) beside NAMESERVER: one TTL, the lowest", "", `NAMESERVER("ns1.example.net."), NS("@", "ns2.example.net.", TTL(3600)));`,
			ns(300, "ns1.example.net.", "ns2.example.net."), nil},
		{"provider's own servers only keep theirs", "ns1.fake.,ns2.fake.", `A("@", "192.0.2.1"));`,
			ns(172800, "ns1.fake.", "ns2.fake."), []string{"+ CREATE example.com A 192.0.2.1 ttl=300"}},
		{"own servers with NAMESERVER(), as DNSControl wrote them", "ns1.fake.", `NAMESERVER("ns0.other.net."));`,
			ns(300, "ns0.other.net.", "ns1.fake."), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			creds := `{"dns": {"TYPE": "FAKE", "ns": "` + tc.own + `"}}`
			e := load(t, head+tc.config, creds)
			fakes["dns"].zones["example.com"] = tc.existing
			dp := e.PlanDomain(context.Background(), e.Config.Domains[0])
			if dp.Err != nil {
				t.Fatal(dp.Err)
			}
			if pp := dp.Providers[0]; pp.Err != nil {
				t.Fatal(pp.Err)
			}
			got := lines(dp.Providers[0])
			if !slices.Equal(got, tc.want) {
				t.Errorf("plan:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
