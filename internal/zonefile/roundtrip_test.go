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
hinfo 300 IN HINFO "x86" "linux"
t 300 IN TXT "a,b*{c}"
t 300 IN TXT "\200\201"
`)
	set := func(name, typ, data, setID string, ttl uint32, meta ...string) *model.Record {
		m := map[string]string{}
		for i := 0; i+1 < len(meta); i += 2 {
			m[meta[i]] = meta[i+1]
		}
		return &model.Record{Name: name, Type: typ, TTL: ttl, Data: data, SetID: setID, Meta: m}
	}
	const coll = "4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c"
	return append(recs,
		// Every routing policy, written with the R53_* modifiers, some on
		// names and types shared with records of another type.
		alias("dual.example.com", "A", "lb.example.net.", "primary", "failover", "PRIMARY", "evaluate_target_health", "true"),
		alias("dual.example.com", "A", "lb2.example.net.", "secondary", "failover", "SECONDARY"),
		alias("dual.example.com", "AAAA", "lb.example.net.", ""),
		alias("mixed.example.com", "A", "a.example.net.", "eu", "geo_continent", "EU"),
		alias("mixed.example.com", "AAAA", "b.example.net.", ""),
		set("fo.example.com", "A", "192.0.2.60", "a", 60, "failover", "PRIMARY", "health_check_id", "abcdef11-2222-3333-4444-555555fedcba"),
		set("fo.example.com", "A", "192.0.2.61", "b", 60, "failover", "SECONDARY"),
		set("*.wild.example.com", "A", "192.0.2.30", "eu", 60, "geo_continent", "EU"),
		set("*.wild.example.com", "A", "192.0.2.31", "default", 60, "geo_country", "*"),
		set("*.wild.example.com", "A", "192.0.2.32", "na", 60, "geo_continent", "NA"),
		set("*.wild.example.com", "A", "192.0.2.33", "namibia", 60, "geo_country", "NA"),
		set("*.wild.example.com", "A", "192.0.2.34", "de", 60, "geo_country", "DE"),
		set("*.wild.example.com", "A", "192.0.2.35", "us-ca", 60, "geo_country", "US", "geo_subdivision", "CA"),
		set("lat.example.com", "CNAME", "us.example.net.", "us", 300, "latency_region", "us-east-1"),
		set("lat.example.com", "CNAME", "eu.example.net.", "eu", 300, "latency_region", "eu-west-1"),
		set("mv.example.com", "A", "192.0.2.40", "one", 300, "multivalue", "true", "health_check_id", "hc-1"),
		set("mv.example.com", "A", "192.0.2.41", "two", 300, "multivalue", "true"),
		set("cidr.example.com", "AAAA", "2001:db8::1", "office", 300, "cidr_collection_id", coll, "cidr_location", "office"),
		set("cidr.example.com", "AAAA", "2001:db8::2", "default", 300, "cidr_collection_id", coll, "cidr_location", "*"),
		set("prox.example.com", "A", "192.0.2.50", "use1", 300, "geoproximity_region", "us-east-1", "geoproximity_bias", "10"),
		set("prox.example.com", "A", "192.0.2.51", "bue", 300, "geoproximity_local_zone_group", "us-east-1-bue-1"),
		set("prox.example.com", "A", "192.0.2.52", "ber", 300, "geoproximity_latitude", "52.52", "geoproximity_longitude", "13.40", "geoproximity_bias", "-5"),
		set("prox.example.com", "A", "192.0.2.53", "syd", 300, "geoproximity_latitude", "-33.87", "geoproximity_longitude", "151.2"),
		set("w.example.com", "A", "192.0.2.20", "blue", 300, "weight", "70"),
		set("w.example.com", "A", "192.0.2.21", "green", 300, "weight", "30"),
		set("w.example.com", "A", "192.0.2.22", "green", 300, "weight", "30"),
		// Routing settings dnsconfig.js cannot write (a set identifier
		// without a policy, a CIDR collection that is no collection ID),
		// on names and types shared with records it does write.
		alias("odd.example.com", "A", "lb.example.net.", "s1"),
		alias("odd.example.com", "A", "lb2.example.net.", "s2"),
		alias("odd.example.com", "AAAA", "lb.example.net.", ""),
		alias("odd2.example.com", "A", "a.example.net.", "s1"),
		alias("odd2.example.com", "AAAA", "b.example.net.", ""),
		set("*.odd.example.com", "A", "192.0.2.70", "x", 300),
		set("badcidr.example.com", "AAAA", "2001:db8::9", "office", 300, "cidr_collection_id", "c-1234", "cidr_location", "office"),
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
					`IGNORE("hinfo", "HINFO")`,
					// IGNORE targets are TXT text, not data; '?' stands
					// for a byte a JavaScript string cannot hold.
					`IGNORE("t", "TXT", "??")`,
					// Routing policies.
					`R53_ALIAS("dual", "A", "lb.example.net.", R53_ZONE("Z2FDTNDATAQYW2"), R53_EVALUATE_TARGET_HEALTH(true), R53_FAILOVER("PRIMARY", "primary"))`,
					`R53_ALIAS("dual", "A", "lb2.example.net.", R53_ZONE("Z2FDTNDATAQYW2"), R53_FAILOVER("SECONDARY", "secondary"))`,
					`R53_ALIAS("mixed", "A", "a.example.net.", R53_ZONE("Z2FDTNDATAQYW2"), R53_GEO("EU", "eu"))`,
					`A("fo", "192.0.2.60", R53_FAILOVER("PRIMARY", "a"), R53_HEALTH_CHECK_ID("abcdef11-2222-3333-4444-555555fedcba"), TTL(60))`,
					`A("*.wild", "192.0.2.31", R53_GEO("*", "default"), TTL(60))`,
					`A("*.wild", "192.0.2.32", R53_GEO({continent: "NA"}, "na"), TTL(60))`,
					`A("*.wild", "192.0.2.33", R53_GEO({country: "NA"}, "namibia"), TTL(60))`,
					`A("*.wild", "192.0.2.34", R53_GEO("DE", "de"), TTL(60))`,
					`A("*.wild", "192.0.2.35", R53_GEO("US-CA", "us-ca"), TTL(60))`,
					`CNAME("lat", "eu.example.net.", R53_LATENCY("eu-west-1", "eu"))`,
					`A("mv", "192.0.2.40", R53_MULTIVALUE("one"), R53_HEALTH_CHECK_ID("hc-1"))`,
					`AAAA("cidr", "2001:db8::2", R53_CIDR("4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c", "*", "default"))`,
					`A("prox", "192.0.2.50", R53_GEOPROXIMITY({region: "us-east-1", bias: 10}, "use1"))`,
					`A("prox", "192.0.2.51", R53_GEOPROXIMITY({localZoneGroup: "us-east-1-bue-1"}, "bue"))`,
					`A("prox", "192.0.2.52", R53_GEOPROXIMITY({coordinates: {lat: 52.52, long: "13.40"}, bias: -5}, "ber"))`,
					`A("prox", "192.0.2.53", R53_GEOPROXIMITY({coordinates: {lat: -33.87, long: 151.2}}, "syd"))`,
					`A("w", "192.0.2.20", R53_WEIGHT(70, "blue"))`,
					`A("w", "192.0.2.22", R53_WEIGHT(30, "green"))`,
					// What stays commented out and kept by IGNORE().
					`IGNORE("odd", "R53_ALIAS", "{lb.example.net.,lb2.example.net.}")`,
					`//R53_ALIAS("odd", "AAAA", "lb.example.net."`,
					`IGNORE("odd2", "R53_ALIAS", "a.example.net.")`,
					`IGNORE("\\*.odd", "A")`, `IGNORE("badcidr", "AAAA")`,
					`has no routing policy that dnsconfig.js can write`,
					`has a CIDR location (collection "c-1234", location "office") that dnsconfig.js cannot write`) {
					if !strings.Contains(js, w) {
						t.Errorf("the export lacks %s:\n%s", w, js)
					}
				}
				for _, active := range []string{`R53_ALIAS("mixed", "AAAA", "b.example.net."`, `R53_ALIAS("odd2", "AAAA", "b.example.net."`,
					`R53_ALIAS("dual", "AAAA", "lb.example.net."`, `TXT("t", "a,b*{c}")`, `A("*.wild", "192.0.2.30", R53_GEO("EU", "eu")`} {
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
