package route53

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

func allTypes(t *testing.T, zone string) []*model.Record {
	long := strings.Repeat("0123456789", 40) // 400 bytes: two strings
	return []*model.Record{
		rec(t, zone, "@", "A", 300, "192.0.2.1"),
		rec(t, zone, "@", "A", 300, "192.0.2.2"),
		rec(t, zone, "@", "AAAA", 300, "2001:db8::1"),
		rec(t, zone, "@", "CAA", 300, `0 issue "letsencrypt.org"`),
		rec(t, zone, "@", "CAA", 300, `128 iodef "mailto:security@example.com"`),
		rec(t, zone, "@", "MX", 300, "10 mx1.example.net."),
		rec(t, zone, "@", "MX", 300, "20 mx2"),
		rec(t, zone, "@", "TXT", 300, "v=spf1 include:_spf.example.net ~all"),
		rec(t, zone, "@", "TXT", 300, `quote " and backslash \ and semicolon ; end`),
		rec(t, zone, "@", "TXT", 300, long),
		rec(t, zone, "@", "TXT", 300, "caf\xc3\xa9 \x01 bytes"),
		rec(t, zone, "@", "TXT", 300, ""),
		rec(t, zone, "@", "SPF", 300, "v=spf1 -all"),
		rec(t, zone, "www", "CNAME", 3600, "web.example.net."),
		rec(t, zone, "alias-like", "CNAME", 60, "www"),
		rec(t, zone, "sub", "NS", 86400, "ns1.example.net."),
		rec(t, zone, "sub", "NS", 86400, "ns2.example.net."),
		rec(t, zone, "sub", "DS", 86400, "12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE7F3A4A2B1B6D2C8D6E3B1A2C"),
		rec(t, zone, "1.2", "PTR", 300, "host.example.net."),
		rec(t, zone, "_sip._tcp", "SRV", 300, "10 60 5060 sip.example.net."),
		rec(t, zone, "naptr", "NAPTR", 300, `100 10 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .`),
		rec(t, zone, "ssh", "SSHFP", 300, "4 2 123456789ABCDEF67890123456789ABCDEF67890123456789ABCDEF123456789A"),
		rec(t, zone, "_443._tcp", "TLSA", 300, "3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
		rec(t, zone, "svc", "SVCB", 300, `1 svc.example.net. alpn="h2,h3" port=8443`),
		rec(t, zone, "@", "HTTPS", 300, `1 . alpn="h2"`),
		rec(t, zone, "*", "A", 300, "192.0.2.99"),
		rec(t, zone, "*.wild", "TXT", 300, "wildcard"),
		rec(t, zone, "bücher", "A", 300, "192.0.2.7"),
	}
}

func TestRecordsRoundTripEveryType(t *testing.T) {
	e := newEnv(t)
	zone := "example.com"
	created, err := e.p.EnsureZone(ctx(t), zone)
	if err != nil || !created {
		t.Fatalf("EnsureZone = %v, %v; want created", created, err)
	}
	desired := allTypes(t, zone)
	plan := e.push(e.p, zone, desired)
	if len(plan.Changes) == 0 {
		t.Fatal("nothing to push")
	}
	if got := e.proxy.Calls("ChangeResourceRecordSets"); got != 1 {
		t.Errorf("ChangeResourceRecordSets calls = %d, want 1", got)
	}
	// A fresh provider reads the same (no cached state involved).
	e.assertConverged(e.provider(), zone, desired)

	recs, err := e.provider().Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]bool{}
	for _, r := range recs {
		byName[r.Name+" "+r.Type] = true
	}
	for _, want := range []string{"*.example.com A", "*.wild.example.com TXT", "xn--bcher-kva.example.com A", "example.com SOA", "example.com NS"} {
		if !byName[want] {
			t.Errorf("Records lacks %s", want)
		}
	}
	// MX "20 mx2" is relative to the zone in the configuration and written
	// fully qualified.
	for _, r := range recs {
		if r.Type == "MX" && strings.Contains(r.Data, "mx2") && r.Data != "20 mx2.example.com." {
			t.Errorf("MX data %q", r.Data)
		}
	}
}

