package model

import (
	"regexp"
	"strings"
	"testing"

	"github.com/miekg/dns"
)

// The record types DNSControl's BIND provider serves besides the common
// ones: canonical data as the configuration writes them.
func TestDNSControlTypesCanonical(t *testing.T) {
	for _, tc := range []struct {
		name, typ, data, want, err string
	}{
		{typ: "RP", data: "Hostmaster.Example.COM. contact", want: "hostmaster.example.com. contact.example.com."},
		{typ: "RP", data: "@ @", want: "example.com. example.com."},
		{typ: "RP", data: "hostmaster .", want: "hostmaster.example.com. ."},
		{typ: "RP", data: "a;b. .", err: `holds ';'`},
		{typ: "DHCID", data: "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=", want: "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA="},
		{typ: "DHCID", data: "not base64!", err: "DHCID data"},
		{typ: "DHCID", data: "", err: "the DHCID digest is empty"},
		{typ: "DNSKEY", data: "257 3 13", err: "DNSKEY data"},
		{typ: "DNAME", data: "Example.NET.", want: "example.net."},
		{typ: "DNAME", data: "other", want: "other.example.com."},
		{typ: "DNSKEY", data: "257 3 13 AABBCCDD", want: "257 3 13 AABBCCDD"},
		{typ: "DNSKEY", data: "257 3 13 AABB;CCDD", err: "';' outside quotes"},
		{typ: "DNSKEY", data: "257 3 13 !!!!", err: "DNSKEY data"},
		// OPENPGPKEY: hexadecimal (one letter case) or base64, held as base64.
		{typ: "OPENPGPKEY", data: "9833040000000116", want: "mDMEAAAAARY="},
		{typ: "OPENPGPKEY", data: "9833040000000116092B06010401DA470F", want: "mDMEAAAAARYJKwYBBAHaRw8="},
		{typ: "OPENPGPKEY", data: "mDMEAAAAARYJ", want: "mDMEAAAAARYJ"},
		{typ: "OPENPGPKEY", data: "mDME AAAA ARYJ", want: "mDMEAAAAARYJ"},
		{typ: "OPENPGPKEY", data: "abcd", want: "q80="}, // hex wins where both read
		{typ: "OPENPGPKEY", data: "zz-not-a-key", err: "neither hexadecimal nor base64"},
		{typ: "OPENPGPKEY", data: "", err: "empty"},
		{typ: "SMIMEA", data: "3 0 0 30820353308202F8", want: "3 0 0 30820353308202f8"},
		{typ: "SMIMEA", data: "3 0 0 MDFiYTQ3", err: "cannot be encoded"},
		{typ: "SMIMEA", data: "3 0 0", err: "SMIMEA data"},
		// ech=IGNORE is accepted, everything else in the record checked.
		{typ: "HTTPS", data: "1 . port=80 ech=IGNORE", want: `1 . port="80" ` + ECHIgnore},
		{typ: "HTTPS", data: `1 . ech="IGNORE" alpn=h2`, want: `1 . alpn="h2" ` + ECHIgnore},
		{typ: "SVCB", data: "1 . mandatory=ech ech=IGNORE", want: `1 . mandatory="ech" ` + ECHIgnore},
		{typ: "HTTPS", data: "1 . ech=IGNORE port=x", err: "parameter port=x is not valid: port takes a port number"},
		{typ: "HTTPS", data: "1 . ech=some+base64+encoded+value///", want: `1 . ech="some+base64+encoded+value///"`},
		{typ: "HTTPS", data: "1 . ech=ignore", err: "parameter ech=ignore is not valid: ech takes base64"},
		{typ: "HTTPS", data: "1 . ipv4hint=2001:db8::1", err: "parameter ipv4hint=2001:db8::1 is not valid: ipv4hint takes IPv4 addresses"},
		{typ: "HTTPS", data: "1 . colour=red", err: "bad SVCB key"},
	} {
		name := tc.name
		if name == "" {
			name = "x"
		}
		r := &Record{Name: name, Type: tc.typ, TTL: 300, Data: tc.data, Pos: "x.js:1"}
		got, err := normalizeOne(t, "example.com", r)
		switch {
		case tc.err != "":
			if !strings.Contains(err, tc.err) {
				t.Errorf("%s %q: error %q, want one containing %q", tc.typ, tc.data, err, tc.err)
			}
		case err != "":
			t.Errorf("%s %q: %s", tc.typ, tc.data, err)
		case got.Data != tc.want:
			t.Errorf("%s %q: data %q, want %q", tc.typ, tc.data, got.Data, tc.want)
		}
	}
}

