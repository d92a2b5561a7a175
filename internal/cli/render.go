package cli

import (
	"context"
	"errors"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// screen prints a preview or push as it goes, an observer of the engine's
// run: every zone under its "Domain:" banner, in configuration order
// (orderedOutput), with its corrections numbered as DNSControl numbers
// them.
type screen struct {
	out       *orderedOutput
	full      bool // --full
	reportMax int  // records listed per INFO line (--reportmax)
	pal       palette
	// nums holds, per zone, the last number given to a correction or INFO
	// line; only the goroutine of that zone touches it.
	nums []int
}

func newScreen(out *orderedOutput, zones int, full bool, reportMax int, pal palette) *screen {
	return &screen{out: out, full: full, reportMax: reportMax, pal: pal, nums: make([]int, zones)}
}

// Observe prints what ev says.
func (s *screen) Observe(ev engine.Event) {
	switch ev := ev.(type) {
	case engine.ZoneStarted:
		safe.Fprintf(s.w(ev.ZoneRef), "******************** Domain: %s\n", ev.Domain.UniqueName())
	case engine.ZoneFailed:
		w := s.w(ev.ZoneRef)
		if errors.Is(ev.Err, engine.ErrNotRead) {
			safe.Fprintf(w, "SKIPPED: %v.\n", ev.Err)
			return
		}
		printErr(w, "", ev.Err)
	case engine.ZoneReady:
		if s.full {
			for _, ref := range ev.Domain.DNSProviders {
				safe.Fprintf(s.w(ev.ZoneRef), "----- Getting nameservers from: %s\n", ref.Name)
			}
		}
	case engine.ProviderFailed:
		w, pname := s.w(ev.ZoneRef), ev.Plan.Provider.Name
		if s.full {
			safe.Fprintf(w, "----- DNS Provider: %s...\n", pname)
		}
		if ev.ZoneMissing {
			safe.Fprintf(w, "ERROR: %v\n", ev.Err)
			return
		}
		printErr(w, pname+": ", ev.Err)
	case engine.ProviderPlanned:
		s.providerPlanned(ev)
	case engine.ChangesListed:
		num := &s.nums[ev.Index]
		w := s.w(ev.ZoneRef)
		for _, c := range ev.Changes {
			for _, l := range c.Lines(ev.Plan.Plan.MetaKeys) {
				*num++
				s.pal.correction(w, *num, l.Kind, l.Text)
			}
		}
	case engine.Held:
		safe.Fprintf(s.w(ev.ZoneRef), "NOT APPLIED: %s.\n", ev.Why)
	case engine.Refused:
		safe.Fprintf(s.w(ev.ZoneRef), "REFUSED: %s at %s is above its safety threshold; nothing was changed in this zone.\n",
			ev.Domain.Name, ev.Plan.Provider.Name)
	case engine.ChangeSkipped:
		safe.Fprintf(s.w(ev.ZoneRef), "Skipped.\n")
	case engine.Applied:
		w := s.w(ev.ZoneRef)
		switch {
		case ev.Err == nil:
			safe.Fprintf(w, "SUCCESS!\n")
		case errors.Is(ev.Err, context.Canceled):
			safe.Fprintf(w, "INTERRUPTED: %v\n", ev.Err)
		default:
			safe.Fprintf(w, "FAILURE! %v\n", ev.Err)
		}
	case engine.RegistrarFailed:
		w := s.w(ev.ZoneRef)
		if s.full {
			safe.Fprintf(w, "----- Registrar: %s...\n", ev.Plan.Registrar.Name)
		}
		safe.Fprintf(w, "ERROR: %v\n", ev.Err)
	case engine.RegistrarPlanned:
		w, rname := s.w(ev.ZoneRef), ev.Plan.Registrar.Name
		switch {
		case ev.Plan.Changed() && s.full:
			safe.Fprintf(w, "----- Registrar: %s...1 correction\n", rname)
		case ev.Plan.Changed():
			safe.Fprintf(w, "1 correction (registrar: %s)\n", rname)
		case s.full:
			safe.Fprintf(w, "----- Registrar: %s...0 corrections\n", rname)
		}
		if ev.Plan.Changed() {
			s.nums[ev.Index]++
			s.pal.correction(w, s.nums[ev.Index], diff.Modify, ev.Line)
		}
	case engine.RegistrarHeld:
		safe.Fprintf(s.w(ev.ZoneRef), "NOT APPLIED: %s.\n", ev.Why)
	case engine.RegistrarApplied:
		if ev.Err != nil {
			safe.Fprintf(s.w(ev.ZoneRef), "FAILURE! %v\n", ev.Err)
		} else {
			safe.Fprintf(s.w(ev.ZoneRef), "SUCCESS!\n")
		}
	case engine.ZoneFinished:
		s.out.finish(ev.Index)
	}
}

// w is where zone z prints.
func (s *screen) w(z engine.ZoneRef) safe.Printer { return s.out.zone(z.Index) }

// providerPlanned prints the head of a provider's plan: its count, the
// zone's state, the safety warning, the API batches and the INFO lines.
func (s *screen) providerPlanned(ev engine.ProviderPlanned) {
	w, pp, count := s.w(ev.ZoneRef), ev.Plan, ev.Corrections
	pname := pp.Provider.Name
	switch {
	case s.full:
		safe.Fprintf(w, "----- DNS Provider: %s...%s\n", pname, plural(count, "correction"))
	case count > 0:
		safe.Fprintf(w, "%s (%s)\n", plural(count, "correction"), pname)
	}
	switch {
	case pp.Created:
		safe.Fprintf(w, "Created zone %s at %s.\n", ev.Domain.Name, pname)
	case pp.ZoneMissing && ev.Apply:
	case pp.ZoneMissing:
		safe.Fprintf(w, "Zone %s does not exist at %s; push will create it.\n", ev.Domain.Name, pname)
	}
	if count > 0 {
		if pp.Risk != nil {
			safe.Fprintf(w, "WARNING: %s\n", pp.Risk)
		}
		switch {
		case pp.Batches == 0 || ev.Refused:
		case ev.Apply:
			safe.Fprintf(w, "Applying in %s.\n", plural(pp.Batches, "API batch"))
		default:
			safe.Fprintf(w, "Push will use %s.\n", plural(pp.Batches, "API batch"))
		}
	}
	s.printKept(w, pp.Plan, &s.nums[ev.Index])
}

// printKept prints, numbered like corrections as DNSControl numbers its
// INFO lines, how many existing records each rule keeps, and the first
// --reportmax of them (all with --full), then the plan's notes.
func (s *screen) printKept(w safe.Printer, plan *diff.Plan, num *int) {
	if plan == nil {
		return
	}
	for _, k := range plan.Kept {
		show := len(k.Records)
		if !s.full {
			show = min(show, s.reportMax)
		}
		punct := ":"
		if show == 0 {
			punct = "."
		}
		*num++
		safe.Fprintf(w, "INFO#%d: %s not being deleted because of %s%s\n", *num, plural(len(k.Records), "record"), k.Rule, punct)
		for _, rec := range k.Records[:show] {
			safe.Fprintf(w, "    %s %s %s\n", rec.Name, rec.Key().Type, rec.Data)
		}
		if more := len(k.Records) - show; more > 0 && show > 0 {
			safe.Fprintf(w, "    ...and %d more (--full shows all, --reportmax N the first N)\n", more)
		}
	}
	for _, n := range plan.Notes {
		*num++
		safe.Fprintf(w, "INFO#%d: %s\n", *num, n)
	}
}
