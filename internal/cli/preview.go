package cli

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/provider"
)

type previewFlags struct {
	configFlags
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
}

func newPreviewCmd(g *globals, push bool) *cobra.Command {
	f := &previewFlags{}
	cmd := &cobra.Command{
		Use:   "preview",
		Short: "Show the changes that push would make",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runPreview(cmd.Context(), g, f, push)
		},
	}
	if push {
		cmd.Use = "push"
		cmd.Short = "Make the providers match the configuration"
		cmd.Flags().BoolVarP(&f.interactive, "interactive", "i", false, "ask before each change")
		cmd.Flags().BoolVar(&f.force, "force", false, "apply plans above their safety threshold (this run only)")
		cmd.Flags().BoolVar(&f.wait, "wait", false, "wait until the provider serves the changes everywhere (Route 53: INSYNC)")
	}
	cmd.Flags().BoolVar(&f.noPopulate, "no-populate", false, "do not create missing zones")
	// DNSControl flags dnsctl accepts so existing pipelines keep running,
	// but which change nothing here.
	for _, name := range []string{"notify", "dev"} {
		cmd.Flags().Bool(name, false, "accepted for DNSControl compatibility; has no effect")
		cmd.Flags().MarkHidden(name)
	}
	for _, name := range []string{"cmode", "bindserial"} {
		cmd.Flags().String(name, "", "accepted for DNSControl compatibility; has no effect")
		cmd.Flags().MarkHidden(name)
	}
	cmd.Flags().StringVar(&f.maxChange, "max-change", "", "refuse to push a plan that modifies or deletes more than this `share` of a zone's records (e.g. 30%)")
	f.register(cmd)
	cmd.Flags().BoolVar(&f.full, "full", false, "show every provider and registrar, with or without changes")
	cmd.Flags().StringVar(&f.domains, "domains", "", "only these domains (comma-separated, globs allowed)")
	cmd.Flags().StringVar(&f.providers, "providers", "", "only these providers (comma-separated names)")
	cmd.Flags().StringVar(&f.report, "report", "", "write the plan as JSON to `file`")
	cmd.Flags().BoolVar(&f.expectNoChanges, "expect-no-changes", false, "exit with status 1 if anything would change")
	cmd.Flags().IntVar(&f.concurrency, "concurrency", 0, "zones worked on at once (default: a few per CPU)")
	return cmd
}

// palette colours the kinds of correction on a terminal.
type palette struct{ on bool }

func (p palette) paint(kind diff.Kind, s string) string {
	if !p.on {
		return s
	}
	code := map[diff.Kind]string{diff.Create: "32", diff.Delete: "31", diff.Modify: "33"}[kind]
	return "\x1b[" + code + "m" + s + "\x1b[0m"
}

