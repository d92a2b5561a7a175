package engine

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// RunOptions say how Run previews or pushes.
type RunOptions struct {
	// Push applies the plans; otherwise Run only plans them.
	Push bool
	// Workers is how many zones are worked on at once (at least 1).
	Workers int
	// Force applies plans above their safety threshold (push --force).
	Force bool
	// PopulateOnPreview creates, in a preview, the zones push would create
	// (DNSControl's --populate-on-preview).
	PopulateOnPreview bool
	// Confirm, when set, is asked before each change a push makes (and
	// before a registrar update); false skips it. The run then works on
	// one zone at a time, in configuration order.
	Confirm func() bool
	// Observer sees the run as it goes (nil: nobody).
	Observer Observer
}

// Outcome is what push did with a provider's or registrar's corrections.
type Outcome string

// The outcomes of a push; a preview, and a plan with nothing to do, have
// none (""). "partly applied (N skipped)" is PartlySkipped(N).
const (
	OutcomeApplied       Outcome = "applied"
	OutcomePartlyApplied Outcome = "partly applied" // failed after some took effect
	OutcomeFailed        Outcome = "failed"
	OutcomeRefused       Outcome = "refused"     // above its safety threshold
	OutcomeSkipped       Outcome = "skipped"     // declined (RunOptions.Confirm)
	OutcomeInterrupted   Outcome = "interrupted" // before the zone was changed
	OutcomeNotApplied    Outcome = "not applied" // another zone could not be planned
)

// PartlySkipped is the outcome of a plan some of whose changes were
// declined and the others applied.
func PartlySkipped(n int) Outcome { return Outcome(fmt.Sprintf("partly applied (%d skipped)", n)) }

// ErrNotRead is the error of a zone the run was interrupted before it
// read; it matches context.Canceled.
var ErrNotRead error = notRead{}

type notRead struct{}

func (notRead) Error() string        { return "the run was interrupted before this zone was read" }
func (notRead) Is(target error) bool { return target == context.Canceled }

// RunResult is what a Run did.
type RunResult struct {
	// Zones are the results of the run's domains, in configuration order.
	Zones []*ZoneResult
	// NothingPushed says why a push changed nothing at all ("" when it
	// went ahead, and for a preview).
	NothingPushed string
}

// Totals are the corrections planned and applied, and whether anything
// failed or was held back.
func (r *RunResult) Totals() (corrections, applied int, failed bool) {
	for _, z := range r.Zones {
		corrections += z.Corrections
		applied += z.Applied
		failed = failed || z.Failed
	}
	return corrections, applied, failed
}

// ZoneResult is what the run did for one domain.
type ZoneResult struct {
	Domain *model.Domain
	// Plan is the final plan (after push created missing zones); nil if
	// the domain could not be read.
	Plan *DomainPlan
	// Targets are the domain's DNS providers then its registrar, each with
	// what became of its corrections; a domain that failed as a whole has
	// one target naming no provider (or one per provider it had).
	Targets     []*TargetResult
	Corrections int  // planned (shown)
	Applied     int  // made by push
	Held        bool // push held a plan back because of another zone
	Failed      bool
}

// TargetResult is what became of the corrections of a domain at one DNS
// provider or at its registrar.
type TargetResult struct {
	Provider  string // the DNS provider, or
	Registrar string // the registrar
	// Plan is the provider's plan, when it planned; RegistrarPlan the
	// registrar's, with Line describing its change.
	Plan          *ProviderPlan
	RegistrarPlan *RegistrarPlan
	Line          string
	ZoneCreated   bool
	// Corrections counts the lines of the plan (the registrar's: 1).
	Corrections int
	Err         error
	Outcome     Outcome
	Applied     int
	// Held says push did not apply the corrections because of something
	// outside the plan (RunResult.NothingPushed, an interruption).
	Held bool
}

