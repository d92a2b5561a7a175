package engine

import (
	"context"
	"fmt"
	"strings"

	"github.com/dnsctl/dnsctl/internal/model"
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
		ns, own, err := e.nameservers(ctx, d)
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
