package verify

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/miekg/dns"

	"github.com/dnsctl/dnsctl/internal/model"
)

// Query asks server (host:port) for the records of name and type: over UDP
// with EDNS0 (4096 bytes), again over TCP when the answer is truncated. It
// returns the answer's records of that name and type in canonical form.
func Query(ctx context.Context, server, name, typ string, timeout time.Duration) ([]*model.Record, error) {
	qtype, ok := dns.StringToType[typ]
	if !ok {
		return nil, fmt.Errorf("query %s %s: unknown type", name, typ)
	}
	m := new(dns.Msg)
	m.SetQuestion(dns.Fqdn(name), qtype)
	m.RecursionDesired = false
	m.SetEdns0(4096, false)
	c := &dns.Client{Net: "udp", Timeout: timeout, UDPSize: 4096}
	in, _, err := c.ExchangeContext(ctx, m, server)
	if err == nil && in.Truncated {
		c.Net = "tcp"
		in, _, err = c.ExchangeContext(ctx, m, server)
	}
	if err != nil {
		return nil, fmt.Errorf("query %s %s at %s (%s %s): %w", name, typ, server, c.Net, timeout, err)
	}
	if in.Rcode != dns.RcodeSuccess && in.Rcode != dns.RcodeNameError {
		return nil, fmt.Errorf("query %s %s at %s: %s", name, typ, server, dns.RcodeToString[in.Rcode])
	}
	var out []*model.Record
	for _, rr := range in.Answer {
		h := rr.Header()
		if h.Rrtype != qtype || !strings.EqualFold(strings.TrimSuffix(h.Name, "."), name) {
			continue
		}
		out = append(out, model.FromRR(rr))
	}
	return out, nil
}

// Result is what one server answered for one zone.
type Result struct {
	Server   string
	Zone     string
	Sets     int
	Findings []Finding
	// Err is set when the server could not be asked (timeout, refusal).
	Err error
}

// OK reports whether the server agrees with the configuration.
func (r Result) OK() bool { return r.Err == nil && len(r.Findings) == 0 }

// Check queries server for every set of zone and compares the answers.
// It stops at the first query that fails: the server is unreachable.
func Check(ctx context.Context, server, zone string, sets []Set, timeout time.Duration) Result {
	res := Result{Server: server, Zone: zone, Sets: len(sets)}
	for _, s := range sets {
		got, err := Query(ctx, server, s.Name, s.Type, timeout)
		if err != nil {
			res.Err = err
			return res
		}
		res.Findings = append(res.Findings, Compare(s, got)...)
	}
	return res
}
