package zonefile

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/dop251/goja"
	"github.com/miekg/dns"

	"github.com/dnsctl/dnsctl/internal/model"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

const zone = "example.com"

// everyZone holds one or more records of every type dnsctl knows, in
// zone-file syntax, with a few awkward cases.
var everyZone = `
@ 3600 IN SOA ns1.example.com. hostmaster.example.com. 2024010100 3600 600 604800 1440
@ 3600 IN NS ns1.example.com.
@ 3600 IN NS ns2.example.net.
@ 300 IN A 192.0.2.1
@ 300 IN AAAA 2001:db8::1
@ 300 IN MX 10 mail.example.com.
@ 300 IN MX 5 mail2.example.net.
@ 300 IN TXT "v=spf1 include:_spf.example.com -all"
@ 300 IN CAA 0 issue "letsencrypt.org"
@ 300 IN CAA 128 iodef "mailto:sec@example.com"
www 300 IN A 192.0.2.10
www 300 IN A 192.0.2.9
* 300 IN A 192.0.2.99
alias 600 IN CNAME www.example.com.
_sip._tcp 300 IN SRV 10 60 5060 sip.example.net.
1.2 300 IN PTR host.example.net.
ssh 300 IN SSHFP 1 2 ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789
_443._tcp 300 IN TLSA 3 1 1 abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789
svc 300 IN HTTPS 1 . alpn="h2,h3"
svcb 300 IN SVCB 1 svc.example.net. port=8443
sub 300 IN NS ns1.example.net.
sub 300 IN DS 12345 13 2 ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789
naptr 300 IN NAPTR 100 10 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .
loc 300 IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m
spf 300 IN SPF "v=spf1 -all"
dname 300 IN DNAME example.net.
@ 300 IN RP hostmaster.example.com. txt.example.com.
@ 300 IN DNSKEY 257 3 13 AABBCCDD
dh 300 IN DHCID AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=
k._openpgpkey 300 IN OPENPGPKEY mDMEAAAAARYJ
f10e7de0._smimecert 300 IN SMIMEA 3 0 0 30820353308202f8a003020102
smimea-elsewhere 300 IN SMIMEA 3 1 1 abcdef
q 300 IN TXT "say \"hi\" \\ back; semi"
long 300 IN TXT "` + strings.Repeat("0123456789", 30) + `"
u 300 IN TXT "caf\195\169 <&>"
bin 300 IN TXT "\200\201"
xn--bcher-kva 300 IN A 192.0.2.7
hinfo 300 IN HINFO "x86" "linux"
`

// everyRecords returns everyZone's records plus Route 53 aliases and
// routing policies, which only the js, djs and tsv formats can express.
func everyRecords(t *testing.T) []*model.Record {
	t.Helper()
	recs := parse(t, everyZone)
	recs = append(recs,
		&model.Record{Name: zone, Type: model.AliasType, TTL: 300, Data: "d111.cloudfront.net.",
			Meta: map[string]string{"alias_type": "A", "zone_id": "Z2FDTNDATAQYW2", "evaluate_target_health": "false"}},
		&model.Record{Name: "api." + zone, Type: model.AliasType, TTL: 300, Data: "lb.example.net.",
			Meta: map[string]string{"alias_type": "AAAA", "zone_id": "Z3AADJGX6KTTL2", "evaluate_target_health": "true", "route53_dnsname": "LB.example.net."}},
		&model.Record{Name: "w." + zone, Type: "A", TTL: 300, Data: "192.0.2.20", SetID: "blue",
			Meta: map[string]string{"weight": "70", "health_check_id": "abc-123"}},
		&model.Record{Name: "w." + zone, Type: "A", TTL: 300, Data: "192.0.2.21", SetID: "green",
			Meta: map[string]string{"weight": "30"}},
		&model.Record{Name: "f." + zone, Type: "A", TTL: 60, Data: "192.0.2.30", SetID: "primary",
			Meta: map[string]string{"failover": "PRIMARY"}},
		&model.Record{Name: "lat." + zone, Type: "CNAME", TTL: 300, Data: "eu.example.net.", SetID: "euw1",
			Meta: map[string]string{"latency_region": "eu-west-1"}},
		&model.Record{Name: "geo." + zone, Type: "TXT", TTL: 300, Data: `"north america"`, SetID: "na",
			Meta: map[string]string{"geo_continent": "NA"}},
		&model.Record{Name: "geo." + zone, Type: "TXT", TTL: 300, Data: `"california"`, SetID: "us-ca",
			Meta: map[string]string{"geo_country": "US", "geo_subdivision": "CA"}},
		&model.Record{Name: "mv." + zone, Type: "A", TTL: 300, Data: "192.0.2.40", SetID: "one",
			Meta: map[string]string{"multivalue": "true"}},
		&model.Record{Name: "cidr." + zone, Type: "A", TTL: 300, Data: "192.0.2.41", SetID: "office",
			Meta: map[string]string{"cidr_collection_id": "4a1f3c2e-9b7d-4e8a-8c6f-1d2e3f4a5b6c", "cidr_location": "office"}},
		&model.Record{Name: "prox." + zone, Type: "A", TTL: 300, Data: "192.0.2.42", SetID: "ber",
			Meta: map[string]string{"geoproximity_latitude": "52.52", "geoproximity_longitude": "13.40", "geoproximity_bias": "-5"}},
		// A set identifier without a routing policy: commented out.
		&model.Record{Name: "odd." + zone, Type: "A", TTL: 300, Data: "192.0.2.43", SetID: "x"},
	)
	return recs
}

