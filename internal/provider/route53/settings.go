package route53

import (
	"context"
	"errors"
	"fmt"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// Settings besides records. Each kind of Route 53 setting a configuration
// can declare (health checks, VPC associations, DNSSEC, zone tags and
// comment, query logging, CIDR collections) is a feature: it compares what
// a domain declares with what Route 53 has and returns settings changes
// (diff.Change with Setting set) whose Op is a settingOp. PlanSettings puts
// the changes made before the records in front of the record changes and
// the others after them; Apply makes them in that order. A feature whose
// declarations a domain does not use makes no call for it.

// feature is one kind of setting the provider manages besides records.
type feature interface {
	planSettings(ctx context.Context, p *Provider, z *settingsZone) ([]diff.Change, error)
}

// settingsExporter is a feature that get-zones can write back as
// declarations.
type settingsExporter interface {
	exportSettings(ctx context.Context, p *Provider, z *settingsZone) ([]*model.Setting, error)
}

// features are the features, in the order their changes are shown.
var features = []feature{
	vpcFeature{},
	zoneSettings{},
	healthChecksFeature{},
	dnssecFeature{},
	cidrFeature{},
}

// settingsZone is what a feature plans or exports one zone from.
type settingsZone struct {
	key string
	// domain is the configuration's domain of the zone, nil when there is
	// none (get-zones).
	domain *model.Domain
	// id is the hosted zone's ID, "" when push has yet to create it.
	id string
	// existing and desired are the records the record plan compares
	// (for get-zones, existing only).
	existing, desired []*model.Record
	// plan is the zone's record plan; a feature may rewrite its changes
	// (nil for get-zones).
	plan *diff.Plan
}

// settings returns the domain's settings of kind.
func (z *settingsZone) settings(kind string) []*model.Setting {
	if z.domain == nil {
		return nil
	}
	return z.domain.SettingsOf(kind)
}

// settingOp is the work of one settings change (diff.Setting.Op).
type settingOp interface {
	apply(ctx context.Context, p *Provider, z zoneTarget) error
}

// zoneTarget is the zone a settings change is made in.
type zoneTarget struct {
	key, name, id string
}

// declared holds what the configuration declares for the provider's zones.
type declared struct {
	domains  map[string]*model.Domain // by zone key
	order    []string                 // zone keys, in configuration order
	settings []*model.Setting         // account-wide
}

// UseConfiguration gives the provider the configuration's domains that use
// it and its account-wide settings (provider.Entry.Domains, .Settings).
func (p *Provider) UseConfiguration(domains []*model.Domain, settings []*model.Setting) {
	p.decl = declared{domains: make(map[string]*model.Domain, len(domains)), settings: settings}
	for _, d := range domains {
		p.decl.domains[zoneKey(d.UniqueName())] = d
		p.decl.order = append(p.decl.order, zoneKey(d.UniqueName()))
	}
}

var _ provider.SettingsPlanner = (*Provider)(nil)
var _ provider.SettingsExporter = (*Provider)(nil)

// PlanSettings adds the zone's settings changes to plan (see feature).
func (p *Provider) PlanSettings(ctx context.Context, zone string, existing, desired []*model.Record, plan *diff.Plan) error {
	return p.public(p.planSettings(ctx, zone, existing, desired, plan))
}

func (p *Provider) planSettings(ctx context.Context, zone string, existing, desired []*model.Record, plan *diff.Plan) error {
	key := zoneKey(zone)
	z := &settingsZone{key: key, domain: p.decl.domains[key], existing: existing, desired: desired, plan: plan}
	if z.domain == nil && len(p.decl.settings) == 0 {
		// Even then, traffic-policy record sets are never touched.
		return keepTrafficPolicySets(z)
	}
	id, err := p.zoneID(ctx, key)
	switch {
	case err == nil:
		z.id = id
	case errors.Is(err, provider.ErrZoneNotFound):
	default:
		return err
	}
	var before, after []diff.Change
	for _, f := range features {
		cs, err := f.planSettings(ctx, p, z)
		if err != nil {
			return fmt.Errorf("zone %s: %w", key, err)
		}
		for _, c := range cs {
			if c.Setting.After {
				after = append(after, c)
			} else {
				before = append(before, c)
			}
		}
	}
	if len(before)+len(after) > 0 {
		changes := make([]diff.Change, 0, len(before)+len(plan.Changes)+len(after))
		changes = append(changes, before...)
		changes = append(changes, plan.Changes...)
		plan.Changes = append(changes, after...)
	}
	return nil
}

// ExportSettings returns the declarations that keep the zone's settings
// (get-zones), rewriting records' references to them.
func (p *Provider) ExportSettings(ctx context.Context, zone string, records []*model.Record) ([]*model.Setting, error) {
	key := zoneKey(zone)
	id, err := p.zoneID(ctx, key)
	if err != nil {
		return nil, p.public(err)
	}
	z := &settingsZone{key: key, id: id, existing: records}
	var out []*model.Setting
	for _, f := range features {
		e, ok := f.(settingsExporter)
		if !ok {
			continue
		}
		ss, err := e.exportSettings(ctx, p, z)
		if err != nil {
			return nil, p.public(fmt.Errorf("zone %s: %w", key, err))
		}
		out = append(out, ss...)
	}
	return out, nil
}

// splitSettings separates a plan's changes into the settings changes made
// before the records, the record changes, and those made after.
func splitSettings(plan *diff.Plan) (before []diff.Change, records *diff.Plan, after []diff.Change) {
	rp := *plan
	rp.Changes = nil
	for _, c := range plan.Changes {
		switch {
		case c.Setting == nil:
			rp.Changes = append(rp.Changes, c)
		case c.Setting.After:
			after = append(after, c)
		default:
			before = append(before, c)
		}
	}
	return before, &rp, after
}

// applySettings makes settings changes in order. It returns how many took
// effect and the error that stopped it.
func (p *Provider) applySettings(ctx context.Context, t zoneTarget, cs []diff.Change) (int, error) {
	for i, c := range cs {
		if err := ctx.Err(); err != nil {
			return i, fmt.Errorf("interrupted: %w", err)
		}
		op, ok := c.Setting.Op.(settingOp)
		if !ok {
			return i, fmt.Errorf("%s %s: the plan does not say how to make this change (plan again)", c.Key.Type, c.Key.SetID)
		}
		if err := op.apply(ctx, p, t); err != nil {
			return i, fmt.Errorf("%s %s %s: %w", c.Kind, c.Key.Type, settingLabel(c), err)
		}
	}
	return len(cs), nil
}

func settingLabel(c diff.Change) string {
	if c.Key.SetID != "" {
		return c.Key.SetID
	}
	return c.Key.Name
}

// SettingsError reports a failed settings change of an Apply: which
// changes of the plan took effect before it and which did not.
type SettingsError struct {
	Zone       string
	Applied    []diff.Change
	NotApplied []diff.Change
	Err        error
}

func (e *SettingsError) Error() string {
	return fmt.Sprintf("zone %s: %v (%d changes of the plan were applied before, %d were not); run push again to apply the rest",
		e.Zone, e.Err, len(e.Applied), len(e.NotApplied))
}

func (e *SettingsError) Unwrap() error { return e.Err }

// AppliedChanges returns the changes that took effect before the failure.
func (e *SettingsError) AppliedChanges() []diff.Change { return e.Applied }
