// Package dnsserver is a small DNS server for tests: it answers TXT
// queries from a table, on 127.0.0.1, over UDP and TCP.
package dnsserver

import (
	"net"
	"strings"
	"sync"
	"testing"

	"github.com/miekg/dns"
)

// Server is a DNS server on 127.0.0.1 (UDP and TCP on one port) that
// answers TXT queries from a table of names; a name absent from the
// table is NXDOMAIN. Asked lists the names queried.
type Server struct {
	Addr string

	mu    sync.Mutex
	txt   map[string][][]string // fqdn → TXT records, each a list of strings
	asked []string
}

// Start serves txt (names without the final dot) until the test ends.
func Start(t testing.TB, txt map[string][][]string) *Server {
	t.Helper()
	s := &Server{txt: map[string][][]string{}}
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
func (s *Server) ServeDNS(w dns.ResponseWriter, q *dns.Msg) {
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
func (s *Server) Asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.asked...)
}
