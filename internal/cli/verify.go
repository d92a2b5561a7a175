package cli

import (
	"context"
	"errors"
	"fmt"
	"net"
	"time"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/safe"
)

func newVerifyCmd(g *globals) *cobra.Command {
	var f configFlags
	var domains string
	var servers []string
	var timeout time.Duration
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Ask the authoritative servers whether they serve the configuration",
		Long: `verify queries each zone's authoritative name servers (those of its DNS
providers, or every --server given) for every record set the configuration
declares, over UDP with EDNS0 and over TCP when an answer is truncated, and
reports per server "OK zone (N record sets)" or one line per difference:
DIFF (data), MISSING (no records), TTL (data agree, TTL does not). A routed
Route 53 set (set identifiers) must answer one of its configured values; an
R53_ALIAS set only records of its type, since the target's data are not in
the configuration. Exit status 1 on any difference or unreachable server.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runVerify(cmd.Context(), g, &f, domains, servers, timeout)
		},
	}
	f.register(cmd)
	cmd.Flags().StringVar(&domains, "domains", "", "verify only these domains (comma-separated, globs allowed)")
	cmd.Flags().StringArrayVar(&servers, "server", nil, "ask this server (`host:port`, repeatable) instead of the providers' name servers")
	cmd.Flags().DurationVar(&timeout, "timeout", 5*time.Second, "time limit of each query")
	return cmd
}

func runVerify(ctx context.Context, g *globals, f *configFlags, domains string, servers []string, timeout time.Duration) error {
	if timeout <= 0 {
		return fmt.Errorf("verify: --timeout must be positive, not %s", timeout)
	}
	for _, s := range servers {
		if _, _, err := net.SplitHostPort(s); err != nil {
			return fmt.Errorf("verify: --server %q: want host:port: %w", s, err)
		}
	}
	vars, err := f.varMap()
	if err != nil {
		return err
	}
	e, err := loadEngine(ctx, g, engine.Options{ConfigPath: f.config, CredsPath: f.creds, Vars: vars,
		Domains: domains, EvalTimeout: f.engineEvalTimeout(), AllowFetch: f.allowFetch})
	if err != nil {
		return err
	}
	if !verifyEngine(ctx, g, e, servers, timeout) {
		return exitError{1}
	}
	return nil
}

// verifyEngine asks the servers of every domain of e (or servers) and
// prints the report; it returns whether every server agrees.
func verifyEngine(ctx context.Context, g *globals, e *engine.Engine, servers []string, timeout time.Duration) bool {
	results, err := e.Verify(ctx, engine.VerifyOptions{Servers: servers, Timeout: timeout, Workers: 8})
	if err != nil {
		safe.Fprintf(g.stderr, "verify: %s\n", err)
		return false
	}
	ok := true
	for _, res := range results {
		ok = ok && res.OK()
		switch {
		case errors.Is(res.Err, engine.ErrNoServers):
			safe.Fprintf(g.stderr, "verify: %s: %s\n", res.Zone, res.Err)
		case res.Err != nil:
			safe.Fprintf(g.stdout, "UNREACHABLE %s %s: %s\n", res.Server, res.Zone, res.Err)
		case res.OK():
			safe.Fprintf(g.stdout, "OK %s %s (%d record sets)\n", res.Zone, res.Server, res.Sets)
		default:
			for _, fd := range res.Findings {
				safe.Fprintf(g.stdout, "%s %s %s\n", fd.Kind, res.Server, fd.Detail())
			}
		}
	}
	return ok
}
