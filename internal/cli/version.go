package cli

import (
	"runtime"
	"runtime/debug"
	"strings"

	"github.com/spf13/cobra"

	"github.com/dnsctl/dnsctl/internal/safe"
)

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print dnsctl's version",
		Long: `Print dnsctl's version: the module version (or "dev"), the VCS commit,
its date and "modified" when the tree was dirty, all read from the build
information Go records in the binary, then the Go release and platform.`,
		Args: cobra.NoArgs,
		Run: func(*cobra.Command, []string) {
			safe.Fprintf(g.stdout, "dnsctl %s\n", versionString())
		},
	}
}

// versionString is what version and --version print after "dnsctl ".
func versionString() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		bi = nil
	}
	return formatVersion(Version, bi, runtime.Version(), runtime.GOOS+"/"+runtime.GOARCH)
}

// formatVersion builds the version line from the -ldflags version (v, "dev"
// when unset), the build information bi (nil when the binary has none), the
// Go release and the platform: "v1.2.3 (commit 0123456789ab
// 2026-01-02T03:04:05Z modified, go1.26.8 linux/amd64)". The module version
// replaces "dev" when go install module@version recorded one; the commit
// part is left out when the build recorded no VCS information.
func formatVersion(v string, bi *debug.BuildInfo, goVersion, platform string) string {
	var revision, vcsTime string
	modified := false
	if bi != nil {
		if mv := bi.Main.Version; v == "dev" && mv != "" && mv != "(devel)" {
			v = mv
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.time":
				vcsTime = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	var b strings.Builder
	b.WriteString(v)
	b.WriteString(" (")
	if revision != "" {
		if len(revision) > 12 {
			revision = revision[:12]
		}
		b.WriteString("commit " + revision)
		if vcsTime != "" {
			b.WriteString(" " + vcsTime)
		}
		if modified {
			b.WriteString(" modified")
		}
		b.WriteString(", ")
	}
	b.WriteString(goVersion + " " + platform + ")")
	return b.String()
}
