package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/notify"
	"github.com/dnsctl/dnsctl/internal/provider"
	"github.com/dnsctl/dnsctl/internal/safe"
)

type previewFlags struct {
	configFlags
	compatFlags
	full            bool
	domains         string
	providers       string
	report          string
	expectNoChanges bool
	interactive     bool
	concurrency     int
	maxChange       string
	force           bool
	noPopulate      bool
	wait            bool
	verify          bool          // push --verify
	verifyServers   []string      // push --verify-server
	verifyTimeout   time.Duration // push --verify-timeout
}

func newPreviewCmd(g *globals, push bool) *cobra.Command {
	f := &previewFlags{}
	cmd := &cobra.Command{
		Use:   "preview",
		Short: "Show the changes that push would make",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPreview(cmd, g, f, push)
		},
	}
	if push {
		cmd.Use = "push"
		cmd.Short = "Make the providers match the configuration"
		cmd.Flags().BoolVarP(&f.interactive, "interactive", "i", false, "ask before each change")
		cmd.Flags().BoolVar(&f.force, "force", false, "apply plans above their safety threshold (this run only)")
		cmd.Flags().BoolVar(&f.wait, "wait", false, "wait until the provider serves the changes everywhere (Route 53: INSYNC)")
		cmd.Flags().BoolVar(&f.verify, "verify", false, "after the push (and --wait), ask the authoritative servers as dnsctl verify does")
		cmd.Flags().StringArrayVar(&f.verifyServers, "verify-server", nil, "with --verify, ask this server (`host:port`, repeatable)")
		cmd.Flags().DurationVar(&f.verifyTimeout, "verify-timeout", 5*time.Second, "with --verify, the time limit of each query")
	}
	cmd.Flags().BoolVar(&f.noPopulate, "no-populate", false, "do not create missing zones")
	// DNSControl's other flags (compat.go).
	f.compatFlags.addFlags(cmd, &f.config)
	cmd.PreRunE = func(*cobra.Command, []string) error { return f.compatFlags.check() }
	cmd.Flags().StringVar(&f.maxChange, "max-change", "", "refuse to push a plan that modifies or deletes more than this `share` of a zone's records (e.g. 30%)")
	f.register(cmd)
	cmd.Flags().BoolVar(&f.full, "full", false, "show every provider and registrar, with or without changes")
	cmd.Flags().StringVar(&f.domains, "domains", "", "only these domains (comma-separated, globs allowed)")
	cmd.Flags().StringVar(&f.providers, "providers", "", "only these providers (comma-separated names)")
	cmd.Flags().StringVar(&f.report, "report", "", "write the plan to `file`: JSON, or Markdown when the name ends in .md")
	cmd.Flags().BoolVar(&f.expectNoChanges, "expect-no-changes", false, "exit with status 1 if anything would change")
	cmd.Flags().IntVar(&f.concurrency, "concurrency", 0, "zones worked on at once (default: a few per CPU)")
	return cmd
}

// palette colours the kinds of correction on a terminal.
type palette struct{ on bool }

// correction prints "#num: text" with text in the colour of its kind.
func (p palette) correction(w safe.Printer, num int, kind diff.Kind, text string) {
	safe.Fprintf(w, "#%d: ", num)
	if p.on {
		code := map[diff.Kind]uint8{diff.Create: 32, diff.Delete: 31, diff.Modify: 33}[kind]
		w.WriteSeq(safe.Colour(code))
	}
	safe.Fprintf(w, "%s", text)
	if p.on {
		w.WriteSeq(safe.Reset)
	}
	safe.Fprintf(w, "\n")
}

