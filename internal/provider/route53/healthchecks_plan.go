package route53

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/route53"
	"github.com/aws/aws-sdk-go-v2/service/route53/types"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider/route53/estate"
)

// MetaHealthCheckName is the record metadata R53_HEALTH_CHECK_NAME sets:
// the name of a check the domain declares. Prepare replaces it with the
// check's ID (health_check_id), or with a stand-in for a check push has
// yet to create, which the check's CREATE replaces with the real ID before
// the records are written.
const MetaHealthCheckName = "health_check_name"

// hcAction is what a plan does with one declared check.
type hcAction int

const (
	hcSame hcAction = iota
	hcCreate
	hcUpdate
	hcReplace
)

// hcEntry is one declared check of a zone and what it needs.
type hcEntry struct {
	want   estate.HealthCheck
	have   *liveCheck // the owned check of that name, or nil
	action hcAction
	reason string // why it is replaced
}

// standIn is the health_check_id records carry until the check exists.
func (e *hcEntry) standIn() string { return "(new check " + e.want.Name + ")" }

// refID is the health_check_id records carry in the plan.
func (e *hcEntry) refID() string {
	if e.action == hcSame || e.action == hcUpdate {
		return e.have.id
	}
	return e.standIn()
}

// hcZone is the health checks of one zone: what it declares (children
// before their parents), what it owns, and the IDs of the checks by name
// (those a push creates are added as it creates them).
type hcZone struct {
	key     string
	entries []*hcEntry
	byName  map[string]*hcEntry
	owned   []*liveCheck // owned by the entry and zone, by ID
	mu      sync.Mutex
	ids     map[string]string
}

// usesHealthChecks reports whether planning the zone needs the account's
// checks: it declares some, or records (existing or desired) use one.
func usesHealthChecks(d *model.Domain, recs ...[]*model.Record) bool {
	if d != nil && len(d.SettingsOf(estate.KindHealthCheck)) > 0 {
		return true
	}
	for _, rs := range recs {
		for _, r := range rs {
			if r.Meta[MetaHealthCheckID] != "" || r.Meta[MetaHealthCheckName] != "" {
				return true
			}
		}
	}
	return false
}

// healthCheckZone compares the checks domain d declares for zone key with
// those the provider's entry owns there.
func (p *Provider) healthCheckZone(ctx context.Context, key string, d *model.Domain) (*hcZone, error) {
	all, err := p.healthChecks(ctx)
	if err != nil {
		return nil, err
	}
	z := &hcZone{key: key, byName: map[string]*hcEntry{}, ids: map[string]string{}}
	ownedByName := map[string][]*liveCheck{}
	for _, lc := range all {
		if lc.ownedBy(p.cfg.EntryName, key) {
			z.owned = append(z.owned, lc)
		}
	}
	sort.Slice(z.owned, func(i, j int) bool { return z.owned[i].id < z.owned[j].id })
	for _, lc := range z.owned {
		ownedByName[lc.hc.Name] = append(ownedByName[lc.hc.Name], lc)
	}
	var declared []*hcEntry
	if d != nil {
		for _, s := range d.SettingsOf(estate.KindHealthCheck) {
			hc, err := estate.ParseHealthCheck(s.Args)
			if err != nil {
				return nil, fmt.Errorf("%s: %w", s.Pos, err)
			}
			if e, dup := z.byName[hc.Name]; dup {
				if !e.want.Equal(hc) {
					return nil, fmt.Errorf("%s: health check %q is declared twice with different options", s.Pos, hc.Name)
				}
				continue
			}
			e := &hcEntry{want: hc, have: adopt(ownedByName[hc.Name], hc)}
			z.byName[hc.Name] = e
			declared = append(declared, e)
		}
	}
	// Children before parents, so that a parent compares with its
	// children's IDs as the plan leaves them.
	done := map[string]bool{}
	var visit func(e *hcEntry, depth int) error
	visit = func(e *hcEntry, depth int) error {
		if done[e.want.Name] {
			return nil
		}
		if depth > len(declared) {
			return fmt.Errorf("calculated health checks form a loop through %q", e.want.Name)
		}
		for _, c := range e.want.Children {
			if ce := z.byName[c]; ce != nil {
				if err := visit(ce, depth+1); err != nil {
					return err
				}
			} else if !estate.IsHealthCheckID(c) {
				return fmt.Errorf("health check %q: child %q is neither declared nor a health check ID", e.want.Name, c)
			}
		}
		done[e.want.Name] = true
		z.entries = append(z.entries, e)
		return nil
	}
	for _, e := range declared {
		if err := visit(e, 0); err != nil {
			return nil, err
		}
	}
	for _, e := range z.entries {
		switch {
		case e.have == nil:
			e.action = hcCreate
		case e.have.hc.Replacement(e.want) != "":
			e.action, e.reason = hcReplace, e.have.hc.Replacement(e.want)
		case !e.have.hc.Equal(z.resolved(e.want)):
			e.action = hcUpdate
		}
		if e.action == hcSame || e.action == hcUpdate {
			z.ids[e.want.Name] = e.have.id
		}
	}
	return z, nil
}

