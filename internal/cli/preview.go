package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/diff"
	"github.com/dnsctl/dnsctl/internal/engine"
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
	var ask func() bool
	if push && f.interactive {
		in := bufio.NewReader(g.stdin)
		ask = func() bool {
			safe.Fprintf(g.stdout, " Run? (y/N): ")
			line, _ := in.ReadString('\n')
			line = strings.ToLower(strings.TrimSpace(line))
			return line == "y" || line == "yes"
		}
	}

	n := len(e.Config.Domains)
	var prog *progress
	if ask == nil && g.stderrTTY {
		prog = startProgress(g.stderr, n, 3*time.Second, e.APICalls)
	}
	out := newOrderedOutput(g.stdout, n, prog.clear)
	// From the moment push changes providers, an interrupt lets the
	// requests in flight finish.
	phase := engine.ObserverFunc(func(ev engine.Event) {
		if st, ok := ev.(engine.StageStarted); ok && st.Applying {
			g.setPhase(phaseApply)
		}
	})
	res := e.Run(ctx, engine.RunOptions{Push: push, Workers: workers, Force: f.force,
		PopulateOnPreview: f.populateOnPreview, Confirm: ask,
		Observer: engine.Observers{phase, newScreen(out, n, f.full, f.reportmax, pal), prog,
			newNotifier(g, e, f.notify, push).observer(ctx, push)}})
	if res.NothingPushed != "" {
		prog.finish()
		prog = nil
		safe.Fprintf(g.stdout, "NOTHING PUSHED: %s.\n", res.NothingPushed)
	}
	prog.finish()

	entries := append(printUnhandled(g.stdout, e), reportEntries(res)...)
	total, applied, failed := res.Totals()
	failed = failed || e.UnhandledNamed()
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

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "batch") {
		return fmt.Sprintf("%d %ses", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}
