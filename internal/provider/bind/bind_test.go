package bind

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
	"github.com/dnsctl/dnsctl/internal/provider/conformance"
	"github.com/dnsctl/dnsctl/internal/zonefile"
)

var day = time.Date(2026, 3, 14, 12, 0, 0, 0, time.UTC)

func newTest(t *testing.T) (*Provider, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "zones")
	p := New(dir, "")
	p.SetClock(func() time.Time { return day })
	return p, dir
}

func TestConformance(t *testing.T) {
	p, _ := newTest(t)
	conformance.Run(t, p, "example.com", conformance.Steps())
}

func rec(name, typ string, ttl uint32, data string) *model.Record {
	return &model.Record{Name: name, Type: typ, TTL: ttl, Data: data}
}

// canon canonicalises data as the configuration would.
func canon(t *testing.T, zone, name, typ string, ttl uint32, data string) *model.Record {
	t.Helper()
	fq, err := model.QualifyName(name, zone)
	if err != nil {
		t.Fatal(err)
	}
	if typ == "TXT" || typ == "SPF" {
		return rec(fq, typ, ttl, model.TXTData(data))
	}
	d, err := model.CanonicalData(typ, data, zone)
	if err != nil {
		t.Fatalf("%s %s: %v", typ, data, err)
	}
	return rec(fq, typ, ttl, d)
}

// A zone without an apex NS record does not load in BIND, and main_test.go
// loads every file the provider writes with named-checkzone: the zones the
// tests write, or write by hand to start from, get testNS as their name
// server. It lies outside every zone they write (example.com, example.net,
// …), so BIND wants no glue address for it.
const (
	testNS = "ns1.example.org."
	// apexNS is the apex NS line of zone text written by hand.
	apexNS = "@ 300 IN NS " + testNS + "\n"
)

// withNS returns recs after the apex NS record of zone (the one apexNS
// writes).
func withNS(zone string, recs ...*model.Record) []*model.Record {
	return append([]*model.Record{rec(zone, "NS", 300, testNS)}, recs...)
}