func parse(t *testing.T, text string) []*model.Record {
	t.Helper()
	var out []*model.Record
	zp := dns.NewZoneParser(strings.NewReader(text), zone+".", "test")
	for rr, ok := zp.Next(); ok; rr, ok = zp.Next() {
		out = append(out, model.FromRR(rr))
	}
	if err := zp.Err(); err != nil {
		t.Fatalf("parse: %v", err)
	}
	return out
}

func TestGolden(t *testing.T) {
	recs := everyRecords(t)
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, format, Zone{Ref: zone, CredKey: "r53_main", Records: recs}); err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", "every."+format)
			if *update {
				if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got := buf.String(); got != string(want) {
				t.Errorf("output differs from %s (run go test -update after checking):\n%s", golden, lineDiff(string(want), got))
			}
		})
	}
}

func lineDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + w + "\n  got  " + g + "\n")
		}
	}
	return b.String()
}

func TestRecordsUnchanged(t *testing.T) {
	recs := everyRecords(t)
	before := make([]string, len(recs))
	for i, r := range recs {
		before[i] = r.String()
	}
	for _, f := range Formats() {
		if err := Write(&bytes.Buffer{}, f, Zone{Ref: zone, CredKey: "x", Records: recs}); err != nil {
			t.Fatal(err)
		}
	}
	for i, r := range recs {
		if r.String() != before[i] {
			t.Fatalf("Write changed or reordered its input: %s became %s", before[i], r)
		}
	}
}

func TestZoneReadsBack(t *testing.T) {
	recs := parse(t, everyZone)
	var buf bytes.Buffer
	if err := WriteZone(&buf, zone, recs, 0); err != nil {
		t.Fatal(err)
	}
	back := parse(t, buf.String())
	if len(back) != len(recs) {
		t.Fatalf("read back %d records, wrote %d:\n%s", len(back), len(recs), buf.String())
	}
	model.SortRecords(recs)
	model.SortRecords(back)
	for i := range recs {
		if a, b := recs[i], back[i]; a.Name != b.Name || a.Type != b.Type || a.TTL != b.TTL || a.Data != b.Data {
			t.Errorf("record %d: wrote %s, read %s", i, a, b)
		}
	}
	if !strings.HasPrefix(buf.String(), Header+"\n$TTL 300\n@ ") {
		t.Errorf("zone starts with %q", buf.String()[:40])
	}
}

