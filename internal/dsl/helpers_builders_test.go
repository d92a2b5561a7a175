package dsl

import (
	"io"
	"strings"
	"testing"

	"github.com/dnsctl/dnsctl/internal/model"
)

// evalHelpers evaluates src as dnsconfig.js.
func evalHelpers(t *testing.T, src string) (*model.Config, error) {
	t.Helper()
	return evaluate("dnsconfig.js", []byte(src), nil, options{console: io.Discard})
}

// recordLines renders the records of the first domain as "label type ttl data".
func recordLines(cfg *model.Config) []string {
	var out []string
	for _, r := range cfg.Domains[0].Records {
		out = append(out, r.Name+" "+r.Type+" "+u(uint64(r.TTL))+" "+r.Data)
	}
	return out
}

// TestLOCBuilders checks the LOC builders against the records DNSControl
// makes of the same calls (its pkg/js/parse_tests/045-loc, "target").
func TestLOCBuilders(t *testing.T) {
	tests := []struct{ call, want string }{
		{`LOC_BUILDER_DD({label: "big-ben", x: 51.50084265331501, y: -0.12462541415599787, alt: 6})`,
			"big-ben LOC 300 51 30 3.033 N 0 7 28.651 W 6m 0m 0m 0m"},
		{`LOC_BUILDER_DD({label: "white-house", x: 38.89775977858357, y: -77.03655125982903, alt: 19, ttl: "5m"})`,
			"white-house LOC 300 38 53 51.935 N 77 2 11.584 W 19m 0m 0m 0m"},
		{`LOC_BUILDER_DMS_STR({label: "opera-house", str: '33°51′31″S 151°12′51″E', alt: 4, ttl: "5m"})`,
			"opera-house LOC 300 33 51 31 S 151 12 51 E 4m 0m 0m 0m"},
		{`LOC_BUILDER_DMS_STR({label: "opera-house2", str: '33°51\'31"S 151°12\'51"E', alt: 4})`,
			"opera-house2 LOC 300 33 51 31 S 151 12 51 E 4m 0m 0m 0m"},
		{`LOC_BUILDER_DMS_STR({label: "opera-house3", str: '33d51m31sS 151d12m51sE', alt: 4})`,
			"opera-house3 LOC 300 33 51 31 S 151 12 51 E 4m 0m 0m 0m"},
		{`LOC_BUILDER_DMS_STR({label: "opera-house4", str: '33d51m31s S 151d12m51s E', alt: 4})`,
			"opera-house4 LOC 300 33 51 31 S 151 12 51 E 4m 0m 0m 0m"},
		{`LOC_BUILDER_DMM_STR({label: "fraser-island", str: '25.24°S 153.15°E', alt: 3})`,
			"fraser-island LOC 300 25 14 24 S 153 9 0 E 3m 0m 0m 0m"},
		{`LOC_BUILDER_STR({label: "tasmania", str: '42°S 147°E', alt: 3})`,
			"tasmania LOC 300 42 0 0 S 147 0 0 E 3m 0m 0m 0m"},
		{`LOC_BUILDER_STR({label: "hawaii", str: '21.5°N 158.0°W', alt: 920})`,
			"hawaii LOC 300 21 30 0 N 158 0 0 W 920m 0m 0m 0m"},
		{`LOC_BUILDER_STR({label: "old-faithful", str: '44.46046°N 110.82815°W', alt: 2240})`,
			"old-faithful LOC 300 44 27 38 N 110 49 41 W 2240m 0m 0m 0m"},
		{`LOC_BUILDER_STR({label: "ribblehead-viaduct", str: '54.210436°N 2.370231°W', alt: 300})`,
			"ribblehead-viaduct LOC 300 54 12 38 N 2 22 13 W 300m 0m 0m 0m"},
		{`LOC_BUILDER_STR({label: "guinness-brewery", str: '53°20′40″N 6°17′20″W', alt: 300})`,
			"guinness-brewery LOC 300 53 20 40 N 6 17 20 W 300m 0m 0m 0m"},
		// No label: the apex. A TTL is a record TTL; no alt is 0 m.
		{`LOC_BUILDER_DD({x: -33.85, y: 151.2, ttl: 3600})`,
			"@ LOC 3600 33 51 0 S 151 12 0 E 0m 0m 0m 0m"},
		// Lower-case hemispheres are read in decimal degrees.
		{`LOC_BUILDER_DMM_STR({str: '25.24 s 153.15 e'})`,
			"@ LOC 300 25 14 24 S 153 9 0 E 0m 0m 0m 0m"},
		// Seconds rounded up to 60 carry into the minutes (the same
		// position DNSControl encodes).
		{`LOC_BUILDER_DMM_STR({str: '10.9999°N 20.5°E'})`,
			"@ LOC 300 11 0 0 N 20 30 0 E 0m 0m 0m 0m"},
	}
	for _, tc := range tests {
		t.Run(tc.want[:strings.IndexByte(tc.want, ' ')], func(t *testing.T) {
			cfg, err := evalHelpers(t, `D("example.com", "none", `+tc.call+`);`)
			if err != nil {
				t.Fatal(err)
			}
			got := recordLines(cfg)
			if len(got) != 1 || got[0] != tc.want {
				t.Errorf("got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestM365Builder checks the records of M365_BUILDER against DNSControl's
// builder, quirks included.
func TestM365Builder(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"defaults", `D("example.com", "none", M365_BUILDER("example.com", {initialDomain: "example.onmicrosoft.com"}));`, []string{
			"@ MX 300 0 example-com.mail.protection.outlook.com.",
			"autodiscover CNAME 300 autodiscover.outlook.com.",
			"selector1._domainkey CNAME 300 selector1-example-com._domainkey.example.onmicrosoft.com.",
			"selector2._domainkey CNAME 300 selector2-example-com._domainkey.example.onmicrosoft.com.",
		}},
		{"mdm only", `D("example.com", "none", M365_BUILDER("example.com", {label: "test", mx: false, autodiscover: false, dkim: false, mdm: true, domainGUID: "test-example-com", initialDomain: "example.onmicrosoft.com"}));`, []string{
			"enterpriseregistration CNAME 300 enterpriseregistration.windows.net.",
			"enterpriseenrollment CNAME 300 enterpriseenrollment.manage.microsoft.com.",
		}},
		// label places the MX only; the other records stay at the apex,
		// as DNSControl writes them.
		{"label and skype", `D("example.com", "none", DefaultTTL(600), M365_BUILDER("sub.example.com", {label: "sub", dkim: false, skypeForBusiness: true}));`, []string{
			"sub MX 600 0 sub-example-com.mail.protection.outlook.com.",
			"autodiscover CNAME 600 autodiscover.outlook.com.",
			"lyncdiscover CNAME 600 webdir.online.lync.com.",
			"sip CNAME 600 sipdir.online.lync.com.",
			"_sip._tls SRV 600 100 1 443 sipdir.online.lync.com.",
			"_sipfederationtls._tcp SRV 600 100 1 5061 sipfed.online.lync.com.",
		}},
		// The options object is written back: a second call with it
		// keeps the first call's domainGUID, and its label is now "@".
		{"reused options", `var o = {label: "x", dkim: false}; D("a.com", "none", M365_BUILDER("a.com", o), M365_BUILDER("b.com", o));`, []string{
			"x MX 300 0 a-com.mail.protection.outlook.com.",
			"autodiscover CNAME 300 autodiscover.outlook.com.",
			"@ MX 300 0 a-com.mail.protection.outlook.com.",
			"autodiscover CNAME 300 autodiscover.outlook.com.",
		}},
		{"no options", `D("example.com", "none", M365_BUILDER("example.com", {dkim: false}));`, []string{
			"@ MX 300 0 example-com.mail.protection.outlook.com.",
			"autodiscover CNAME 300 autodiscover.outlook.com.",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := evalHelpers(t, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := recordLines(cfg); strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

// TestHelperWarnings checks the warnings of DefaultTTL(TTL(...)), an
// options object given twice to M365_BUILDER and REV's RFC 2317 default.
func TestHelperWarnings(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"DefaultTTL of a modifier", "D(\"example.com\", \"none\",\n  DefaultTTL(TTL(3600)), A(\"a\", \"192.0.2.1\"));",
			`dnsconfig.js:2: DefaultTTL: needs a number of seconds or a duration such as "1h", got TTL(...); as in DNSControl, records after it get the default TTL, 300`},
		{"DefaultTTL()", "D(\"example.com\", \"none\", DefaultTTL(), A(\"a\", \"192.0.2.1\"));",
			`dnsconfig.js:1: DefaultTTL: needs a number of seconds or a duration such as "1h", got undefined; as in DNSControl, records after it get the default TTL, 300`},
		{"M365 reuse", "var o = {dkim: false};\nD(\"a.com\", \"none\", M365_BUILDER(\"a.com\", o));\nD(\"b.com\", \"none\", M365_BUILDER(\"b.com\", o));",
			`dnsconfig.js:3: M365_BUILDER: this options object was already given to M365_BUILDER, which wrote its choices back into it (as DNSControl does): label "@" and domainGUID "a-com" come from that earlier call`},
		{"REV 2317", "var a = REV(\"192.0.2.0/24\");\nvar b = REV(\"192.0.2.128/25\");\nvar c = REV(\"192.0.2.0/26\");",
			`dnsconfig.js:2: REV: "192.0.2.128/25" gives the RFC 2317 name 128/25.2.0.192.in-addr.arpa, DNSControl v4's default (v5 will give the RFC 4183 form); call REVCOMPAT("rfc2317") or REVCOMPAT("rfc4183") before REV() to choose`},
		{"REVCOMPAT silences", "REVCOMPAT(\"rfc2317\");\nvar b = REV(\"192.0.2.128/25\");", ``},
		{"record modifier on a domain", "D(\"example.com\", \"none\",\n  TTL(300), CAA_CRITICAL);",
			"dnsconfig.js:1: D: argument 3 is TTL(...), which modifies a record; given to a domain it has no effect, as in DNSControl\n" +
				"dnsconfig.js:1: D: argument 4 is CAA_CRITICAL(...), which modifies a record; given to a domain it has no effect, as in DNSControl"},
		{"domain modifier on a record", "D(\"example.com\", \"none\",\n  A(\"@\", \"192.0.2.1\", NO_PURGE, DefaultTTL(60)));",
			"dnsconfig.js:2: A: argument 3 is NO_PURGE(...), which modifies a domain; given to a record it has no effect, as in DNSControl\n" +
				"dnsconfig.js:2: A: argument 4 is DefaultTTL(...), which modifies a domain; given to a record it has no effect, as in DNSControl"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := evalHelpers(t, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range cfg.Warnings {
				got = append(got, w.Pos+": "+w.Msg)
			}
			if strings.Join(got, "\n") != tc.want {
				t.Errorf("warnings\n%s\nwant\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
}

// TestDefaultTTLResets checks that DefaultTTL(TTL(...)) gives later
// records the global default, not the earlier DefaultTTL nor its own value.
func TestDefaultTTLResets(t *testing.T) {
	cfg, err := evalHelpers(t, `D("example.com", "none", DefaultTTL(600), A("a", "192.0.2.1"), DefaultTTL(TTL(3600)), A("b", "192.0.2.2"), A("c", "192.0.2.3", TTL(60)));`)
	if err != nil {
		t.Fatal(err)
	}
	want := "a A 600 192.0.2.1\nb A 300 192.0.2.2\nc A 60 192.0.2.3"
	if got := strings.Join(recordLines(cfg), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestReverseName checks REV() against DNSControl's results (its
// pkg/transform/arpa_test.go and pkg/rfc4183/reverse_test.go).
func TestReverseName(t *testing.T) {
	tests := []struct {
		in      string
		rfc4183 bool
		want    string // "" for an error
	}{
		{"174.136.107.0/24", false, "107.136.174.in-addr.arpa"},
		{"174.136.107.1/24", false, ""},
		{"174.136.0.0/16", false, "136.174.in-addr.arpa"},
		{"174.0.0.0/8", false, "174.in-addr.arpa"},
		{"174.136.43.0/8", false, ""},
		{"2001::/16", false, "1.0.0.2.ip6.arpa"},
		{"2001:0db8:0123:4567:89ab:cdef:1234:5670/124", false, "7.6.5.4.3.2.1.f.e.d.c.b.a.9.8.7.6.5.4.3.2.1.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"174.136.107.14/32", false, "14.107.136.174.in-addr.arpa"},
		{"174.136.107.14", false, "14.107.136.174.in-addr.arpa"},
		{"2001:db8::1", false, "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"192.0.2.0/25", false, "0/25.2.0.192.in-addr.arpa"},
		{"192.0.2.128/26", false, "128/26.2.0.192.in-addr.arpa"},
		{"174.1.0.224/27", false, "224/27.0.1.174.in-addr.arpa"},
		{"174.1.0.2/31", false, "2/31.0.1.174.in-addr.arpa"},
		{"10.20.128.0/23", false, "128-23.20.10.in-addr.arpa"},
		{"10.192.0.0/13", false, "192-13.10.in-addr.arpa"},
		{"0.0.0.0/0", false, ""},
		{"2001::/0", false, ""},
		{"4.5/16", false, ""},
		{"foo.com", false, ""},
		// RFC 4183 mode: host bits ignored, "-" for 25 to 31 bits.
		{"10.100.2.0/26", true, "0-26.2.100.10.in-addr.arpa"},
		{"10.20.129.0/23", true, "128-23.20.10.in-addr.arpa"},
		{"174.1.0.129/25", true, "128-25.0.1.174.in-addr.arpa"},
		{"174.136.107.1/24", true, "107.136.174.in-addr.arpa"},
		{"10.100.2.255/17", true, "0-17.100.10.in-addr.arpa"},
		{"10.100.2.255/10", true, "64-10.10.in-addr.arpa"},
		{"10.100.2.255/9", true, "0-9.10.in-addr.arpa"},
		{"2001:0db8:0123:4567:89ab:cdef:1234:5670/64", true, "7.6.5.4.3.2.1.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"2001:0db8:0123:4567:89ab:cdef:1234:5670/68", true, "8.7.6.5.4.3.2.1.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		// A prefix that is not a whole number of nibbles keeps the
		// nibble it ends in.
		{"2001:db8:4000::/50", false, "0.0.0.0.4.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"0.0.0.0/0", true, ""},
	}
	for _, tc := range tests {
		got, _, err := reverseName(tc.in, tc.rfc4183)
		switch {
		case tc.want == "" && err == nil:
			t.Errorf("reverseName(%q, %v) = %q, want an error", tc.in, tc.rfc4183, got)
		case tc.want != "" && err != nil:
			t.Errorf("reverseName(%q, %v): %v", tc.in, tc.rfc4183, err)
		case got != tc.want:
			t.Errorf("reverseName(%q, %v) = %q, want %q", tc.in, tc.rfc4183, got, tc.want)
		case err != nil && err.Error() == "":
			t.Errorf("reverseName(%q, %v): empty error", tc.in, tc.rfc4183)
		}
	}
}

// TestLoaderTolerance checks argument forms DNSControl accepts: holes in
// the arrays of D(), D_EXTEND() and DEFAULTS() are skipped; an explicit
// undefined is still refused, as DNSControl refuses it.
func TestLoaderTolerance(t *testing.T) {
	cfg, err := evalHelpers(t, `DEFAULTS([ , DefaultTTL(60)]);
D("example.com", "none", [ , IGNORE_NAME("x")], [A("a", "192.0.2.1"), , A("b", "192.0.2.2"), ], [[ , A("c", "192.0.2.3")]]);
D_EXTEND("sub.example.com", [ , A("d", "192.0.2.4")]);`)
	if err != nil {
		t.Fatal(err)
	}
	want := "a A 60 192.0.2.1\nb A 60 192.0.2.2\nc A 60 192.0.2.3\nd.sub A 60 192.0.2.4"
	if got := strings.Join(recordLines(cfg), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if ig := cfg.Domains[0].Ignores; len(ig) != 1 || ig[0].Label != "x" {
		t.Errorf("ignores %+v", ig)
	}
	_, err = evalHelpers(t, `D("example.com", "none", [A("a", "192.0.2.1"), undefined]);`)
	if err == nil || !strings.Contains(err.Error(), "dnsconfig.js:1: D: argument 3 is undefined") {
		t.Errorf("explicit undefined: %v", err)
	}
}

// TestTransformsNormalised evaluates DNSControl's address-transform
// configurations (pkg/js/parse_tests/006-transforms and
// 007-importTransformTTL) and normalises them: the records are those its
// zone files and IR show.
func TestTransformsNormalised(t *testing.T) {
	tests := []struct {
		name, src string
		want      map[string]string
	}{
		{"006-transforms", `var TRANSFORM_INT = [{low: "0.0.0.0", high: "1.1.1.0", newBase: "2.2.2.2"},
  {low: "1.1.1.1", high: IP("2.2.2.2"), newIP: ["3.3.3.3", "4.4.4.4", IP("5.5.5.5")]}];
D("foo.com", "none", A("@", "1.2.3.4", {transform: TRANSFORM_INT}));`, map[string]string{
			"foo.com": "foo.com A 300 3.3.3.3\nfoo.com A 300 4.4.4.4\nfoo.com A 300 5.5.5.5",
		}},
		{"007-importTransformTTL", `D("foo1.com", "reg", A("bar", "1.1.1.1"), A("foo", "5.5.5.5"));
var TRANSFORM_BASE = [{low: "1.1.1.0", high: "1.1.1.100", newBase: "4.4.4.100"}, {low: "5.5.5.2", high: "5.5.5.100", newBase: "6.6.6.0"}, ];
D("inny", "reg", IMPORT_TRANSFORM(TRANSFORM_BASE, "foo1.com", 60));
var TRANSFORM_NEWIP = [{low: "5.5.5.0", high: "6.0.0.0", newIP: "7.7.7.7"}];
D("com.inny", "reg", IMPORT_TRANSFORM_STRIP(TRANSFORM_NEWIP, "foo1.com", 99, "com"));
D("zero.ttl", "reg", DefaultTTL(900), IMPORT_TRANSFORM(TRANSFORM_NEWIP, "foo1.com", 0));`, map[string]string{
			"foo1.com": "bar.foo1.com A 300 1.1.1.1\nfoo.foo1.com A 300 5.5.5.5",
			"inny":     "bar.foo1.com.inny A 60 4.4.4.101\nfoo.foo1.com.inny A 60 6.6.6.3",
			"com.inny": "bar.foo1.com.inny A 99 1.1.1.1\nfoo.foo1.com.inny A 99 7.7.7.7",
			// ttl 0: the global default, not DefaultTTL (as DNSControl).
			"zero.ttl": "bar.foo1.com.zero.ttl A 300 1.1.1.1\nfoo.foo1.com.zero.ttl A 300 7.7.7.7",
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg, err := evalHelpers(t, tc.src)
			if err != nil {
				t.Fatal(err)
			}
			if ps := model.Normalize(cfg); ps.Err() != nil {
				t.Fatal(ps.Error())
			}
			for _, d := range cfg.Domains {
				var got []string
				for _, r := range d.Records {
					got = append(got, r.Name+" "+r.Type+" "+u(uint64(r.TTL))+" "+r.Data)
				}
				if want := tc.want[d.Name]; strings.Join(got, "\n") != want {
					t.Errorf("%s:\n%s\nwant\n%s", d.Name, strings.Join(got, "\n"), want)
				}
			}
		})
	}
}

// TestDExtendClassless checks that D_EXTEND of an RFC 2317 name adds to the
// enclosing zone itself, as DNSControl's D_EXTEND does, and to a
// classless D() of that name likewise.
func TestDExtendClassless(t *testing.T) {
	cfg, err := evalHelpers(t, `D(REV("192.0.2.0/24"), "none");
D_EXTEND(REV("192.0.2.128/25"), PTR("130", "a.example."), NS("@", "ns.example."));
D(REV("198.51.100.0/26"), "none");
D_EXTEND(REV("198.51.100.0/26"), PTR("5", "b.example."));`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range cfg.Domains {
		for _, r := range d.Records {
			got = append(got, d.Name+" "+r.Name+" "+r.Type)
		}
	}
	want := "2.0.192.in-addr.arpa 130 PTR\n2.0.192.in-addr.arpa @ NS\n0/26.100.51.198.in-addr.arpa 5 PTR"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

// TestRecordModifierArrays checks that an array among the modifiers of a
// record function is metadata, as DNSControl takes it: the TTL in it has
// no effect (with a warning), strings are kept under their index. The
// builders of the prelude still pass their modifiers in arrays.
func TestRecordModifierArrays(t *testing.T) {
	cfg, err := evalHelpers(t, "D(\"example.com\", \"none\",\n  A(\"a\", \"192.0.2.1\", [TTL(600), \"x\", , CAA_CRITICAL]),\n  CAA_BUILDER({issue: \"letsencrypt.org\", issue_critical: true, ttl: 900}));")
	if err != nil {
		t.Fatal(err)
	}
	want := "a A 300 192.0.2.1\n@ CAA 900 128 issue \"letsencrypt.org\""
	if got := strings.Join(recordLines(cfg), "\n"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if m := cfg.Domains[0].Records[0].Meta; m["1"] != "x" || len(m) != 1 {
		t.Errorf("meta %v", m)
	}
	if len(cfg.Warnings) != 1 || cfg.Warnings[0].Pos != "dnsconfig.js:2" ||
		cfg.Warnings[0].Msg != "A: argument 3 is an array, which DNSControl takes as metadata: TTL(...), CAA_CRITICAL(...) in it has no effect, as in DNSControl; pass modifiers as separate arguments" {
		t.Errorf("warnings %v", cfg.Warnings)
	}
}