// createPlan is the plan that creates recs in an empty zone.
func createPlan(t *testing.T, zone string, recs []*model.Record) *diff.Plan {
	t.Helper()
	plan, err := diff.Compute(zone, nil, recs, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return plan
}

func TestRoundTripEveryType(t *testing.T) {
	const zone = "example.com"
	p, _ := newTest(t)
	ctx := context.Background()
	long := strings.Repeat("abcdefghij", 40)
	want := []*model.Record{
		canon(t, zone, "@", "A", 300, "192.0.2.1"),
		canon(t, zone, "@", "AAAA", 300, "2001:db8::1"),
		canon(t, zone, "@", "MX", 300, "10 mail"),
		canon(t, zone, "@", "MX", 300, "0 ."),
		canon(t, zone, "@", "NS", 3600, "ns1.example.net."),
		canon(t, zone, "@", "CAA", 300, `0 issue "letsencrypt.org"`),
		canon(t, zone, "@", "CAA", 300, `128 iodef "mailto:a@example.com"`),
		canon(t, zone, "@", "LOC", 300, "52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m"),
		canon(t, zone, "www", "CNAME", 300, "@"),
		canon(t, zone, "*", "A", 300, "192.0.2.9"),
		canon(t, zone, "*.sub", "CNAME", 300, "www"),
		canon(t, zone, "_sip._tcp", "SRV", 300, "10 60 5060 sip.example.net."),
		canon(t, zone, "4.3", "PTR", 300, "host.example.net."),
		canon(t, zone, "ssh", "SSHFP", 300, "1 2 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"),
		canon(t, zone, "_443._tcp", "TLSA", 300, "3 1 1 ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef0123456789"),
		canon(t, zone, "svc", "HTTPS", 300, `1 . alpn="h2,h3" ipv4hint=192.0.2.1`),
		canon(t, zone, "svcb", "SVCB", 300, "1 svc.example.net. port=8443"),
		canon(t, zone, "sub", "NS", 300, "ns1.example.net."),
		canon(t, zone, "sub", "DS", 300, "12345 13 2 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"),
		canon(t, zone, "naptr", "NAPTR", 300, `100 10 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .`),
		canon(t, zone, "spf", "SPF", 300, "v=spf1 -all"),
		canon(t, zone, "dname", "DNAME", 300, "example.net."),
		// The other types DNSControl's BIND provider serves.
		canon(t, zone, "@", "RP", 300, "hostmaster.example.com. contact"),
		canon(t, zone, "rp2", "RP", 300, "hostmaster ."),
		canon(t, zone, "dh", "DHCID", 300, "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA="),
		canon(t, zone, "@", "DNSKEY", 300, "257 3 13 AABBCCDD"),
		canon(t, zone, "k._openpgpkey", "OPENPGPKEY", 300, "mDMEAAAAARYJKwYBBAHaRw8BAQdAFHHsHVzE1rvYcCk="),
		canon(t, zone, "f10e._smimecert", "SMIMEA", 300, "3 0 0 30820353308202F8A003020102"),
		canon(t, zone, "xn--bcher-kva", "A", 300, "192.0.2.7"),
		canon(t, zone, "bücher2", "A", 300, "192.0.2.8"),
		canon(t, zone, "idn", "CNAME", 300, "bücher.example.net."),
		// TXT edge cases.
		canon(t, zone, "t1", "TXT", 300, `say "hi"`),
		canon(t, zone, "t2", "TXT", 300, `back\slash \\ two`),
		canon(t, zone, "t3", "TXT", 300, "semi;colon; v=DKIM1; p=abc"),
		canon(t, zone, "t4", "TXT", 300, long),
		canon(t, zone, "t5", "TXT", 300, "café ünïcode \x00\x01\x7f\xff bytes"),
		canon(t, zone, "t6", "TXT", 300, ""),
		canon(t, zone, "t7", "TXT", 300, "(parens) $dollar @at ; \ttab"),
		canon(t, zone, "t8", "TXT", 300, strings.Repeat("x", 255)),
		canon(t, zone, "t8", "TXT", 300, strings.Repeat("y", 256)),
		canon(t, zone, "t9", "TXT", 300, `"`),
	}
	if err := p.Apply(ctx, createPlan(t, zone, want)); err != nil {
		t.Fatal(err)
	}
	got, err := p.Records(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	var soa *model.Record
	var rest []*model.Record
	for _, r := range got {
		if r.Type == "SOA" {
			soa = r
		} else {
			rest = append(rest, r)
		}
	}
	if soa == nil || soa.Data != "ns1.example.net. hostmaster.example.com. 2026031400 3600 600 604800 1440" {
		t.Errorf("SOA = %v", soa)
	}
	model.SortRecords(want)
	model.SortRecords(rest)
	if len(rest) != len(want) {
		t.Fatalf("read %d records, wrote %d", len(rest), len(want))
	}
	for i := range want {
		w, g := want[i], rest[i]
		if w.Name != g.Name || w.Type != g.Type || w.TTL != g.TTL || w.Data != g.Data {
			t.Errorf("wrote %s\nread  %s", w, g)
		}
	}
	// Planning again finds nothing to do.
	again, err := diff.Compute(zone, got, want, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changes) != 0 {
		t.Errorf("zone does not converge: %+v", again.Changes)
	}
}

func TestFileLayout(t *testing.T) {
	const zone = "example.com"
	p, dir := newTest(t)
	recs := []*model.Record{
		rec("www.example.com", "A", 300, "192.0.2.1"),
		rec("example.com", "NS", 3600, "ns2.example.net."),
		rec("example.com", "NS", 3600, "ns1.example.net."),
		rec("example.com", "A", 300, "192.0.2.1"),
		rec("a.example.com", "TXT", 300, `"x"`),
	}
	if err := p.Apply(context.Background(), createPlan(t, zone, recs)); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "example.com.zone"))
	if err != nil {
		t.Fatal(err)
	}
	want := `; generated by dnsctl
$TTL 300
@   3600 IN SOA ns1.example.net. hostmaster.example.com. 2026031400 3600 600 604800 1440
@   3600 IN NS  ns1.example.net.
@   3600 IN NS  ns2.example.net.
@   300  IN A   192.0.2.1
a   300  IN TXT "x"
www 300  IN A   192.0.2.1
`
	if string(b) != want {
		t.Errorf("file:\n%s\nwant:\n%s", b, want)
	}
	// No temporary files are left behind (only the lock file).
	ents, _ := os.ReadDir(dir)
	if len(ents) != 2 || ents[0].Name() != LockName {
		t.Errorf("directory holds %v", ents)
	}
}

