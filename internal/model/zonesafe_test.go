package model

import (
	"strings"
	"testing"
)

// Configured record data must mean, once written to a zone file, what the
// configuration said, and load in a name server. Each refused case was
// once accepted and written as something else (the ';' cut the data, the
// parentheses joined lines) or written in a form BIND refuses to load.
func TestConfiguredDataMeansWhatItSays(t *testing.T) {
	hex := func(n int) string { return strings.Repeat("AB", n) }
	for _, tc := range []struct {
		zone, typ, data, want, err string
	}{
		// Host names in targets: plain host names only.
		{typ: "CNAME", data: "foo;bar.", err: `target "foo;bar.": host name "foo;bar" holds ';'`},
		{typ: "CNAME", data: "a(b).", err: `holds '('`},
		{typ: "CNAME", data: `a"b.`, err: `holds '"'`},
		{typ: "CNAME", data: "a b.", err: `holds ' '`},
		{typ: "CNAME", data: "a\nb.", err: `holds '\n'`},
		{typ: "CNAME", data: "a\\059b.", err: `holds '\\'`},
		{typ: "NS", data: "ns;1.example.net.", err: `holds ';'`},
		{typ: "PTR", data: "host).example.net.", err: `holds ')'`},
		{typ: "MX", data: "10 mx(1).", err: `holds '('`},
		{typ: "R53_ALIAS", data: "a;b.", err: `holds ';'`},
		{typ: "CNAME", data: "_x.example.net.", want: "_x.example.net."},
		{typ: "CNAME", data: "*.example.net.", want: "*.example.net."},
		{zone: "2.0.192.in-addr.arpa", typ: "CNAME", data: "130.128/25.2.0.192.in-addr.arpa.", want: "130.128/25.2.0.192.in-addr.arpa."},
		{typ: "CNAME", data: "a/b.example.net.", err: `holds '/'`},
		// Data parsed as zone-file text: nothing cut, grouped or added.
		{typ: "SRV", data: "10 5 5060 sip;x.", err: "';' outside quotes"},
		{typ: "SRV", data: "10 5 5060 t(x).", err: "'(' outside quotes"},
		{typ: "SRV", data: "10 5 5060 t_x.example.net.", want: "10 5 5060 t_x.example.net."},
		{typ: "SRV", data: "0 0 0 .", want: "0 0 0 ."},
		{typ: "DS", data: "1 8 1 ABCD;00", err: "';' outside quotes"},
		{typ: "DS", data: "1 8 1 (" + hex(20) + ")", err: "'(' outside quotes"},
		{typ: "DS", data: "1 8 1 " + hex(20) + "\nevil 300 IN A 192.0.2.1", err: `control character '\n'`},
		{typ: "HTTPS", data: `1 . alpn="h2;h3"`, want: `1 . alpn="h2\;h3"`},
		{typ: "HTTPS", data: `1 . alpn="h2`, err: "unbalanced"},
		{typ: "NAPTR", data: "10 10 \"U\" \"E2U+sip\" \"!^.*$!sip:a\nb!\" .", err: `control character '\n'`},
		{typ: "NAPTR", data: "10 10 \"U\" \"E2U+sip\" \"!^.*$!sip:a\x1bb!\" .", err: `control character '\x1b'`},
		{typ: "NAPTR", data: `10 10 "U" "E2U+sip" "!^.*$!sip:a\"b!" .`, want: `10 10 "U" "E2U+sip" "!^.*$!sip:a\"b!" .`},
		{typ: "NAPTR", data: `10 10 "U" "E2U+sip" "" a;b.`, err: "';' outside quotes"},
		{typ: "NAPTR", data: `10 10 "U" "E2U+sip" "" a_b@c.`, err: `holds '@'`},
		{typ: "CAA", data: "0 issue \"ca\rexample\"", err: `control character '\r'`},
		// Digests of the length their type has (BIND refuses others).
		{typ: "DS", data: "1 8 1 " + hex(20), want: "1 8 1 " + hex(20)},
		{typ: "DS", data: "1 8 1 ABCD", err: "digest type 1 needs a digest of 20 bytes (40 hex digits); this one has 2 bytes"},
		{typ: "DS", data: "1 8 2 " + hex(20), err: "digest type 2 needs a digest of 32 bytes"},
		{typ: "DS", data: "1 8 4 " + hex(32), err: "digest type 4 needs a digest of 48 bytes"},
		{typ: "DS", data: "1 8 5 ABCD", want: "1 8 5 ABCD"},
		{typ: "CDS", data: "1 8 2 ABCD", err: "digest type 2 needs a digest of 32 bytes"},
		{typ: "SSHFP", data: "1 1 ABCD", err: "fingerprint type 1 needs a digest of 20 bytes"},
		{typ: "SSHFP", data: "1 2 " + hex(32), want: "1 2 " + hex(32)},
		{typ: "SSHFP", data: "1 3 ABCD", want: "1 3 ABCD"},
		// SVCB/HTTPS parameters that contradict each other.
		{typ: "HTTPS", data: "1 . mandatory=port alpn=h2", err: "mandatory lists port, but the record has no port parameter"},
		{typ: "SVCB", data: "1 . mandatory=key65000", err: "mandatory lists key65000"},
		{typ: "HTTPS", data: "1 . mandatory=mandatory,alpn alpn=h2", err: "mandatory lists itself"},
		{typ: "HTTPS", data: "1 . mandatory=alpn alpn=h2", want: `1 . mandatory="alpn" alpn="h2"`},
		{typ: "HTTPS", data: "1 . no-default-alpn", err: "no-default-alpn needs an alpn parameter"},
		{typ: "HTTPS", data: "1 h;x. alpn=h2", err: "';' outside quotes"},
		{typ: "HTTPS", data: "1 h_x.example.net. alpn=h2", want: `1 h_x.example.net. alpn="h2"`},
		// Found by review: more that BIND refuses, or that read back as
		// something else.
		{typ: "HTTPS", data: "1 . alpn=h2 mandatory=alpn,alpn", err: "mandatory lists alpn twice"},
		{typ: "HTTPS", data: "1 . alpn=h2 mandatory=key1", err: "mandatory lists no parameter; name each by its lower-case name"},
		{typ: "HTTPS", data: "1 . alpn=", err: "alpn lists an empty protocol name"},
		{typ: "HTTPS", data: "1 . port=", err: "parameter port= is not valid: port takes a port number from 0 to 65535"},
		{typ: "TLSA", data: "3 1 1 ", err: "the certificate association data is empty"},
		{typ: "CAA", data: `0 a-b "x"`, err: `the CAA tag "a-b" may hold only letters and digits`},
		{typ: "NAPTR", data: `100 10 "U" "E2U+sip" "foo" .`, err: `the NAPTR regexp "foo" is not delim-ERE-delim-substitution-delim-flags`},
		{typ: "NAPTR", data: `100 10 "U" "E2U+sip" "!a!b!x" .`, err: "with 'i' as the only flag"},
		{typ: "NAPTR", data: `100 10 "U" "E2U+sip" "!^.*$!sip:x@example.com!i" .`, want: `100 10 "U" "E2U+sip" "!^.*$!sip:x@example.com!i" .`},
		{typ: "NAPTR", data: `100 10 "U" "E2U+sip" "#^(.*)$#\\1#" .`, want: `100 10 "U" "E2U+sip" "#^(.*)$#\\1#" .`},
		{typ: "NAPTR", data: `100 10 "U-2" "E2U+sip" "" x.example.net.`, err: `the NAPTR flags "U-2" may hold only letters and digits`},
		{typ: "SRV", data: "1 2 3 bücher.example.", want: "1 2 3 xn--bcher-kva.example."},
		{typ: "HTTPS", data: `1 straße.example. alpn="ä"`, want: `1 xn--strae-oqa.example. alpn="\195\164"`},
		{typ: "SOA", data: "ns1.example.net. hostmaster@example.com 0 3600 600 604800 1440", want: "ns1.example.net. hostmaster.example.com. 0 3600 600 604800 1440"},
		{typ: "SOA", data: "ns1.example.net. john.doe@Example.com 0 3600 600 604800 1440", want: `ns1.example.net. john\.doe.example.com. 0 3600 600 604800 1440`},
		{typ: "SOA", data: "ns1 hostmaster 0 3600 600 604800 1440", want: "ns1.example.com. hostmaster.example.com. 0 3600 600 604800 1440"},
		{typ: "SOA", data: "bücher.example. hostmaster.example.com. 0 1 2 3 4", want: "xn--bcher-kva.example. hostmaster.example.com. 0 1 2 3 4"},
		{typ: "SOA", data: "  0 3600 600 604800 1440", err: "want a name server, a mailbox and five numbers"},
		{typ: "SOA", data: "ns;1.example.net. h.example.com. 0 1 2 3 4", err: `SOA name server: target "ns;1.example.net."`},
		{typ: "SOA", data: "ns1.example.net. a b@example.com 0 1 2 3 4", err: "want a name server, a mailbox and five numbers"},
		{typ: "SOA", data: "ns1.example.net. a;b@example.com 0 1 2 3 4", err: `the local part of "a;b@example.com" holds ';'`},
	} {
		zone := tc.zone
		if zone == "" {
			zone = "example.com"
		}
		r := &Record{Name: "x", Type: tc.typ, TTL: 300, Data: tc.data, Pos: "x.js:1"}
		if tc.typ == AliasType {
			r.Meta = map[string]string{"alias_type": "A"}
		}
		if zone != "example.com" {
			r.Name = "c"
		}
		if tc.typ == "SOA" {
			r.Name = "@"
		}
		got, err := normalizeOne(t, zone, r)
		switch {
		case tc.err != "":
			if !strings.Contains(err, tc.err) {
				t.Errorf("%s %q: error %q, want one containing %q", tc.typ, tc.data, err, tc.err)
			}
			if strings.ContainsAny(err, "\n\r\x1b") {
				t.Errorf("%s %q: the error holds a raw control character: %q", tc.typ, tc.data, err)
			}
		case err != "":
			t.Errorf("%s %q: %s", tc.typ, tc.data, err)
		case got.Data != tc.want:
			t.Errorf("%s %q = %q, want %q", tc.typ, tc.data, got.Data, tc.want)
		}
	}
}

