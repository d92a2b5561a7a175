package cli

import "github.com/spf13/cobra"

func newInitCmd(g *globals) *cobra.Command { return &cobra.Command{Use: "init", Hidden: true} }