// adopt picks, among the owned checks of a declared check's name (by ID),
// the one the declaration keeps: one that needs no replacement, else the
// first. There are several after a replacement made in part (the new
// check created, the records or the old check's deletion not): the next
// plan must adopt the new check, not replace once more.
func adopt(owned []*liveCheck, want estate.HealthCheck) *liveCheck {
	for _, lc := range owned {
		if lc.hc.Replacement(want) == "" {
			return lc
		}
	}
	if len(owned) > 0 {
		return owned[0]
	}
	return nil
}

// resolved returns h with its children as the IDs the plan gives them
// (stand-ins for checks still to be created).
func (z *hcZone) resolved(h estate.HealthCheck) estate.HealthCheck {
	h.Children = slices.Clone(h.Children)
	for i, c := range h.Children {
		if e := z.byName[c]; e != nil {
			h.Children[i] = e.refID()
		}
	}
	return h
}

// childIDs returns the IDs of h's children at apply time.
func (z *hcZone) childIDs(h estate.HealthCheck) ([]string, error) {
	z.mu.Lock()
	defer z.mu.Unlock()
	out := make([]string, len(h.Children))
	for i, c := range h.Children {
		out[i] = c
		if z.byName[c] != nil {
			id := z.ids[c]
			if id == "" {
				return nil, fmt.Errorf("child health check %q has not been created (its CREATE was not applied)", c)
			}
			out[i] = id
		}
	}
	return out, nil
}

// nameOf names a check ID for plan lines: the declared or owned name, else
// the ID.
func (z *hcZone) nameOf(id string) string {
	for _, lc := range z.owned {
		if lc.id == id && lc.hc.Name != "" {
			return lc.hc.Name
		}
	}
	return id
}

// resolveHealthCheckNames gives every desired record that names a check
// (R53_HEALTH_CHECK_NAME) the ID it will have: the existing check's, or a
// stand-in for one push creates. It makes no call unless a record names a
// check or the domain declares one.
func (p *Provider) resolveHealthCheckNames(ctx context.Context, key string, desired []*model.Record) error {
	d := p.decl.domains[key]
	named := slices.ContainsFunc(desired, func(r *model.Record) bool { return r.Meta[MetaHealthCheckName] != "" })
	if !named {
		return nil
	}
	z, err := p.healthCheckZone(ctx, key, d)
	if err != nil {
		return err
	}
	var problems []string
	for _, r := range desired {
		n := r.Meta[MetaHealthCheckName]
		if n == "" {
			continue
		}
		e := z.byName[n]
		if e == nil {
			where := r.Type + " " + model.LabelOf(r.Name, zoneName(key))
			if r.Pos != "" {
				where = r.Pos + ": " + where
			}
			problems = append(problems, fmt.Sprintf("%s: health check %q is not declared in the domain (R53_HEALTH_CHECK)", where, n))
			continue
		}
		if id := r.Meta[MetaHealthCheckID]; id != "" {
			return fmt.Errorf("%s: %s has both R53_HEALTH_CHECK_NAME(%q) and R53_HEALTH_CHECK_ID(%q)", r.Pos, r.Name, n, id)
		}
		r.Meta[MetaHealthCheckID] = e.refID()
		delete(r.Meta, MetaHealthCheckName)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s", strings.Join(problems, "\n"))
	}
	return nil
}

// healthChecksFeature plans the zone's health checks.
type healthChecksFeature struct{}

const kindHC = estate.KindHealthCheck

