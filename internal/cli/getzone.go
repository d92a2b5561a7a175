package cli

import "github.com/spf13/cobra"

// addAlias gives root's subcommand name a second name: DNSControl's legacy
// "get-zone", which is its get-zones under the old name (same arguments,
// CREDKEY [PROVIDER] ZONE...|all, same flags, same output).
func addAlias(root *cobra.Command, name, alias string) {
	for _, c := range root.Commands() {
		if c.Name() == name {
			c.Aliases = append(c.Aliases, alias)
			return
		}
	}
}