// Run previews or pushes every domain of the run and returns what it did.
//
// A preview plans and shows each zone as soon as it is read. A push plans
// every zone before it changes any: one that cannot be planned (bad input,
// a zone ID that does not exist, an unreachable account) holds every zone
// back, so a run is never half-applied because of one. It then creates
// missing zones and plans them again, applies each provider's plan (unless
// it is above its safety threshold), then updates the registrar. A push
// interrupted before it changed a zone leaves that zone alone.
func (e *Engine) Run(ctx context.Context, o RunOptions) *RunResult {
	if o.Observer == nil {
		o.Observer = Observers(nil)
	}
	if o.Confirm != nil {
		o.Workers = 1
	}
	r := &run{e: e, o: o}
	res := &RunResult{Zones: make([]*ZoneResult, len(e.Config.Domains))}
	if !o.Push {
		e.ForEach(ctx, o.Workers, func(i int, d *model.Domain) {
			ref := ZoneRef{i, d}
			var dp *DomainPlan
			if ctx.Err() == nil {
				dp = e.PlanDomain(ctx, d)
			}
			if o.PopulateOnPreview && ctx.Err() == nil {
				var err error
				if dp, err = e.PopulateOnPreview(ctx, dp); err != nil {
					dp = &DomainPlan{Domain: d, Err: err}
				}
			}
			r.emit(ZonePlanned{ref, dp})
			res.Zones[i] = r.zone(ctx, ref, dp, hold{})
		})
		return res
	}

	r.emit(StageStarted{Stage: StagePlanning})
	plans := make([]*DomainPlan, len(e.Config.Domains))
	e.ForEach(ctx, o.Workers, func(i int, d *model.Domain) {
		if ctx.Err() == nil {
			plans[i] = e.PlanDomain(ctx, d)
		}
		r.emit(ZonePlanned{ZoneRef{i, d}, plans[i]})
	})
	blocked := r.blocked(ctx, plans)
	r.emit(StageStarted{Stage: StagePushing, Applying: blocked.outcome == ""})
	each := func(i int, d *model.Domain) {
		h := blocked
		if h.outcome == "" && ctx.Err() != nil {
			h = hold{outcome: OutcomeInterrupted, why: "the run was interrupted before this zone was changed"}
		}
		res.Zones[i] = r.zone(ctx, ZoneRef{i, d}, plans[i], h)
	}
	if o.Confirm != nil || blocked.outcome != "" {
		for i, d := range e.Config.Domains {
			each(i, d)
		}
	} else {
		e.ForEach(ctx, o.Workers, each)
	}
	if blocked.outcome == OutcomeInterrupted ||
		blocked.outcome != "" && slices.ContainsFunc(res.Zones, func(z *ZoneResult) bool { return z.Held }) {
		res.NothingPushed = blocked.why
	}
	return res
}

// run is one Run in progress.
type run struct {
	e *Engine
	o RunOptions
}

func (r *run) emit(ev Event) { r.o.Observer.Observe(ev) }

// hold says why push must not change a zone it has planned; the zero value
// lets it go ahead.
type hold struct {
	outcome Outcome // of the zone's corrections
	why     string  // for the end of the run
	short   string  // for each zone held back (why if empty)
}

func (h hold) zoneWhy() string {
	if h.short != "" {
		return h.short
	}
	return h.why
}

// blocked returns the hold of a push whose plans are not all sound: one
// that the run's interruption cut short, or one that failed.
func (r *run) blocked(ctx context.Context, plans []*DomainPlan) hold {
	if ctx.Err() != nil {
		return hold{outcome: OutcomeInterrupted, why: "the run was interrupted while planning, before any zone was changed"}
	}
	var bad []string
	for i, dp := range plans {
		if dp == nil || r.planFailed(dp) {
			bad = append(bad, r.e.Config.Domains[i].UniqueName())
		}
	}
	if len(bad) == 0 {
		return hold{}
	}
	const show = 5
	names := strings.Join(bad[:min(len(bad), show)], ", ")
	if len(bad) > show {
		names += fmt.Sprintf(" and %d more", len(bad)-show)
	}
	them, zones := "them", fmt.Sprintf("%d zones", len(bad))
	if len(bad) == 1 {
		them, zones = "it", "1 zone"
	}
	return hold{outcome: OutcomeNotApplied,
		short: "push changes nothing while a zone of the run cannot be planned (see the end)",
		why: fmt.Sprintf("%s could not be planned (%s); push changes nothing until every zone of the run plans cleanly: fix %s, or leave %s out with --domains",
			zones, names, them, them)}
}

// planFailed reports whether dp has an error that push cannot go past.
func (r *run) planFailed(dp *DomainPlan) bool {
	if dp.Err != nil {
		return true
	}
	for _, pp := range dp.Providers {
		if pp.Err != nil || r.missingZone(pp) != nil {
			return true
		}
	}
	return dp.Registrar != nil && dp.Registrar.Err != nil
}

// missingZone is the error of a zone push would need but will not create
// (nil if none).
func (r *run) missingZone(pp *ProviderPlan) error {
	if !pp.ZoneMissing {
		return nil
	}
	_, canCreate := pp.Provider.Impl.(provider.ZoneCreator)
	if canCreate && !r.e.noPopulate {
		return nil
	}
	msg := fmt.Sprintf("zone %s does not exist at %s; create it with `dnsctl create-domains`", pp.Plan.Zone, pp.Provider.Name)
	if canCreate {
		msg += " (or push without --no-populate)"
	}
	return errors.New(msg)
}

