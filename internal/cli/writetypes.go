package cli

import "github.com/spf13/cobra"

func newWriteTypesCmd(g *globals) *cobra.Command { return &cobra.Command{Use: "write-types", Hidden: true} }