// Route 53 stores TXT values as sent and returns octal escapes for bytes
// outside printable ASCII; a value written by another tool must read as
// the same raw text.
func TestTXTFormatsFromOtherTools(t *testing.T) {
	e := newEnv(t)
	zone := "txt.example"
	id := e.createZone(zone)
	e.rawCreate(id,
		rawSet("a.txt.example.", "TXT", 300, `"caf\303\251"`),                // octal UTF-8, as Route 53 documents
		rawSet("b.txt.example.", "TXT", 300, `"split" "in" "three"`),         // several strings
		rawSet("c.txt.example.", "TXT", 300, `"say \"hi\" \\ bye"`),          // escapes
		rawSet("d.txt.example.", "TXT", 300, `unquoted`),                     // no quotes
		rawSet("e.txt.example.", "TXT", 300, `"v=DKIM1; k=rsa; p=MIGf"`),     // semicolons
		rawSet("f.txt.example", "TXT", 300, `"no dot on the owner"`),         // owner without the final dot
		rawSet("\\052.txt.example.", "TXT", 300, `"wildcard, escaped name"`), // as ListResourceRecordSets returns it
	)
	desired := []*model.Record{
		rec(t, zone, "a", "TXT", 300, "café"),
		rec(t, zone, "b", "TXT", 300, "splitinthree"),
		rec(t, zone, "c", "TXT", 300, `say "hi" \ bye`),
		rec(t, zone, "d", "TXT", 300, "unquoted"),
		rec(t, zone, "e", "TXT", 300, "v=DKIM1; k=rsa; p=MIGf"),
		rec(t, zone, "f", "TXT", 300, "no dot on the owner"),
		rec(t, zone, "*", "TXT", 300, "wildcard, escaped name"),
	}
	e.assertConverged(e.p, zone, desired)

	// Changing them all works in one push, deleting the exact stored text.
	for _, r := range desired {
		raw, _ := model.TXTValue(r.Data)
		r.Data = model.TXTData(raw + " v2")
	}
	e.proxy.ResetCounts()
	e.push(e.p, zone, desired)
	if got := e.proxy.Calls("ChangeResourceRecordSets"); got != 1 {
		t.Errorf("ChangeResourceRecordSets calls = %d, want 1", got)
	}
	e.assertConverged(e.provider(), zone, desired)
}

