package cli

import "github.com/spf13/cobra"

func newFmtCmd(g *globals) *cobra.Command { return &cobra.Command{Use: "fmt", Hidden: true} }