// ech=IGNORE takes the ech value of the record it replaces, as DNSControl
// does, or leaves the parameter out when there is none.
func TestResolveECHIgnore(t *testing.T) {
	rec := func(name, typ, data, setID string) *Record {
		return &Record{Name: name, Type: typ, TTL: 300, Data: data, SetID: setID, Pos: "x.js:3"}
	}
	const ign = ECHIgnore
	for _, tc := range []struct {
		name      string
		desired   *Record
		existing  []*Record
		want, err string
	}{
		{"keeps the zone's value", rec("h.example.com", "HTTPS", `1 example.net. port="80" `+ign, ""),
			[]*Record{rec("h.example.com", "HTTPS", `1 example.com. alpn="h2,h3" ech="c29tZQ=="`, "")},
			`1 example.net. port="80" ech="c29tZQ=="`, ""},
		{"none in the zone: left out", rec("h.example.com", "HTTPS", `1 . port="80" `+ign, ""),
			[]*Record{rec("h.example.com", "HTTPS", `1 . port="80"`, "")}, `1 . port="80"`, ""},
		{"new record: left out", rec("h.example.com", "HTTPS", `1 . `+ign, ""), nil, `1 .`, ""},
		{"another name's value is not taken", rec("h.example.com", "HTTPS", `1 . `+ign, ""),
			[]*Record{rec("other.example.com", "HTTPS", `1 . ech="c29tZQ=="`, "")}, `1 .`, ""},
		{"another type's value is not taken", rec("h.example.com", "SVCB", `1 . `+ign, ""),
			[]*Record{rec("h.example.com", "HTTPS", `1 . ech="c29tZQ=="`, "")}, `1 .`, ""},
		{"another set's value is not taken", rec("h.example.com", "HTTPS", `1 . `+ign, "a"),
			[]*Record{rec("h.example.com", "HTTPS", `1 . ech="c29tZQ=="`, "b")}, `1 .`, ""},
		{"the record of the same priority and target first", rec("h.example.com", "HTTPS", `2 b.example.net. port="1" `+ign, ""),
			[]*Record{rec("h.example.com", "HTTPS", `1 a.example.net. ech="YWFhYQ=="`, ""), rec("h.example.com", "HTTPS", `2 b.example.net. ech="YmJiYg=="`, "")},
			`2 b.example.net. port="1" ech="YmJiYg=="`, ""},
		{"mandatory needs it", rec("h.example.com", "SVCB", `1 . mandatory="ech" `+ign, ""), nil, "",
			`x.js:3: SVCB h.example.com: ech=IGNORE keeps the ech value the zone has, but it has none, and mandatory= lists ech`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := ResolveECHIgnore([]*Record{tc.desired}, tc.existing)
			switch {
			case tc.err != "":
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("error %v, want %q", err, tc.err)
				}
			case err != nil:
				t.Fatal(err)
			case tc.desired.Data != tc.want:
				t.Errorf("data %q, want %q", tc.desired.Data, tc.want)
			}
		})
	}
}

