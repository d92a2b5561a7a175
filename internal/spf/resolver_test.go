package spf

import (
	"context"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// DNSServer is a DNS server on 127.0.0.1 (UDP and TCP on one port) that
// answers TXT queries from a table of names; a name absent from the
// table is NXDOMAIN. Asked lists the names queried.
type DNSServer struct {
	Addr string

	mu    sync.Mutex
	txt   map[string][][]string // fqdn → TXT records, each a list of strings
	asked []string
}

// StartDNSServer serves txt (names without the final dot) until the test ends.
func StartDNSServer(t testing.TB, txt map[string][][]string) *DNSServer {
	t.Helper()
	s := &DNSServer{txt: map[string][][]string{}}
	for k, v := range txt {
		s.txt[dns.Fqdn(k)] = v
	}
	// UDP and TCP on one port: take a free TCP port, then the same UDP
	// port, trying again if another process holds it.
	var pc net.PacketConn
	var ln net.Listener
	for try := 0; ; try++ {
		var err error
		ln, err = net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		pc, err = net.ListenPacket("udp", ln.Addr().String())
		if err == nil {
			break
		}
		ln.Close()
		if try == 20 {
			t.Fatal(err)
		}
	}
	s.Addr = ln.Addr().String()
	udp := &dns.Server{PacketConn: pc, Handler: s}
	tcp := &dns.Server{Listener: ln, Handler: s}
	go func() { _ = udp.ActivateAndServe() }()
	go func() { _ = tcp.ActivateAndServe() }()
	t.Cleanup(func() { _ = udp.Shutdown(); _ = tcp.Shutdown() })
	return s
}

// ServeDNS answers one query.
func (s *DNSServer) ServeDNS(w dns.ResponseWriter, q *dns.Msg) {
	m := new(dns.Msg)
	m.SetReply(q)
	name := q.Question[0].Name
	s.mu.Lock()
	s.asked = append(s.asked, strings.TrimSuffix(name, "."))
	recs, ok := s.txt[name]
	s.mu.Unlock()
	if !ok {
		m.Rcode = dns.RcodeNameError
	}
	for _, strs := range recs {
		m.Answer = append(m.Answer, &dns.TXT{Hdr: dns.RR_Header{Name: name, Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 60}, Txt: strs})
	}
	if _, isUDP := w.RemoteAddr().(*net.UDPAddr); isUDP && len(recs) > 0 && len(strings.Join(recs[0], "")) > 400 {
		m.Answer, m.Truncated = nil, true // makes the client retry over TCP
	}
	_ = w.WriteMsg(m)
}

// Asked returns the names queried so far.
func (s *DNSServer) Asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.asked...)
}

func TestResolver(t *testing.T) {
	long := "v=spf1" + strings.Repeat(" ip4:192.0.2.1", 40) + " -all"
	srv := StartDNSServer(t, map[string][][]string{
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
	srv := StartDNSServer(t, txt)
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
