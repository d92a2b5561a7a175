package engine

import (
	"context"
	"fmt"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// createZone makes sure d exists at p, when p can create zones: a zone it
// creates is made real with what create-domains writes (newZonePlan), for
// providers whose zones exist only with content (BIND). It reports whether
// it created the zone.
func (e *Engine) createZone(ctx context.Context, d *model.Domain, p *DNSProvider) (bool, error) {
	zc, ok := p.Impl.(provider.ZoneCreator)
	if !ok {
		return false, nil
	}
	created, err := zc.EnsureZone(ctx, d.UniqueName())
	if err != nil || !created {
		return false, err
	}
	var plan *diff.Plan
	if plan, err = e.newZonePlan(ctx, d, p); err == nil {
		err = p.Impl.Apply(ctx, plan)
	}
	return err == nil, err
}

// PopulateOnPreview creates, for preview --populate-on-preview, the zones
// of dp that are missing at providers able to create them (as DNSControl
// does with that flag), and plans the domain again against the new zones:
// the records themselves are still only previewed. With --no-populate it
// creates nothing.
func (e *Engine) PopulateOnPreview(ctx context.Context, dp *DomainPlan) (*DomainPlan, error) {
	if e.noPopulate || dp == nil || dp.Err != nil {
		return dp, nil
	}
	created := map[string]bool{}
	for _, pp := range dp.Providers {
		if !pp.ZoneMissing || pp.Err != nil {
			continue
		}
		c, err := e.createZone(ctx, dp.Domain, pp.Provider)
		if err != nil {
			return dp, fmt.Errorf("creating zone %s at %s: %w", dp.Domain.Name, pp.Provider.Name, err)
		}
		created[pp.Provider.Name] = c
	}
	if len(created) == 0 {
		return dp, nil
	}
	dp = e.PlanDomain(ctx, dp.Domain)
	for _, pp := range dp.Providers {
		pp.Created = created[pp.Provider.Name]
	}
	return dp, nil
}

// serialForcer is a provider whose zones carry a serial the run may fix
// (BIND with --bindserial).
type serialForcer interface{ ForceSerial(serial uint32) }

// forceSerial gives every provider of the run that keeps SOA serials
// itself the serial --bindserial asks for.
func (e *Engine) forceSerial(n uint32) {
	if n == 0 {
		return
	}
	for _, p := range e.dns {
		if f, ok := p.Impl.(serialForcer); ok {
			f.ForceSerial(n)
		}
	}
}