func (healthChecksFeature) planSettings(ctx context.Context, p *Provider, sz *settingsZone) ([]diff.Change, error) {
	if !usesHealthChecks(sz.domain, sz.existing) {
		return nil, nil
	}
	z, err := p.healthCheckZone(ctx, sz.key, sz.domain)
	if err != nil {
		return nil, err
	}
	key := func(name string) model.Key { return model.Key{Name: sz.key, Type: kindHC, SetID: name} }
	// The checks records that stay use (declared records, and those kept
	// by NO_PURGE or IGNORE rules): never deleted.
	used := map[string]bool{}
	for _, r := range sz.desired {
		used[r.Meta[MetaHealthCheckID]] = true
	}
	if sz.plan != nil {
		for _, k := range sz.plan.Kept {
			for _, r := range k.Records {
				used[r.Meta[MetaHealthCheckID]] = true
			}
		}
	}
	// Records of the configuration's other zones may name a check by ID
	// (R53_HEALTH_CHECK_ID): Route 53 would not stop its deletion.
	elsewhere := usedByOtherZones(p, sz.key)
	keep := func(lc *liveCheck, why string) {
		if sz.plan == nil {
			return
		}
		users := "records that stay use it"
		if z := elsewhere[lc.id]; z != "" && !used[lc.id] {
			users = "records of zone " + z + " use it (R53_HEALTH_CHECK_ID)"
		}
		sz.plan.Notes = append(sz.plan.Notes, fmt.Sprintf("health check %s (%s) is %s but %s: kept", lc.hc.Name, lc.id, why, users))
	}
	inUse := func(id string) bool { return used[id] || elsewhere[id] != "" }
	var changes, deletions []diff.Change
	for _, e := range z.entries {
		want := e.want.Describe(nil)
		switch e.action {
		case hcCreate, hcReplace:
			op := &hcCreateOp{z: z, e: e, records: recordsUsing(sz.plan, e.standIn())}
			c := diff.Change{Kind: diff.Create, Key: key(e.want.Name), Setting: &diff.Setting{New: want, Op: op}}
			changes = append(changes, c)
			if e.action != hcReplace {
				break
			}
			c.Setting.Note = "replaces check " + e.have.id + ": " + e.reason
			if inUse(e.have.id) {
				keep(e.have, "replaced")
				break
			}
			deletions = append(deletions, diff.Change{Kind: diff.Delete, Key: key(e.want.Name), Setting: &diff.Setting{
				Old: e.have.hc.Describe(z.nameOf), After: true, Note: "replaced: " + e.reason,
				Op: &hcDeleteOp{id: e.have.id, users: oldRecordsUsing(sz.plan, MetaHealthCheckID, e.have.id)}}})
		case hcUpdate:
			changes = append(changes, diff.Change{Kind: diff.Modify, Key: key(e.want.Name), Setting: &diff.Setting{
				Old: e.have.hc.Describe(z.nameOf), New: want, Note: z.repointNote(e.want), Op: &hcUpdateOp{z: z, e: e}}})
		}
	}
	// Owned checks no longer declared: deleted after the records, unless
	// a record that stays still uses them.
	var gone []*liveCheck
	for _, lc := range z.owned {
		if e := z.byName[lc.hc.Name]; e != nil && e.have == lc {
			continue
		}
		if inUse(lc.id) {
			keep(lc, "no longer declared")
			continue
		}
		gone = append(gone, lc)
	}
	// Calculated checks first: Route 53 refuses to delete a child in use.
	sort.SliceStable(gone, func(i, j int) bool {
		return gone[i].hc.Type == estate.HCCalculated && gone[j].hc.Type != estate.HCCalculated
	})
	for _, lc := range gone {
		name := lc.hc.Name
		if name == "" {
			name = lc.id
		}
		deletions = append(deletions, diff.Change{Kind: diff.Delete, Key: key(name), Setting: &diff.Setting{
			Old: lc.hc.Describe(z.nameOf), After: true, Op: &hcDeleteOp{id: lc.id, users: oldRecordsUsing(sz.plan, MetaHealthCheckID, lc.id)}}})
	}
	return append(changes, deletions...), nil
}

// usedByOtherZones returns the health check IDs that the records of the
// configuration's other zones of this provider declare, with the zone of
// one of them (no call: the configuration only).
func usedByOtherZones(p *Provider, key string) map[string]string {
	out := map[string]string{}
	for _, k := range p.decl.order {
		if k == key {
			continue
		}
		for _, r := range p.decl.domains[k].Records {
			if id := r.Meta[MetaHealthCheckID]; id != "" && out[id] == "" {
				out[id] = zoneName(k)
			}
		}
	}
	return out
}

// recordsUsing returns the records the plan writes with health check id.
func recordsUsing(plan *diff.Plan, id string) []*model.Record {
	if plan == nil {
		return nil
	}
	var out []*model.Record
	for _, c := range plan.Changes {
		for _, r := range c.New {
			if r.Meta[MetaHealthCheckID] == id {
				out = append(out, r)
			}
		}
	}
	return out
}

// hcCreateOp creates a declared check and points the plan's records at it.
type hcCreateOp struct {
	z       *hcZone
	e       *hcEntry
	records []*model.Record
}