func TestSerial(t *testing.T) {
	cases := []struct {
		old, want uint32
	}{
		{0, 2026031400},
		{1, 2026031400},
		{2026031300, 2026031400},
		{2026031399, 2026031400},
		{2026031400, 2026031401},
		{2026031417, 2026031418},
		{2099000099, 2099000100},
	}
	for _, c := range cases {
		if got := NextSerial(c.old, day); got != c.want {
			t.Errorf("NextSerial(%d) = %d, want %d", c.old, got, c.want)
		}
	}
}

const handWritten = `$ORIGIN example.com.
$TTL 1h
; a hand-written zone
@	IN SOA	ns.example.com. admin.example.com. (
		2026031405 ; serial
		7200 900 1209600 300 )
	IN NS	ns.example.com.
	IN NS	ns.example.net.
ns	IN A	192.0.2.53
www	600 IN A	192.0.2.80
WWW	600 IN A	192.0.2.80 ; a duplicate, in capitals
mail	IN MX	10 mx.Example.NET.
`

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o640); err != nil {
		t.Fatal(err)
	}
}

func TestSOAKeptAndBumpedOnlyOnChange(t *testing.T) {
	const zone = "example.com"
	ctx := context.Background()
	p, dir := newTest(t)
	path := filepath.Join(dir, "example.com.zone")
	writeFile(t, path, handWritten)

	have, err := p.Records(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	if len(have) != 6 {
		t.Fatalf("read %d records: %v", len(have), have)
	}
	for _, r := range have {
		if r.Type == "MX" && r.Data != "10 mx.example.net." {
			t.Errorf("MX data %q", r.Data)
		}
	}

	// A plan with no changes leaves the file alone.
	if err := p.Apply(ctx, &diff.Plan{Zone: zone}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != handWritten {
		t.Fatal("an empty plan rewrote the file")
	}

	// A plan whose changes cancel out leaves it alone too.
	www := rec("www.example.com", "A", 600, "192.0.2.80")
	noop := &diff.Plan{Zone: zone, Changes: []diff.Change{{Kind: diff.Modify, Key: www.Key(), Old: []*model.Record{www}, New: []*model.Record{www}}}}
	if err := p.Apply(ctx, noop); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != handWritten {
		t.Fatal("a plan without effect rewrote the file")
	}

	// A real change keeps the SOA's fields and raises the serial by one
	// (it is already at today's date).
	want := append(slices.Clone(have), rec("new.example.com", "A", 300, "192.0.2.1"))
	plan, err := diff.Compute(zone, have, want, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(ctx, plan); err != nil {
		t.Fatal(err)
	}
	after, err := p.Records(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	if soa := findType(after, "SOA"); soa == nil || soa.Data != "ns.example.com. admin.example.com. 2026031406 7200 900 1209600 300" || soa.TTL != 3600 {
		t.Errorf("SOA after change: %v", soa)
	}
	if len(after) != 7 {
		t.Errorf("after: %v", after)
	}
	fi, err := os.Stat(path)
	if err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("file mode not kept: %v %v", fi.Mode(), err)
	}

	// A TTL change is a change.
	www300 := rec("www.example.com", "A", 300, "192.0.2.80")
	ttl := &diff.Plan{Zone: zone, Changes: []diff.Change{{Kind: diff.Modify, Key: www.Key(), Old: []*model.Record{www}, New: []*model.Record{www300}}}}
	if err := p.Apply(ctx, ttl); err != nil {
		t.Fatal(err)
	}
	after, _ = p.Records(ctx, zone)
	if soa := findType(after, "SOA"); soa == nil || !strings.Contains(soa.Data, " 2026031407 ") {
		t.Errorf("SOA after TTL change: %v", soa)
	}
	// Delete removes the set.
	del := &diff.Plan{Zone: zone, Changes: []diff.Change{{Kind: diff.Delete, Key: www.Key(), Old: []*model.Record{www300}}}}
	if err := p.Apply(ctx, del); err != nil {
		t.Fatal(err)
	}
	after, _ = p.Records(ctx, zone)
	for _, r := range after {
		if r.Name == "www.example.com" {
			t.Errorf("www not deleted: %v", r)
		}
	}
}

func findType(rs []*model.Record, typ string) *model.Record {
	for _, r := range rs {
		if r.Type == typ {
			return r
		}
	}
	return nil
}

func TestMissingZone(t *testing.T) {
	ctx := context.Background()
	p, dir := newTest(t)
	_, err := p.Records(ctx, "example.com")
	if !errors.Is(err, provider.ErrZoneNotFound) {
		t.Fatalf("Records of a missing zone: %v", err)
	}
	if !strings.HasPrefix(err.Error(), "bind: ") {
		t.Errorf("error %q lacks the bind: prefix", err)
	}
	zones, err := p.ListZones(ctx)
	if err != nil || len(zones) != 0 {
		t.Errorf("ListZones of a missing directory = %v, %v", zones, err)
	}
	// An empty plan does not create anything.
	if err := p.Apply(ctx, &diff.Plan{Zone: "example.com"}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("empty plan created %s", dir)
	}

	created, err := p.EnsureZone(ctx, "example.com")
	if err != nil || !created {
		t.Fatalf("EnsureZone = %v, %v", created, err)
	}
	recs, err := p.Records(ctx, "example.com")
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].Data != "ns1.example.com. hostmaster.example.com. 2026031400 3600 600 604800 1440" {
		t.Errorf("new zone holds %v", recs)
	}
	created, err = p.EnsureZone(ctx, "example.com")
	if err != nil || created {
		t.Errorf("EnsureZone again = %v, %v", created, err)
	}
	// The file appears only with its content: the plan of the new zone
	// (its apex NS, as create-domains writes it) writes it with the
	// default SOA, and then the zone exists.
	path := filepath.Join(dir, "example.com.zone")
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("EnsureZone wrote %s before any content: %v", path, err)
	}
	if err := p.Apply(ctx, createPlan(t, "example.com", withNS("example.com"))); err != nil {
		t.Fatal(err)
	}
	recs, err = p.Records(ctx, "example.com")
	if soa := findType(recs, "SOA"); err != nil || len(recs) != 2 || findType(recs, "NS") == nil ||
		soa == nil || soa.Data != testNS+" hostmaster.example.com. 2026031400 3600 600 604800 1440" {
		t.Errorf("after the new zone's plan: %v, %v", recs, err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Error(err)
	}
	if created, err := p.EnsureZone(ctx, "example.com"); err != nil || created {
		t.Errorf("EnsureZone of the written zone = %v, %v", created, err)
	}
}

func TestParseErrors(t *testing.T) {
	p, dir := newTest(t)
	path := filepath.Join(dir, "example.com.zone")
	writeFile(t, path, "$TTL 300\n@ IN A 192.0.2.1\n\nbad IN A 300.1.1.1\n")
	_, err := p.Records(context.Background(), "example.com")
	if err == nil {
		t.Fatal("want a parse error")
	}
	want := "bind: " + path + ":4: bad A record data near \"300.1.1.1\""
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("error %q, want prefix %q", err, want)
	}
	// miekg/dns gives no reason for a bad SVCB parameter; the error still
	// says what is wrong.
	writeFile(t, path, "$TTL 300\n@ IN A 192.0.2.1\nh IN HTTPS 1 . ech=IGNORE\n")
	_, err = p.Records(context.Background(), "example.com")
	want = "bind: " + path + ":3: the record data does not parse near \"ech=IGNORE\""
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %q", err, want)
	}
	// A zone that cannot be read is not overwritten.
	if err := p.Apply(context.Background(), createPlan(t, "example.com", []*model.Record{rec("example.com", "A", 300, "192.0.2.2")})); err == nil {
		t.Error("Apply over an unreadable file succeeded")
	}
	writeFile(t, path, "$INCLUDE /etc/passwd\n")
	if _, err := p.Records(context.Background(), "example.com"); err == nil || strings.Contains(err.Error(), "root") {
		t.Errorf("$INCLUDE: %v", err)
	}
}

