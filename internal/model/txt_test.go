package model

import (
	"strings"
	"testing"

	"github.com/miekg/dns"
)

func TestTXTRoundTrip(t *testing.T) {
	cases := []struct{ raw, data string }{
		{"", `""`},
		{"v=spf1 -all", `"v=spf1 -all"`},
		{`say "hi"`, `"say \"hi\""`},
		{`back\slash`, `"back\\slash"`},
		{"semi;colon", `"semi;colon"`},
		{"tab\there", `"tab\009here"`},
		{"café", `"caf\195\169"`},
		{strings.Repeat("a", 256), `"` + strings.Repeat("a", 255) + `" "a"`},
	}
	for _, c := range cases {
		if got := TXTData(c.raw); got != c.data {
			t.Errorf("TXTData(%q) = %s, want %s", c.raw, got, c.data)
		}
		back, err := TXTValue(c.data)
		if err != nil || back != c.raw {
			t.Errorf("TXTValue(%s) = %q, %v; want %q", c.data, back, err, c.raw)
		}
		// Our canonical form must be what miekg/dns prints for the same data.
		rr, err := dns.NewRR("x. 300 IN TXT " + c.data)
		if err != nil {
			t.Fatalf("miekg cannot parse %s: %v", c.data, err)
		}
		if got := strings.TrimPrefix(rr.String(), rr.Header().String()); got != c.data {
			t.Errorf("miekg prints %s, we print %s", got, c.data)
		}
	}
}

func TestTXTStringsErrors(t *testing.T) {
	for _, bad := range []string{``, `"open`, `"a\`, `"\999"`} {
		if _, err := TXTStrings(bad); err == nil {
			t.Errorf("TXTStrings(%q): want error", bad)
		}
	}
	ss, err := TXTStrings(`"a b" c "d\"e"`)
	if err != nil || len(ss) != 3 || ss[0] != "a b" || ss[1] != "c" || ss[2] != `d"e` {
		t.Errorf("TXTStrings = %q, %v", ss, err)
	}
}

func FuzzTXT(f *testing.F) {
	f.Add("v=spf1 include:_spf.example.com ~all")
	f.Add(`"quoted" \ back`)
	f.Add(strings.Repeat("x", 600))
	f.Fuzz(func(t *testing.T, raw string) {
		data := TXTData(raw)
		back, err := TXTValue(data)
		if err != nil {
			t.Fatalf("TXTValue(%s): %v", data, err)
		}
		if back != raw {
			t.Fatalf("round trip: %q -> %s -> %q", raw, data, back)
		}
		ss, _ := TXTStrings(data)
		for _, s := range ss {
			if len(s) > MaxTXTString {
				t.Fatalf("string of %d bytes", len(s))
			}
		}
		// Arbitrary presentation input must not panic either.
		_, _ = TXTStrings(raw)
	})
}
