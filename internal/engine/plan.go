package engine

import (
	"context"
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// DomainPlan is everything that would change for one domain.
type DomainPlan struct {
	Domain    *model.Domain
	Providers []*ProviderPlan
	Registrar *RegistrarPlan
	// Nameservers is the delegation the domain should have: NAMESERVER()
	// entries followed by those of its DNS providers.
	Nameservers []string
	// Err is a failure that stopped the whole domain (name server lookup).
	Err error
}

// ProviderPlan is the plan of one DNS provider for one domain.
type ProviderPlan struct {
	Provider *DNSProvider
	Plan     *diff.Plan
	// ZoneMissing says the provider has no such zone yet; push creates it.
	ZoneMissing bool
	// Created says push has just created the zone (EnsureZones); the plan
	// is the one against the new zone.
	Created bool
	// Batches is how many API calls the provider will use (0: unknown).
	Batches int
	// Existing is how many records the zone holds now (SOA excluded).
	Existing int
	// Risk is set when the plan is above its safety threshold.
	Risk *Risk
	Err  error
}

// Refused reports whether push must not apply the plan: it is above an
// enforced safety threshold.
func (p *ProviderPlan) Refused() bool { return p.Risk != nil && p.Risk.Enforced }

// RegistrarPlan is the delegation change of a domain at its registrar.
type RegistrarPlan struct {
	Registrar *Registrar
	Old, New  []string
	// Pending names the DNS providers whose zone push will create and whose
	// name servers are therefore known only then: New lacks them, and push
	// plans the registrar again once the zones exist.
	Pending []string
	Err     error
}

// Changed reports whether the registrar has something to do.
func (r *RegistrarPlan) Changed() bool {
	if r == nil || r.Err != nil {
		return false
	}
	return len(r.Pending) > 0 || (r.New != nil && !slices.Equal(r.Old, r.New))
}

// Corrections counts the record-level corrections of the provider plan.
func (p *ProviderPlan) Corrections() int {
	if p.Plan == nil {
		return 0
	}
	n := 0
	for _, c := range p.Plan.Changes {
		n += len(c.Lines(p.Plan.MetaKeys))
	}
	return n
}

// PlanAll plans every domain, concurrently (at most workers at a time),
// and returns the plans in configuration order.
func (e *Engine) PlanAll(ctx context.Context, workers int) []*DomainPlan {
	out := make([]*DomainPlan, len(e.Config.Domains))
	e.ForEach(ctx, workers, func(i int, d *model.Domain) {
		out[i] = e.PlanDomain(ctx, d)
	})
	return out
}

// ForEach calls fn for every domain of the run, at most workers at a time.
func (e *Engine) ForEach(ctx context.Context, workers int, fn func(i int, d *model.Domain)) {
	if workers < 1 {
		workers = 1
	}
	sem := make(chan struct{}, workers)
	var wg sync.WaitGroup
	for i, d := range e.Config.Domains {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			fn(i, d)
		}()
	}
	wg.Wait()
}

