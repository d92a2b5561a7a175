package zonefile_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/miekg/dns"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
	_ "github.com/dnsctl/dnsctl/internal/provider/none"
	"github.com/dnsctl/dnsctl/internal/provider/route53"
	"github.com/dnsctl/dnsctl/internal/zonefile"
)

// rtZone is what the round-trip provider serves for one zone reference.
type rtZone struct {
	ns   []string
	recs []*model.Record
}

// rtZones are the zones of the round-trip provider, by zone reference.
var rtZones map[string]rtZone

// rtProvider is a DNS provider with Route 53's capabilities serving
// rtZones; it never changes anything.
type rtProvider struct{}

var rtCaps = provider.Capabilities{
	Types: provider.TypeSet("A", "AAAA", "CNAME", "NS", "PTR", "MX", "SRV", "CAA", "SSHFP", "TLSA", "DS",
		"NAPTR", "HTTPS", "SVCB", "LOC", "TXT", "SPF", "SOA", model.AliasType),
	SetID:    true,
	MetaKeys: route53.MetaKeys,
}

func init() {
	provider.Register(provider.Info{Type: "ROUNDTRIP", DNS: true, Capabilities: rtCaps,
		New: func(context.Context, provider.Entry) (any, error) { return rtProvider{}, nil }})
}

func (rtProvider) Capabilities() provider.Capabilities { return rtCaps }
func (rtProvider) Apply(context.Context, *diff.Plan) error {
	return nil
}
func (rtProvider) Nameservers(_ context.Context, zone string) ([]string, error) {
	return rtZones[zone].ns, nil
}
func (rtProvider) Records(_ context.Context, zone string) ([]*model.Record, error) {
	z, ok := rtZones[zone]
	if !ok {
		return nil, provider.ErrZoneNotFound
	}
	out := make([]*model.Record, len(z.recs))
	for i, r := range z.recs {
		out[i] = r.Clone()
	}
	return out, nil
}

func zoneRecords(t *testing.T, origin, text string) []*model.Record {
	t.Helper()
	var out []*model.Record
	zp := dns.NewZoneParser(strings.NewReader(text), origin+".", "test")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		out = append(out, model.FromRR(rr))
	}
	if err := zp.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func alias(name, typ, target, setID string, meta ...string) *model.Record {
	m := map[string]string{"alias_type": typ, "zone_id": "Z2FDTNDATAQYW2", "evaluate_target_health": "false"}
	for i := 0; i+1 < len(meta); i += 2 {
		m[meta[i]] = meta[i+1]
	}
	return &model.Record{Name: name, Type: model.AliasType, Data: target, SetID: setID, Meta: m}
}

// roundTripRecords is a zone with an apex NS set of ns1.example.com. and
// ns2.example.net., records dnsconfig.js cannot write, and records sharing
// their label and type.
func roundTripRecords(t *testing.T) []*model.Record {
	recs := zoneRecords(t, "example.com", `
@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010100 3600 600 604800 1440
@ 3600 IN NS ns1.example.com.
@ 3600 IN NS ns2.example.net.
@ 300 IN A 192.0.2.1
@ 300 IN MX 10 mail.example.com.
www 300 IN A 192.0.2.10
dname 300 IN DNAME example.net.
hinfo 300 IN HINFO "x86" "linux"
t 300 IN TXT "a,b*{c}"
t 300 IN TXT "\200\201"
`)
	return append(recs,
		// Routing policies dnsconfig.js does not write, on names and types
		// shared with records it does write.
		alias("dual.example.com", "A", "lb.example.net.", "primary", "failover", "PRIMARY"),
		alias("dual.example.com", "A", "lb2.example.net.", "secondary", "failover", "SECONDARY"),
		alias("dual.example.com", "AAAA", "lb.example.net.", ""),
		alias("mixed.example.com", "A", "a.example.net.", "eu", "geo_continent", "EU"),
		alias("mixed.example.com", "AAAA", "b.example.net.", ""),
		&model.Record{Name: "*.wild.example.com", Type: "A", TTL: 60, Data: "192.0.2.30", SetID: "eu",
			Meta: map[string]string{"geo_continent": "EU"}},
		&model.Record{Name: "*.wild.example.com", Type: "A", TTL: 60, Data: "192.0.2.31", SetID: "default",
			Meta: map[string]string{"geo_country": "*"}},
		&model.Record{Name: "lat.example.com", Type: "CNAME", TTL: 300, Data: "us.example.net.", SetID: "us",
			Meta: map[string]string{"latency_region": "us-east-1"}},
		&model.Record{Name: "mv.example.com", Type: "A", TTL: 300, Data: "192.0.2.40", SetID: "one",
			Meta: map[string]string{"multivalue": "true"}},
		&model.Record{Name: "cidr.example.com", Type: "AAAA", TTL: 300, Data: "2001:db8::1", SetID: "office",
			Meta: map[string]string{"cidr_collection_id": "c-1234", "cidr_location": "office"}},
		&model.Record{Name: "prox.example.com", Type: "A", TTL: 300, Data: "192.0.2.50", SetID: "use1",
			Meta: map[string]string{"geoproximity_region": "us-east-1", "geoproximity_bias": "10"}},
		&model.Record{Name: "w.example.com", Type: "A", TTL: 300, Data: "192.0.2.20", SetID: "blue",
			Meta: map[string]string{"weight": "70"}},
	)
}

