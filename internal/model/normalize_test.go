package model

import (
	"strings"
	"testing"

	"github.com/miekg/dns"
)

func TestCanonicalData(t *testing.T) {
	cases := []struct {
		typ, in, want, err string
	}{
		{typ: "A", in: "192.0.2.1", want: "192.0.2.1"},
		{typ: "A", in: "192.0.2", err: "not an IPv4 address"},
		{typ: "A", in: "2001:db8::1", err: "not an IPv4 address"},
		{typ: "AAAA", in: "2001:DB8:0::1", want: "2001:db8::1"},
		{typ: "AAAA", in: "192.0.2.1", err: "not an IPv6 address"},
		{typ: "CNAME", in: "www", want: "www.example.com."},
		{typ: "CNAME", in: "@", want: "example.com."},
		{typ: "CNAME", in: "Target.Example.NET.", want: "target.example.net."},
		{typ: "CNAME", in: "bücher.example.", want: "xn--bcher-kva.example."},
		{typ: "MX", in: "010 mail", want: "10 mail.example.com."},
		{typ: "MX", in: "ten mail", err: "MX priority"},
		{typ: "MX", in: "0 .", want: "0 ."},
		{typ: "TXT", in: `"a" "b"`, want: `"ab"`},
		{typ: "SRV", in: "10 60 5060 sip", want: "10 60 5060 sip.example.com."},
		{typ: "SRV", in: "10 60 sip", err: "SRV data"},
		{typ: "CAA", in: `0 issue "letsencrypt.org"`, want: `0 issue "letsencrypt.org"`},
		{typ: "SSHFP", in: "1 2 abcdef0123", want: "1 2 ABCDEF0123"},
		{typ: "TLSA", in: "3 1 1 ABCDEF", want: "3 1 1 abcdef"},
		{typ: "DS", in: "12345 13 2 abcdef", want: "12345 13 2 ABCDEF"},
		{typ: "NAPTR", in: `100 10 "U" "E2U+sip" "!^.*$!sip:x@example.com!" .`, want: `100 10 "U" "E2U+sip" "!^.*$!sip:x@example.com!" .`},
		{typ: "HTTPS", in: `1 . alpn="h2,h3"`, want: `1 . alpn="h2,h3"`},
		// Parameters in key order, however written (RFC 9460 wire order).
		{typ: "HTTPS", in: `1 t.example.net. port=8443 alpn=h2,h3`, want: `1 t.example.net. alpn="h2,h3" port="8443"`},
		{typ: "SVCB", in: `1 t.example.net. ipv4hint=192.0.2.1 alpn=h2 mandatory=alpn`, want: `1 t.example.net. mandatory="alpn" alpn="h2" ipv4hint="192.0.2.1"`},
		{typ: "PTR", in: "host.example.com.", want: "host.example.com."},
		{typ: "BOGUS", in: "x", err: "unknown record type"},
	}
	for _, c := range cases {
		got, err := CanonicalData(c.typ, c.in, "example.com")
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s %q: error %v, want %q", c.typ, c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s %q = %q, %v; want %q", c.typ, c.in, got, err, c.want)
		}
	}
}

func TestQualifyName(t *testing.T) {
	cases := []struct{ in, want, err string }{
		{in: "@", want: "example.com"},
		{in: "WWW", want: "www.example.com"},
		{in: "*.apps", want: "*.apps.example.com"},
		{in: "_dmarc", want: "_dmarc.example.com"},
		{in: "host.example.com.", want: "host.example.com"},
		{in: "host.other.net.", err: "outside the zone"},
		{in: "café", want: "xn--caf-dma.example.com"},
		{in: "a..b", err: "empty label"},
		{in: "a*b", err: "wildcard"},
		{in: "x.*", err: "wildcard"},
		{in: "has space", err: "not allowed"},
		{in: strings.Repeat("a", 64), err: "limit is 63"},
		{in: strings.Repeat("abcdefghi.", 25) + "x", err: "limit is 253"},
	}
	for _, c := range cases {
		got, err := QualifyName(c.in, "example.com")
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("%q: error %v, want %q", c.in, err, c.err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%q = %q, %v; want %q", c.in, got, err, c.want)
		}
	}
}

func rec(name, typ, data string, ttl uint32, pos string) *Record {
	return &Record{Name: name, Type: typ, Data: data, TTL: ttl, Pos: pos}
}

