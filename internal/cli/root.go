// Package cli is dnsctl's command line: one file per verb, the flags they
// share, and the rendering of plans as text and reports. It wires the
// engine's stages together and owns nothing else.
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
	root := newRoot(stdin, stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	fmt.Fprintln(stderr, formatError(err))
	return 1
}

// formatError prints a multi-problem error one problem per line.
func formatError(err error) string {
	msg := err.Error()
	if strings.Contains(msg, "\n") || strings.HasPrefix(msg, "ERROR") {
		return msg
	}
	return "ERROR: " + msg
}

// globals are flags every command understands.
type globals struct {
	noColors bool
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
}

func newRoot(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	g := &globals{stdin: stdin, stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "dnsctl",
		Short: "DNS as code for Amazon Route 53, compatible with DNSControl's dnsconfig.js",
		Long: `dnsctl reads your zones from dnsconfig.js and your accounts from creds.json,
shows what would change (preview) and makes the providers match (push).`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetIn(stdin)
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
	for _, w := range e.Warnings {
		fmt.Fprintln(g.stderr, w.String())
	}
	return e, nil
}