// No error about record data may be empty or stop at a colon: miekg/dns
// drops the reason of some parse errors, whose text then reads
// `dns: : "ech=IGNORE" at line: 1:27`. Bad data of every type miekg knows
// is tried.
func TestNoEmptyErrorMessages(t *testing.T) {
	bad := []string{"", "x", "!!!", "1", "1 2", "1 . ech=!!", "1 . port=", "1 . ipv4hint=x", "65536 x y z",
		"1 . alpn=", `"unterminated`, "1 . mandatory=", "1 . key70000=1", "300 3 13 ***", "a b c d e f g h"}
	empty := regexp.MustCompile(`(:\s*:|:\s*$|dns: :)`)
	check := func(what, msg string) {
		if strings.TrimSpace(msg) == "" || empty.MatchString(msg) {
			t.Errorf("%s: empty or truncated error message %q", what, msg)
		}
	}
	for typ := range dns.StringToType {
		for _, data := range bad {
			for _, configured := range []bool{true, false} {
				_, err := canonicalData(typ, data, "example.com", configured)
				if err != nil {
					check(typ+" "+data, err.Error())
				}
			}
			r := &Record{Name: "x", Type: typ, Data: data, Pos: "x.js:1"}
			if _, msg := normalizeOne(t, "example.com", r); msg != "" {
				for _, line := range strings.Split(msg, "\n") {
					check(typ+" "+data, line)
				}
			}
		}
	}
}

func TestDescribe(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "an error occurred, but the library that reported it gave no description",
		"  ":                      "an error occurred, but the library that reported it gave no description",
		"HTTPS data \"1 . x\":":   "HTTPS data \"1 . x\": (no reason was given)",
		"HTTPS data \"1 . x\": ":  "HTTPS data \"1 . x\": (no reason was given)",
		"a reason: the rest said": "a reason: the rest said",
	} {
		if got := Describe(in); got != want {
			t.Errorf("Describe(%q) = %q, want %q", in, got, want)
		}
	}
	p := Problem{Pos: "x.js:1", Domain: "example.com", Msg: ""}
	if s := p.String(); strings.HasSuffix(strings.TrimSpace(s), ":") {
		t.Errorf("a problem without a message prints as %q", s)
	}
}

// A record of a type only providers dnsctl does not have serve is refused
// at every provider that cannot serve it, naming the provider and the
// line, with the Route 53 equivalent where there is one.
func TestForeignTypesRefused(t *testing.T) {
	sup := map[string]TypeSupport{"r53": typeSet{"A": true, AliasType: true}}
	for _, tc := range []struct{ typ, data, want string }{
		{"ALIAS", "lb.example.net.", `x.js:7: example.com: provider r53 does not support ALIAS records; ALIAS() makes records that only DNSControl providers dnsctl does not have serve (Cloudflare, DNSimple, PowerDNS, NS1 and others); at Route 53 use R53_ALIAS(name, "A", target)`},
		{"AZURE_ALIAS", "A /subscriptions/x", "at Route 53 use R53_ALIAS(name, type, target) instead"},
		{"URL", "https://example.net/", "provider r53 does not support URL records; URL() makes records that only DNSControl providers dnsctl does not have serve (NAMECHEAP and PORKBUN)"},
		{"CF_REDIRECT", "a/*,https://b/$1", "(CLOUDFLAREAPI)"},
	} {
		d := &Domain{Name: "example.com", DNSProviders: []DomainProvider{{Name: "r53"}},
			Records: []*Record{{Name: "x", Type: tc.typ, TTL: 300, Data: tc.data, Pos: "x.js:7"}}}
		if ps := NormalizeDomain(d); len(ps) > 0 {
			t.Fatalf("%s: %v", tc.typ, ps)
		}
		ps := ValidateDomain(d, sup)
		if len(ps.Errors()) != 1 || !strings.Contains(ps.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.typ, ps, tc.want)
		}
	}
	if !IsForeignType("LUA") || IsForeignType("RP") || len(ForeignTypes()) != len(foreignTypes) {
		t.Error("IsForeignType/ForeignTypes disagree with the table")
	}
}

type typeSet map[string]bool

func (s typeSet) Supports(t string) bool { return s[t] }
func (typeSet) SupportsSetID() bool      { return true }
func (typeSet) LoadsZoneFiles() bool     { return false }