func TestNormalizeAndValidate(t *testing.T) {
	d := &Domain{Name: "Example.COM.", DNSProviders: []DomainProvider{{Name: "p", NSCount: -1}}, Records: []*Record{
		rec("@", "A", "192.0.2.1", 300, "dnsconfig.js:2"),
		rec("www", "CNAME", "@", 300, "dnsconfig.js:3"),
		rec("www", "A", "192.0.2.2", 300, "dnsconfig.js:4"),
		rec("dup", "A", "192.0.2.3", 300, "dnsconfig.js:5"),
		rec("dup", "A", "192.0.2.3", 300, "dnsconfig.js:6"),
		rec("ttl", "A", "192.0.2.4", 300, "dnsconfig.js:7"),
		rec("ttl", "A", "192.0.2.5", 60, "dnsconfig.js:8"),
		rec("bad", "A", "300.1.1.1", 300, "dnsconfig.js:9"),
		rec("@", "CNAME", "elsewhere.net.", 300, "dnsconfig.js:10"),
		rec("t", "TXT", `raw "quoted" text`, 300, "dnsconfig.js:11"),
		rec("loc", "LOC", "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m", 300, "dnsconfig.js:12"),
	}}
	cfg := &Config{Domains: []*Domain{d}}
	ps := Normalize(cfg)
	ps = append(ps, Validate(cfg, map[string]TypeSupport{"p": onlyTypes{"A": true, "CNAME": true, "TXT": true}})...)
	ps.Sort()
	got := ps.Error()
	for _, want := range []string{
		"ERROR: dnsconfig.js:4: example.com: www: a CNAME cannot share its name with other records (CNAME at dnsconfig.js:3, A at dnsconfig.js:4)",
		"ERROR: dnsconfig.js:6: example.com: duplicate record dup A 192.0.2.3 (also at dnsconfig.js:5)",
		"WARNING: dnsconfig.js:7: example.com: record set ttl A has different TTLs; using the lowest, 60",
		`ERROR: dnsconfig.js:9: example.com: A bad: "300.1.1.1" is not an IPv4 address`,
		"ERROR: dnsconfig.js:10: example.com: CNAME at the zone apex",
		"ERROR: dnsconfig.js:12: example.com: provider p does not support LOC records",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("problems lack %q; got:\n%s", want, got)
		}
	}
	if d.Name != "example.com" {
		t.Errorf("zone name %q", d.Name)
	}
	for _, r := range d.Records {
		if r.Name == "ttl.example.com" && r.TTL != 60 {
			t.Errorf("TTL of %s not lowered: %d", r.Data, r.TTL)
		}
		if r.Type == "TXT" && r.Data != `"raw \"quoted\" text"` {
			t.Errorf("TXT data %s", r.Data)
		}
	}
	if len(ps.Warnings()) != 1 {
		t.Errorf("warnings: %v", ps.Warnings())
	}
}

type onlyTypes map[string]bool

func (o onlyTypes) Supports(t string) bool { return o[t] }
func (onlyTypes) SupportsSetID() bool      { return false }
func (onlyTypes) LoadsZoneFiles() bool     { return false }

// zoneFiles serves every type from zone files, as BIND does.
type zoneFiles struct{}

func (zoneFiles) Supports(string) bool { return true }
func (zoneFiles) SupportsSetID() bool  { return false }
func (zoneFiles) LoadsZoneFiles() bool { return true }