func runPreview(ctx context.Context, g *globals, f *previewFlags, push bool) error {
	vars, err := f.varMap()
	if err != nil {
		return err
	}
	e, err := loadEngine(ctx, g, engine.Options{ConfigPath: f.config, CredsPath: f.creds, Vars: vars,
		Domains: f.domains, Providers: f.providers, MaxChange: f.maxChange, NoPopulate: f.noPopulate, Wait: f.wait})
	if err != nil {
		return err
	}
	pal := palette{on: !g.noColors && isTerminal(g.stdout)}
	workers := f.concurrency
	if workers <= 0 {
		workers = 4 * runtime.GOMAXPROCS(0)
	}
	var ask func(string) bool
	if push && f.interactive {
		workers = 1
		in := bufio.NewReader(g.stdin)
		ask = func(q string) bool {
			fmt.Fprint(g.stdout, q+" Run? (y/N): ")
			line, _ := in.ReadString('\n')
			line = strings.ToLower(strings.TrimSpace(line))
			return line == "y" || line == "yes"
		}
	}

	r := &runner{e: e, push: push, full: f.full, pal: pal, ask: ask, force: f.force, noPopulate: f.noPopulate}
	n := len(e.Config.Domains)
	results := make([]domainResult, n)
	if ask != nil {
		// Interactive: one domain at a time, straight to the terminal.
		for i, d := range e.Config.Domains {
			results[i] = r.domain(ctx, g.stdout, d)
		}
	} else {
		var prog *progress
		if isTerminal(g.stderr) {
			prog = startProgress(g.stderr, n, 3*time.Second, e.APICalls)
		}
		out := newOrderedOutput(g.stdout, n, prog.clear)
		e.ForEach(ctx, workers, func(i int, d *model.Domain) {
			results[i] = r.domain(ctx, out.zone(i), d)
			out.finish(i)
			prog.zoneDone()
		})
		prog.finish()
	}

	total, failed := 0, false
	var entries []reportEntry
	for _, res := range results {
		total += res.corrections
		failed = failed || res.failed
		entries = append(entries, res.report...)
	}
	fmt.Fprintf(g.stdout, "Done. %d corrections.\n", total)
	if f.report != "" {
		if err := writeReport(f.report, entries, push); err != nil {
			return err
		}
	}
	if failed {
		return exitError{1}
	}
	if f.expectNoChanges && total > 0 {
		if push {
			fmt.Fprintf(g.stderr, "ERROR: --expect-no-changes: push made %s\n", plural(total, "correction"))
		} else {
			fmt.Fprintf(g.stderr, "ERROR: --expect-no-changes: %d corrections would be made\n", total)
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
	pal        palette
	ask        func(question string) bool
	force      bool
	noPopulate bool
}

type domainResult struct {
	corrections int
	failed      bool
	report      []reportEntry
}

func (r *runner) domain(ctx context.Context, w io.Writer, d *model.Domain) domainResult {
	var res domainResult
	fmt.Fprintf(w, "******************** Domain: %s\n", d.UniqueName())
	if ctx.Err() != nil {
		fmt.Fprintln(w, "SKIPPED: the run was interrupted before this zone was read.")
		res.failed = true
		return res
	}
	dp := r.e.PlanDomain(ctx, d)
	if dp.Err != nil {
		fmt.Fprintf(w, "ERROR: %v\n", dp.Err)
		res.failed = true
		return res
	}
	if r.push {
		var err error
		if dp, err = r.e.EnsureZones(ctx, dp); err != nil {
			fmt.Fprintf(w, "ERROR: %v\n", err)
			res.failed = true
			return res
		}
		if dp.Err != nil { // planning again after creating a zone failed
			fmt.Fprintf(w, "ERROR: %v\n", dp.Err)
			res.failed = true
			return res
		}
	}
	if r.full {
		for _, ref := range d.DNSProviders {
			fmt.Fprintf(w, "----- Getting nameservers from: %s\n", ref.Name)
		}
	}
	num := 0
	for _, pp := range dp.Providers {
		name := pp.Provider.Name
		entry := reportEntry{Domain: d.UniqueName(), Provider: name}
		if pp.Err != nil {
			if r.full {
				fmt.Fprintf(w, "----- DNS Provider: %s...\n", name)
			}
			fmt.Fprintf(w, "ERROR: %s: %v\n", name, pp.Err)
			entry.Error = pp.Err.Error()
			res.report = append(res.report, entry)
			res.failed = true
			continue
		}
		_, canCreate := pp.Provider.Impl.(provider.ZoneCreator)
		if pp.ZoneMissing && (!canCreate || r.noPopulate) {
			if r.full {
				fmt.Fprintf(w, "----- DNS Provider: %s...\n", name)
			}
			msg := fmt.Sprintf("zone %s does not exist at %s; create it with `dnsctl create-domains`", d.Name, name)
			if canCreate {
				msg += " (or push without --no-populate)"
			}
			fmt.Fprintf(w, "ERROR: %s\n", msg)
			entry.Error = msg
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
			fmt.Fprintf(w, "----- DNS Provider: %s...%s\n", name, plural(count, "correction"))
		case count > 0:
			fmt.Fprintf(w, "%s (%s)\n", plural(count, "correction"), name)
		}
		if pp.ZoneMissing {
			fmt.Fprintf(w, "Zone %s does not exist at %s; push will create it.\n", d.Name, name)
		}
		if count == 0 {
			continue
		}
		if pp.Risk != nil {
			fmt.Fprintf(w, "WARNING: %s\n", pp.Risk)
		}
		refused := r.push && pp.Refused() && !r.force
		if pp.Batches > 0 && !refused {
			if r.push {
				fmt.Fprintf(w, "Applying in %s.\n", plural(pp.Batches, "API batch"))
			} else {
				fmt.Fprintf(w, "Push will use %s.\n", plural(pp.Batches, "API batch"))
			}
		}
		if !r.push {
			r.printChanges(w, pp.Plan, pp.Plan.Changes, &num)
			continue
		}
		if refused {
			r.printChanges(w, pp.Plan, pp.Plan.Changes, &num)
			fmt.Fprintf(w, "REFUSED: %s at %s is above its safety threshold; nothing was changed in this zone.\n", d.Name, name)
			res.report[idx].Outcome = "refused"
			res.failed = true
			continue
		}
		skipped, err := r.applyProvider(ctx, w, pp, &num)
		switch {
		case err != nil:
			fmt.Fprintf(w, "FAILURE! %v\n", err)
			res.report[idx].Outcome = "failed"
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
		name := rp.Registrar.Name
		entry := reportEntry{Domain: d.UniqueName(), Registrar: name}
		switch {
		case rp.Err != nil:
			if r.full {
				fmt.Fprintf(w, "----- Registrar: %s...\n", name)
			}
			fmt.Fprintf(w, "ERROR: %v\n", rp.Err)
			entry.Error = rp.Err.Error()
			res.failed = true
		case rp.Changed():
			entry.Corrections = 1
			res.corrections++
			if r.full {
				fmt.Fprintf(w, "----- Registrar: %s...1 correction\n", name)
			} else {
				fmt.Fprintf(w, "1 correction (registrar: %s)\n", name)
			}
			num++
			to := rp.New
			for _, p := range rp.Pending {
				to = append(slices.Clone(to), "(name servers of the zone push creates at "+p+")")
			}
			line := fmt.Sprintf("± MODIFY nameservers at %s: %s -> %s", name, strings.Join(rp.Old, ","), strings.Join(to, ","))
			fmt.Fprintf(w, "#%d: %s\n", num, r.pal.paint(diff.Modify, line))
			entry.Changes = append(entry.Changes, reportChange{Kind: "MODIFY", Name: d.Name, Type: "NS", Lines: []string{line}})
			switch {
			case !r.push:
			case r.ask != nil && !r.ask(""):
				entry.Outcome = "skipped"
			default:
				if err := r.e.ApplyRegistrar(ctx, d, rp); err != nil {
					fmt.Fprintf(w, "FAILURE! %v\n", err)
					entry.Outcome, entry.Error = "failed", err.Error()
					res.failed = true
				} else {
					fmt.Fprintln(w, "SUCCESS!")
					entry.Outcome = "applied"
				}
			}
		case r.full:
			fmt.Fprintf(w, "----- Registrar: %s...0 corrections\n", name)
		}
		if rp.Err != nil || rp.Changed() || r.full {
			res.report = append(res.report, entry)
		}
	}
	return res
}

// applyProvider prints and applies one provider's plan: all of it at once,
// or with -i one record set at a time after asking. It returns how many
// corrections the user chose to skip.
func (r *runner) applyProvider(ctx context.Context, w io.Writer, pp *engine.ProviderPlan, num *int) (skipped int, err error) {
	if r.ask == nil {
		r.printChanges(w, pp.Plan, pp.Plan.Changes, num)
		if err := r.e.Apply(ctx, pp, pp.Plan); err != nil {
			return 0, err
		}
		fmt.Fprintln(w, "SUCCESS!")
		return 0, nil
	}
	for _, c := range pp.Plan.Changes {
		r.printChanges(w, pp.Plan, []diff.Change{c}, num)
		if !r.ask("") {
			fmt.Fprintln(w, "Skipped.")
			skipped += len(c.Lines(pp.Plan.MetaKeys))
			continue
		}
		one := &diff.Plan{Zone: pp.Plan.Zone, MetaKeys: pp.Plan.MetaKeys, Changes: []diff.Change{c}}
		if err := r.e.Apply(ctx, pp, one); err != nil {
			return skipped, err
		}
		fmt.Fprintln(w, "SUCCESS!")
	}
	return skipped, nil
}

// printChanges prints changes of plan as numbered record-level corrections.
func (r *runner) printChanges(w io.Writer, plan *diff.Plan, changes []diff.Change, num *int) {
	for _, c := range changes {
		for _, l := range c.Lines(plan.MetaKeys) {
			*num++
			fmt.Fprintf(w, "#%d: %s\n", *num, r.pal.paint(l.Kind, l.Text))
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
