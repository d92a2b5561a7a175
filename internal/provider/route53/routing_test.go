package route53

import (
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/routing"
)

// routed gives r the set identifier id and the routing metadata kv.
func routed(r *model.Record, id string, kv ...string) *model.Record {
	r.SetID = id
	if r.Meta == nil {
		r.Meta = map[string]string{}
	}
	for i := 0; i+1 < len(kv); i += 2 {
		r.Meta[kv[i]] = kv[i+1]
	}
	return r
}

const testCollection = "4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c"

// everyPolicy has record sets of every routing policy, as dnsconfig.js
// writes them, valid for Route 53.
func everyPolicy(t *testing.T, zone string) []*model.Record {
	hc := "abcdef11-2222-3333-4444-555555fedcba"
	return []*model.Record{
		routed(rec(t, zone, "www", "A", 60, "192.0.2.1", MetaHealthCheckID, hc), "primary", MetaFailover, "PRIMARY"),
		routed(rec(t, zone, "www", "A", 60, "192.0.2.2"), "secondary", MetaFailover, "SECONDARY"),
		routed(alias(t, zone, "app", "A", "www."+zone+".", MetaEvaluateHealth, "true"), "app-1", MetaFailover, "PRIMARY"),
		routed(rec(t, zone, "lat", "CNAME", 300, "us.example.net."), "use1", MetaRegion, "us-east-1"),
		routed(rec(t, zone, "lat", "CNAME", 300, "eu.example.net."), "euw1", MetaRegion, "eu-west-1"),
		routed(rec(t, zone, "geo", "TXT", 300, "hello eu"), "eu", MetaGeoContinent, "EU"),
		routed(rec(t, zone, "geo", "TXT", 300, "hallo"), "de", MetaGeoCountry, "DE"),
		routed(rec(t, zone, "geo", "TXT", 300, "howdy"), "us-ca", MetaGeoCountry, "US", MetaGeoSubdivision, "CA"),
		routed(rec(t, zone, "geo", "TXT", 300, "hello"), "default", MetaGeoCountry, "*"),
		routed(rec(t, zone, "mv", "A", 300, "192.0.2.10", MetaHealthCheckID, hc), "one", MetaMultiValue, "true"),
		routed(rec(t, zone, "mv", "A", 300, "192.0.2.11"), "two", MetaMultiValue, "true"),
		routed(rec(t, zone, "cidr", "AAAA", 300, "2001:db8::1"), "office", MetaCIDRCollection, testCollection, MetaCIDRLocation, "office_1"),
		routed(rec(t, zone, "cidr", "AAAA", 300, "2001:db8::2"), "default", MetaCIDRCollection, testCollection, MetaCIDRLocation, "*"),
		routed(rec(t, zone, "prox", "A", 300, "192.0.2.50"), "use1", MetaGeoProxRegion, "us-east-1", MetaGeoProxBias, "10"),
		routed(rec(t, zone, "prox", "A", 300, "192.0.2.51"), "bue", MetaGeoProxZone, "us-east-1-bue-1"),
		routed(rec(t, zone, "prox", "A", 300, "192.0.2.52"), "ber", MetaGeoProxLat, "52.52", MetaGeoProxLong, "13.4", MetaGeoProxBias, "-5"),
		routed(rec(t, zone, "prox", "A", 300, "192.0.2.53"), "syd", MetaGeoProxLat, "-33.87", MetaGeoProxLong, "151.20"),
		routed(rec(t, zone, "w", "A", 300, "192.0.2.20"), "blue", MetaWeight, "70"),
		// Two values in one set.
		routed(rec(t, zone, "w", "A", 300, "192.0.2.21"), "green", MetaWeight, "30"),
		routed(rec(t, zone, "w", "A", 300, "192.0.2.22"), "green", MetaWeight, "30"),
	}
}