// errOutcome is the outcome of corrections push could not go on with
// because of err ("" in a preview).
func (r *run) errOutcome(err error) Outcome {
	switch {
	case !r.o.Push:
		return ""
	case errors.Is(err, context.Canceled):
		return OutcomeInterrupted
	}
	return OutcomeFailed
}

// zone shows the plan dp of a domain and, for push, applies it unless h
// holds it back. dp is nil when the run was interrupted before the domain
// was read.
func (r *run) zone(ctx context.Context, ref ZoneRef, dp *DomainPlan, h hold) *ZoneResult {
	res := &ZoneResult{Domain: ref.Domain, Plan: dp}
	r.emit(ZoneStarted{ref})
	defer r.emit(ZoneFinished{ref, res})
	fail := func(err error, targets ...*TargetResult) *ZoneResult {
		r.emit(ZoneFailed{ref, err})
		res.Failed = true
		for _, t := range targets {
			t.Err, t.Outcome = err, r.errOutcome(err)
		}
		if len(targets) == 0 {
			targets = []*TargetResult{{Err: err, Outcome: r.errOutcome(err)}}
		}
		res.Targets = targets
		return res
	}
	switch {
	case dp == nil:
		return fail(ErrNotRead)
	case dp.Err != nil:
		return fail(dp.Err)
	}
	apply := r.o.Push && h.outcome == ""
	if apply {
		ndp, err := r.e.EnsureZones(ctx, dp)
		if err == nil && ndp.Err != nil { // planning again after creating a zone failed
			err = ndp.Err
		}
		if err != nil {
			// A re-plan that failed early has no providers; the first
			// plan's know which zones were created.
			pps := ndp.Providers
			if len(pps) == 0 {
				pps = dp.Providers
			}
			var targets []*TargetResult
			for _, pp := range pps {
				targets = append(targets, &TargetResult{Provider: pp.Provider.Name, ZoneCreated: pp.Created})
			}
			return fail(err, targets...)
		}
		dp = ndp
		res.Plan = dp
	}
	r.emit(ZoneReady{ref, dp})
	for _, pp := range dp.Providers {
		res.add(r.provider(ctx, ref, pp, apply, h))
	}
	if rp := dp.Registrar; rp != nil {
		res.add(r.registrar(ctx, ref, rp, apply, h))
	}
	if len(res.Targets) == 0 { // every domain has its result
		res.Targets = []*TargetResult{{}}
	}
	return res
}

// add counts the result t of one of the zone's providers or its registrar.
func (res *ZoneResult) add(t *TargetResult) {
	res.Targets = append(res.Targets, t)
	res.Corrections += t.Corrections
	res.Applied += t.Applied
	res.Held = res.Held || t.Held
	res.Failed = res.Failed || t.Held || t.Err != nil ||
		t.Outcome == OutcomeRefused || t.Outcome == OutcomeInterrupted
}

// provider shows and (apply) applies the plan of one DNS provider.
func (r *run) provider(ctx context.Context, ref ZoneRef, pp *ProviderPlan, apply bool, h hold) *TargetResult {
	t := &TargetResult{Provider: pp.Provider.Name}
	if pp.Err != nil {
		r.emit(ProviderFailed{ZoneRef: ref, Plan: pp, Err: pp.Err})
		t.Err, t.Outcome = pp.Err, r.errOutcome(pp.Err)
		return t
	}
	if err := r.missingZone(pp); err != nil {
		r.emit(ProviderFailed{ZoneRef: ref, Plan: pp, Err: err, ZoneMissing: true})
		t.Err, t.Outcome = err, r.errOutcome(nil)
		return t
	}
	t.Plan, t.ZoneCreated = pp, pp.Created
	if pp.Risk != nil && r.o.Push && r.o.Force {
		pp.Risk.Forced = true
	}
	count := pp.Corrections()
	t.Corrections = count
	refused := apply && pp.Refused() && !r.o.Force
	r.emit(ProviderPlanned{ZoneRef: ref, Plan: pp, Corrections: count, Apply: apply, Refused: refused})
	switch {
	case count == 0:
		return t
	case !apply:
		r.emit(ChangesListed{ref, pp, pp.Plan.Changes})
		if r.o.Push {
			r.emit(Held{ref, pp, h.zoneWhy()})
			t.Outcome, t.Held = h.outcome, true
		}
		return t
	case refused:
		r.emit(ChangesListed{ref, pp, pp.Plan.Changes})
		r.emit(Refused{ref, pp})
		t.Outcome = OutcomeRefused
		return t
	}
	skipped, done, err := r.apply(ctx, ref, pp)
	t.Applied = done
	switch {
	case err != nil:
		t.Err = err
		switch {
		case done >= count: // applied, but push --wait stopped short
			t.Outcome = OutcomeApplied
		case done > 0:
			t.Outcome = OutcomePartlyApplied
		default:
			t.Outcome = r.errOutcome(err)
		}
	case skipped == count:
		t.Outcome = OutcomeSkipped
	case skipped > 0:
		t.Outcome = PartlySkipped(skipped)
	default:
		t.Outcome = OutcomeApplied
	}
	return t
}