func TestParseAndQuoteTXT(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{`"a b"`, []string{"a b"}},
		{`"a" "b"`, []string{"a", "b"}},
		{`"\101\102"`, []string{"AB"}}, // octal 101 = 'A'
		{`"x\"y"`, []string{`x"y`}},
		{`"x\\y"`, []string{`x\y`}},
		{`""`, []string{""}},
		{`plain`, []string{"plain"}},
	} {
		got, err := parseTXT(tc.in)
		if err != nil || fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("parseTXT(%s) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, err := parseTXT(`"open`); err == nil {
		t.Error("unterminated quote accepted")
	}
	if got := quoteTXT("a\"b\\c\x01é"); got != `"a\"b\\c\001\303\251"` {
		t.Errorf("quoteTXT = %s", got)
	}
	if got := decodeName(`130.128\05725.2.0.192.in-addr.arpa.`); got != "130.128/25.2.0.192.in-addr.arpa." {
		t.Errorf("decodeName of an RFC 2317 name = %q", got)
	}
	if got := decodeName(`\052.example.com.`); got != "*.example.com." {
		t.Errorf("decodeName = %q", got)
	}
	if got := decodeName(`a\100b\056c.example.com.`); got != `a@b\056c.example.com.` {
		t.Errorf("decodeName keeps escaped dots: %q", got)
	}
}

// Over 1,000 record sets: ListResourceRecordSets pages of 300 are all
// followed.
func TestRecordsPaging(t *testing.T) {
	e := newEnv(t)
	zone := "paging.example"
	if _, err := e.p.EnsureZone(ctx(t), zone); err != nil {
		t.Fatal(err)
	}
	var desired []*model.Record
	for i := 0; i < 1050; i++ {
		desired = append(desired, rec(t, zone, fmt.Sprintf("h%04d", i), "A", 300, fmt.Sprintf("10.0.%d.%d", i/256, i%256)))
	}
	e.push(e.p, zone, desired)
	e.proxy.ResetCounts()
	recs, err := e.provider().Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	hosts := 0
	for _, r := range recs {
		if r.Type == "A" {
			hosts++
		}
	}
	if hosts != 1050 {
		t.Fatalf("Records returned %d A records, want 1050", hosts)
	}
	if got := e.proxy.Calls("ListResourceRecordSets"); got != 4 {
		t.Errorf("ListResourceRecordSets calls = %d, want 4 (1,052 sets in pages of 300)", got)
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if seen[r.Name+r.Type+r.Data] {
			t.Fatalf("record %s %s %s listed twice", r.Name, r.Type, r.Data)
		}
		seen[r.Name+r.Type+r.Data] = true
	}
}

func TestZoneNotFound(t *testing.T) {
	e := newEnv(t)
	_, err := e.p.Records(ctx(t), "missing.example")
	if !errors.Is(err, provider.ErrZoneNotFound) {
		t.Fatalf("err = %v, want ErrZoneNotFound", err)
	}
	for _, want := range []string{"route53: ", "missing.example", "dnsctl create-domains", "dnsctl push"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if strings.Count(err.Error(), "route53:") != 1 {
		t.Errorf("prefix not exactly once: %q", err)
	}
	ns, err := e.p.Nameservers(ctx(t), "missing.example")
	if err != nil || !slices.Equal(ns, e.p.newZoneStandIns()) || ns[0] != "ns-1.r53-test.assigned-by-route53.invalid." {
		t.Errorf("Nameservers of a missing zone without DelegationSet = %v, %v; want the stand-ins", ns, err)
	}
}

func TestEnsureZoneAndNameserversAndListZones(t *testing.T) {
	e := newEnv(t)
	for _, z := range []string{"b.example", "a.example", "c.example"} {
		created, err := e.p.EnsureZone(ctx(t), z+".")
		if err != nil || !created {
			t.Fatalf("EnsureZone(%s) = %v, %v", z, created, err)
		}
	}
	created, err := e.p.EnsureZone(ctx(t), "a.example")
	if err != nil || created {
		t.Fatalf("EnsureZone of an existing zone = %v, %v; want false, nil", created, err)
	}
	// A fresh provider sees the zones (not only the one that created them).
	p := e.provider()
	zones, err := p.ListZones(ctx(t))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(zones) != "[a.example b.example c.example]" {
		t.Errorf("ListZones = %v", zones)
	}
	ns, err := p.Nameservers(ctx(t), "a.example")
	if err != nil || len(ns) == 0 {
		t.Fatalf("Nameservers = %v, %v", ns, err)
	}
	for _, n := range ns {
		if !strings.HasSuffix(n, ".") || n != strings.ToLower(n) {
			t.Errorf("name server %q is not a lower-case FQDN with a dot", n)
		}
	}
	out, err := e.sdk.GetHostedZone(ctx(t), &route53.GetHostedZoneInput{Id: aws.String(mustZoneID(t, p, "a.example"))})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.DelegationSet.NameServers) != len(ns) {
		t.Errorf("Nameservers %v do not match the zone's delegation set %v", ns, out.DelegationSet.NameServers)
	}
}

// A run over most of a large account lists it once instead of looking
// zones up one by one; a run over a few of its zones never lists it.
func TestZoneLookupChoosesCheaperWay(t *testing.T) {
	e := newEnv(t)
	var all []string
	for i := 0; i < 230; i++ {
		z := fmt.Sprintf("z%03d.example", i)
		e.createZone(z)
		all = append(all, z)
	}

	p := e.provider()
	p.WillUse(all)
	e.proxy.ResetCounts()
	for _, z := range all {
		if _, err := p.zoneID(ctx(t), z); err != nil {
			t.Fatalf("%s: %v", z, err)
		}
	}
	// ceil(230/100) pages and nothing else: no count of the zones first.
	if l, c, b := e.proxy.Calls("ListHostedZones"), e.proxy.Calls("GetHostedZoneCount"), e.proxy.Calls("ListHostedZonesByName"); l != 3 || c != 0 || b != 0 {
		t.Errorf("230 of 230 zones: ListHostedZones=%d GetHostedZoneCount=%d ByName=%d; want 3, 0, 0", l, c, b)
	}

	// 4 zones beyond the first page: the listing reads on while that can
	// pay (page 2 finds two), then looks the last two up: 4 calls, where
	// 4 lookups alone would cost 5 and the whole listing 3.
	late := []string{"z120.example", "z150.example", "z210.example", "z229.example"}
	p = e.provider()
	p.WillUse(late)
	e.proxy.ResetCounts()
	for _, z := range late {
		if _, err := p.zoneID(ctx(t), z); err != nil {
			t.Fatalf("%s: %v", z, err)
		}
	}
	if l, b := e.proxy.Calls("ListHostedZones"), e.proxy.Calls("ListHostedZonesByName"); l != 2 || b != 2 {
		t.Errorf("4 of 230 zones: ListHostedZones=%d ByName=%d; want 2, 2", l, b)
	}

	p = e.provider()
	p.WillUse([]string{"z150.example", "z200.example"})
	e.proxy.ResetCounts()
	for _, z := range []string{"z150.example", "z200.example"} {
		if _, err := p.zoneID(ctx(t), z); err != nil {
			t.Fatalf("%s: %v", z, err)
		}
	}
	if l, b := e.proxy.Calls("ListHostedZones"), e.proxy.Calls("ListHostedZonesByName"); l != 1 || b != 2 {
		t.Errorf("2 of 230 zones: ListHostedZones=%d ByName=%d; want 1, 2", l, b)
	}
}

func mustZoneID(t *testing.T, p *Provider, zone string) string {
	t.Helper()
	id, err := p.zoneID(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// With more than 100 zones the first listing page is not complete: zones
// on it are found there, the others one by one.
func TestZoneLookupInLargeAccount(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 105; i++ {
		e.createZone(fmt.Sprintf("z%03d.example", i))
	}
	p := e.provider()
	e.proxy.ResetCounts()
	for _, z := range []string{"z000.example", "z104.example", "z050.example"} {
		if _, err := p.Records(ctx(t), z); err != nil {
			t.Fatalf("Records(%s): %v", z, err)
		}
	}
	if got := e.proxy.Calls("ListHostedZones"); got != 1 {
		t.Errorf("ListHostedZones calls = %d, want 1", got)
	}
	if got := e.proxy.Calls("ListHostedZonesByName"); got != 1 {
		t.Errorf("ListHostedZonesByName calls = %d, want 1 (only z104 is beyond the first page)", got)
	}
	if _, err := p.Records(ctx(t), "z104.example"); err != nil {
		t.Fatal(err)
	}
	if got := e.proxy.Calls("ListHostedZonesByName"); got != 1 {
		t.Errorf("zone IDs not cached: ListHostedZonesByName calls = %d", got)
	}
	zones, err := p.ListZones(ctx(t))
	if err != nil || len(zones) != 105 {
		t.Fatalf("ListZones = %d zones, %v", len(zones), err)
	}
}

// In a small account one listing answers every lookup.
func TestZoneLookupSmallAccountOneCall(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 5; i++ {
		e.createZone(fmt.Sprintf("s%d.example", i))
	}
	p := e.provider()
	e.proxy.ResetCounts()
	for i := 0; i < 5; i++ {
		if _, err := p.Records(ctx(t), fmt.Sprintf("s%d.example", i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.Records(ctx(t), "absent.example"); !errors.Is(err, provider.ErrZoneNotFound) {
		t.Fatalf("absent zone: %v", err)
	}
	if got := e.proxy.Calls("ListHostedZones") + e.proxy.Calls("ListHostedZonesByName"); got != 1 {
		t.Errorf("zone lookups cost %d calls, want 1", got)
	}
}

// Planning a zone this run has just created needs no listing, and what the
// provider assumes is what Route 53 (here moto) really holds.
func TestNewZoneNeedsNoListing(t *testing.T) {
	e := newEnv(t)
	zone := "fresh.example"
	if created, err := e.p.EnsureZone(ctx(t), zone); err != nil || !created {
		t.Fatalf("EnsureZone = %v, %v", created, err)
	}
	e.proxy.ResetCounts()
	assumed, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	if n := e.proxy.Calls("ListResourceRecordSets"); n != 0 {
		t.Errorf("first read of a new zone listed it %d times", n)
	}
	listed, err := e.p.Records(ctx(t), zone)
	if err != nil {
		t.Fatal(err)
	}
	if n := e.proxy.Calls("ListResourceRecordSets"); n != 1 {
		t.Errorf("second read: %d listings, want 1", n)
	}
	var real []*model.Record
	for _, r := range listed {
		if r.Type != "SOA" {
			real = append(real, r)
		}
	}
	if len(assumed) != len(real) {
		t.Fatalf("assumed %v, zone holds %v", assumed, real)
	}
	for i := range real {
		if assumed[i].Key() != real[i].Key() || assumed[i].Data != real[i].Data || assumed[i].TTL != real[i].TTL {
			t.Errorf("assumed %v, zone holds %v", assumed[i], real[i])
		}
	}
}
