package verify

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
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

// inFlight is how many queries Check has outstanding at one server.
const inFlight = 8

// Check queries server for every set of zone, a few queries at a time,
// and compares the answers; the findings keep the order of sets. It stops
// at the first query that fails: the server is unreachable.
func Check(ctx context.Context, server, zone string, sets []Set, timeout time.Duration) Result {
	res := Result{Server: server, Zone: zone, Sets: len(sets)}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	found := make([][]Finding, len(sets))
	errs := make([]error, len(sets))
	sem := make(chan struct{}, inFlight)
	var wg sync.WaitGroup
	for i, s := range sets {
		sem <- struct{}{}
		if ctx.Err() != nil {
			<-sem
			break
		}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			got, err := Query(ctx, server, s.Name, s.Type, timeout)
			if err != nil {
				errs[i] = err
				cancel()
				return
			}
			found[i] = Compare(s, got)
		}()
	}
	wg.Wait()
	for i := range sets {
		// The first failure in set order; a query cut short by it is not
		// the server's fault.
		if errs[i] != nil && (res.Err == nil || errors.Is(res.Err, context.Canceled) && !errors.Is(errs[i], context.Canceled)) {
			res.Err = errs[i]
		}
		res.Findings = append(res.Findings, found[i]...)
	}
	if res.Err == nil && parent.Err() != nil {
		// Interrupted: sets not asked must not pass for sets that agree.
		res.Err = fmt.Errorf("interrupted: %w", parent.Err())
	}
	if res.Err != nil {
		res.Findings = nil
	}
	return res
}