// apply applies one provider's plan: all of it at once, or with Confirm
// one record set at a time after asking. It returns how many corrections
// were declined and how many took effect.
func (r *run) apply(ctx context.Context, ref ZoneRef, pp *ProviderPlan) (skipped, done int, err error) {
	lines := func(cs []diff.Change) int {
		n := 0
		for _, c := range cs {
			n += len(c.Lines(pp.Plan.MetaKeys))
		}
		return n
	}
	// partly counts what a failed Apply did make, when the provider says.
	partly := func(err error) int {
		var pa interface{ AppliedChanges() []diff.Change }
		if errors.As(err, &pa) {
			return lines(pa.AppliedChanges())
		}
		return 0
	}
	trace := provider.WithBatchTrace(ctx, func(b provider.Batch) {
		r.emit(BatchSent{ref, pp, b})
	})
	send := func(sent *diff.Plan) (int, error) {
		err := r.e.Apply(trace, pp, sent)
		r.emit(Applied{ref, pp, sent, err})
		if err != nil {
			return partly(err), err
		}
		return lines(sent.Changes), nil
	}
	if r.o.Confirm == nil {
		r.emit(ChangesListed{ref, pp, pp.Plan.Changes})
		done, err := send(pp.Plan)
		return 0, done, err
	}
	for _, c := range pp.Plan.Changes {
		one := []diff.Change{c}
		r.emit(ChangesListed{ref, pp, one})
		if !r.o.Confirm() {
			if sk, ok := pp.Provider.Impl.(provider.ChangeSkipper); ok {
				sk.SkipChange(pp.Plan.Zone, c)
			}
			r.emit(ChangeSkipped{ref, pp, c})
			skipped += lines(one)
			continue
		}
		n, err := send(&diff.Plan{Zone: pp.Plan.Zone, MetaKeys: pp.Plan.MetaKeys, Changes: one})
		done += n
		if err != nil {
			return skipped, done, err
		}
	}
	return skipped, done, nil
}

// RegistrarLine describes the registrar's change as preview shows it.
func (rp *RegistrarPlan) Line() string {
	to := rp.New
	for _, p := range rp.Pending {
		to = append(slices.Clone(to), "(name servers of the zone push creates at "+p+")")
	}
	return fmt.Sprintf("± MODIFY nameservers at %s: %s -> %s", rp.Registrar.Name, strings.Join(rp.Old, ","), strings.Join(to, ","))
}

// registrar shows and (apply) makes the domain's delegation change.
func (r *run) registrar(ctx context.Context, ref ZoneRef, rp *RegistrarPlan, apply bool, h hold) *TargetResult {
	t := &TargetResult{Registrar: rp.Registrar.Name, RegistrarPlan: rp}
	if rp.Err != nil {
		r.emit(RegistrarFailed{ref, rp, rp.Err})
		t.Err, t.Outcome = rp.Err, r.errOutcome(rp.Err)
		return t
	}
	if rp.Changed() {
		t.Line, t.Corrections = rp.Line(), 1
	}
	r.emit(RegistrarPlanned{ref, rp, t.Line})
	switch {
	case !rp.Changed(), !r.o.Push:
	case !apply:
		r.emit(RegistrarHeld{ref, rp, h.zoneWhy()})
		t.Outcome, t.Held = h.outcome, true
	case ctx.Err() != nil:
		r.emit(RegistrarHeld{ref, rp, "the run was interrupted before the registrar was changed"})
		t.Outcome = OutcomeInterrupted
	case r.o.Confirm != nil && !r.o.Confirm():
		t.Outcome = OutcomeSkipped
	default:
		err := r.e.ApplyRegistrar(ctx, ref.Domain, rp)
		r.emit(RegistrarApplied{ref, rp, t.Line, err})
		if err != nil {
			t.Err, t.Outcome = err, r.errOutcome(err)
		} else {
			t.Outcome, t.Applied = OutcomeApplied, 1
		}
	}
	return t
}
