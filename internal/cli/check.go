package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/engine"
	"github.com/dnsctl/dnsctl/internal/safe"
)

// irFlag registers --ir (and its DNSControl alias --json, hidden) on a
// command that reads the configuration without the other compatibility
// flags of preview/push.
func irFlag(cmd *cobra.Command, ir *string) {
	cmd.Flags().StringVar(ir, "ir", "", "read the configuration from this IR `file` (JSON, as print-ir writes it or DNSControl's) instead of dnsconfig.js")
	cmd.Flags().StringVar(ir, "json", "", "same as --ir")
	_ = cmd.Flags().MarkHidden("json")
}

func newCheckCmd(g *globals) *cobra.Command {
	f := &configFlags{}
	var ir string
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check dnsconfig.js for errors without contacting any provider",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			vars, err := f.varMap()
			if err != nil {
				return err
			}
			e, err := loadEngine(cmd.Context(), g, engine.Options{ConfigPath: f.config, CredsPath: f.creds, Vars: vars, SkipCreds: true,
				EvalTimeout: f.engineEvalTimeout(), AllowFetch: f.allowFetch, IRPath: ir})
			if err != nil {
				return err
			}
			safe.Fprintf(g.stdout, "No errors: %d domains, %d records.\n", len(e.Config.Domains), countRecords(e))
			return nil
		},
	}
	f.register(cmd)
	irFlag(cmd, &ir)
	return cmd
}

func countRecords(e *engine.Engine) int {
	n := 0
	for _, d := range e.Config.Domains {
		n += len(d.Records)
	}
	return n
}

func newPrintIRCmd(g *globals) *cobra.Command {
	f := &configFlags{}
	var ir string
	var pretty bool
	var out string
	cmd := &cobra.Command{
		Use:   "print-ir",
		Short: "Print the normalised configuration as JSON",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			vars, err := f.varMap()
			if err != nil {
				return err
			}
			e, err := loadEngine(cmd.Context(), g, engine.Options{ConfigPath: f.config, CredsPath: f.creds, Vars: vars, SkipCreds: true,
				EvalTimeout: f.engineEvalTimeout(), AllowFetch: f.allowFetch, IRPath: ir})
			if err != nil {
				return err
			}
			var b []byte
			if pretty {
				b, err = json.MarshalIndent(e.Config, "", "  ")
			} else {
				b, err = json.Marshal(e.Config)
			}
			if err != nil {
				return fmt.Errorf("print-ir: %w", err)
			}
			b = append(b, '\n')
			if out != "" {
				return writeOutput(out, b)
			}
			_, err = g.stdout.Write(b)
			return err
		},
	}
	f.register(cmd)
	irFlag(cmd, &ir)
	cmd.Flags().BoolVar(&pretty, "pretty", false, "indent the JSON")
	cmd.Flags().StringVar(&out, "out", "", "write to `file` instead of standard output")
	return cmd
}