// A zone file may not make more than MaxZoneRecords records ($GENERATE
// ranges and duplicates counted): reading stops at the line that passes
// the limit (here lowered to 10).
func TestZoneRecordLimit(t *testing.T) {
	defer func(old int) { maxZoneRecords = old }(maxZoneRecords)
	maxZoneRecords = 10
	lines := func(prefix string, n int, format string) string {
		var b strings.Builder
		b.WriteString(prefix)
		for i := range n {
			fmt.Fprintf(&b, format, i)
		}
		return b.String()
	}
	tooMany := "bind: z.zone:%d: more than 10 records in one zone file ($GENERATE counts every record it makes); stopped reading, the zone is not used"
	tests := []struct {
		name string
		text string
		recs int // records read, when no error
		line int // line of the error, 0 for none
	}{
		{name: "at the limit", text: lines("$TTL 300\n", 10, "h%d A 192.0.2.1\n"), recs: 10},
		{name: "one over", text: lines("$TTL 300\n", 11, "h%d A 192.0.2.1\n"), line: 12},
		{name: "one over without a final newline", text: strings.TrimSuffix(lines("$TTL 300\n\n", 11, "h%d A 192.0.2.1\n"), "\n"), line: 13},
		{name: "duplicates count", text: lines("", 11, "h A 192.0.2.1 ; %d\n"), line: 11},
		{name: "$GENERATE within the limit", text: "$TTL 300\n$GENERATE 1-8 h$ A 192.0.2.$\na A 192.0.2.1\nb A 192.0.2.1\n", recs: 10},
		{name: "$GENERATE over the limit", text: "$TTL 300\na A 192.0.2.1\n\n$GENERATE 0-65535 h$ A 192.0.2.1\nb A 192.0.2.1\n", line: 4},
		{name: "many $GENERATE lines stop at the first over", text: lines("$TTL 300\n", 200, "$GENERATE 0-65535 h$-%d A 192.0.2.1\n"), line: 2},
		{name: "$GENERATE then records over the limit", text: "$GENERATE 1-9 h$ A 192.0.2.1\na A 192.0.2.1\n; comment\nb A 192.0.2.1\n", line: 4},
		{name: "a record over several lines", text: lines("", 10, "h%d A 192.0.2.1\n") + "@ SOA ns1 host (\n 1 2 3\n 4 5 )\n", line: 13},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs, err := ReadZone(strings.NewReader(tt.text), "example.com", "z.zone")
			if tt.line == 0 {
				if err != nil || len(recs) != tt.recs {
					t.Fatalf("ReadZone = %d records, %v; want %d records", len(recs), err, tt.recs)
				}
				return
			}
			if want := fmt.Sprintf(tooMany, tt.line); err == nil || err.Error() != want {
				t.Fatalf("ReadZone error\n got: %v\nwant: %s", err, want)
			}
			if recs != nil {
				t.Errorf("ReadZone returned %d records with its error", len(recs))
			}
		})
	}
}

