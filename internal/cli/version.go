package cli

import (
	"fmt"
	"runtime"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/safe"
)

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dnsctl's version",
		Args:  cobra.NoArgs,
		Run: func(*cobra.Command, []string) {
			safe.Fprintf(g.stdout, "dnsctl %s\n", versionString())
		},
	}
}

// versionString is the version, and the Go release and platform of the
// build, as version and --version print them.
func versionString() string {
	v := Version
	if bi, ok := debug.ReadBuildInfo(); ok && v == "dev" && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	return fmt.Sprintf("%s (%s %s/%s)", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
