package route53

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53domains"
	"github.com/aws/aws-sdk-go-v2/service/route53domains/types"

	"github.com/dnsctl/dnsctl/internal/model"
)

// RegisteredNameservers returns the name servers Route 53 Domains has for
// the registered domain (fully qualified, trailing dot). It needs only
// route53domains:GetDomainDetail, so it works when the DNS provider is
// something else.
func (p *Provider) RegisteredNameservers(ctx context.Context, domain string) ([]string, error) {
	ns, err := p.registeredNameservers(ctx, canonicalZone(domain))
	return ns, p.public(err)
}

func (p *Provider) registeredNameservers(ctx context.Context, domain string) ([]string, error) {
	out, err := p.domainDetail(ctx, domain)
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(out.Nameservers))
	for _, n := range out.Nameservers {
		names = append(names, aws.ToString(n.Name))
	}
	return model.FQDNs(names), nil
}

// domainDetails caches, for the run, what GetDomainDetail answered, by
// domain: planning a domain asks it for the registered name servers and,
// with R53_DNSSEC registrar: true, for the DS records. A change the run
// makes at the registry forgets the domain's answer.
type domainDetails struct {
	mu sync.Mutex
	m  map[string]*route53domains.GetDomainDetailOutput
}

// domainDetail reads what Route 53 Domains holds for the registered domain,
// once per run (see domainDetails).
func (p *Provider) domainDetail(ctx context.Context, domain string) (*route53domains.GetDomainDetailOutput, error) {
	p.details.mu.Lock()
	out, ok := p.details.m[domain]
	p.details.mu.Unlock()
	if ok {
		return out, nil
	}
	return p.freshDomainDetail(ctx, domain)
}

// freshDomainDetail reads what Route 53 Domains holds for the registered
// domain now, and keeps it for domainDetail.
func (p *Provider) freshDomainDetail(ctx context.Context, domain string) (*route53domains.GetDomainDetailOutput, error) {
	if p.domains == nil {
		return nil, fmt.Errorf("domain %s: no Route 53 Domains client", domain)
	}
	var out *route53domains.GetDomainDetailOutput
	err := p.call(ctx, "route53domains:GetDomainDetail", domain, callOptions{}, func(ctx context.Context) error {
		var err error
		out, err = p.domains.GetDomainDetail(ctx, &route53domains.GetDomainDetailInput{DomainName: aws.String(domain)})
		return err
	})
	if err != nil {
		return nil, err
	}
	p.details.mu.Lock()
	defer p.details.mu.Unlock()
	if p.details.m == nil {
		p.details.m = map[string]*route53domains.GetDomainDetailOutput{}
	}
	p.details.m[domain] = out
	return out, nil
}

// forgetDomainDetail drops the cached answer for domain, which the run is
// changing at the registry.
func (p *Provider) forgetDomainDetail(domain string) {
	p.details.mu.Lock()
	defer p.details.mu.Unlock()
	delete(p.details.m, domain)
}

// SetNameservers replaces the domain's name servers at the registry
// (route53domains:UpdateDomainNameservers). The update is asynchronous at
// the registry; Route 53 Domains accepts it and carries it out.
func (p *Provider) SetNameservers(ctx context.Context, domain string, ns []string) error {
	return p.public(p.setNameservers(ctx, canonicalZone(domain), ns))
}

func (p *Provider) setNameservers(ctx context.Context, domain string, ns []string) error {
	if p.domains == nil {
		return fmt.Errorf("domain %s: no Route 53 Domains client", domain)
	}
	if len(ns) == 0 {
		return fmt.Errorf("domain %s: refusing to set an empty list of name servers", domain)
	}
	servers := make([]types.Nameserver, 0, len(ns))
	for _, n := range ns {
		n = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(n), "."))
		if n == "" {
			continue
		}
		if strings.HasSuffix(n, ".invalid") {
			return fmt.Errorf("domain %s: refusing to delegate to %s: names under .invalid are never real servers (a stand-in for name servers not assigned yet?)", domain, n)
		}
		servers = append(servers, types.Nameserver{Name: aws.String(n)})
	}
	p.forgetDomainDetail(domain)
	// UpdateDomainNameservers sets the full list, so repeating it after an
	// uncertain failure is harmless; once sent it is seen through.
	return p.call(ctx, "route53domains:UpdateDomainNameservers", domain, callOptions{seeThrough: true}, func(ctx context.Context) error {
		_, err := p.domains.UpdateDomainNameservers(ctx, &route53domains.UpdateDomainNameserversInput{DomainName: aws.String(domain), Nameservers: servers})
		return err
	})
}