func TestPrepareRoutingPolicies(t *testing.T) {
	e := newEnv(t)
	zone := "routing.example"
	e.createZone(zone)
	if err := e.p.Prepare(ctx(t), zone, everyPolicy(t, zone)); err != nil {
		t.Fatalf("Prepare rejected valid routing policies: %v", err)
	}
	// Geolocation codes are upper-cased.
	lower := []*model.Record{routed(rec(t, zone, "g", "A", 300, "192.0.2.1"), "de", MetaGeoCountry, "de", MetaGeoSubdivision, "be")}
	if err := e.p.Prepare(ctx(t), zone, lower); err != nil || lower[0].Meta[MetaGeoCountry] != "DE" || lower[0].Meta[MetaGeoSubdivision] != "BE" {
		t.Errorf("lower-case geolocation: err %v, meta %v", err, lower[0].Meta)
	}

	at := func(r *model.Record, pos string) *model.Record { r.Pos = pos; return r }
	a := func(label, typ, data string) *model.Record { return rec(t, zone, label, typ, 300, data) }
	for _, tc := range []struct {
		name    string
		records []*model.Record
		want    string
	}{
		{"two policies on one record",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "x", MetaWeight, "1", MetaFailover, "PRIMARY")},
			"A x: has weighted (R53_WEIGHT) and failover (R53_FAILOVER) routing; Route 53 gives a record set one routing policy"},
		{"policies mixed within a name and type",
			[]*model.Record{
				at(routed(a("x", "A", "192.0.2.1"), "p", MetaFailover, "PRIMARY"), "dnsconfig.js:3"),
				at(routed(a("x", "A", "192.0.2.2"), "w", MetaWeight, "1"), "dnsconfig.js:4")},
			"dnsconfig.js:4: A x: this record has weighted routing (R53_WEIGHT), but the record at dnsconfig.js:3 has failover routing (R53_FAILOVER); Route 53 gives all record sets of a name and type the same routing policy"},
		{"a record without routing policy next to routed ones",
			[]*model.Record{
				at(routed(a("x", "A", "192.0.2.1"), "eu", MetaRegion, "eu-west-1"), "dnsconfig.js:3"),
				at(a("x", "A", "192.0.2.2"), "dnsconfig.js:4")},
			"dnsconfig.js:4: A x: this record has no routing policy, but the record at dnsconfig.js:3 has latency routing (R53_LATENCY); Route 53 does not allow records with and without a routing policy"},
		{"an alias and a record of the same type with different policies",
			[]*model.Record{
				a("t", "A", "192.0.2.9"),
				routed(alias(t, zone, "x", "A", "t."+zone+"."), "p", MetaFailover, "PRIMARY"),
				routed(a("x", "A", "192.0.2.2"), "eu", MetaGeoContinent, "EU")},
			"but another record of that name and type has failover routing"},
		{"two PRIMARY sets",
			[]*model.Record{
				routed(a("x", "A", "192.0.2.1"), "a", MetaFailover, "PRIMARY"),
				routed(a("x", "A", "192.0.2.2"), "b", MetaFailover, "PRIMARY")},
			`A x: a second PRIMARY failover set (set "b"; set "a" is one too); Route 53 allows one per name and type`},
		{"two latency sets of one region",
			[]*model.Record{
				routed(a("x", "CNAME", "a.example.net."), "a", MetaRegion, "eu-west-1"),
				routed(a("x", "CNAME", "b.example.net."), "b", MetaRegion, "eu-west-1")},
			"a second latency set for eu-west-1"},
		{"two geolocation sets of one location",
			[]*model.Record{
				routed(a("x", "A", "192.0.2.1"), "a", MetaGeoCountry, "US", MetaGeoSubdivision, "CA"),
				routed(a("x", "A", "192.0.2.2"), "b", MetaGeoCountry, "US", MetaGeoSubdivision, "CA")},
			"a second geolocation set for US-CA"},
		{"records of one set that disagree",
			[]*model.Record{
				routed(a("x", "A", "192.0.2.1"), "a", MetaFailover, "PRIMARY"),
				routed(a("x", "A", "192.0.2.2"), "a", MetaFailover, "SECONDARY")},
			`the records of set "a" differ in their routing settings (failover=SECONDARY, and failover=PRIMARY)`},
		{"multivalue alias",
			[]*model.Record{a("t", "A", "192.0.2.9"), routed(alias(t, zone, "x", "A", "t."+zone+"."), "m", MetaMultiValue, "true")},
			"R53_ALIAS x (A): Route 53 has no multivalue answer alias records"},
		{"multivalue CNAME",
			[]*model.Record{routed(a("x", "CNAME", "a.example.net."), "m", MetaMultiValue, "true")},
			"Route 53 has no multivalue answer CNAME records"},
		{"routing on NS",
			[]*model.Record{routed(a("sub", "NS", "ns1.example.net."), "w", MetaWeight, "1")},
			"Route 53 has no weighted routing for NS records"},
		{"bad latency region",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaRegion, "Frankfurt")},
			`latency region "Frankfurt" is not an AWS region`},
		{"continent and country",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoContinent, "EU", MetaGeoCountry, "DE")},
			"a geolocation is a continent or a country, not both"},
		{"unknown continent",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoContinent, "XX")},
			`geolocation continent "XX" is not one of`},
		{"subdivision without country",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoSubdivision, "CA")},
			`a geolocation subdivision ("CA") needs its country`},
		{"bad country",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoCountry, "DEU")},
			`geolocation country "DEU" is not a two-letter ISO 3166-1 code`},
		{"default location with a subdivision",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoCountry, "*", MetaGeoSubdivision, "CA")},
			`the default geolocation "*" has no subdivision`},
		{"CIDR without location",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaCIDRCollection, testCollection)},
			"IP-based routing needs a CIDR collection ID and a location name"},
		{"bad CIDR collection",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaCIDRCollection, "office-nets", MetaCIDRLocation, "o")},
			`CIDR collection ID "office-nets" is not a collection ID`},
		{"bad CIDR location",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaCIDRCollection, testCollection, MetaCIDRLocation, "head office")},
			`CIDR location name "head office" must be 1 to 16 letters`},
		{"geoproximity with two locations",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoProxRegion, "us-east-1", MetaGeoProxZone, "us-east-1-bue-1")},
			"geoproximity routing needs exactly one location"},
		{"geoproximity with a bias only",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoProxBias, "5")},
			"geoproximity routing needs exactly one location"},
		{"latitude without longitude",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoProxLat, "52.52")},
			"geoproximity coordinates need a latitude and a longitude"},
		{"latitude of three decimals",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoProxLat, "52.525", MetaGeoProxLong, "13.4")},
			`geoproximity latitude "52.525" must be a number from -90 to 90 with at most two decimals`},
		{"longitude out of range",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoProxLat, "52", MetaGeoProxLong, "181")},
			`geoproximity longitude "181" must be a number from -180 to 180`},
		{"bias out of range",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "a", MetaGeoProxRegion, "us-east-1", MetaGeoProxBias, "100")},
			`geoproximity bias "100" must be a whole number from -99 to 99`},
		{"policy without set identifier",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "", MetaFailover, "PRIMARY")},
			"needs a set identifier"},
		{"set identifier without policy",
			[]*model.Record{routed(a("x", "A", "192.0.2.1"), "x")},
			`set identifier "x" without a routing policy: Route 53 needs one (R53_WEIGHT, R53_FAILOVER`},
	} {
		err := e.p.Prepare(ctx(t), zone, tc.records)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v\nwant %q", tc.name, err, tc.want)
		}
	}
}