func TestApplyRejectsWhatFilesCannotHold(t *testing.T) {
	p, _ := newTest(t)
	alias := &model.Record{Name: "example.com", Type: model.AliasType, TTL: 300, Data: "x.example.net.", Meta: map[string]string{"alias_type": "A"}}
	if err := p.Apply(context.Background(), createPlan(t, "example.com", []*model.Record{alias})); err == nil {
		t.Error("R53_ALIAS accepted")
	}
	w := &model.Record{Name: "example.com", Type: "A", TTL: 300, Data: "192.0.2.1", SetID: "blue"}
	if err := p.Apply(context.Background(), createPlan(t, "example.com", []*model.Record{w})); err == nil {
		t.Error("set identifier accepted")
	}
	caps := p.Capabilities()
	if caps.Supports(model.AliasType) || caps.SupportsSetID() || !caps.Supports("DNAME") || !caps.Concurrent {
		t.Errorf("capabilities %+v", caps)
	}
}

func TestRegistered(t *testing.T) {
	info, err := provider.Lookup("BIND")
	if err != nil {
		t.Fatal(err)
	}
	if !info.DNS || info.Registrar || !info.Capabilities.Supports("SOA") {
		t.Errorf("info %+v", info)
	}
	dir := t.TempDir()
	impl, err := info.New(context.Background(), provider.Entry{Name: "inside", Type: "BIND",
		Fields: map[string]string{"directory": dir, "filenameformat": "db_%T%?_%D"}})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := impl.(*Provider).Path("example.com"); got != filepath.Join(dir, "db_example.com") {
		t.Errorf("path %q", got)
	}
	if _, err := info.New(context.Background(), provider.Entry{Name: "bad", Type: "BIND",
		Fields: map[string]string{"filenameformat": "%Q.zone"}}); err == nil || !strings.Contains(err.Error(), "bind: ") {
		t.Errorf("bad format: %v", err)
	}
	def, err := info.New(context.Background(), provider.Entry{Name: "bind", Type: "BIND"})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := def.(*Provider).Path("example.com"); got != filepath.Join("zones", "example.com.zone") {
		t.Errorf("default path %q", got)
	}
}

