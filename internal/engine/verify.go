package engine

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"time"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/verify"
)

// VerifyTarget is what `dnsctl verify` checks for one domain: the records
// the configuration declares and the authoritative servers to ask.
type VerifyTarget struct {
	Zone    string
	Records []*model.Record
	// Servers are the host names of the domain's DNS providers' name
	// servers (without the final dot); empty when none has any (BIND).
	Servers []string
}

// VerifyTargets returns the domains of the run with their desired records
// (as preview plans them, apex NS set included) and name servers.
func (e *Engine) VerifyTargets(ctx context.Context) ([]VerifyTarget, error) {
	var out []VerifyTarget
	for _, d := range e.Config.Domains {
		ns, own, err := e.nameservers(ctx, d, true)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", d.UniqueName(), err)
		}
		var all []string
		for _, ref := range d.DNSProviders {
			all = append(all, own[ref.Name]...)
		}
		t := VerifyTarget{Zone: d.Name, Records: desiredRecords(d, ns, all, nil)}
		seen := map[string]bool{}
		for _, n := range all {
			n = strings.TrimSuffix(n, ".")
			if !seen[n] {
				seen[n] = true
				t.Servers = append(t.Servers, n)
			}
		}
		out = append(out, t)
	}
	return out, nil
}

// VerifyOptions say which servers Verify asks and how.
type VerifyOptions struct {
	// Servers (host:port) are asked for every zone instead of the
	// providers' name servers.
	Servers []string
	// Timeout limits each query.
	Timeout time.Duration
	// Workers is how many servers are asked at once (at least 1); each is
	// asked about one zone at a time, so it has at most verify.Check's few
	// queries in flight from dnsctl.
	Workers int
}

// ErrNoServers is the result of a zone none of whose providers has name
// servers to ask (BIND): give VerifyOptions.Servers.
var ErrNoServers = errors.New("its providers have no name servers; give --server host:port")

// Verify asks the authoritative servers of every domain of the run (or
// o.Servers), several at once, whether they serve the configuration. The
// results come in configuration order, then server order; a zone with no
// server to ask has one result with Err ErrNoServers and no Server.
func (e *Engine) Verify(ctx context.Context, o VerifyOptions) ([]verify.Result, error) {
	targets, err := e.VerifyTargets(ctx)
	if err != nil {
		return nil, err
	}
	type job struct {
		server, zone string
		sets         []verify.Set
	}
	var jobs []job
	for _, t := range targets {
		asked := o.Servers
		if len(asked) == 0 {
			for _, s := range t.Servers {
				asked = append(asked, net.JoinHostPort(s, "53"))
			}
		}
		if len(asked) == 0 {
			jobs = append(jobs, job{zone: t.Zone})
			continue
		}
		sets := verify.Sets(t.Records)
		for _, s := range asked {
			jobs = append(jobs, job{server: s, zone: t.Zone, sets: sets})
		}
	}
	// Each server's jobs, in order, run one after the other.
	out := make([]verify.Result, len(jobs))
	var servers []string
	byServer := map[string][]int{}
	for i, j := range jobs {
		if j.server == "" {
			out[i] = verify.Result{Zone: j.zone, Err: ErrNoServers}
			continue
		}
		if _, ok := byServer[j.server]; !ok {
			servers = append(servers, j.server)
		}
		byServer[j.server] = append(byServer[j.server], i)
	}
	sem := make(chan struct{}, max(o.Workers, 1))
	var wg sync.WaitGroup
	for _, s := range servers {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			for _, i := range byServer[s] {
				j := jobs[i]
				if ctx.Err() != nil {
					out[i] = verify.Result{Zone: j.zone, Server: j.server, Sets: len(j.sets), Err: fmt.Errorf("interrupted: %w", ctx.Err())}
					continue
				}
				out[i] = verify.Check(ctx, j.server, j.zone, j.sets, o.Timeout)
			}
		}()
	}
	wg.Wait()
	return out, nil
}