// TestRoutingSettingsRoundTrip sends every routing policy through what
// Apply writes (applyRouting) and what Records reads (routingMeta): the
// record read compares equal to the record written. moto keeps neither
// geoproximity nor IP-based routing, so this is where those are covered.
func TestRoutingSettingsRoundTrip(t *testing.T) {
	zone := "routing.example"
	recs := everyPolicy(t, zone)
	for _, r := range recs {
		if r.Type == model.AliasType {
			r.Meta[MetaZoneID] = "ZTEST" // as Prepare fills it in
		}
	}
	sets, order, err := groupSets(recs)
	if err != nil {
		t.Fatal(err)
	}
	for _, id := range order {
		o, err := makeOp(types.ChangeActionCreate, id, sets[id], zone, "ZTEST", false)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		got := rrsetRecords(o.set, zone)
		want := sets[id]
		if len(got) != len(want) {
			t.Fatalf("%s: read %d records, wrote %d", id, len(got), len(want))
		}
		for i := range got {
			if got[i].SetID != want[i].SetID || !slices.Equal(publicMeta(got[i]), publicMeta(want[i])) {
				t.Errorf("%s: read [%s] %v, wrote [%s] %v", id, got[i].SetID, publicMeta(got[i]), want[i].SetID, publicMeta(want[i]))
			}
		}
	}
	// The request carries what Route 53 expects.
	for _, id := range order {
		o, _ := makeOp(types.ChangeActionCreate, id, sets[id], zone, "ZTEST", false)
		s := o.set
		switch id.String() {
		case "prox.routing.example A [ber]":
			g := s.GeoProximityLocation
			if g == nil || g.Coordinates == nil || *g.Coordinates.Latitude != "52.52" || *g.Coordinates.Longitude != "13.4" || g.Bias == nil || *g.Bias != -5 || g.AWSRegion != nil {
				t.Errorf("%s: GeoProximityLocation %+v", id, g)
			}
		case "cidr.routing.example AAAA [default]":
			c := s.CidrRoutingConfig
			if c == nil || *c.CollectionId != testCollection || *c.LocationName != "*" {
				t.Errorf("%s: CidrRoutingConfig %+v", id, c)
			}
		case "geo.routing.example TXT [default]":
			g := s.GeoLocation
			if g == nil || g.ContinentCode != nil || *g.CountryCode != "*" || g.SubdivisionCode != nil {
				t.Errorf("%s: GeoLocation %+v", id, g)
			}
		}
	}
}

// The provider's metadata keys are the routing vocabulary's, so the DSL
// keeps plain metadata objects off every one of them.
func TestMetaKeysAreReserved(t *testing.T) {
	for _, k := range []string{MetaAliasType, MetaZoneID, MetaEvaluateHealth, MetaWeight, MetaHealthCheckID,
		MetaFailover, MetaRegion, MetaGeoContinent, MetaGeoCountry, MetaGeoSubdivision, MetaMultiValue,
		MetaCIDRCollection, MetaCIDRLocation, MetaGeoProxRegion, MetaGeoProxZone, MetaGeoProxLat,
		MetaGeoProxLong, MetaGeoProxBias, metaRawValue, metaRawName, metaRawAliasDNSName, metaOrder, metaTrafficPolicy} {
		if !routing.Reserved(k) {
			t.Errorf("metadata key %q is not reserved", k)
		}
	}
}