// A zone a name server would refuse to load from the file a zone-file
// provider writes gets warnings (not errors: DNSControl writes such files).
func TestZoneFileWarnings(t *testing.T) {
	rec := func(name, typ, data string) *Record {
		return &Record{Name: name, Type: typ, TTL: 300, Data: data, Pos: "c.js:" + name}
	}
	for _, tc := range []struct {
		name string
		d    Domain
		sup  TypeSupport
		want []string
	}{
		{name: "no apex NS", d: Domain{Records: []*Record{rec("www", "A", "192.0.2.1")}}, sup: zoneFiles{},
			want: []string{"c.js:1: example.com: the zone has no NS records at its apex"}},
		{name: "NAMESERVER", d: Domain{Nameservers: []string{"ns1.example.net."}, Records: []*Record{rec("www", "A", "192.0.2.1")}}, sup: zoneFiles{}},
		{name: "NS at the apex", d: Domain{Records: []*Record{rec("@", "NS", "ns1.example.net.")}}, sup: zoneFiles{}},
		{name: "NS below the apex only", d: Domain{Records: []*Record{rec("sub", "NS", "ns1.example.net.")}}, sup: zoneFiles{},
			want: []string{"no NS records at its apex"}},
		{name: "NO_PURGE keeps the file's own", d: Domain{KeepUnknown: true}, sup: zoneFiles{}},
		{name: "IGNORE_EXTERNAL_DNS keeps the file's own", d: Domain{IgnoreExternalDNS: true}, sup: zoneFiles{}},
		{name: "underscore owner", d: Domain{Records: []*Record{rec("@", "NS", "ns1.example.net."), rec("a_b", "A", "192.0.2.1")}}, sup: zoneFiles{},
			want: []string{`c.js:a_b: example.com: a_b.example.com is not a host name (label "a_b" holds '_')`}},
		{name: "not a zone-file provider", d: Domain{Records: []*Record{rec("a_b", "A", "192.0.2.1")}}, sup: onlyTypes{"A": true}},
		{name: "in-zone name server without an address", d: Domain{Nameservers: []string{"ns1.example.com.", "ns2.example.net."}, Records: []*Record{rec("sub", "NS", "ns.sub.example.com.")}}, sup: zoneFiles{},
			want: []string{"c.js:1: example.com: the name server ns1.example.com. lies inside the zone but has no A or AAAA record", "c.js:sub: example.com: the name server ns.sub.example.com. lies inside the zone"}},
		{name: "in-zone name server with its glue", d: Domain{Nameservers: []string{"ns1.example.com."}, Records: []*Record{rec("ns1", "AAAA", "2001:db8::53")}}, sup: zoneFiles{}},
		{name: "NAMESERVER BIND's check-names refuses", d: Domain{Nameservers: []string{"_ns.example.net."}}, sup: zoneFiles{},
			want: []string{`c.js:1: example.com: NAMESERVER: the target _ns.example.net. is not a host name`}},
		{name: "SOA name server BIND's check-names refuses", d: Domain{Nameservers: []string{"ns.example.net."}, Records: []*Record{rec("@", "SOA", "_ns.example.net. h.example.com. 0 1 2 3 4")}}, sup: zoneFiles{},
			want: []string{`c.js:@: example.com: the target _ns.example.net. is not a host name`}},
	} {
		d := tc.d
		d.Name, d.Pos = "example.com", "c.js:1"
		d.DNSProviders = []DomainProvider{{Name: "p"}}
		cfg := &Config{Domains: []*Domain{&d}, DNSProviders: []*ProviderDecl{{Name: "p"}}, Registrars: nil}
		ps := Normalize(cfg)
		ps = append(ps, Validate(cfg, map[string]TypeSupport{"p": tc.sup})...)
		if len(ps) != len(tc.want) {
			t.Errorf("%s: problems %q, want %d", tc.name, ps.Error(), len(tc.want))
			continue
		}
		for i, p := range ps {
			if !p.Warning || !strings.Contains(p.String(), tc.want[i]) {
				t.Errorf("%s: problem %q, want a warning containing %q", tc.name, p.String(), tc.want[i])
			}
		}
	}
}

