package model

import (
	"net/netip"
	"strings"
	"testing"
)

func trec(name, typ string, ttl uint32, data string, meta ...string) *Record {
	r := &Record{Name: name, Type: typ, TTL: ttl, Data: data, Pos: "dnsconfig.js:1"}
	for i := 0; i+1 < len(meta); i += 2 {
		if r.Meta == nil {
			r.Meta = map[string]string{}
		}
		r.Meta[meta[i]] = meta[i+1]
	}
	return r
}

func importOf(domain string, ttl uint32, table string, meta ...string) *Record {
	return trec("@", ImportTransformType, ttl, domain, append([]string{MetaTransformTable, table}, meta...)...)
}

func lines(d *Domain) string {
	var b strings.Builder
	for _, r := range d.Records {
		b.WriteString(r.Name + " " + r.Type + " " + itoa(r.TTL) + " " + r.Data + "\n")
	}
	return b.String()
}

// TestImportTransform follows DNSControl's own cases
// (pkg/js/parse_tests/007-importTransformTTL, pkg/normalize/importTransform_test.go)
// and the rules of its importTransform.
func TestImportTransform(t *testing.T) {
	const base = "1.1.1.0 ~ 1.1.1.100 ~ 4.4.4.100 ~  ; 5.5.5.2 ~ 5.5.5.100 ~ 6.6.6.0 ~ "
	const newIP = "5.5.5.0 ~ 6.0.0.0 ~  ~ 7.7.7.7"
	tests := []struct {
		name    string
		domains []*Domain
		want    map[string]string // domain -> records
		err     string
	}{
		{
			name: "007-importTransformTTL",
			domains: []*Domain{
				{Name: "foo1.com", Records: []*Record{trec("bar", "A", 0, "1.1.1.1"), trec("foo", "A", 0, "5.5.5.5")}},
				{Name: "inny", Records: []*Record{importOf("foo1.com", 60, base)}},
				{Name: "com.inny", Records: []*Record{importOf("foo1.com", 99, newIP, MetaTransformStrip, "com")}},
			},
			want: map[string]string{
				"inny":     "bar.foo1.com.inny A 60 4.4.4.101\nfoo.foo1.com.inny A 60 6.6.6.3\n",
				"com.inny": "bar.foo1.com.inny A 99 1.1.1.1\nfoo.foo1.com.inny A 99 7.7.7.7\n",
			},
		},
		{
			// A record of the type already at the label equal to the
			// source's full name is not copied; two new addresses give two
			// records; the first A of a name stops the later ones.
			name: "importTransform_test",
			domains: []*Domain{
				{Name: "stackexchange.com", Records: []*Record{trec("*", "A", 300, "0.0.2.2"), trec("www", "A", 300, "0.0.1.1"), trec("www", "A", 300, "0.0.1.2")}},
				{Name: "internal", Records: []*Record{
					trec("*.stackexchange.com", "A", 300, "0.0.3.3"),
					importOf("stackexchange.com", 300, "0.0.0.0~1.1.1.1~~9.0.0.0,10.0.0.0"),
				}},
			},
			want: map[string]string{
				"internal": "*.stackexchange.com.internal A 300 0.0.3.3\nwww.stackexchange.com.internal A 300 9.0.0.0\nwww.stackexchange.com.internal A 300 10.0.0.0\n",
			},
		},
		{
			// CNAMEs get the destination appended to their target (minus
			// the suffix); other types and skipped records stay behind;
			// an address outside every row is kept; a row with no new
			// address drops it.
			name: "cname and skips",
			domains: []*Domain{
				{Name: "src.example", Records: []*Record{
					trec("www", "CNAME", 300, "web.src.example."),
					trec("cdn", "CNAME", 300, "cdn.example.net."),
					trec("mail", "MX", 300, "10 mx.src.example."),
					trec("skip", "A", 300, "192.0.2.1", MetaImportSkip, "yes"),
					trec("keep", "A", 300, "203.0.113.5"),
					trec("gone", "A", 300, "198.51.100.7"),
				}},
				{Name: "example.dst", Records: []*Record{importOf("src.example", 300, "198.51.100.0 ~ 198.51.100.255 ~  ~ ", MetaTransformStrip, "example")}},
			},
			want: map[string]string{
				"example.dst": "www.src.example.dst CNAME 300 web.src.example.dst.\ncdn.src.example.dst CNAME 300 cdn.example.net.dst.\nkeep.src.example.dst A 300 203.0.113.5\n",
			},
		},
		{
			// Imports run in declaration order: b (declared before a)
			// copies c before a's import adds to it... and a sees c's
			// imports of nothing; a transform on an A applies after.
			name: "order and record transforms",
			domains: []*Domain{
				{Name: "b.test", Records: []*Record{importOf("a.test", 300, "0.0.0.0~0.0.0.0~~")}},
				{Name: "a.test", Records: []*Record{
					trec("x", "A", 300, "192.0.2.1", MetaTransform, "192.0.2.0 ~ 192.0.2.255 ~ 198.51.100.0,203.0.113.0 ~ "),
					importOf("c.test", 300, "0.0.0.0~0.0.0.0~~"),
				}},
				{Name: "c.test", Records: []*Record{trec("y", "A", 300, "192.0.2.9")}},
				{Name: "d.test", Records: []*Record{importOf("a.test", 300, "0.0.0.0~0.0.0.0~~")}},
			},
			want: map[string]string{
				"b.test": "x.a.test.b.test A 300 198.51.100.1\nx.a.test.b.test A 300 203.0.113.1\n",
				"a.test": "x.a.test A 300 198.51.100.1\ny.c.test.a.test A 300 192.0.2.9\nx.a.test A 300 203.0.113.1\n",
				"d.test": "x.a.test.d.test A 300 198.51.100.1\ny.c.test.a.test.d.test A 300 192.0.2.9\nx.a.test.d.test A 300 203.0.113.1\n",
			},
		},
		{
			name: "missing source",
			domains: []*Domain{
				{Name: "a.test", Records: []*Record{importOf("nowhere.test", 300, "0.0.0.0~0.0.0.0~~")}},
			},
			err: `ERROR: dnsconfig.js:1: a.test: IMPORT_TRANSFORM: the domain "nowhere.test" it copies from is not declared with D()`,
		},
		{
			name: "suffix not there",
			domains: []*Domain{
				{Name: "src.example", Records: []*Record{trec("www", "A", 300, "192.0.2.1")}},
				{Name: "dst", Records: []*Record{importOf("src.example", 300, "0.0.0.0~0.0.0.0~~", MetaTransformStrip, "org")}},
			},
			err: `ERROR: dnsconfig.js:1: dst: IMPORT_TRANSFORM: the name www.src.example of src.example does not end with ".org", the suffix to strip`,
		},
		{
			name: "bad table",
			domains: []*Domain{
				{Name: "a.test", Records: []*Record{importOf("a.test", 300, "1.2.3.4 ~ 1.2.3.5")}},
			},
			err: `ERROR: dnsconfig.js:1: a.test: IMPORT_TRANSFORM @: row 1 has 2 fields; each row needs low, high, newBase and newIP ("1.2.3.4 ~ 1.2.3.5")`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cfg := &Config{Domains: tc.domains}
			ps := Normalize(cfg)
			if tc.err != "" {
				if ps.Err() == nil || ps.Error() != tc.err {
					t.Fatalf("problems %q, want %q", ps.Error(), tc.err)
				}
				return
			}
			if ps.Err() != nil {
				t.Fatal(ps.Error())
			}
			for _, d := range cfg.Domains {
				for _, r := range d.Records {
					if r.Type == ImportTransformType {
						t.Errorf("%s: placeholder left: %v", d.Name, r)
					}
				}
				if want, ok := tc.want[d.Name]; ok {
					if got := lines(d); got != want {
						t.Errorf("%s:\n%s\nwant\n%s", d.Name, got, want)
					}
				}
			}
		})
	}
}