func TestFilenameFormats(t *testing.T) {
	// The examples of DNSControl's documentation, with zones as dnsctl
	// hands them to providers (canonical, punycode).
	cases := []struct {
		format string
		want   [3]string // example.com, example.com!myTag, xn--p1ai.com!myTag
	}{
		{"%T", [3]string{"", "myTag", "myTag"}},
		{"%c", [3]string{"example.com", "example.com!myTag", "xn--p1ai.com!myTag"}},
		{"%a", [3]string{"example.com", "example.com", "xn--p1ai.com"}},
		{"%u", [3]string{"example.com", "example.com", "рф.com"}},
		{"%f", [3]string{"example.com", "example.com_myTag", "xn--p1ai.com_myTag"}},
		{"%F", [3]string{"example.com", "myTag_example.com", "myTag_xn--p1ai.com"}},
		{"%?x", [3]string{"", "x", "x"}},
		{"%%", [3]string{"%", "%", "%"}},
		{"a-Z./", [3]string{"a-Z./", "a-Z./", "a-Z./"}},
		{"%U", [3]string{"example.com", "example.com!myTag", "xn--p1ai.com!myTag"}},
		{"%D", [3]string{"example.com", "example.com", "xn--p1ai.com"}},
		{"%c.zone", [3]string{"example.com.zone", "example.com!myTag.zone", "xn--p1ai.com!myTag.zone"}},
		{"db_%f", [3]string{"db_example.com", "db_example.com_myTag", "db_xn--p1ai.com_myTag"}},
		{"db_%a%?_%T", [3]string{"db_example.com", "db_example.com_myTag", "db_xn--p1ai.com_myTag"}},
	}
	zones := [3]string{"example.com", "example.com!myTag", "xn--p1ai.com!myTag"}
	for _, c := range cases {
		nf, err := compileFormat(c.format)
		if err != nil {
			t.Errorf("compileFormat(%q): %v", c.format, err)
			continue
		}
		for i, z := range zones {
			if got := nf.render(z, false); got != c.want[i] {
				t.Errorf("%q of %s = %q, want %q", c.format, z, got, c.want[i])
			}
		}
	}
	if nf, _ := compileFormat("%U.zone"); nf.render("xn--p1ai.com!myTag", true) != "рф.com!myTag.zone" {
		t.Errorf("%%U in Unicode = %q", nf.render("xn--p1ai.com!myTag", true))
	}
	// An RFC 2317 classless reverse zone is one file, not a directory.
	for _, f := range []string{"%U.zone", "%c.zone", "%a.zone", "%f.zone"} {
		nf, _ := compileFormat(f)
		if got := nf.render("128/25.2.0.192.in-addr.arpa", false); got != "128_25.2.0.192.in-addr.arpa.zone" {
			t.Errorf("%q of 128/25.2.0.192.in-addr.arpa = %q", f, got)
		}
	}
	for _, bad := range []string{"", "x%", "x%?", "%Z.zone", "static.zone"} {
		if _, err := parseFormat(bad); err == nil {
			t.Errorf("parseFormat(%q) accepted", bad)
		}
	}
}

