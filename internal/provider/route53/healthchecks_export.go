package route53

import (
	"context"
	"sort"
	"strconv"

	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// exportSettings writes the checks the entry owns in the zone as
// R53_HEALTH_CHECK declarations, and turns the records' references to them
// into R53_HEALTH_CHECK_NAME. Checks owned by someone else stay referred
// to by ID. It makes no call unless a record uses a check.
func (healthChecksFeature) exportSettings(ctx context.Context, p *Provider, z *settingsZone) ([]*model.Setting, error) {
	if !usesHealthChecks(nil, z.existing) {
		return nil, nil
	}
	all, err := p.healthChecks(ctx)
	if err != nil {
		return nil, err
	}
	var owned []*liveCheck
	for _, lc := range all {
		if lc.ownedBy(p.cfg.EntryName, z.key) {
			owned = append(owned, lc)
		}
	}
	sort.Slice(owned, func(i, j int) bool {
		if owned[i].hc.Name != owned[j].hc.Name {
			return owned[i].hc.Name < owned[j].hc.Name
		}
		return owned[i].id < owned[j].id
	})
	// Names for the declarations: the Name tag, made unique (and valid)
	// where it is not.
	names := map[string]string{} // ID to name
	taken := map[string]bool{}
	for _, lc := range owned {
		base := lc.hc.Name
		if _, err := estate.ParseHealthCheck([]any{base, map[string]any{"type": "TCP", "ip": "192.0.2.1", "port": float64(1)}}); err != nil {
			base = "check"
		}
		name := base
		for i := 2; taken[name]; i++ {
			name = base + "-" + strconv.Itoa(i)
		}
		taken[name] = true
		names[lc.id] = name
	}
	var out []*model.Setting
	for _, lc := range owned {
		h := lc.hc
		h.Name = names[lc.id]
		h.Children = append([]string(nil), h.Children...)
		for i, c := range h.Children {
			if n, ok := names[c]; ok {
				h.Children[i] = n
			}
		}
		out = append(out, &model.Setting{Kind: estate.KindHealthCheck, Args: h.Args()})
	}
	for _, r := range z.existing {
		if n, ok := names[r.Meta[MetaHealthCheckID]]; ok {
			delete(r.Meta, MetaHealthCheckID)
			r.Meta[MetaHealthCheckName] = n
		}
	}
	return out, nil
}
