package cli

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/notify"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// compatFlags are DNSControl's preview/push flags beyond dnsctl's own:
// those that mean something here, and those accepted so that a pipeline
// written for DNSControl runs unchanged (docs/compatibility.md lists
// which do nothing).
type compatFlags struct {
	ir                string
	notify            bool
	cmode             string
	cmax              int
	populateOnPreview bool
	bindserial        int64
	// Accepted, no effect.
	dev bool
	// reportmax limits the records listed under an INFO line.
	reportmax int
}

func (c *compatFlags) addFlags(cmd *cobra.Command, config *string) {
	fl := cmd.Flags()
	fl.StringVar(&c.ir, "ir", "", "read the configuration from this IR `file` (JSON, as print-ir writes it or DNSControl's) instead of dnsconfig.js")
	fl.StringVar(&c.ir, "json", "", "same as --ir")
	fl.StringVar(config, "js", "dnsconfig.js", "same as --config")
	fl.BoolVar(&c.notify, "notify", false, "send notifications to the services of creds.json's \"notifications\" entry")
	fl.StringVar(&c.cmode, "cmode", "concurrent", "concurrency mode: concurrent, none (one zone at a time) or all")
	fl.IntVar(&c.cmax, "cmax", 100, "at most this many zones worked on at once")
	fl.BoolVar(&c.populateOnPreview, "populate-on-preview", false, "preview creates missing zones (the records are still only previewed)")
	fl.Int64Var(&c.bindserial, "bindserial", 0, "SOA serial of every BIND zone file written (for reproducible files)")
	fl.BoolVar(&c.dev, "dev", false, "accepted for DNSControl compatibility; has no effect")
	fl.IntVar(&c.reportmax, "reportmax", 5, "list at most this many of the records IGNORE and NO_PURGE keep (--full: all)")
	for _, name := range []string{"json", "js", "dev"} {
		fl.MarkHidden(name)
	}
}

// check checks the values as DNSControl does.
func (c *compatFlags) check() error {
	if !slices.Contains([]string{"concurrent", "none", "all"}, c.cmode) {
		return fmt.Errorf("--cmode %q: want concurrent, none or all", c.cmode)
	}
	if c.reportmax < 0 {
		return fmt.Errorf("--reportmax %d: want 0 or more", c.reportmax)
	}
	if c.cmax < 1 {
		return fmt.Errorf("--cmax %d: want 1 or more", c.cmax)
	}
	if c.bindserial < 0 || c.bindserial > 1<<32-1 {
		return fmt.Errorf("--bindserial %d: a serial is a number from 1 to 4294967295 (0: the usual serials)", c.bindserial)
	}
	return nil
}

// workers is how many zones are worked on at once: --concurrency when
// given, else one with --cmode none, else a few per CPU, capped by --cmax.
// (--cmode all is concurrent too: providers that cannot work on two zones
// at once, such as BIND's directory, still take them one at a time.)
func workers(cmd *cobra.Command, concurrency int, c *compatFlags) int {
	switch {
	case concurrency > 0:
		return concurrency
	case c.cmode == "none":
		return 1
	}
	n := 4 * runtime.GOMAXPROCS(0)
	if cmd.Flags().Changed("cmax") {
		n = min(n, c.cmax)
	}
	return max(n, 1)
}

// registerGlobalCompat adds DNSControl's global flags: -V/--version, and
// --debug, --disableordering and the obsolete --diff2, which change nothing
// here. Like every flag of the root, they may stand before or after the
// command.
func registerGlobalCompat(root *cobra.Command, g *globals) {
	pf := root.PersistentFlags()
	pf.Bool("debug", false, "accepted for DNSControl compatibility; has no effect")
	pf.Bool("disableordering", false, "accepted for DNSControl compatibility; has no effect (dnsctl orders changes as each provider needs)")
	pf.Bool("diff2", false, "obsolete DNSControl flag; has no effect")
	pf.Bool("generate-bash-completion", false, "use `dnsctl completion` instead")
	for _, name := range []string{"debug", "disableordering", "diff2", "generate-bash-completion"} {
		pf.MarkHidden(name)
	}
	root.Flags().BoolP("version", "V", false, "print the version")
	root.Version = versionString()
	root.SetVersionTemplate("dnsctl {{.Version}}\n")
	next := root.PersistentPreRunE
	root.PersistentPreRunE = func(cmd *cobra.Command, args []string) error {
		if f := cmd.Flags().Lookup("diff2"); f != nil && f.Changed {
			safe.Fprintf(g.stderr, "WARNING: --diff2 is obsolete and has no effect; remove it\n")
		}
		if next != nil {
			return next(cmd, args)
		}
		return nil
	}
}