func TestListZones(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		format string
		files  []string
		want   []string
	}{
		{"", []string{"example.com.zone", "b.example.org.zone", "example.com!inside.zone", "README", ".example.net.zone.tmp1", "xn--p1ai.com.zone", "рф.net.zone"},
			[]string{"b.example.org", "example.com", "example.com!inside", "xn--p1ai.com", "xn--p1ai.net"}},
		// Classless reverse zones (RFC 2317); "_" stays in other names.
		{"", []string{"128_25.2.0.192.in-addr.arpa.zone", "2.0.192.in-addr.arpa.zone", "a_b.example.zone"},
			[]string{"128/25.2.0.192.in-addr.arpa", "2.0.192.in-addr.arpa", "a_b.example"}},
		{"db_%f", []string{"db_example.com", "db_example.com_inside", "db_example.net", "other"}, []string{"example.com", "example.com!inside", "example.net"}},
		{"db_%f", []string{"db_128_25.2.0.192.in-addr.arpa", "db_128_25.2.0.192.in-addr.arpa_inside"}, []string{"128/25.2.0.192.in-addr.arpa", "128/25.2.0.192.in-addr.arpa!inside"}},
		{"%F.zone", []string{"128_25.2.0.192.in-addr.arpa.zone", "x_2.0.192.in-addr.arpa.zone"}, []string{"128/25.2.0.192.in-addr.arpa", "2.0.192.in-addr.arpa!x"}},
		{"%c.zone", []string{"128_25.2.0.192.in-addr.arpa!v.zone"}, []string{"128/25.2.0.192.in-addr.arpa!v"}},
		{"%T%?/%a.db", []string{"example.com.db", "inside/example.org.db", "example.net.db"}, []string{"example.com", "example.net", "example.org!inside"}},
		{"zones/%c/db", []string{"zones/example.com/db", "zones/example.com!x/db", "zones/b.example/db", "example.net"}, []string{"b.example", "example.com", "example.com!x"}},
	}
	for _, c := range cases {
		dir := t.TempDir()
		for _, f := range c.files {
			writeFile(t, filepath.Join(dir, filepath.FromSlash(f)), "")
		}
		p := New(dir, c.format)
		got, err := p.ListZones(ctx)
		if err != nil {
			t.Errorf("%q: %v", c.format, err)
			continue
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: ListZones = %v, want %v", c.format, got, c.want)
		}
	}
}

