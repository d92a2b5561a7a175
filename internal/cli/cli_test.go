package cli

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/dnsctl/dnsctl/internal/testutil/bindcheck"
)

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"dnsctl": func() {
			os.Exit(Main(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
		},
	})
}

// TestScripts runs the CLI sessions under testdata/script: each is a user's
// session (commands, files, expected output and exit status). Refresh the
// expected output after an intended change with `go test -run TestScripts -update`.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			// No AWS configuration from the developer's machine leaks in.
			env.Setenv("AWS_CONFIG_FILE", env.WorkDir+"/.aws-config")
			env.Setenv("AWS_SHARED_CREDENTIALS_FILE", env.WorkDir+"/.aws-credentials")
			env.Setenv("AWS_EC2_METADATA_DISABLED", "true")
			// BIND serials start at today's date (YYYYMMDDnn, UTC):
			// expected output names today ${TODAY}.
			env.Setenv("TODAY", time.Now().UTC().Format("20060102"))
			// cmpenv expands $NAME: zone-file directives expand to themselves.
			env.Setenv("ORIGIN", "$ORIGIN")
			env.Setenv("TTL", "$TTL")
			loadZoneFilesAtEnd(env)
			return nil
		},
	})
}

// loadZoneFilesAtEnd makes the script fail unless every zone file dnsctl
// wrote in its work directory (named by the default filename format) loads
// in BIND's own checker, named-checkzone, as named loads a primary zone.
func loadZoneFilesAtEnd(env *testscript.Env) {
	env.Defer(func() {
		if _, err := bindcheck.Dir(env.WorkDir); err != nil {
			env.T().Fatal(err)
		}
	})
}