func runPreview(cmd *cobra.Command, g *globals, f *previewFlags, push bool) error {
	ctx := cmd.Context()
	vars, err := f.varMap()
	if err != nil {
		return err
	}
	e, err := loadEngine(ctx, g, engine.Options{ConfigPath: f.config, CredsPath: f.creds, Vars: vars,
		Domains: f.domains, Providers: f.providers, MaxChange: f.maxChange, NoPopulate: f.noPopulate, Wait: f.wait,
		EvalTimeout: f.engineEvalTimeout(), AllowFetch: f.allowFetch, IRPath: f.ir, BindSerial: uint32(f.bindserial)})
	if err != nil {
		return err
	}
	if push {
		// No other dnsctl changes these zones between our reads and writes.
		release, err := e.Lock(ctx, func(msg string) { safe.Fprintf(g.stderr, "%s\n", msg) })
		if err != nil {
			return err
		}
		defer release()
	}
	pal := palette{on: !g.noColors && g.stdoutTTY}
	workers := workers(cmd, f.concurrency, &f.compatFlags)
	var ask func(string) bool
	if push && f.interactive {
		workers = 1
		in := bufio.NewReader(g.stdin)
		ask = func(q string) bool {
			safe.Fprintf(g.stdout, "%s Run? (y/N): ", q)
			line, _ := in.ReadString('\n')
			line = strings.ToLower(strings.TrimSpace(line))
			return line == "y" || line == "yes"
		}
	}

	r := &runner{e: e, push: push, full: f.full, reportMax: f.reportmax, pal: pal, ask: ask, force: f.force, noPopulate: f.noPopulate,
		notify: newNotifier(g, e, f.notify, push)}
	n := len(e.Config.Domains)
	results := make([]domainResult, n)
	var prog *progress
	if ask == nil && g.stderrTTY {
		prog = startProgress(g.stderr, n, 3*time.Second, e.APICalls)
	}
	out := newOrderedOutput(g.stdout, n, prog.clear)
	if !push {
		// Preview streams each zone as soon as it (and every zone before
		// it) is planned.
		e.ForEach(ctx, workers, func(i int, d *model.Domain) {
			var dp *engine.DomainPlan
			if ctx.Err() == nil {
				dp = e.PlanDomain(ctx, d)
			}
			if f.populateOnPreview && ctx.Err() == nil {
				var err error
				if dp, err = e.PopulateOnPreview(ctx, dp); err != nil {
					dp = &engine.DomainPlan{Domain: d, Err: err}
				}
			}
			results[i] = r.domain(ctx, out.zone(i), d, dp, hold{})
			out.finish(i)
			prog.zoneDone()
		})
	} else {
		// Push plans every zone before it changes any: a zone that cannot
		// be planned (bad input, a zone ID that does not exist, an
		// unreachable account) stops the whole push before anything is
		// changed, so a run is never half-applied because of one.
		prog.stage("planning")
		plans := make([]*engine.DomainPlan, n)
		e.ForEach(ctx, workers, func(i int, d *model.Domain) {
			if ctx.Err() == nil {
				plans[i] = e.PlanDomain(ctx, d)
			}
			prog.zoneDone()
		})
		blocked := r.blocked(ctx, plans)
		if blocked.outcome == "" {
			// From here on, an interrupt lets the requests in flight finish.
			g.setPhase(phaseApply)
		}
		prog.stage("pushing")
		each := func(i int, d *model.Domain) {
			h := blocked
			if h.outcome == "" && ctx.Err() != nil {
				h = hold{outcome: "interrupted", why: "the run was interrupted before this zone was changed"}
			}
			results[i] = r.domain(ctx, out.zone(i), d, plans[i], h)
			out.finish(i)
			prog.zoneDone()
		}
		if ask != nil || blocked.outcome != "" {
			for i, d := range e.Config.Domains {
				each(i, d)
			}
		} else {
			e.ForEach(ctx, workers, each)
		}
		if blocked.outcome == "interrupted" || blocked.outcome != "" && slices.ContainsFunc(results, func(r domainResult) bool { return r.held }) {
			prog.finish()
			prog = nil
			safe.Fprintf(g.stdout, "NOTHING PUSHED: %s.\n", blocked.why)
		}
	}
	prog.finish()

	total, applied, failed := 0, 0, e.UnhandledNamed()
	entries := printUnhandled(g.stdout, e)
	for _, res := range results {
		total += res.corrections
		applied += res.applied
		failed = failed || res.failed
		entries = append(entries, res.report...)
	}
	if push && applied != total {
		safe.Fprintf(g.stdout, "Done. %d corrections, %d applied.\n", total, applied)
	} else {
		safe.Fprintf(g.stdout, "Done. %d corrections.\n", total)
	}
	if f.report != "" {
		if err := writeReport(f.report, entries, push); err != nil {
			return err
		}
	}
	if failed {
		return exitError{1}
	}
	if push && f.verify && !verifyEngine(ctx, g, e, f.verifyServers, f.verifyTimeout) {
		return exitError{1}
	}
	if f.expectNoChanges && total > 0 {
		switch {
		case !push:
			safe.Fprintf(g.stderr, "ERROR: --expect-no-changes: %d corrections would be made\n", total)
		case applied == total:
			safe.Fprintf(g.stderr, "ERROR: --expect-no-changes: push made %s\n", plural(total, "correction"))
		default:
			safe.Fprintf(g.stderr, "ERROR: --expect-no-changes: %s planned, %d applied\n", plural(total, "correction"), applied)
		}
		return exitError{1}
	}
	return nil
}