// PlanDomain computes the corrections of one domain: the desired name
// servers, each DNS provider's record plan, and the registrar's delegation.
func (e *Engine) PlanDomain(ctx context.Context, d *model.Domain) *DomainPlan {
	dp := &DomainPlan{Domain: d}
	e.pinZone(d)
	ns, own, err := e.nameservers(ctx, d, false)
	if err != nil {
		dp.Err = err
		return dp
	}
	dp.Nameservers = ns
	var pending []string
	standIn := map[string]bool{}
	files := map[string]string{} // zone file -> the provider keeping it
	for _, ref := range d.DNSProviders {
		p := e.dns[ref.Name]
		if p == nil || isNone(p.Impl) {
			continue
		}
		if err := sharedFile(files, p, d.UniqueName()); err != nil {
			dp.Providers = append(dp.Providers, &ProviderPlan{Provider: p, Err: err})
			continue
		}
		pp := e.planProvider(ctx, d, p, ns, own[p.Name])
		dp.Providers = append(dp.Providers, pp)
		if !pp.ZoneMissing || !assignsNameservers(p, d.UniqueName()) {
			continue
		}
		// The name servers such a provider gave are stand-ins: the
		// registrar gets the real ones once push has created the zone.
		for _, n := range own[p.Name] {
			standIn[n] = true
		}
		if ref.NSCount != 0 && e.willCreate(pp, d.UniqueName()) {
			pending = append(pending, p.Name)
		}
	}
	if r := e.registrars[d.Registrar]; r != nil {
		rp := &RegistrarPlan{Registrar: r}
		delegate := slices.DeleteFunc(slices.Clone(ns), func(n string) bool { return standIn[n] })
		if r.Impl != nil && (len(delegate) > 0 || len(pending) > 0) {
			rp.Pending = pending
			old, err := r.Impl.RegisteredNameservers(ctx, d.Name)
			if err != nil {
				rp.Err = fmt.Errorf("registrar %s: %w", r.Name, err)
			} else {
				rp.Old = normNS(old)
				rp.New = normNS(delegate)
			}
		}
		dp.Registrar = rp
	}
	return dp
}