// Data read from a provider is taken as the provider holds it: a name
// Route 53 returns with bytes a configuration may not write is still read.
func TestProviderDataNotStrict(t *testing.T) {
	got, err := CanonicalData("CNAME", "a~b.example.net.", "example.com")
	if err != nil || got != "a~b.example.net." {
		t.Fatalf("CanonicalData = %q, %v", got, err)
	}
}

func TestCanonicalTag(t *testing.T) {
	for _, tc := range []struct{ in, want, err string }{
		{in: "inside", want: "inside"},
		{in: "In_Side-2", want: "in_side-2"},
		{in: "", want: ""},
		{in: "/../../escaped", err: `holds '/'`},
		{in: "a\nDone. 0 corrections.", err: `holds '\n'`},
		{in: "a.b", err: `holds '.'`},
		{in: "a!b", err: `holds '!'`},
		{in: "ä", err: `holds 'ä'`},
		{in: strings.Repeat("t", 64), err: "64 bytes long; the limit is 63"},
	} {
		got, err := CanonicalTag(tc.in)
		switch {
		case tc.err != "":
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("CanonicalTag(%q) error = %v, want %q", tc.in, err, tc.err)
			}
		case err != nil || got != tc.want:
			t.Errorf("CanonicalTag(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	if _, _, err := ParseZoneRef("x!../../../etc/passwd"); err == nil || !strings.Contains(err.Error(), `holds '.'`) {
		t.Errorf("ParseZoneRef of a path: %v", err)
	}
	if n, tag, err := ParseZoneRef("Bücher.Example!In"); err != nil || n != "xn--bcher-kva.example" || tag != "in" {
		t.Errorf("ParseZoneRef = %q %q %v", n, tag, err)
	}
}

func TestCheckNames(t *testing.T) {
	for _, tc := range []struct {
		zone, name, typ, data string
		warn                  bool
	}{
		{name: "a_b.example.com", typ: "A", data: "192.0.2.1", warn: true},
		{name: "-a.example.com", typ: "AAAA", data: "2001:db8::1", warn: true},
		{name: "*.w.example.com", typ: "A", data: "192.0.2.1"},
		{name: "_m.example.com", typ: "MX", data: "10 mail.example.com.", warn: true},
		{name: "example.com", typ: "MX", data: "10 ma_il.example.net.", warn: true},
		{name: "n_s.example.com", typ: "NS", data: "ns1.example.net."},
		{name: "example.com", typ: "NS", data: "ns_1.example.net.", warn: true},
		{name: "_sip._tcp.example.com", typ: "SRV", data: "1 1 1 t_x.example.net.", warn: true},
		{name: "_sip._tcp.example.com", typ: "SRV", data: "0 0 0 ."},
		{name: "h.example.com", typ: "HTTPS", data: `1 h_x.example.net. alpn="h2"`, warn: true},
		{name: "c.example.com", typ: "CNAME", data: "a_b.example.net."},
		{name: "p.example.com", typ: "PTR", data: "p_x.example.net."},
		{zone: "2.0.192.in-addr.arpa", name: "1.2.0.192.in-addr.arpa", typ: "PTR", data: "a_b.example.com.", warn: true},
		{name: "_dmarc.example.com", typ: "TXT", data: `"v=DMARC1"`},
	} {
		zone := tc.zone
		if zone == "" {
			zone = "example.com"
		}
		msg := CheckNamesProblems(&Record{Name: tc.name, Type: tc.typ, Data: tc.data}, zone)
		if (msg != "") != tc.warn {
			t.Errorf("%s %s %s: warning %q, want one: %v", tc.name, tc.typ, tc.data, msg, tc.warn)
		}
	}
}

// A DS record at the apex belongs in the parent zone; BIND refuses it.
func TestDSNotAtApex(t *testing.T) {
	_, err := normalizeOne(t, "example.com", &Record{Name: "@", Type: "DS", TTL: 300, Data: "1 8 2 " + strings.Repeat("AB", 32), Pos: "x.js:1"})
	if !strings.Contains(err, "a DS record belongs in the parent zone") {
		t.Errorf("DS at the apex: %q", err)
	}
	if _, err := normalizeOne(t, "example.com", &Record{Name: "sub", Type: "DS", TTL: 300, Data: "1 8 2 " + strings.Repeat("AB", 32), Pos: "x.js:1"}); err != "" {
		t.Errorf("DS at a child: %s", err)
	}
}