func TestTransformAddr(t *testing.T) {
	table, err := DecodeTransformTable("0.0.0.0 ~ 1.1.1.0 ~ 2.2.2.2 ~  ; 1.1.1.1 ~ 2.2.2.2 ~  ~ 3.3.3.3,4.4.4.4,5.5.5.5 ; 255.255.255.0 ~ 255.255.255.255 ~ 255.255.255.250 ~ ")
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"1.2.3.4":         "3.3.3.3 4.4.4.4 5.5.5.5", // DNSControl's 006-transforms
		"0.0.0.5":         "2.2.2.7",
		"9.9.9.9":         "9.9.9.9",
		"255.255.255.255": "0.0.0.249", // wraps, as DNSControl's uint32 sum does
	} {
		var got []string
		for _, a := range TransformAddr(netip.MustParseAddr(in), table) {
			got = append(got, a.String())
		}
		if strings.Join(got, " ") != want {
			t.Errorf("%s: got %v, want %s", in, got, want)
		}
	}
	for _, bad := range []string{"", "1.2.3.4 ~ x ~ ~", "::1 ~ ::2 ~ ~", "1.1.1.1 ~ 1.1.1.2 ~ 1.1.1.3 ~ 1.1.1.4"} {
		if _, err := DecodeTransformTable(bad); err == nil || err.Error() == "" {
			t.Errorf("%q: err %v", bad, err)
		}
	}
}
