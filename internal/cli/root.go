// Package cli is dnsctl's command line: one file per verb, the flags they
// share, and the rendering of plans as text and reports. It wires the
// engine's stages together and owns nothing else.
//
// Everything it prints goes through internal/safe: standard output and
// error are safe.Writers, so no byte of data reaches the terminal as a
// control character, and lines are written with safe.Fprintf, so a value
// stays on the line it is printed on. The colours and the progress line
// are safe.Seq values. A test (TestPrintsOnlyThroughSafe) holds the
// package to this.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/dsl"
	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/model"
	"github.com/dnsctl/dnsctl/internal/safe"
	// Provider types register themselves.
	_ "github.com/dnsctl/dnsctl/internal/provider/bind"
	_ "github.com/dnsctl/dnsctl/internal/provider/none"
	_ "github.com/dnsctl/dnsctl/internal/provider/route53"
)

// Version is set at build time with -ldflags "-X github.com/dnsctl/dnsctl/internal/cli.Version=…".
var Version = "dev"

// exitError carries an exit status without a message of its own (the
// command has already said what went wrong).
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// Main runs dnsctl with args and returns the process exit status. When ctx
// ends (the first Ctrl-C or SIGTERM) the run stops: at once while it
// evaluates the configuration or reads zones, after the change requests
// already sent while push applies a plan; either way it exits 1.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{stdin: stdin, stdout: safe.NewWriter(stdout), stderr: safe.NewWriter(stderr),
		stdoutTTY: isTerminal(stdout), stderrTTY: isTerminal(stderr)}
	root := newRoot(g)
	root.SetArgs(args)
	defer watchInterrupt(ctx, g)()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	printError(g.stderr, err)
	return 1
}

// printError prints the error a command ended with: a model.Problems one
// problem per line, the errors of an errors.Join one per line, anything
// else on one line (a newline in its message is escaped).
func printError(w safe.Printer, err error) {
	switch e := err.(type) {
	case model.Problems:
		for _, p := range e {
			safe.Fprintf(w, "%s\n", p)
		}
		return
	case interface{ Unwrap() []error }:
		if errs := e.Unwrap(); len(errs) > 0 {
			for _, err := range errs {
				printError(w, err)
			}
			return
		}
	}
	msg := model.Describe(err.Error()) // never an empty message
	if strings.HasPrefix(msg, "ERROR") {
		safe.Fprintf(w, "%s\n", msg)
		return
	}
	safe.Fprintf(w, "ERROR: %s\n", msg)
}

// globals are flags every command understands, where it prints, and the
// run's state.
type globals struct {
	noColors bool
	stdin    io.Reader
	// stdout and stderr are the only ways to the terminal (see the
	// package comment); the flags say whether each is a terminal.
	stdout, stderr       *safe.Writer
	stdoutTTY, stderrTTY bool
	// phase is what the run is doing, for the message of an interrupt.
	phase   int32
	phaseMu sync.Mutex
}

// setPhase records what the run does now.
func (g *globals) setPhase(p int32) {
	g.phaseMu.Lock()
	g.phase = p
	g.phaseMu.Unlock()
}

// endLoad leaves phaseLoad for phaseRead unless ctx has ended: then the run
// stays in phaseLoad (whose interrupt message is loadEngine's) and endLoad
// returns false.
func (g *globals) endLoad(ctx context.Context) bool {
	g.phaseMu.Lock()
	defer g.phaseMu.Unlock()
	if ctx.Err() != nil {
		return false
	}
	g.phase = phaseRead
	return true
}

// The phases of a run, as an interrupt sees them.
const (
	// phaseRead: reading (zones, the provider); nothing changes.
	phaseRead int32 = iota
	// phaseLoad: evaluating and validating the configuration; an
	// interrupt stops it at once and loadEngine says so.
	phaseLoad
	// phaseApply: push (or create-domains) is changing providers.
	phaseApply
)

