package cli

import "github.com/spf13/cobra"

// newPPreviewCmd is DNSControl's ppreview (push false) or ppush (push
// true): its "concurrent" forms of preview and push, which DNSControl's
// pipelines still call. dnsctl's preview and push already read and plan
// zones concurrently, so these are the same commands, with the same flags
// (--cmode and --cmax included) and the same output, under the other name.
func newPPreviewCmd(g *globals, push bool) *cobra.Command {
	cmd := newPreviewCmd(g, push)
	if push {
		cmd.Use = "ppush"
		cmd.Short = "The same as push (DNSControl's concurrent form of push)"
	} else {
		cmd.Use = "ppreview"
		cmd.Short = "The same as preview (DNSControl's concurrent form of preview)"
	}
	return cmd
}