// TestJSRoundTrip exports zones as dnsconfig.js and plans the result
// against the same zones: nothing may change, for each way a zone's apex
// NS set can relate to the provider's own name servers.
func TestJSRoundTrip(t *testing.T) {
	recs := roundTripRecords(t)
	cases := []struct {
		name, ref, id string
		ns            []string
		want          []string // in the export
	}{
		{"extra apex NS", "example.com", "", []string{"ns1.example.com."},
			[]string{`//NAMESERVER("ns1.example.com.")`, `NS("@", "ns2.example.net.", TTL(3600))`}},
		{"no own name servers", "example.com", "", nil,
			[]string{`//NAMESERVER("ns1.example.com.")`, `//NAMESERVER("ns2.example.net.")`}},
		{"own name server missing", "example.com", "", []string{"ns1.example.com.", "ns9.example.org."},
			[]string{`DnsProvider(DSP_RT, 0)`, `//NAMESERVER("ns1.example.com.")`, `//NS("@", "ns2.example.net.", TTL(3600))`}},
		{"tagged zone", "example.com!inside", "ZINSIDE", []string{"ns1.example.com.", "ns2.example.net."},
			[]string{`D("example.com!inside"`, `R53_ZONE("ZINSIDE")`, `//NAMESERVER("ns2.example.net.")`}},
	}
	for _, c := range cases {
		for _, format := range []string{"js", "djs"} {
			t.Run(c.name+"/"+format, func(t *testing.T) {
				rtZones = map[string]rtZone{c.ref: {ns: c.ns, recs: recs}}
				var buf bytes.Buffer
				if err := zonefile.Write(&buf, format, zonefile.Zone{Ref: c.ref, ZoneID: c.id, CredKey: "rt", Nameservers: c.ns, Records: recs}); err != nil {
					t.Fatal(err)
				}
				js := buf.String()
				for _, w := range append(c.want,
					`IGNORE("dname", "DNAME")`, `IGNORE("hinfo", "HINFO")`,
					`IGNORE("t", "TXT", "\"\\\\200\\\\201\"")`,
					`IGNORE("dual", "R53_ALIAS", "{lb.example.net.,lb2.example.net.}")`,
					`//R53_ALIAS("dual", "AAAA", "lb.example.net."`,
					`IGNORE("mixed", "R53_ALIAS", "a.example.net.")`,
					`IGNORE("\\*.wild", "A")`, `IGNORE("lat", "CNAME")`, `IGNORE("mv", "A")`,
					`IGNORE("cidr", "AAAA")`, `IGNORE("prox", "A")`,
					`A("w", "192.0.2.20", R53_WEIGHT(70, "blue"))`) {
					if !strings.Contains(js, w) {
						t.Errorf("the export lacks %s:\n%s", w, js)
					}
				}
				for _, active := range []string{`R53_ALIAS("mixed", "AAAA", "b.example.net."`, `TXT("t", "a,b*{c}")`} {
					if !slices.ContainsFunc(strings.Split(js, "\n"), func(l string) bool {
						l = strings.TrimLeft(l, "\t, ")
						return strings.HasPrefix(l, active)
					}) {
						t.Errorf("%s is not written as a record:\n%s", active, js)
					}
				}
				assertNoChanges(t, js)
			})
		}
	}
}

// assertNoChanges plans the configuration js against rtZones and fails
// unless every domain plans without error and without corrections.
func assertNoChanges(t *testing.T, js string) {
	t.Helper()
	dir := t.TempDir()
	cfg, creds := filepath.Join(dir, "dnsconfig.js"), filepath.Join(dir, "creds.json")
	if err := os.WriteFile(cfg, []byte(js), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(creds, []byte(`{"rt": {"TYPE": "ROUNDTRIP"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	e, err := engine.Load(context.Background(), engine.Options{ConfigPath: cfg, CredsPath: creds})
	if err != nil {
		t.Fatalf("the export does not load: %v\n%s", err, js)
	}
	for _, dp := range e.PlanAll(context.Background(), 1) {
		if dp.Err != nil {
			t.Fatalf("%s: %v", dp.Domain.UniqueName(), dp.Err)
		}
		for _, pp := range dp.Providers {
			if pp.Err != nil {
				t.Fatalf("%s: %v\n%s", dp.Domain.UniqueName(), pp.Err, js)
			}
			if n := pp.Corrections(); n != 0 {
				var lines []string
				for _, c := range pp.Plan.Changes {
					for _, l := range c.Lines(pp.Plan.MetaKeys) {
						lines = append(lines, l.Text)
					}
				}
				t.Errorf("%s: %d corrections after the round trip:\n%s\n%s", dp.Domain.UniqueName(), n, strings.Join(lines, "\n"), js)
			}
		}
	}
}