// sharedFile refuses a second DNS provider of a domain that keeps the zone
// in the same file as an earlier one (two BIND entries with one
// directory): each would plan against the file the other is about to
// rewrite, so the second write could only fail half-way through a push.
func sharedFile(files map[string]string, p *DNSProvider, zone string) error {
	f, ok := p.Impl.(interface {
		Path(zone string) (string, error)
	})
	if !ok {
		return nil
	}
	path, err := f.Path(zone)
	if err != nil {
		return nil // the provider reports it when it reads the zone
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	if other, ok := files[path]; ok {
		return fmt.Errorf("zone %s is kept in %s, the file of DNS provider %s too; a file cannot be written by two providers: give the domain only one of them", zone, path, other)
	}
	files[path] = p.Name
	return nil
}

// pinZone tells d's DNS providers which zone R53_ZONE("ID") chose among
// several of the same name, before anything (name servers first) asks
// about the zone.
func (e *Engine) pinZone(d *model.Domain) {
	zid := d.Meta["zone_id"]
	if zid == "" {
		return
	}
	for _, ref := range d.DNSProviders {
		if u, ok := e.dns[ref.Name].implOrNil().(interface{ UseZoneID(zone, id string) }); ok {
			u.UseZoneID(d.UniqueName(), zid)
		}
	}
}

// implOrNil returns p's implementation, or nil for a missing provider.
func (p *DNSProvider) implOrNil() provider.DNS {
	if p == nil {
		return nil
	}
	return p.Impl
}

// willCreate reports whether push creates the missing zone of pp.
func (e *Engine) willCreate(pp *ProviderPlan, zone string) bool {
	if pp.Err != nil || e.noPopulate {
		return false
	}
	_, creates := pp.Provider.Impl.(provider.ZoneCreator)
	return creates
}

// assignsNameservers reports whether p picks the name servers of zone only
// when it creates it (until then it names stand-ins).
func assignsNameservers(p *DNSProvider, zone string) bool {
	a, ok := p.Impl.(provider.NameserverAssigner)
	return ok && a.AssignsNameservers(zone)
}

// nameservers gathers the domain's delegation: NAMESERVER() entries, then
// the first NSCount servers of each DNS provider. It also returns each
// provider's own name servers, which its apex NS set always keeps. exact
// reads every provider's real delegation; otherwise a provider may answer
// from its record listing (provider.ListedNameservers) where the domain
// delegates nothing from the answer (registrar NONE, no other DNS
// provider, no NS count).
func (e *Engine) nameservers(ctx context.Context, d *model.Domain, exact bool) ([]string, map[string][]string, error) {
	ns := slices.Clone(d.Nameservers)
	own := map[string][]string{}
	// Where the answer goes to a registrar or to another provider's apex
	// NS set, it must be the real delegation.
	reg := e.registrars[d.Registrar]
	served := 0
	for _, ref := range d.DNSProviders {
		if p := e.dns[ref.Name]; p != nil && !isNone(p.Impl) {
			served++
		}
	}
	delegates := (reg != nil && reg.Impl != nil) || served > 1
	for _, ref := range d.DNSProviders {
		p := e.dns[ref.Name]
		if p == nil || isNone(p.Impl) {
			continue
		}
		read := p.Impl.Nameservers
		if l, ok := p.Impl.(provider.ListedNameservers); ok && !exact && !delegates && ref.NSCount < 0 {
			read = l.ListedNameservers
		}
		got, err := read(ctx, d.UniqueName())
		if err != nil {
			return nil, nil, fmt.Errorf("getting name servers from %s: %w", p.Name, err)
		}
		own[p.Name] = normNS(got)
		if ref.NSCount == 0 {
			continue
		}
		if ref.NSCount > 0 && len(got) > ref.NSCount {
			got = got[:ref.NSCount]
		}
		ns = append(ns, got...)
	}
	seen := map[string]bool{}
	out := ns[:0]
	for _, n := range ns {
		n = strings.ToLower(n)
		if !strings.HasSuffix(n, ".") {
			n += "."
		}
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out, own, nil
}

func normNS(ns []string) []string {
	out := model.FQDNs(ns)
	slices.Sort(out)
	return slices.Compact(out)
}

func (e *Engine) planProvider(ctx context.Context, d *model.Domain, p *DNSProvider, ns, own []string) *ProviderPlan {
	pp := &ProviderPlan{Provider: p}
	if p.serial != nil {
		p.serial.Lock()
		defer p.serial.Unlock()
	}
	existing, err := p.Impl.Records(ctx, d.UniqueName())
	if err != nil {
		if !errZoneMissing(err) {
			pp.Err = err
			return pp
		}
		pp.ZoneMissing = true
		existing = nil
		// Plan a zone push will create against what it will hold once
		// created, so preview shows what push will really do.
		if nz, ok := p.Impl.(provider.NewZoneDescriber); ok {
			if existing, err = nz.NewZoneRecords(ctx, d.UniqueName()); err != nil {
				pp.Err = err
				return pp
			}
		}
	}
	desired := desiredRecords(d, ns, own, existing)
	if err := model.ResolveECHIgnore(desired, existing); err != nil {
		pp.Err = err
		return pp
	}
	if prep, ok := p.Impl.(provider.Preparer); ok {
		if err := prep.Prepare(ctx, d.UniqueName(), desired); err != nil {
			pp.Err = err
			return pp
		}
	}
	opts := diff.DomainOptions(d)
	opts.MetaKeys, opts.OneTTLPerSet = p.Caps.MetaKeys, p.Caps.OneTTLPerSet
	plan, err := diff.Compute(d.Name, existing, desired, opts)
	if err != nil {
		pp.Err = err
		return pp
	}
	plan.Zone = d.UniqueName()
	if sp, ok := p.Impl.(provider.SettingsPlanner); ok {
		if err := sp.PlanSettings(ctx, d.UniqueName(), existing, desired, plan); err != nil {
			pp.Err = err
			return pp
		}
	}
	pp.Plan = plan
	for _, r := range existing {
		if r.Type != "SOA" {
			pp.Existing++
		}
	}
	pp.Risk = e.safetyFor(d, p).assess(plan, pp.Existing)
	if b, ok := p.Impl.(provider.Batcher); ok {
		pp.Batches = b.Batches(plan)
	}
	return pp
}

// desiredRecords returns the domain's records for one provider: copies of
// the configured records plus the apex NS set of the delegation (unless the
// domain's metadata says no_ns). A managed apex NS set (one the delegation
// or the configuration's own NS("@") records make) always keeps the
// provider's own name servers (own): removing them would break the zone at
// that provider. The set has one TTL (see apexNSTTL); a change of it shows
// in the plan like any other.
func desiredRecords(d *model.Domain, ns, own []string, existing []*model.Record) []*model.Record {
	out := make([]*model.Record, 0, len(d.Records)+len(ns)+len(own))
	var apex []*model.Record // configured apex NS records (copies in out)
	for _, r := range d.Records {
		c := r.Clone()
		out = append(out, c)
		if r.Type == "NS" && r.Name == d.Name {
			apex = append(apex, c)
		}
	}
	if d.Meta["no_ns"] == "true" {
		ns = nil // the delegation is not written into the zone
	}
	if len(ns) == 0 && len(apex) == 0 {
		return out
	}
	ttl := apexNSTTL(d, ns, own, apex, existing)
	have := map[string]bool{}
	for _, r := range apex {
		r.TTL = ttl
		have[r.Data] = true
	}
	for _, n := range append(slices.Clone(ns), own...) {
		if !have[n] {
			have[n] = true
			out = append(out, &model.Record{Name: d.Name, Type: "NS", TTL: ttl, Data: n, Pos: d.Pos})
		}
	}
	return out
}

// defaultNSTTL is the TTL DNSControl gives the apex NS records it makes
// from NAMESERVER() and the providers' name servers when NAMESERVER_TTL
// does not say (pkg/nameservers.AddNSRecords).
const defaultNSTTL = 300

// apexNSTTL returns the TTL of the apex NS set desiredRecords makes from
// the delegation ns (NAMESERVER() names and the providers' servers), the
// provider's own servers own and the configured apex NS records apex:
//   - NAMESERVER_TTL when set;
//   - else, when the configuration names servers with NAMESERVER(), the
//     TTL DNSControl gives: defaultNSTTL for the delegation's servers and
//     its own TTL for a configured NS("@") record; a set has one TTL, so
//     the lowest wins. A configuration migrated from DNSControl then shows
//     no change against a zone DNSControl wrote;
//   - else the lowest TTL of the configured NS("@") records;
//   - else (a set of the provider's own servers only, as Route 53 makes
//     it) the TTL the set already has, so adopting a zone leaves the set
//     alone; defaultNSTTL for a new one.
//
// The provider's own servers are kept in the set even where the
// delegation leaves them out (DnsProvider(p, 0)); DNSControl would
// replace them. There the set keeps the TTL it has, so they stay as they
// are (see TestOwnNameserversNeverDeleted).
func apexNSTTL(d *model.Domain, ns, own []string, apex, existing []*model.Record) uint32 {
	if d.NameserverTTL != 0 {
		return d.NameserverTTL
	}
	var ttl uint32
	configured := map[string]bool{}
	for _, r := range apex {
		configured[r.Data] = true
		if ttl == 0 || r.TTL < ttl {
			ttl = r.TTL
		}
	}
	inDelegation := map[string]bool{}
	for _, n := range ns {
		inDelegation[n] = true
	}
	ownOutside := false
	for _, n := range own {
		ownOutside = ownOutside || !inDelegation[n] && !configured[n]
	}
	if len(d.Nameservers) > 0 && !ownOutside {
		for _, n := range ns {
			if !configured[n] {
				ttl = min(nonZero(ttl, defaultNSTTL), defaultNSTTL)
				break
			}
		}
	}
	if ttl != 0 {
		return ttl
	}
	for _, r := range existing {
		if r.Type == "NS" && r.Name == d.Name {
			return r.TTL
		}
	}
	return defaultNSTTL
}

func nonZero(v, def uint32) uint32 {
	if v == 0 {
		return def
	}
	return v
}

// EnsureZones creates the zones of dp that are missing at providers able to
// create zones (in a configured delegation set, where the provider has one)
// and, when it created any, plans the domain again against what now
// exists, so push applies exactly what the new zone needs.
func (e *Engine) EnsureZones(ctx context.Context, dp *DomainPlan) (*DomainPlan, error) {
	if e.noPopulate {
		return dp, nil
	}
	created := map[string]bool{}
	ensured := false
	for _, pp := range dp.Providers {
		// A plan that failed (e.g. an alias Prepare rejected) changes
		// nothing at its provider, not even by creating the zone.
		if !pp.ZoneMissing || pp.Err != nil {
			continue
		}
		zc, ok := pp.Provider.Impl.(provider.ZoneCreator)
		if !ok {
			continue
		}
		c, err := zc.EnsureZone(ctx, dp.Domain.UniqueName())
		if err != nil {
			return dp, fmt.Errorf("creating zone %s at %s: %w", dp.Domain.Name, pp.Provider.Name, err)
		}
		pp.Created = c
		created[pp.Provider.Name] = c
		ensured = true
	}
	// Plan again even if the zone turned out to exist already (created
	// meanwhile): the plan was made against what a new zone would hold.
	if !ensured {
		return dp, nil
	}
	dp = e.PlanDomain(ctx, dp.Domain)
	for _, pp := range dp.Providers {
		pp.Created = created[pp.Provider.Name]
		// A provider that makes a zone real only with its content (BIND)
		// gets it now when there is nothing more to write; any other
		// plan is applied (or refused) as usual.
		if pp.Created && pp.Err == nil && pp.Plan != nil && len(pp.Plan.Changes) == 0 {
			if err := pp.Provider.Impl.Apply(ctx, pp.Plan); err != nil {
				return dp, fmt.Errorf("creating zone %s at %s: %w", dp.Domain.Name, pp.Provider.Name, err)
			}
		}
	}
	return dp, nil
}

// Lock takes, for a push, the locks of the run's DNS providers that keep
// zones other processes may change (provider.Locker), one provider at a
// time in name order, before any zone is read; release frees them all.
// waiting is told when a provider waits for another process.
func (e *Engine) Lock(ctx context.Context, waiting func(msg string)) (release func(), err error) {
	zones := zonesByProvider(e.Config.Domains)
	var releases []func()
	release = func() {
		for i := len(releases) - 1; i >= 0; i-- {
			releases[i]()
		}
	}
	for _, name := range slices.Sorted(maps.Keys(e.dns)) {
		l, ok := e.dns[name].Impl.(provider.Locker)
		if !ok || len(zones[name]) == 0 {
			continue
		}
		r, err := l.Lock(ctx, zones[name], waiting)
		if err != nil {
			release()
			if !strings.HasPrefix(err.Error(), name+": ") { // "bind: bind: …"
				err = fmt.Errorf("%s: %w", name, err)
			}
			return nil, err
		}
		releases = append(releases, r)
	}
	return release, nil
}

// Apply makes a provider plan real.
func (e *Engine) Apply(ctx context.Context, pp *ProviderPlan, plan *diff.Plan) error {
	p := pp.Provider
	if p.serial != nil {
		p.serial.Lock()
		defer p.serial.Unlock()
	}
	if len(plan.Changes) == 0 {
		return nil
	}
	if err := refuseStandIns(plan); err != nil {
		return fmt.Errorf("%s: %w", p.Name, err)
	}
	if err := p.Impl.Apply(ctx, plan); err != nil {
		return fmt.Errorf("%s: %w", p.Name, err)
	}
	return nil
}

// refuseStandIns stops a plan that still holds a stand-in name server (a
// name under .invalid, RFC 2606) of a zone a provider had not created when
// the plan was made: push plans again once the zone exists.
func refuseStandIns(plan *diff.Plan) error {
	for _, c := range plan.Changes {
		for _, r := range c.New {
			if r.Type == "NS" && isStandIn(r.Data) {
				return fmt.Errorf("zone %s: the plan holds the name server %s, a stand-in for one not assigned yet; plan again", plan.Zone, r.Data)
			}
		}
	}
	return nil
}

func isStandIn(ns string) bool { return strings.HasSuffix(strings.ToLower(ns), ".invalid.") }

// ApplyRegistrar updates the domain's delegation at its registrar.
func (e *Engine) ApplyRegistrar(ctx context.Context, d *model.Domain, rp *RegistrarPlan) error {
	if len(rp.Pending) > 0 {
		return fmt.Errorf("registrar %s: not updated: the name servers of the zone at %s are not known until it is created",
			rp.Registrar.Name, strings.Join(rp.Pending, ", "))
	}
	for _, n := range rp.New {
		if isStandIn(n) {
			return fmt.Errorf("registrar %s: not updated: %s stands in for a name server not assigned yet", rp.Registrar.Name, n)
		}
	}
	if err := rp.Registrar.Impl.SetNameservers(ctx, d.Name, rp.New); err != nil {
		return fmt.Errorf("registrar %s: %w", rp.Registrar.Name, err)
	}
	return nil
}

// CreateZones makes sure every domain exists at each of its DNS providers
// that can create zones (create-domains). It reports, per domain and
// provider, whether the zone was created.
func (e *Engine) CreateZones(ctx context.Context, report func(domain, providerName string, created bool, err error)) {
	for _, d := range e.Config.Domains {
		e.pinZone(d)
		for _, ref := range d.DNSProviders {
			p := e.dns[ref.Name]
			if p == nil {
				continue
			}
			if _, ok := p.Impl.(provider.ZoneCreator); !ok {
				continue
			}
			created, err := e.createZone(ctx, d, p)
			report(d.UniqueName(), p.Name, created, err)
		}
	}
}

// newZonePlan is what create-domains writes into a zone it created: no
// records (the provider adds its own, such as an SOA), except where a name
// server loads the zone from a file (BIND): there the domain's apex NS
// records and the addresses of in-zone name servers go in too, since a
// zone file without them does not load.
func (e *Engine) newZonePlan(ctx context.Context, d *model.Domain, p *DNSProvider) (*diff.Plan, error) {
	if !p.Caps.ZoneFiles {
		return &diff.Plan{Zone: d.UniqueName()}, nil
	}
	ns, own, err := e.nameservers(ctx, d, true)
	if err != nil {
		return nil, err
	}
	desired := desiredRecords(d, ns, own[p.Name], nil)
	var apex []*model.Record
	servers := map[string]bool{}
	for _, r := range desired {
		if r.Type == "NS" && r.Name == d.Name {
			apex = append(apex, r)
			servers[strings.TrimSuffix(r.Data, ".")] = true
		}
	}
	// The addresses of name servers inside the zone (glue) go in too:
	// BIND refuses a zone whose NS names an in-zone server without one.
	for _, r := range desired {
		if (r.Type == "A" || r.Type == "AAAA") && servers[r.Name] {
			apex = append(apex, r)
		}
	}
	plan, err := diff.Compute(d.Name, nil, apex, diff.Options{MetaKeys: p.Caps.MetaKeys})
	if err != nil {
		return nil, err
	}
	plan.Zone = d.UniqueName()
	return plan, nil
}

// safetyFor returns the threshold of d at p: --max-change when given (the
// operator's choice for this run wins over the files), else the domain's
// max_change, else the provider entry's, else the warn-only default.
func (e *Engine) safetyFor(d *model.Domain, p *DNSProvider) Safety {
	if e.safety.Enforced {
		return e.safety
	}
	for _, v := range []string{d.Meta[maxChangeField], p.maxChange} {
		if v == "" {
			continue
		}
		if t, err := ParseShare(v); err == nil {
			return Safety{Threshold: t, Enforced: true, MinRecords: e.safety.MinRecords}
		}
	}
	return e.safety
}