// runner renders (and, for push, applies) the plan of each domain.
type runner struct {
	e          *engine.Engine
	push       bool
	full       bool
	reportMax  int // records listed per INFO line (--reportmax)
	pal        palette
	ask        func(question string) bool
	force      bool
	noPopulate bool
	notify     *notifier // nil: no notifications
}

// hold says why push must not change a zone it has planned; the zero value
// lets it go ahead.
type hold struct {
	outcome string // the report's outcome for the zone's corrections
	why     string // for the end of the run
	short   string // for each zone held back (why if empty)
}

func (h hold) zoneWhy() string {
	if h.short != "" {
		return h.short
	}
	return h.why
}

type domainResult struct {
	corrections int // planned (shown)
	applied     int // made by push
	held        bool
	failed      bool
	report      []reportEntry
}

// blocked returns the hold of a push whose plans are not all sound: one
// that the run's interruption cut short, or one that failed.
func (r *runner) blocked(ctx context.Context, plans []*engine.DomainPlan) hold {
	if ctx.Err() != nil {
		return hold{outcome: "interrupted", why: "the run was interrupted while planning, before any zone was changed"}
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
	them := "them"
	if len(bad) == 1 {
		them = "it"
	}
	return hold{outcome: "not applied", short: "push changes nothing while a zone of the run cannot be planned (see the end)", why: fmt.Sprintf("%s could not be planned (%s); push changes nothing until every zone of the run plans cleanly: fix %s, or leave %s out with --domains",
		plural(len(bad), "zone"), names, them, them)}
}

// planFailed reports whether dp has an error that push cannot go past.
func (r *runner) planFailed(dp *engine.DomainPlan) bool {
	if dp.Err != nil {
		return true
	}
	for _, pp := range dp.Providers {
		if pp.Err != nil || r.missingZoneError(pp) != "" {
			return true
		}
	}
	return dp.Registrar != nil && dp.Registrar.Err != nil
}

// missingZoneError is the error for a zone push would need but will not
// create ("" if none).
func (r *runner) missingZoneError(pp *engine.ProviderPlan) string {
	if !pp.ZoneMissing {
		return ""
	}
	_, canCreate := pp.Provider.Impl.(provider.ZoneCreator)
	if canCreate && !r.noPopulate {
		return ""
	}
	msg := fmt.Sprintf("zone %s does not exist at %s; create it with `dnsctl create-domains`", pp.Plan.Zone, pp.Provider.Name)
	if canCreate {
		msg += " (or push without --no-populate)"
	}
	return msg
}

// domain prints the plan dp of domain d and, for push, applies it unless h
// holds it back. dp is nil when the run was interrupted before d was read.
func (r *runner) domain(ctx context.Context, w safe.Printer, d *model.Domain, dp *engine.DomainPlan, h hold) (res domainResult) {
	name := d.UniqueName()
	safe.Fprintf(w, "******************** Domain: %s\n", name)
	// errOutcome is the report's outcome of a zone push could not go on
	// with because of err.
	errOutcome := func(err error) string {
		switch {
		case !r.push:
			return ""
		case errors.Is(err, context.Canceled):
			return "interrupted"
		}
		return "failed"
	}
	defer func() {
		if len(res.report) == 0 { // every domain has its line in the report
			res.report = append(res.report, reportEntry{Domain: name})
		}
	}()
	if dp == nil {
		const why = "the run was interrupted before this zone was read"
		safe.Fprintf(w, "SKIPPED: %s.\n", why)
		res.failed = true
		res.report = append(res.report, reportEntry{Domain: name, Error: why, Outcome: errOutcome(context.Canceled)})
		return res
	}
	if dp.Err != nil {
		printErr(w, "", dp.Err)
		res.failed = true
		res.report = append(res.report, reportEntry{Domain: name, Error: dp.Err.Error(), Outcome: errOutcome(dp.Err)})
		return res
	}
	apply := r.push && h.outcome == ""
	if apply {
		ndp, err := r.e.EnsureZones(ctx, dp)
		if err == nil && ndp.Err != nil { // planning again after creating a zone failed
			err = ndp.Err
		}
		if err != nil {
			printErr(w, "", err)
			res.failed = true
			// A re-plan that failed early has no providers; the first
			// plan's know which zones were created.
			pps := ndp.Providers
			if len(pps) == 0 {
				pps = dp.Providers
			}
			for _, pp := range pps {
				res.report = append(res.report, reportEntry{Domain: name, Provider: pp.Provider.Name, ZoneCreated: pp.Created,
					Error: err.Error(), Outcome: errOutcome(err)})
			}
			if len(pps) == 0 {
				res.report = append(res.report, reportEntry{Domain: name, Error: err.Error(), Outcome: errOutcome(err)})
			}
			return res
		}
		dp = ndp
	}
	if r.full {
		for _, ref := range d.DNSProviders {
			safe.Fprintf(w, "----- Getting nameservers from: %s\n", ref.Name)
		}
	}
	num := 0
	for _, pp := range dp.Providers {
		pname := pp.Provider.Name
		entry := reportEntry{Domain: name, Provider: pname}
		if pp.Err != nil {
			if r.full {
				safe.Fprintf(w, "----- DNS Provider: %s...\n", pname)
			}
			printErr(w, pname+": ", pp.Err)
			entry.Error, entry.Outcome = pp.Err.Error(), errOutcome(pp.Err)
			res.report = append(res.report, entry)
			res.failed = true
			continue
		}
		if msg := r.missingZoneError(pp); msg != "" {
			if r.full {
				safe.Fprintf(w, "----- DNS Provider: %s...\n", pname)
			}
			safe.Fprintf(w, "ERROR: %s\n", msg)
			entry.Error, entry.Outcome = msg, errOutcome(nil)
			res.report = append(res.report, entry)
			res.failed = true
			continue
		}
		count := pp.Corrections()
		if pp.Risk != nil && r.push && r.force {
			pp.Risk.Forced = true
		}
		entry.fill(pp)
		idx := len(res.report)
		res.report = append(res.report, entry)
		res.corrections += count
		switch {
		case r.full:
			safe.Fprintf(w, "----- DNS Provider: %s...%s\n", pname, plural(count, "correction"))
		case count > 0:
			safe.Fprintf(w, "%s (%s)\n", plural(count, "correction"), pname)
		}
		switch {
		case pp.Created:
			safe.Fprintf(w, "Created zone %s at %s.\n", d.Name, pname)
		case pp.ZoneMissing && apply:
		case pp.ZoneMissing:
			safe.Fprintf(w, "Zone %s does not exist at %s; push will create it.\n", d.Name, pname)
		}
		if count == 0 {
			r.printKept(w, pp.Plan, &num)
			continue
		}
		if pp.Risk != nil {
			safe.Fprintf(w, "WARNING: %s\n", pp.Risk)
		}
		refused := apply && pp.Refused() && !r.force
		if pp.Batches > 0 && !refused {
			if apply {
				safe.Fprintf(w, "Applying in %s.\n", plural(pp.Batches, "API batch"))
			} else {
				safe.Fprintf(w, "Push will use %s.\n", plural(pp.Batches, "API batch"))
			}
		}
		r.printKept(w, pp.Plan, &num)
		if !apply {
			r.printChanges(w, pp.Plan, pp.Plan.Changes, &num)
			if !r.push {
				r.notify.changes(ctx, name, pname, pp.Plan, pp.Plan.Changes, true, nil)
			}
			if r.push {
				safe.Fprintf(w, "NOT APPLIED: %s.\n", h.zoneWhy())
				res.report[idx].Outcome = h.outcome
				res.failed, res.held = true, true
			}
			continue
		}
		if refused {
			r.printChanges(w, pp.Plan, pp.Plan.Changes, &num)
			safe.Fprintf(w, "REFUSED: %s at %s is above its safety threshold; nothing was changed in this zone.\n", d.Name, pname)
			res.report[idx].Outcome = "refused"
			res.failed = true
			continue
		}
		skipped, done, err := r.applyProvider(ctx, w, pp, &num)
		res.applied += done
		res.report[idx].Applied = done
		switch {
		case err != nil:
			if errors.Is(err, context.Canceled) {
				safe.Fprintf(w, "INTERRUPTED: %v\n", err)
			} else {
				safe.Fprintf(w, "FAILURE! %v\n", err)
			}
			switch o := &res.report[idx].Outcome; {
			case done >= count: // applied, but push --wait stopped short
				*o = "applied"
			case done > 0:
				*o = "partly applied"
			default:
				*o = errOutcome(err)
			}
			res.report[idx].Error = err.Error()
			res.failed = true
		case skipped == count:
			res.report[idx].Outcome = "skipped"
		case skipped > 0:
			res.report[idx].Outcome = fmt.Sprintf("partly applied (%d skipped)", skipped)
		default:
			res.report[idx].Outcome = "applied"
		}
	}

	if rp := dp.Registrar; rp != nil {
		rname := rp.Registrar.Name
		entry := reportEntry{Domain: name, Registrar: rname}
		switch {
		case rp.Err != nil:
			if r.full {
				safe.Fprintf(w, "----- Registrar: %s...\n", rname)
			}
			safe.Fprintf(w, "ERROR: %v\n", rp.Err)
			entry.Error, entry.Outcome = rp.Err.Error(), errOutcome(rp.Err)
			res.failed = true
		case rp.Changed():
			entry.Corrections = 1
			res.corrections++
			if r.full {
				safe.Fprintf(w, "----- Registrar: %s...1 correction\n", rname)
			} else {
				safe.Fprintf(w, "1 correction (registrar: %s)\n", rname)
			}
			num++
			to := rp.New
			for _, p := range rp.Pending {
				to = append(slices.Clone(to), "(name servers of the zone push creates at "+p+")")
			}
			line := fmt.Sprintf("± MODIFY nameservers at %s: %s -> %s", rname, strings.Join(rp.Old, ","), strings.Join(to, ","))
			r.pal.correction(w, num, diff.Modify, line)
			entry.Changes = append(entry.Changes, reportChange{Kind: "MODIFY", Name: d.Name, Type: "NS", Lines: []string{line}})
			entry.CorrectionDetails = []string{line}
			notice := notify.Event{Domain: name, Provider: rname, Lines: []string{line}, Preview: !r.push}
			switch {
			case !r.push:
				r.notify.send(ctx, notice)
			case !apply:
				safe.Fprintf(w, "NOT APPLIED: %s.\n", h.zoneWhy())
				entry.Outcome = h.outcome
				res.failed, res.held = true, true
			case ctx.Err() != nil:
				safe.Fprintf(w, "NOT APPLIED: the run was interrupted before the registrar was changed.\n")
				entry.Outcome = "interrupted"
				res.failed = true
			case r.ask != nil && !r.ask(""):
				entry.Outcome = "skipped"
			default:
				err := r.e.ApplyRegistrar(ctx, d, rp)
				notice.Err = err
				r.notify.send(ctx, notice)
				if err != nil {
					safe.Fprintf(w, "FAILURE! %v\n", err)
					entry.Outcome, entry.Error = errOutcome(err), err.Error()
					res.failed = true
				} else {
					safe.Fprintf(w, "SUCCESS!\n")
					entry.Outcome, entry.Applied = "applied", 1
					res.applied++
				}
			}
		case r.full:
			safe.Fprintf(w, "----- Registrar: %s...0 corrections\n", rname)
		}
		// Every registrar has its entry in the report, as in DNSControl.
		res.report = append(res.report, entry)
	}
	return res
}

// printErr prints a zone's planning error; an interruption (Ctrl-C) is
// said in words rather than as Go's "context canceled".
func printErr(w safe.Printer, prefix string, err error) {
	if errors.Is(err, context.Canceled) {
		safe.Fprintf(w, "INTERRUPTED: the run was interrupted while reading this zone.\n")
		return
	}
	if strings.HasPrefix(err.Error(), prefix) { // "bind: bind: …"
		prefix = ""
	}
	safe.Fprintf(w, "ERROR: %s%v\n", prefix, err)
}

// applyProvider prints and applies one provider's plan: all of it at once,
// or with -i one record set at a time after asking. It returns how many
// corrections the user chose to skip and how many took effect.
func (r *runner) applyProvider(ctx context.Context, w safe.Printer, pp *engine.ProviderPlan, num *int) (skipped, done int, err error) {
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
	if r.ask == nil {
		r.printChanges(w, pp.Plan, pp.Plan.Changes, num)
		err := r.e.Apply(ctx, pp, pp.Plan)
		r.notify.changes(ctx, pp.Plan.Zone, pp.Provider.Name, pp.Plan, pp.Plan.Changes, false, err)
		if err != nil {
			return 0, partly(err), err
		}
		safe.Fprintf(w, "SUCCESS!\n")
		return 0, lines(pp.Plan.Changes), nil
	}
	for _, c := range pp.Plan.Changes {
		r.printChanges(w, pp.Plan, []diff.Change{c}, num)
		if !r.ask("") {
			if sk, ok := pp.Provider.Impl.(provider.ChangeSkipper); ok {
				sk.SkipChange(pp.Plan.Zone, c)
			}
			safe.Fprintf(w, "Skipped.\n")
			skipped += lines([]diff.Change{c})
			continue
		}
		one := &diff.Plan{Zone: pp.Plan.Zone, MetaKeys: pp.Plan.MetaKeys, Changes: []diff.Change{c}}
		err := r.e.Apply(ctx, pp, one)
		r.notify.changes(ctx, pp.Plan.Zone, pp.Provider.Name, one, one.Changes, false, err)
		if err != nil {
			return skipped, done + partly(err), err
		}
		done += lines(one.Changes)
		safe.Fprintf(w, "SUCCESS!\n")
	}
	return skipped, done, nil
}

// printKept prints, numbered like corrections as DNSControl numbers its
// INFO lines, how many existing records each rule keeps, and the first
// --reportmax of them (all with --full).
func (r *runner) printKept(w safe.Printer, plan *diff.Plan, num *int) {
	if plan == nil {
		return
	}
	for _, k := range plan.Kept {
		show := len(k.Records)
		if !r.full {
			show = min(show, r.reportMax)
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

// printChanges prints changes of plan as numbered record-level corrections.
func (r *runner) printChanges(w safe.Printer, plan *diff.Plan, changes []diff.Change, num *int) {
	for _, c := range changes {
		for _, l := range c.Lines(plan.MetaKeys) {
			*num++
			r.pal.correction(w, *num, l.Kind, l.Text)
		}
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "batch") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