func (o *hcCreateOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	children, err := o.z.childIDs(o.e.want)
	if err != nil {
		return err
	}
	lc, err := p.createHealthCheck(ctx, t.key, o.e.want, children)
	if err != nil {
		return err
	}
	o.z.mu.Lock()
	o.z.ids[o.e.want.Name] = lc.id
	o.z.mu.Unlock()
	for _, r := range o.records {
		r.Meta[MetaHealthCheckID] = lc.id
	}
	return nil
}

// hcUpdateOp updates an owned check in place.
type hcUpdateOp struct {
	z *hcZone
	e *hcEntry
}

func (o *hcUpdateOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	children, err := o.z.childIDs(o.e.want)
	if err != nil {
		return err
	}
	in := updateInput(o.e.have, o.e.want, children)
	var out *route53.UpdateHealthCheckOutput
	err = p.call(ctx, "route53:UpdateHealthCheck", t.key, callOptions{seeThrough: true}, func(ctx context.Context) error {
		var err error
		out, err = p.r53.UpdateHealthCheck(ctx, in)
		return err
	})
	if apiCode(err) == "HealthCheckVersionMismatch" {
		return fmt.Errorf("health check %s was changed by someone else after preview read it; run preview again: %w", o.e.have.id, err)
	}
	if err != nil {
		return err
	}
	if out != nil && out.HealthCheck != nil {
		p.rememberCheck(o.e.have.id, fromAWSCheck(*out.HealthCheck, o.e.have.tags))
	}
	return nil
}

// updateInput is the UpdateHealthCheck request that turns have into want:
// every updatable field of want, at have's version (so that a change made
// meanwhile by someone else is not overwritten), and the fields going
// back to their defaults reset.
func updateInput(have *liveCheck, want estate.HealthCheck, children []string) *route53.UpdateHealthCheckInput {
	c := awsCheckConfig(want, children)
	in := &route53.UpdateHealthCheckInput{
		HealthCheckId:      aws.String(have.id),
		HealthCheckVersion: aws.Int64(have.version),
		Inverted:           c.Inverted,
		Disabled:           c.Disabled,
	}
	if have.version == 0 {
		in.HealthCheckVersion = nil
	}
	h := have.hc
	switch want.Type {
	case estate.HCCalculated:
		in.ChildHealthChecks, in.HealthThreshold = c.ChildHealthChecks, c.HealthThreshold
	case estate.HCCloudWatch:
		in.AlarmIdentifier, in.InsufficientDataHealthStatus = c.AlarmIdentifier, c.InsufficientDataHealthStatus
	default:
		in.FullyQualifiedDomainName, in.IPAddress, in.Port = c.FullyQualifiedDomainName, c.IPAddress, c.Port
		in.ResourcePath, in.SearchString, in.FailureThreshold = c.ResourcePath, c.SearchString, c.FailureThreshold
		in.EnableSNI, in.Regions = c.EnableSNI, c.Regions
		if h.FQDN != "" && want.FQDN == "" {
			in.ResetElements = append(in.ResetElements, types.ResettableElementNameFullyQualifiedDomainName)
		}
		if h.Path != "" && want.Path == "" {
			in.ResetElements = append(in.ResetElements, types.ResettableElementNameResourcePath)
		}
		if len(h.Regions) > 0 && len(want.Regions) == 0 {
			in.ResetElements = append(in.ResetElements, types.ResettableElementNameRegions)
		}
	}
	return in
}

// hcDeleteOp deletes an owned check.
type hcDeleteOp struct {
	id string
	// users are the existing records that use the check, which the
	// plan's record changes stop using: the check is deleted only once
	// those changes are written (push -i may skip them; Route 53 does not
	// refuse to delete a check that records use).
	users []*model.Record
}

func (o *hcDeleteOp) apply(ctx context.Context, p *Provider, t zoneTarget) error {
	if n := p.written.unwritten(o.users); n > 0 {
		return fmt.Errorf("health check %s not deleted: records of this plan that use it were not changed (%d skipped or failed); push again", o.id, n)
	}
	return p.deleteHealthCheck(ctx, t.key, o.id)
}

// repointNote says which children of a calculated check h this plan
// replaces: the check is updated to point at their new checks, which its
// description (children by name) does not show. "" when none is.
func (z *hcZone) repointNote(h estate.HealthCheck) string {
	var names []string
	for _, c := range h.Children {
		if e := z.byName[c]; e != nil && e.action == hcReplace {
			names = append(names, c)
		}
	}
	if len(names) == 0 {
		return ""
	}
	return "children re-pointed to the new check of " + strings.Join(names, ", ")
}