func TestParseTTL(t *testing.T) {
	cases := map[string]uint32{"300": 300, "1h": 3600, "2d": 172800, "1w2d": 777600, "90m": 5400, "1h30m": 5400, "15": 15}
	for in, want := range cases {
		if got, err := ParseTTL(in); err != nil || got != want {
			t.Errorf("ParseTTL(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "1x", "h", "99999999999", "-5"} {
		if _, err := ParseTTL(bad); err == nil {
			t.Errorf("ParseTTL(%q): want error", bad)
		}
	}
}

func TestCompareNames(t *testing.T) {
	in := []string{"b.example.com", "example.com", "a.example.com", "b.a.example.com", "*.example.com"}
	want := []string{"example.com", "*.example.com", "a.example.com", "b.a.example.com", "b.example.com"}
	rs := make([]*Record, len(in))
	for i, n := range in {
		rs[i] = &Record{Name: n, Type: "A"}
	}
	SortRecords(rs)
	for i, r := range rs {
		if r.Name != want[i] {
			t.Fatalf("order %d = %s, want %s", i, r.Name, want[i])
		}
	}
}

func TestAliasesOfTwoTypesAreTwoSets(t *testing.T) {
	mk := func(typ string) *Record {
		return &Record{Name: "@", Type: AliasType, TTL: 300, Data: "d111.cloudfront.net.", Pos: "x.js:1",
			Meta: map[string]string{"alias_type": typ, "zone_id": "Z2FDTNDATAQYW2"}}
	}
	d := &Domain{Name: "example.com", Records: []*Record{mk("A"), mk("AAAA")}}
	cfg := &Config{Domains: []*Domain{d}}
	ps := append(Normalize(cfg), Validate(cfg, nil)...)
	if len(ps) != 0 {
		t.Fatalf("A and AAAA aliases of one name rejected: %v", ps)
	}
	if k := d.Records[0].Key(); k.Type != "R53_ALIAS A" {
		t.Errorf("alias key type %q", k.Type)
	}
}

// normalizeOne normalises one record of zone and returns it, or the error.
func normalizeOne(t *testing.T, zone string, r *Record) (*Record, string) {
	t.Helper()
	d := &Domain{Name: zone, Records: []*Record{r}}
	ps := NormalizeDomain(d)
	if len(ps) > 0 {
		return nil, ps.Error()
	}
	return d.Records[0], ""
}

// Records in reverse zones get DNSControl's PTR names; elsewhere an
// address is a label like any other.
func TestNormalizeReverseNames(t *testing.T) {
	for _, tc := range []struct {
		zone, typ, label, want, err string
	}{
		{zone: "2.0.192.in-addr.arpa", typ: "PTR", label: "192.0.2.7", want: "7.2.0.192.in-addr.arpa"},
		{zone: "2.0.192.in-addr.arpa", typ: "PTR", label: "5.2.0.192.in-addr.arpa.", want: "5.2.0.192.in-addr.arpa"},
		{zone: "2.0.192.in-addr.arpa", typ: "PTR", label: "5.2.0.192.in-addr.arpa", want: "5.2.0.192.in-addr.arpa"},
		{zone: "8.b.d.0.1.0.0.2.ip6.arpa", typ: "PTR", label: "2001:db8::1",
			want: "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{zone: "2.0.192.in-addr.arpa", typ: "PTR", label: "198.51.100.7",
			err: "ERROR: x.js:1: 2.0.192.in-addr.arpa: PTR 198.51.100.7: 198.51.100.7 is not inside the zone 2.0.192.in-addr.arpa"},
		{zone: "example.com", typ: "PTR", label: "192.0.2.7", want: "192.0.2.7.example.com"},
		// RFC 2317: a classless zone and its delegation from the /24.
		{zone: "128/25.2.0.192.in-addr.arpa", typ: "PTR", label: "192.0.2.130", want: "130.128/25.2.0.192.in-addr.arpa"},
		{zone: "128/25.2.0.192.in-addr.arpa", typ: "PTR", label: "131", want: "131.128/25.2.0.192.in-addr.arpa"},
		{zone: "128/25.2.0.192.in-addr.arpa", typ: "PTR", label: "192.0.2.7",
			err: "ERROR: x.js:1: 128/25.2.0.192.in-addr.arpa: PTR 192.0.2.7: 192.0.2.7 is not inside the zone"},
		{zone: "2.0.192.in-addr.arpa", typ: "NS", label: "128/25", want: "128/25.2.0.192.in-addr.arpa"},
		{zone: "example.com", typ: "A", label: "a/b", err: "ERROR: x.js:1: example.com: A a/b: name \"a/b.example.com\" holds '/'"},
	} {
		got, err := normalizeOne(t, tc.zone, &Record{Name: tc.label, Type: tc.typ, TTL: 300, Data: "host.example.com.", Pos: "x.js:1"})
		switch {
		case tc.err != "":
			if !strings.HasPrefix(err, tc.err) {
				t.Errorf("%s in %s: error %q, want %q", tc.label, tc.zone, err, tc.err)
			}
		case err != "":
			t.Errorf("%s in %s: %s", tc.label, tc.zone, err)
		case got.Name != tc.want:
			t.Errorf("%s in %s = %s, want %s", tc.label, tc.zone, got.Name, tc.want)
		}
	}
}

// DNSControl's repeated-domain check, and DISABLE_REPEATED_DOMAIN_CHECK.
func TestRepeatedDomain(t *testing.T) {
	skip := map[string]string{SkipFQDNCheck: "true"}
	for _, tc := range []struct {
		zone, label string
		meta        map[string]string
		want, err   string
	}{
		{zone: "example.com", label: "foo.example.com",
			err: `ERROR: x.js:1: example.com: A foo.example.com: the name repeats the domain: it would make foo.example.com.example.com; write "foo" (or "foo.example.com.", with a trailing dot), or add DISABLE_REPEATED_DOMAIN_CHECK to the record to keep it`},
		{zone: "example.com", label: "Foo.Example.COM", err: `write "foo"`},
		{zone: "example.com", label: "example.com", err: `write "@"`},
		{zone: "xn--bcher-kva.example", label: "www.bücher.example", err: `write "www"`},
		{zone: "example.com", label: "foo.example.com", meta: skip, want: "foo.example.com.example.com"},
		{zone: "example.com", label: "foo.example.com.", want: "foo.example.com"},
		{zone: "example.com", label: "foo.example.community", want: "foo.example.community.example.com"},
		{zone: "example.com", label: "fooexample.com", want: "fooexample.com.example.com"},
	} {
		got, err := normalizeOne(t, tc.zone, &Record{Name: tc.label, Type: "A", TTL: 300, Data: "192.0.2.1", Meta: tc.meta, Pos: "x.js:1"})
		switch {
		case tc.err != "":
			if !strings.Contains(err, tc.err) {
				t.Errorf("%s in %s: error %q, want %q", tc.label, tc.zone, err, tc.err)
			}
		case err != "":
			t.Errorf("%s in %s: %s", tc.label, tc.zone, err)
		case got.Name != tc.want:
			t.Errorf("%s in %s = %s, want %s", tc.label, tc.zone, got.Name, tc.want)
		}
	}
}

// Record data that miekg/dns cannot pack is refused when the
// configuration is normalised, not when a provider is updated.
func TestWireLimits(t *testing.T) {
	for _, tc := range []struct {
		typ, data, err string
	}{
		{typ: "TXT", data: strings.Repeat("h", 70000), err: "70275 bytes of record data; a record holds at most 65535"},
		{typ: "TXT", data: strings.Repeat("h", 65280), err: "a record holds at most 65535"},
		{typ: "TXT", data: strings.Repeat("h", 65279)},
		{typ: "SPF", data: strings.Repeat("h", 70000), err: "at most 65535"},
		{typ: "DS", data: "1 13 2 ZZ", err: "cannot be encoded"},
		{typ: "DS", data: "1 13 2 " + strings.Repeat("AB", 66000), err: "the record data is 66004 bytes; a record holds at most 65535"},
		{typ: "SSHFP", data: "1 1 xyz", err: "cannot be encoded"},
		{typ: "TLSA", data: "3 1 1 abc", err: "cannot be encoded"},
		{typ: "CAA", data: "0 " + strings.Repeat("t", 256) + ` "ca.example"`, err: "cannot be encoded"},
		{typ: "NAPTR", data: `1 1 "` + strings.Repeat("u", 256) + `" "" "" .`, err: "cannot be encoded"},
		{typ: "CAA", data: `0 issue "` + strings.Repeat("v", 255) + `"`},
		{typ: "DS", data: "1 13 2 " + strings.Repeat("AB", 32)},
	} {
		_, err := normalizeOne(t, "example.com", &Record{Name: "x", Type: tc.typ, TTL: 300, Data: tc.data, Pos: "x.js:1"})
		if tc.err == "" {
			if err != "" {
				t.Errorf("%s of %d bytes: %s", tc.typ, len(tc.data), err)
			}
			continue
		}
		if !strings.Contains(err, tc.err) || !strings.HasPrefix(err, "ERROR: x.js:1: example.com: "+tc.typ+" x: ") {
			t.Errorf("%s of %d bytes: error %q, want %q", tc.typ, len(tc.data), err, tc.err)
		}
		if len(err) > 400 {
			t.Errorf("%s: the message is %d bytes long", tc.typ, len(err))
		}
	}
	// What is refused is what miekg/dns refuses to pack, and the reverse.
	for _, n := range []int{65279, 65280} {
		rr, err := dns.NewRR("x.example.com. 300 IN TXT " + TXTData(strings.Repeat("h", n)))
		if err != nil {
			t.Fatal(err)
		}
		_, perr := dns.PackRR(rr, make([]byte, 70000), 0, nil, false)
		if cerr := checkTXTSize(strings.Repeat("h", n)); (perr == nil) != (cerr == nil) {
			t.Errorf("TXT of %d bytes: miekg says %v, we say %v", n, perr, cerr)
		}
	}
}

// Unicode labels in IGNORE patterns match the punycode names records get.
func TestIgnorePatternsIDN(t *testing.T) {
	d := &Domain{Name: "example.com", Ignores: []Ignore{
		{Label: "straße", Pos: "x.js:1"},
		{Label: "*.Bücher", Types: "A", Pos: "x.js:2"},
		{Label: "{straße,bücher}.x", Pos: "x.js:3"},
		{Target: "*.bücher.example.", Pos: "x.js:4"},
		{Label: "plain*", Target: "**.example.net.", Pos: "x.js:5"},
		{Label: "straß*", Pos: "x.js:6"},
	}}
	ps := NormalizeDomain(d)
	want := []Ignore{
		{Label: "xn--strae-oqa", Pos: "x.js:1"},
		{Label: "*.xn--bcher-kva", Types: "A", Pos: "x.js:2"},
		{Label: "{xn--strae-oqa,xn--bcher-kva}.x", Pos: "x.js:3"},
		{Target: "*.xn--bcher-kva.example.", Pos: "x.js:4"},
		{Label: "plain*", Target: "**.example.net.", Pos: "x.js:5"},
		{Label: "straß*", Pos: "x.js:6"},
	}
	for i := range want {
		if d.Ignores[i] != want[i] {
			t.Errorf("ignore %d = %+v, want %+v", i, d.Ignores[i], want[i])
		}
	}
	if len(ps) != 1 || !ps[0].Warning || ps[0].Pos != "x.js:6" || !strings.Contains(ps[0].Msg, `"straß*"`) {
		t.Errorf("problems: %v", ps)
	}
}

// A DnsProvider() or registrar name nothing declares is an error at the
// DnsProvider() call (DNSControl: "never registered").
func TestUndeclaredProviders(t *testing.T) {
	cfg := &Config{
		Registrars:   []*ProviderDecl{{Name: "reg", Pos: "x.js:1"}},
		DNSProviders: []*ProviderDecl{{Name: "dns", Pos: "x.js:2"}},
		Domains: []*Domain{
			{Name: "example.com", Registrar: "reg", Pos: "x.js:3", DNSProviders: []DomainProvider{
				{Name: "dns", NSCount: -1, Pos: "x.js:3"},
				{Name: "undeclared", NSCount: -1, Pos: "x.js:4"},
			}},
			{Name: "example.org", Registrar: "nosuchreg", Pos: "x.js:5"},
			{Name: "example.net", Registrar: "reg", Pos: "x.js:6"},
		},
	}
	got := Validate(cfg, nil).Error()
	want := `ERROR: x.js:4: example.com: DnsProvider("undeclared"): no DNS provider of that name is declared; use the name NewDnsProvider("undeclared") returns` + "\n" +
		`ERROR: x.js:5: example.org: registrar "nosuchreg" is not declared; use the name NewRegistrar("nosuchreg") returns`
	if got != want {
		t.Errorf("problems:\n%s\nwant:\n%s", got, want)
	}
}

// A domain whose own name is invalid has its records dropped with the one
// error: nothing is said of records that could not be qualified.
func TestInvalidZoneDropsRecords(t *testing.T) {
	d := &Domain{Name: "x/y.com", Pos: "c.js:1", DNSProviders: []DomainProvider{{Name: "p"}},
		Records: []*Record{{Name: "@", Type: "A", TTL: 300, Data: "192.0.2.1", Pos: "c.js:2"}}}
	cfg := &Config{Domains: []*Domain{d}, DNSProviders: []*ProviderDecl{{Name: "p"}}}
	ps := append(Normalize(cfg), Validate(cfg, map[string]TypeSupport{"p": zoneFiles{}})...)
	if len(ps) != 1 || ps[0].Warning || !strings.Contains(ps[0].Msg, `holds '/'`) {
		t.Errorf("problems: %q", ps.Error())
	}
}
