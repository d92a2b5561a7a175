package engine

import (
	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

// Observer sees the events of a Run. Events of one zone arrive in order,
// from one goroutine; events of different zones may arrive at the same
// time from different goroutines, so an observer must be safe for
// concurrent use. Observers only watch: what the run does never depends on
// them (asking before a change is RunOptions.Confirm).
type Observer interface {
	Observe(ev Event)
}

// ObserverFunc lets a function be an Observer.
type ObserverFunc func(ev Event)

// Observe calls f(ev).
func (f ObserverFunc) Observe(ev Event) { f(ev) }

// Observers sends each event to every one of its observers, in order; nil
// elements are skipped.
type Observers []Observer

// Observe passes ev on.
func (os Observers) Observe(ev Event) {
	for _, o := range os {
		if o != nil {
			o.Observe(ev)
		}
	}
}

// Event is one of the types below. The order of a zone's events is:
//
//	ZonePlanned (push: during the planning stage)
//	ZoneStarted
//	ZoneFailed, or
//	ZoneReady, then for each DNS provider
//	    ProviderFailed, or
//	    ProviderPlanned, then ChangesListed and their outcome
//	    (Held, Refused, BatchSent… Applied, ChangeSkipped), then
//	RegistrarFailed or RegistrarPlanned, then RegistrarHeld or RegistrarApplied
//	ZoneFinished
type Event interface{ event() }

// ZoneRef names the zone an event is about: its place in the run's
// configuration order and its domain.
type ZoneRef struct {
	Index  int
	Domain *model.Domain
}

// Stage names a stage of a run.
type Stage string

// The stages of a push: it plans every zone, then pushes them.
const (
	StagePlanning Stage = "planning"
	StagePushing  Stage = "pushing"
)

// StageStarted begins a stage of a push. Applying says the pushing stage
// will change providers (no zone holds the run back): from then on an
// interrupt should let the requests in flight finish.
type StageStarted struct {
	Stage    Stage
	Applying bool
}

// ZonePlanned is a zone read and planned (Plan nil: the run was
// interrupted first).
type ZonePlanned struct {
	ZoneRef
	Plan *DomainPlan
}

// ZoneStarted begins what the run shows and does for a zone.
type ZoneStarted struct{ ZoneRef }

// ZoneFailed ends a zone that could not be read, planned or (push)
// created; errors.Is(Err, ErrNotRead) when the run was interrupted before
// the zone was read.
type ZoneFailed struct {
	ZoneRef
	Err error
}

// ZoneReady is a zone planned (and, for push, its missing zones created
// and planned again): its providers follow.
type ZoneReady struct {
	ZoneRef
	Plan *DomainPlan
}

// ProviderFailed is a DNS provider that could not plan the zone, or
// (ZoneMissing) does not have it and push will not create it.
type ProviderFailed struct {
	ZoneRef
	Plan        *ProviderPlan
	Err         error
	ZoneMissing bool
}

// ProviderPlanned is the plan of one DNS provider. Corrections counts its
// lines; Apply says push is about to apply it, and Refused that push will
// not, because it is above its safety threshold.
type ProviderPlanned struct {
	ZoneRef
	Plan        *ProviderPlan
	Corrections int
	Apply       bool
	Refused     bool
}

// ChangesListed shows changes of a provider's plan: all of them, or with
// RunOptions.Confirm the one about to be asked about.
type ChangesListed struct {
	ZoneRef
	Plan    *ProviderPlan
	Changes []diff.Change
}

// Held is a plan push does not apply because of something outside it
// (another zone could not be planned, the run was interrupted).
type Held struct {
	ZoneRef
	Plan *ProviderPlan
	Why  string
}

// Refused is a plan push does not apply because it is above its safety
// threshold.
type Refused struct {
	ZoneRef
	Plan *ProviderPlan
}

// BatchSent is one request of a plan's changes that took effect, for
// providers that send a plan in several (Route 53: at most 1,000 values a
// request); Applied follows the last.
type BatchSent struct {
	ZoneRef
	Plan  *ProviderPlan
	Batch provider.Batch
}

// ChangeSkipped is a change the user declined (RunOptions.Confirm).
type ChangeSkipped struct {
	ZoneRef
	Plan   *ProviderPlan
	Change diff.Change
}

// Applied is changes sent to a provider: Sent holds them, Err says how it
// went (errors.Is(Err, context.Canceled) when the run was interrupted).
type Applied struct {
	ZoneRef
	Plan *ProviderPlan
	Sent *diff.Plan
	Err  error
}

// RegistrarFailed is a registrar that could not be read.
type RegistrarFailed struct {
	ZoneRef
	Plan *RegistrarPlan
	Err  error
}

// RegistrarPlanned is the delegation at the registrar, changed or not
// (Plan.Changed()); Line describes the change.
type RegistrarPlanned struct {
	ZoneRef
	Plan *RegistrarPlan
	Line string
}

// RegistrarHeld is a registrar change push does not make (Why).
type RegistrarHeld struct {
	ZoneRef
	Plan *RegistrarPlan
	Why  string
}

// RegistrarApplied is the delegation sent to the registrar.
type RegistrarApplied struct {
	ZoneRef
	Plan *RegistrarPlan
	Line string
	Err  error
}

// ZoneFinished ends a zone with its result.
type ZoneFinished struct {
	ZoneRef
	Result *ZoneResult
}

func (StageStarted) event()     {}
func (ZonePlanned) event()      {}
func (ZoneStarted) event()      {}
func (ZoneFailed) event()       {}
func (ZoneReady) event()        {}
func (ProviderFailed) event()   {}
func (ProviderPlanned) event()  {}
func (ChangesListed) event()    {}
func (Held) event()             {}
func (Refused) event()          {}
func (ChangeSkipped) event()    {}
func (BatchSent) event()        {}
func (Applied) event()          {}
func (RegistrarFailed) event()  {}
func (RegistrarPlanned) event() {}
func (RegistrarHeld) event()    {}
func (RegistrarApplied) event() {}
func (ZoneFinished) event()     {}
