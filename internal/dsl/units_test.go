package dsl

import (
	"strings"
	"testing"

	"github.com/miekg/dns"
)

func TestParseDuration(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint32
		ok   bool
	}{
		{"300", 300, true},
		{"0", 0, true},
		{"90s", 90, true},
		{"5m", 300, true},
		{"1h", 3600, true},
		{"2d", 172800, true},
		{"1w", 604800, true},
		{"1w2d", 777600, true},
		{"1h30m", 5400, true},
		{"1h30", 3630, true},
		{"1H", 3600, true},
		{"1n", 2592000, true},
		{"1y", 31536000, true},
		{"", 0, false},
		{"h", 0, false},
		{"1x", 0, false},
		{"1 h", 0, false},
		{"-5", 0, false},
		{"1.5h", 0, false},
		{"99999999999", 0, false},
		{"100y", 0, false},
	} {
		got, ok := parseDuration(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseDuration(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSplitSPF(t *testing.T) {
	terms := strings.Fields("ip4:198.51.100.0/24 include:_spf.google.com include:mailgun.org include:spf.protection.outlook.com include:servers.mcsv.net ~all")
	got := splitSPF(terms, "_spf%d", "example.com", 0, 100)
	want := []spfLink{
		{"@", "v=spf1 ip4:198.51.100.0/24 include:_spf.google.com include:_spf1.example.com ~all"},
		{"_spf1", "v=spf1 include:mailgun.org include:spf.protection.outlook.com include:servers.mcsv.net ~all"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("link %d = %q, want %q", i, got[i], want[i])
		}
		if len(got[i].text) > 100 {
			t.Errorf("link %d is %d bytes", i, len(got[i].text))
		}
	}
	// Smaller records make a longer chain; every link fits.
	got = splitSPF(terms, "_spf%d", "example.com", 0, 75)
	if len(got) != 4 || got[3].label != "_spf3" || !strings.HasSuffix(got[2].text, " include:_spf3.example.com ~all") {
		t.Errorf("chain of 75-byte records: %q", got)
	}
	for _, l := range got {
		if len(l.text) > 75 {
			t.Errorf("%q is %d bytes", l.text, len(l.text))
		}
	}
	// It fits: one record.
	if got := splitSPF(terms, "_spf%d", "example.com", 0, 255); len(got) != 1 {
		t.Errorf("short record split: %q", got)
	}
	// overhead1 shortens the first record only.
	got = splitSPF(terms, "_spf%d", "example.com", 40, 140)
	if len(got[0].text) > 100 || len(got) < 2 {
		t.Errorf("overhead ignored: %q", got)
	}
	// A term that cannot fit stops the splitting.
	long := []string{"include:" + strings.Repeat("x", 120) + ".example", "~all"}
	if got := splitSPF(long, "_spf%d", "example.com", 0, 100); len(got) != 1 || got[0].text != "v=spf1 "+strings.Join(long, " ") {
		t.Errorf("oversized term: %q", got)
	}
}

func TestDKIMQuotedPrintable(t *testing.T) {
	for in, want := range map[string]string{
		"some human-readable notes": "some=20human-readable=20notes",
		"a;b=c":                     "a=3Bb=3Dc",
		"tab\there":                 "tab=09here",
		"é":                         "=C3=A9",
	} {
		if got := dkimQuotedPrintable(in); got != want {
			t.Errorf("dkimQuotedPrintable(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestExtendLabel(t *testing.T) {
	for _, tc := range []struct{ label, sub, zone, want string }{
		{"@", "sub", "example.com", "sub"},
		{"www", "sub", "example.com", "www.sub"},
		{"a.b", "x.y", "example.com", "a.b.x.y"},
		{"host.example.com.", "sub", "example.com", "host.example.com."},
		{"1.2.3.4", "sub", "example.com", "1.2.3.4"},
		{"1.2.3", "sub", "example.com", "1.2.3.sub"},
		{"2001:db8::1", "8.b.d.0", "1.0.0.2.ip6.arpa", "2001:db8::1"},
		{"3.0.0.0", "1.0.0.0", "8.b.d.0.1.0.0.2.ip6.arpa", "3.0.0.0.1.0.0.0"},
		{"192.0.2.7", "2", "0.192.in-addr.arpa", "192.0.2.7"},
		{"7.2.0.192.in-addr.arpa", "2", "0.192.in-addr.arpa", "7.2.0.192.in-addr.arpa"},
		{"7.2.0.192.in-addr.arpa", "sub", "example.com", "7.2.0.192.in-addr.arpa.sub"},
	} {
		if got := extendLabel(tc.label, tc.sub, tc.zone); got != tc.want {
			t.Errorf("extendLabel(%q, %q, %q) = %q, want %q", tc.label, tc.sub, tc.zone, got, tc.want)
		}
	}
}

func TestExtendTarget(t *testing.T) {
	for _, tc := range []struct{ typ, data, want string }{
		{"CNAME", "f", "f.sub"},
		{"CNAME", "@", "sub"},
		{"CNAME", "x.example.net.", "x.example.net."},
		{"NS", "ns1", "ns1.sub"},
		{"MX", "10 mail", "10 mail.sub"},
		{"MX", "10 @", "10 sub"},
		{"MX", "10 mail.example.net.", "10 mail.example.net."},
		{"SRV", "10 5 5060 sip", "10 5 5060 sip.sub"},
		{"A", "192.0.2.1", "192.0.2.1"},
		{"TXT", "hello world", "hello world"},
		{"R53_ALIAS", "www", "www"},
	} {
		if got := extendTarget(tc.typ, tc.data, "sub"); got != tc.want {
			t.Errorf("extendTarget(%q, %q) = %q, want %q", tc.typ, tc.data, got, tc.want)
		}
	}
}

func TestQuoteTXT(t *testing.T) {
	for in, want := range map[string]string{
		"letsencrypt.org": `"letsencrypt.org"`,
		`a"b`:             `"a\"b"`,
		`!^(.*)$!\1!`:     `"!^(.*)$!\\1!"`,
	} {
		if got := quoteTXT(in); got != want {
			t.Errorf("quoteTXT(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestDataParses checks that the record data the DSL composes is valid
// zone-file syntax for every type a zone file can hold.
func TestDataParses(t *testing.T) {
	src := `var R = NewRegistrar("r");
D("example.com", R,
  A("a", "192.0.2.1"), A("n", IP("192.0.2.2")),
  AAAA("a", "2001:db8::1"),
  CNAME("c", "target.example.net."),
  NS("ns", "ns1.example.net."),
  PTR("p", "host.example.net."),
  MX("@", 10, "mail"),
  SRV("_sip._tcp", 10, 5, 5060, "sip"),
  CAA("@", "issue", "letsencrypt.org"), CAA("@", "iodef", "mailto:a@example.com", CAA_CRITICAL),
  SSHFP("s", 1, 2, "123456789abcdef67890123456789abcdef67890123456789abcdef123456789"),
  TLSA("_443._tcp", 3, 1, 1, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
  DS("sub", 12345, 13, 2, "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
  NAPTR("e", 100, 10, "U", "E2U+sip", "!^(.*)$!sip:\\1@example.com!", "."),
  HTTPS("@", 1, ".", "alpn=h2,h3"), SVCB("_x", 0, "svc.example.net."),
  SOA("@", "ns1.example.net.", "hostmaster.example.com.", 7200, 3600, 1209600, 300),
  LOC("l", 42, 21, 54.5, "N", 71, 6, 18, "W", -24, 30, 10, 2),
  LOC("m", 0, 0, 0, "s", 179, 59, 59.999, "e", 42849672.95, 90000000, 90000000, 90000000),
  TXT("t", "plain"),
END);
`
	cfg, err := EvaluateSource("dnsconfig.js", []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range cfg.Domains[0].Records {
		name := r.Name
		if name == "@" {
			name = ""
		}
		data := r.Data
		if r.Type == "TXT" {
			data = quoteTXT(data)
		}
		line := name + " " + "300 IN " + r.Type + " " + data
		zp := dns.NewZoneParser(strings.NewReader(line), "example.com.", "")
		if _, ok := zp.Next(); !ok || zp.Err() != nil {
			t.Errorf("%s %s %q does not parse: %v", r.Name, r.Type, r.Data, zp.Err())
		}
	}
}
