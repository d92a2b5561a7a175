package spf

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/dnsctl/dnsctl/internal/testutil/dnsserver"
)

func TestResolver(t *testing.T) {
	long := "v=spf1" + strings.Repeat(" ip4:192.0.2.1", 40) + " -all"
	srv := dnsserver.Start(t, map[string][][]string{
		"one.example":   {{"google-site-verification=x"}, {"v=spf1 ip4:192.0.2.0/24 ~all"}},
		"split.example": {{"v=spf1 ip4:192.0.2.1", " -all"}},
		"two.example":   {{"v=spf1 -all"}, {"v=spf1 ~all"}},
		"none.example":  {{"hello"}},
		"quote.example": {{`v=spf1 exists:%{i}.x"y -all`}},
		"long.example":  {{long[:200], long[200:400], long[400:]}},
	})
	r := &Resolver{Servers: []string{srv.Addr}, Timeout: 2 * time.Second}
	tests := []struct{ name, want, err string }{
		{"one.example", "v=spf1 ip4:192.0.2.0/24 ~all", ""},
		{"split.example", "v=spf1 ip4:192.0.2.1 -all", ""},
		{"quote.example", `v=spf1 exists:%{i}.x"y -all`, ""},
		{"long.example", long, ""},
		{"two.example", "", "two.example has more than one SPF record"},
		{"none.example", "", "none.example has no SPF record"},
		{"missing.example", "", "missing.example does not exist (NXDOMAIN from " + srv.Addr + ")"},
	}
	for _, tt := range tests {
		got, err := r.LookupSPF(context.Background(), tt.name)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("%s: error = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("%s: got %q, %v; want %q", tt.name, got, err, tt.want)
		}
	}
	// A server that does not answer: the error names it.
	pc, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer pc.Close()
	dead := &Resolver{Servers: []string{pc.LocalAddr().String()}, Timeout: 200 * time.Millisecond}
	if _, err := dead.LookupSPF(context.Background(), "one.example"); err == nil || !strings.Contains(err.Error(), "asking "+pc.LocalAddr().String()) {
		t.Errorf("dead server: error = %v", err)
	}
}

// TestFlattenThroughDNS: flattening with a cache that lacks some names
// asks the DNS server for exactly those.
func TestFlattenThroughDNS(t *testing.T) {
	txt := map[string][][]string{}
	for k, v := range zone {
		txt[k] = [][]string{{v}}
	}
	srv := dnsserver.Start(t, txt)
	dir := copyCache(t, "spfcache.json")
	c, err := OpenCache(dir, &Resolver{Servers: []string{srv.Addr}, Timeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	r, _ := Parse("v=spf1 include:_spf.google.com include:mailgun.org -all")
	spec := NewSpec([]string{"_spf.google.com", "_netblocks3.google.com", "mailgun.org"})
	if err := r.Resolve(context.Background(), spec, c); err != nil {
		t.Fatal(err)
	}
	f, _ := r.Flatten(spec)
	if want := "v=spf1 include:_netblocks.google.com include:_netblocks2.google.com ip4:172.217.0.0/19 include:spf1.mailgun.org include:spf2.mailgun.org -all"; f.TXT() != want {
		t.Errorf("got %s", f.TXT())
	}
	if got := strings.Join(srv.Asked(), " "); got != "_netblocks3.google.com" {
		t.Errorf("asked the server for %q", got)
	}
}