// notifier sends the run's notifications; a nil notifier sends nothing.
type notifier struct {
	n    *notify.Notifier
	warn func(msg string)
}

// newNotifier builds the notifier of a run, or nil when nothing is to be
// sent: --notify (or notify_on_preview / notify_on_push in creds.json)
// with at least one service configured.
func newNotifier(g *globals, e *engine.Engine, flag, push bool) *notifier {
	if !notify.Wanted(e.Notifications, flag, push) {
		return nil
	}
	n, remarks := notify.New(e.Notifications)
	for _, r := range remarks {
		safe.Fprintf(g.stderr, "WARNING: %s\n", r)
	}
	if !n.Active() {
		if flag && len(remarks) == 0 {
			safe.Fprintf(g.stderr, "WARNING: --notify: creds.json has no \"notifications\" entry with a service dnsctl can send to; nothing is sent\n")
		}
		return nil
	}
	var mu sync.Mutex // zones are worked on concurrently
	return &notifier{n: n, warn: func(msg string) {
		mu.Lock()
		defer mu.Unlock()
		safe.Fprintf(g.stderr, "WARNING: %s\n", msg)
	}}
}

// changes notifies the corrections of changes at a provider: planned
// (preview) or made by push, with err the failure of push if any.
func (nt *notifier) changes(ctx context.Context, domain, prov string, plan *diff.Plan, changes []diff.Change, preview bool, err error) {
	if nt == nil {
		return
	}
	var lines []string
	for _, c := range changes {
		for _, l := range c.Lines(plan.MetaKeys) {
			lines = append(lines, l.Text)
		}
	}
	nt.send(ctx, notify.Event{Domain: domain, Provider: prov, Lines: lines, Preview: preview, Err: err})
}

// observer sends, as an observer of a run, the corrections a preview
// plans or a push makes (nil when nothing is sent).
func (nt *notifier) observer(ctx context.Context, push bool) engine.Observer {
	if nt == nil {
		return nil
	}
	return engine.ObserverFunc(func(ev engine.Event) {
		switch ev := ev.(type) {
		case engine.ChangesListed:
			if !push {
				nt.changes(ctx, ev.Domain.UniqueName(), ev.Plan.Provider.Name, ev.Plan.Plan, ev.Changes, true, nil)
			}
		case engine.Applied:
			nt.changes(ctx, ev.Sent.Zone, ev.Plan.Provider.Name, ev.Sent, ev.Sent.Changes, false, ev.Err)
		case engine.RegistrarPlanned:
			if !push && ev.Plan.Changed() {
				nt.send(ctx, notify.Event{Domain: ev.Domain.UniqueName(), Provider: ev.Plan.Registrar.Name, Lines: []string{ev.Line}, Preview: true})
			}
		case engine.RegistrarApplied:
			nt.send(ctx, notify.Event{Domain: ev.Domain.UniqueName(), Provider: ev.Plan.Registrar.Name, Lines: []string{ev.Line}, Err: ev.Err})
		}
	})
}

func (nt *notifier) send(ctx context.Context, ev notify.Event) {
	if nt == nil {
		return
	}
	// A notification is sent even when the run was interrupted: it
	// reports what happened.
	if err := nt.n.Notify(context.WithoutCancel(ctx), ev); err != nil {
		nt.warn(err.Error())
	}
}

// printUnhandled says, one line each, what the run left alone because it
// needs a provider type dnsctl does not have, and adds it to the report.
func printUnhandled(w safe.Printer, e *engine.Engine) []reportEntry {
	var out []reportEntry
	for _, u := range e.Unhandled {
		safe.Fprintf(w, "NOT HANDLED: %s\n", u)
		ent := reportEntry{Domain: u.Domain, Provider: u.Provider, Outcome: "not handled", Error: u.String()}
		if u.Registrar {
			ent.Provider, ent.Registrar = "", u.Provider
		}
		out = append(out, ent)
	}
	return out
}