// watchInterrupt says on standard error, as soon as ctx ends, what the
// run does about it; the returned function ends the watch (after the
// message, if it is being written).
func watchInterrupt(ctx context.Context, g *globals) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		select {
		case <-done:
			return
		case <-ctx.Done():
		}
		g.phaseMu.Lock()
		phase := g.phase
		g.phaseMu.Unlock()
		switch phase {
		case phaseLoad: // loadEngine's error says it, with the place
		case phaseApply:
			safe.Fprintf(g.stderr, "dnsctl: interrupted; finishing the requests in flight (interrupt again to quit at once)\n")
		default:
			safe.Fprintf(g.stderr, "dnsctl: interrupted; stopping, nothing was changed\n")
		}
	}()
	return func() {
		close(done)
		wg.Wait()
	}
}

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "dnsctl",
		Short: "DNS as code for Amazon Route 53, compatible with DNSControl's dnsconfig.js",
		Long: `dnsctl reads your zones from dnsconfig.js and your accounts from creds.json,
shows what would change (preview) and makes the providers match (push).

Limits: evaluating dnsconfig.js stops after --eval-timeout (60s; 0 for none)
or above 2 GiB of memory. require and require_glob read regular files only,
of at most 16 MiB each and 64 MiB in all. Ctrl-C stops at once, changing
nothing, unless push is applying changes: then it finishes the requests in
flight (a second Ctrl-C quits at once).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.SetIn(g.stdin)
	root.PersistentFlags().BoolVar(&g.noColors, "no-colors", false, "never colour the output")
	registerGlobalCompat(root, g) // DNSControl's other global flags (compat.go)
	root.AddCommand(
		newPreviewCmd(g, false),
		newPreviewCmd(g, true),
		newCheckCmd(g),
		newPrintIRCmd(g),
		newGetZonesCmd(g),
		newCreateDomainsCmd(g),
		newVersionCmd(g),
	)
	root.AddCommand(newPPreviewCmd(g, false), newPPreviewCmd(g, true), newCheckCredsCmd(g),
		newFmtCmd(g), newWriteTypesCmd(g), newInitCmd(g), newVerifyCmd(g))
	addAlias(root, "get-zones", "get-zone") // DNSControl's legacy name
	return root
}

// configFlags are the flags of the commands that read dnsconfig.js.
type configFlags struct {
	config      string
	creds       string
	vars        []string
	evalTimeout time.Duration
	allowFetch  bool
}

func (c *configFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.config, "config", "dnsconfig.js", "the configuration `file`")
	cmd.Flags().StringVar(&c.creds, "creds", "creds.json", "the credentials `file` (a leading ! runs a command that prints them)")
	cmd.Flags().StringArrayVarP(&c.vars, "variable", "v", nil, "set a global variable for dnsconfig.js (`name=value`, repeatable)")
	cmd.Flags().DurationVar(&c.evalTimeout, "eval-timeout", dsl.DefaultTimeout, "stop evaluating dnsconfig.js after this long (0 = no limit)")
	cmd.Flags().BoolVar(&c.allowFetch, "allow-fetch", false, "let dnsconfig.js make HTTP requests with FETCH() (as DNSControl)")
	// The flags are checked before the command runs (and before any
	// PreRunE the command sets itself).
	next := cmd.PreRunE
	cmd.PreRunE = func(cmd *cobra.Command, args []string) error {
		if err := c.validate(); err != nil {
			return err
		}
		if next != nil {
			return next(cmd, args)
		}
		return nil
	}
}

// validate refuses flag values that parse but mean nothing: a negative
// --eval-timeout (which would otherwise be taken for no limit at all).
func (c *configFlags) validate() error {
	if c.evalTimeout < 0 {
		return fmt.Errorf("--eval-timeout must be 0 (no limit) or positive, not %s", c.evalTimeout)
	}
	return nil
}

// engineEvalTimeout is --eval-timeout as engine.Options wants it: 0 (no
// limit) becomes -1. validate refuses negative values; should one get
// here all the same, it becomes 0, the default limit, never no limit.
func (c *configFlags) engineEvalTimeout() time.Duration {
	switch {
	case c.evalTimeout == 0:
		return -1 // no limit
	case c.evalTimeout < 0:
		return 0 // the engine's default limit
	}
	return c.evalTimeout
}

func (c *configFlags) varMap() (map[string]string, error) {
	m := map[string]string{}
	for _, kv := range c.vars {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("--variable %q: want name=value", kv)
		}
		m[k] = v
	}
	return m, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// loadEngine loads and validates the configuration and prints its
// warnings. An interrupt stops it at once: it says where the evaluation
// was and returns an exit status of 1.
func loadEngine(ctx context.Context, g *globals, opts engine.Options) (*engine.Engine, error) {
	g.setPhase(phaseLoad)
	e, err := engine.Load(ctx, opts)
	if !g.endLoad(ctx) {
		where := ""
		var de *dsl.Error
		if errors.As(err, &de) && errors.Is(err, context.Canceled) && de.Pos != "" {
			where = " while evaluating " + de.Pos
		}
		safe.Fprintf(g.stderr, "dnsctl: interrupted%s; stopped, nothing was changed\n", where)
		return nil, exitError{1}
	}
	if errors.Is(err, dsl.ErrTimeLimit) {
		return nil, fmt.Errorf("%w; raise the limit with --eval-timeout (for example --eval-timeout 5m; 0 for none)", err)
	}
	if err != nil {
		return nil, err
	}
	printWarnings(g, e.Warnings)
	return e, nil
}

// printWarnings prints the configuration's warnings, one per line.
func printWarnings(g *globals, ws model.Problems) {
	for _, w := range ws {
		safe.Fprintf(g.stderr, "%s\n", w)
	}
}