func TestZoneOrder(t *testing.T) {
	recs := parse(t, `
b 300 IN A 192.0.2.10
b 300 IN A 192.0.2.9
a 300 IN MX 10 x.example.com.
a 300 IN MX 5 x.example.com.
a 300 IN MX 5 a.example.com.
@ 300 IN TXT "x"
@ 300 IN NS ns.example.com.
@ 300 IN A 192.0.2.1
@ 300 IN SOA ns.example.com. h.example.com. 1 2 3 4 5
* 300 IN A 192.0.2.1
sub.a 300 IN A 192.0.2.1
`)
	SortZone(recs, zone)
	var got []string
	for _, r := range recs {
		got = append(got, model.LabelOf(r.Name, zone)+" "+r.Type+" "+r.Data)
	}
	want := []string{
		"@ SOA ns.example.com. h.example.com. 1 2 3 4 5",
		"@ NS ns.example.com.",
		"@ A 192.0.2.1",
		`@ TXT "x"`,
		"* A 192.0.2.1",
		"a MX 5 a.example.com.",
		"a MX 5 x.example.com.",
		"a MX 10 x.example.com.",
		"sub.a A 192.0.2.1",
		"b A 192.0.2.9",
		"b A 192.0.2.10",
	}
	if !slices.Equal(got, want) {
		t.Errorf("order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCompareDataTotal(t *testing.T) {
	vals := []string{"9", "10", "1a", "a", "09", "9 x", "10 a", "", "1a 2"}
	for _, a := range vals {
		for _, b := range vals {
			for _, c := range vals {
				if compareData("MX", a, b) < 0 && compareData("MX", b, c) < 0 && compareData("MX", a, c) >= 0 {
					t.Errorf("not transitive: %q < %q < %q but not %q < %q", a, b, c, a, c)
				}
			}
			if compareData("MX", a, b) != -compareData("MX", b, a) {
				t.Errorf("not antisymmetric: %q %q", a, b)
			}
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	if err := Write(&bytes.Buffer{}, "yaml", Zone{Ref: zone, CredKey: "x"}); err == nil {
		t.Error("want an error for an unknown format")
	}
	if !slices.Equal(Formats(), []string{"js", "djs", "zone", "tsv"}) {
		t.Errorf("Formats() = %v", Formats())
	}
}

// stubs define every function a generated dnsconfig.js may call; record
// functions return a marker so the test can count the records D receives.
const stubs = `
var calls = [];
function rec(type) { return function() { return {rec: type, args: Array.prototype.slice.call(arguments)}; }; }
function mod(name) { return function() { return {mod: name}; }; }
var types = ["A","AAAA","CNAME","NS","PTR","MX","SRV","CAA","SSHFP","TLSA","DS","NAPTR","HTTPS","SVCB","LOC","TXT","SPF","SOA","R53_ALIAS",
	"DNAME","RP","DHCID","DNSKEY","OPENPGPKEY","SMIMEA"];
for (var i = 0; i < types.length; i++) { this[types[i]] = rec(types[i]); }
var mods = ["TTL","IGNORE","R53_ZONE","R53_WEIGHT","R53_HEALTH_CHECK_ID","R53_EVALUATE_TARGET_HEALTH","DnsProvider","DefaultTTL","NAMESERVER",
	"R53_FAILOVER","R53_LATENCY","R53_GEO","R53_MULTIVALUE","R53_CIDR","R53_GEOPROXIMITY"];
for (var i = 0; i < mods.length; i++) { this[mods[i]] = mod(mods[i]); }
var CAA_CRITICAL = {mod: "CAA_CRITICAL"};
var END = {mod: "END"};
function NewDnsProvider(n) { return "dsp:" + n; }
function NewRegistrar(n) { return "reg:" + n; }
function D(name) {
	var n = 0;
	for (var i = 1; i < arguments.length; i++) { if (arguments[i] && arguments[i].rec) n++; }
	calls.push({name: name, records: n});
}
`

func TestJSEvaluates(t *testing.T) {
	recs := everyRecords(t)
	for _, format := range []string{"js", "djs"} {
		var buf bytes.Buffer
		if err := Write(&buf, format, Zone{Ref: zone, CredKey: "r53-main", Records: recs}); err != nil {
			t.Fatal(err)
		}
		// Twice, as get-zones does for two zones: the header repeats.
		if err := Write(&buf, format, Zone{Ref: "example.net", CredKey: "r53-main", Records: recs[:3]}); err != nil {
			t.Fatal(err)
		}
		vm := goja.New()
		vm.SetFieldNameMapper(goja.TagFieldNameMapper("json", true))
		if _, err := vm.RunString(stubs); err != nil {
			t.Fatal(err)
		}
		if _, err := vm.RunScript("dnsconfig.js", buf.String()); err != nil {
			t.Fatalf("%s output does not run: %v\n%s", format, err, buf.String())
		}
		var calls []struct {
			Name    string `json:"name"`
			Records int    `json:"records"`
		}
		if err := vm.ExportTo(vm.Get("calls"), &calls); err != nil {
			t.Fatal(err)
		}
		// Commented out: SOA, 2 apex NS, HINFO, the binary TXT, the SMIMEA
		// record not under _smimecert and the set identifier without a
		// routing policy.
		want := len(recs) - 7
		if len(calls) != 2 || calls[0].Name != zone || calls[0].Records != want {
			t.Errorf("%s: D calls %+v, want %d records in %s", format, calls, want, zone)
		}
	}
}

// A split-horizon view ("example.com!inside") is exported under its zone
// name in the zone and tsv formats, and under its reference in D().
func TestTaggedZone(t *testing.T) {
	recs := parse(t, everyZone)
	z := Zone{Ref: zone + "!inside", CredKey: "bind", Records: recs}
	var buf bytes.Buffer
	if err := Write(&buf, "zone", z); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(buf.String(), "$ORIGIN example.com.\n") {
		t.Fatalf("zone export starts with %q", strings.SplitN(buf.String(), "\n", 2)[0])
	}
	back := parse(t, buf.String())
	if len(back) != len(recs) {
		t.Fatalf("read back %d records, wrote %d:\n%s", len(back), len(recs), buf.String())
	}
	model.SortRecords(recs)
	model.SortRecords(back)
	for i := range recs {
		if a, b := recs[i], back[i]; a.String() != b.String() {
			t.Errorf("record %d: wrote %s, read %s", i, a, b)
		}
	}
	buf.Reset()
	if err := Write(&buf, "tsv", z); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\nwww.example.com\twww\t300\tIN\tA\t192.0.2.10\n") {
		t.Errorf("tsv export:\n%s", buf.String())
	}
	buf.Reset()
	if err := Write(&buf, "js", z); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "\nD(\"example.com!inside\", REG_CHANGEME,\n") || !strings.Contains(buf.String(), "\n\tA(\"www\", \"192.0.2.10\"),\n") {
		t.Errorf("js export:\n%s", buf.String())
	}
}
