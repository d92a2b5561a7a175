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

	"github.com/spf13/cobra"

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

// Main runs dnsctl with args and returns the process exit status.
func Main(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	g := &globals{stdin: stdin, stdout: safe.NewWriter(stdout), stderr: safe.NewWriter(stderr),
		stdoutTTY: isTerminal(stdout), stderrTTY: isTerminal(stderr)}
	root := newRoot(g)
	root.SetArgs(args)
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
	msg := err.Error()
	if strings.HasPrefix(msg, "ERROR") {
		safe.Fprintf(w, "%s\n", msg)
		return
	}
	safe.Fprintf(w, "ERROR: %s\n", msg)
}

// globals are flags every command understands, and where it prints.
type globals struct {
	noColors bool
	stdin    io.Reader
	// stdout and stderr are the only ways to the terminal (see the
	// package comment); the flags say whether each is a terminal.
	stdout, stderr       *safe.Writer
	stdoutTTY, stderrTTY bool
}

func newRoot(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "dnsctl",
		Short: "DNS as code for Amazon Route 53, compatible with DNSControl's dnsconfig.js",
		Long: `dnsctl reads your zones from dnsconfig.js and your accounts from creds.json,
shows what would change (preview) and makes the providers match (push).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(g.stdout)
	root.SetErr(g.stderr)
	root.SetIn(g.stdin)
	root.PersistentFlags().BoolVar(&g.noColors, "no-colors", false, "never colour the output")
	root.AddCommand(
		newPreviewCmd(g, false),
		newPreviewCmd(g, true),
		newCheckCmd(g),
		newPrintIRCmd(g),
		newGetZonesCmd(g),
		newCreateDomainsCmd(g),
		newVersionCmd(g),
	)
	return root
}

// configFlags are the flags of the commands that read dnsconfig.js.
type configFlags struct {
	config string
	creds  string
	vars   []string
}

func (c *configFlags) register(cmd *cobra.Command) {
	cmd.Flags().StringVar(&c.config, "config", "dnsconfig.js", "the configuration `file`")
	cmd.Flags().StringVar(&c.creds, "creds", "creds.json", "the credentials `file` (a leading ! runs a command that prints them)")
	cmd.Flags().StringArrayVarP(&c.vars, "variable", "v", nil, "set a global variable for dnsconfig.js (`name=value`, repeatable)")
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

// loadEngine loads and validates the configuration and prints its warnings.
func loadEngine(ctx context.Context, g *globals, opts engine.Options) (*engine.Engine, error) {
	e, err := engine.Load(ctx, opts)
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