func TestUnicodeFileName(t *testing.T) {
	// DNSControl before v4.28 wrote Unicode zones under their Unicode name
	// (%U.zone); such files are still found and kept.
	ctx := context.Background()
	p, dir := newTest(t)
	path := filepath.Join(dir, "рф.com.zone")
	writeFile(t, path, "@ 300 IN A 192.0.2.1\n@ 300 IN NS ns1.example.net.\n")
	recs, err := p.Records(ctx, "xn--p1ai.com")
	if err != nil || len(recs) != 2 || recs[0].Name != "xn--p1ai.com" {
		t.Fatalf("Records = %v, %v", recs, err)
	}
	if err := p.Apply(ctx, createPlan(t, "xn--p1ai.com", []*model.Record{rec("www.xn--p1ai.com", "A", 300, "192.0.2.2")})); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "xn--p1ai.com.zone")); err == nil {
		t.Error("a second, punycode-named file was created")
	}
	recs, _ = p.Records(ctx, "xn--p1ai.com")
	if len(recs) != 4 {
		t.Errorf("records after apply: %v", recs)
	}
	// New zones get the punycode name.
	if _, err := p.EnsureZone(ctx, "xn--bcher-kva.example"); err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(ctx, createPlan(t, "xn--bcher-kva.example", withNS("xn--bcher-kva.example"))); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "xn--bcher-kva.example.zone")); err != nil {
		t.Error(err)
	}
}

func TestConcurrentZones(t *testing.T) {
	p, _ := newTest(t)
	ctx := context.Background()
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		go func(i int) {
			zone := "z" + string(rune('a'+i)) + ".example"
			errs <- p.Apply(ctx, createPlan(t, zone, []*model.Record{rec(zone, "NS", 300, "ns1.example.net."), rec("www."+zone, "A", 300, "192.0.2.1")}))
		}(i)
	}
	for i := 0; i < 20; i++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
	zones, err := p.ListZones(ctx)
	if err != nil || len(zones) != 20 {
		t.Errorf("ListZones = %d zones, %v", len(zones), err)
	}
}

func TestWriterIsShared(t *testing.T) {
	// The provider writes exactly what zonefile.WriteZone renders.
	p, dir := newTest(t)
	recs := []*model.Record{rec("example.com", "NS", 300, "ns1.example.net."), rec("example.com", "A", 300, "192.0.2.1")}
	if err := p.Apply(context.Background(), createPlan(t, "example.com", recs)); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(filepath.Join(dir, "example.com.zone"))
	all, _ := p.Records(context.Background(), "example.com")
	var b strings.Builder
	if err := zonefile.WriteZone(&b, "example.com", all, 0); err != nil {
		t.Fatal(err)
	}
	if string(got) != b.String() {
		t.Errorf("file:\n%s\nWriteZone:\n%s", got, b.String())
	}
}

// A MODIFY keeps the records it does not change once in the file: a value
// added to a set, and a TTL change, never write a line twice.
func TestModifyWritesEachRecordOnce(t *testing.T) {
	ctx := context.Background()
	p, dir := newTest(t)
	zone := "example.com"
	ns := rec("example.com", "NS", 300, "ns1.example.net.")
	old := []*model.Record{ns, rec("www.example.com", "A", 300, "192.0.2.1"), rec("www.example.com", "A", 300, "192.0.2.2"), rec("x.example.com", "A", 300, "192.0.2.7")}
	if err := p.Apply(ctx, createPlan(t, zone, old)); err != nil {
		t.Fatal(err)
	}
	existing, err := p.Records(ctx, zone)
	if err != nil {
		t.Fatal(err)
	}
	desired := []*model.Record{ns, rec("www.example.com", "A", 300, "192.0.2.1"), rec("www.example.com", "A", 300, "192.0.2.3"), rec("x.example.com", "A", 900, "192.0.2.7")}
	plan, err := diff.Compute(zone, existing, desired, diff.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := p.Apply(ctx, plan); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "example.com.zone"))
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{"192.0.2.1", "192.0.2.3", "192.0.2.7"} {
		if n := strings.Count(string(b), v); n != 1 {
			t.Errorf("%s is written %d times:\n%s", v, n, b)
		}
	}
	if strings.Contains(string(b), "192.0.2.2") {
		t.Errorf("the removed value is still there:\n%s", b)
	}
}
