package model

import (
	"strings"
	"testing"
)

func TestReverseName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"1.2.3.0/24", "3.2.1.in-addr.arpa"},
		{"1.2.3.4", "4.3.2.1.in-addr.arpa"},
		{"10.0.0.0/8", "10.in-addr.arpa"},
		{"172.16.0.0/16", "16.172.in-addr.arpa"},
		{"192.0.2.5/24", "2.0.192.in-addr.arpa"},
		{"1.2.3.0/28", "0/28.3.2.1.in-addr.arpa"},
		{"2001:db8::/32", "8.b.d.0.1.0.0.2.ip6.arpa"},
		{"2001:db8:1::/48", "1.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"2001:db8::1", "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"},
		{"1.2.3.0/20", ""},
		{"2001:db8::/33", ""},
		{"example.com", ""},
		{"1.2.3.4/40", ""},
		{"fe80::1%eth0", ""},
	} {
		got, err := ReverseName(tc.in)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ReverseName(%q) = %q; want an error", tc.in, got)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("ReverseName(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

// The record names DNSControl's PTR magic (PTR.md, REV.md) gives, and its
// errors, which must name both the address and the zone.
func TestReverseLabel(t *testing.T) {
	const v4 = "2.0.192.in-addr.arpa"
	const v6 = "8.b.d.0.1.0.0.2.ip6.arpa"
	const classless = "128/25.2.0.192.in-addr.arpa"
	for _, tc := range []struct {
		typ, label, zone string
		want             string   // the label, when there is no error
		errs             []string // what the error must say
	}{
		{typ: "PTR", label: "192.0.2.7", zone: v4, want: "7"},
		{typ: "PTR", label: "192.0.2.7", zone: "0.192.in-addr.arpa", want: "7.2"},
		{typ: "PTR", label: "5.2.0.192.in-addr.arpa.", zone: v4, want: "5"}, // REV("192.0.2.5")
		{typ: "PTR", label: "5.2.0.192.IN-ADDR.ARPA", zone: v4, want: "5"},
		{typ: "PTR", label: "2.0.192.in-addr.arpa.", zone: v4, want: "@"},
		{typ: "PTR", label: "7", zone: v4, want: "7"},
		{typ: "PTR", label: "7.1", zone: "0.192.in-addr.arpa", want: "7.1"},
		{typ: "PTR", label: "2001:db8::1", zone: v6, want: "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0"},
		{typ: "PTR", label: "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa.", zone: v6, want: "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0"},
		{typ: "PTR", label: "1.0.0.0", zone: v6, want: "1.0.0.0"}, // nibbles, not an IPv4 address
		{typ: "PTR", label: "192.0.2.130", zone: classless, want: "130"},
		{typ: "PTR", label: "130.2.0.192.in-addr.arpa.", zone: classless, want: "130"},
		{typ: "CNAME", label: "7.2.0.192.in-addr.arpa", zone: v4, want: "7"},
		{typ: "TXT", label: "192.0.2.7", zone: v4, want: "192.0.2.7"},
		{typ: "PTR", label: "198.51.100.7", zone: v4, errs: []string{"198.51.100.7", v4, "7.100.51.198.in-addr.arpa."}},
		{typ: "PTR", label: "7.3.0.192.in-addr.arpa.", zone: v4, errs: []string{"7.3.0.192.in-addr.arpa.", v4}},
		{typ: "PTR", label: "7.3.0.192.in-addr.arpa", zone: v4, errs: []string{"7.3.0.192.in-addr.arpa", v4}},
		{typ: "PTR", label: "2001:db8::1", zone: v4, errs: []string{"2001:db8::1", v4}},
		{typ: "PTR", label: "2001:db9::1", zone: v6, errs: []string{"2001:db9::1", v6}},
		{typ: "PTR", label: "192.0.2.5", zone: classless, errs: []string{"192.0.2.5", classless}},
	} {
		got, err := reverseLabel(tc.typ, tc.label, tc.zone)
		if tc.errs != nil {
			if err == nil {
				t.Errorf("%s %q in %s = %q; want an error", tc.typ, tc.label, tc.zone, got)
				continue
			}
			for _, s := range tc.errs {
				if !strings.Contains(err.Error(), s) {
					t.Errorf("%s %q in %s: error %q does not mention %q", tc.typ, tc.label, tc.zone, err, s)
				}
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("%s %q in %s = %q, %v; want %q", tc.typ, tc.label, tc.zone, got, err, tc.want)
		}
	}
}

func TestParseReverseAddr(t *testing.T) {
	for _, s := range []string{"192.0.2.7", "2001:db8::1", "::", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "0.0.0.0"} {
		n, err := ReverseName(s)
		if err != nil {
			t.Fatal(err)
		}
		ip, ok := parseReverseAddr(n)
		if !ok || ip.String() != s {
			t.Errorf("parseReverseAddr(%s) = %v, %v; want %s", n, ip, ok, s)
		}
	}
	for _, n := range []string{"2.0.192.in-addr.arpa", "x.2.0.192.in-addr.arpa", "1.0.ip6.arpa", "g" + strings.Repeat(".0", 31) + ".ip6.arpa", "00" + strings.Repeat(".0", 30) + ".ip6.arpa"} {
		if ip, ok := parseReverseAddr(n); ok {
			t.Errorf("parseReverseAddr(%s) = %v", n, ip)
		}
	}
}
