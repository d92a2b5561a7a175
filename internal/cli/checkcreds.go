package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newCheckCredsCmd is DNSControl's check-creds: it proves that a creds.json
// entry works by listing the zones of its account (get-zones --format
// nameonly CREDKEY all), one a line. Bad credentials end it with status 1
// and the provider's error.
func newCheckCredsCmd(g *globals) *cobra.Command {
	var credsPath, out, format string
	var ttl int
	cmd := &cobra.Command{
		Use:   "check-creds CREDKEY [PROVIDER]",
		Short: "Check a creds.json entry by listing the zones of its account",
		Long: `check-creds lists the zones the account of a creds.json entry holds, one a
line (an empty list is a success). If the credentials do not work, it says why
and exits with status 1. PROVIDER, accepted for DNSControl compatibility, is
the entry's TYPE or "-".`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			ga := []string{args[0]}
			if len(args) == 2 {
				if p := args[1]; p != "-" && !isProviderType(p) {
					return fmt.Errorf("check-creds: %q is not a provider type dnsctl has (BIND, NONE, ROUTE53) nor \"-\"", p)
				}
				ga = append(ga, args[1])
			}
			return runGetZones(cmd.Context(), g, "check-creds", credsPath, formatNameOnly, out, append(ga, "all"))
		},
	}
	cmd.Flags().StringVar(&credsPath, "creds", "creds.json", "the credentials `file` (a leading ! runs a command that prints them)")
	cmd.Flags().StringVar(&out, "out", "", "write the list to `file` instead of standard output")
	// DNSControl's check-creds shares get-zones' flags and ignores these.
	cmd.Flags().StringVar(&format, "format", "", "accepted for DNSControl compatibility; has no effect")
	cmd.Flags().IntVar(&ttl, "ttl", 0, "accepted for DNSControl compatibility; has no effect")
	_ = cmd.Flags().MarkHidden("format")
	_ = cmd.Flags().MarkHidden("ttl")
	return cmd
}
