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
			bindScriptEnv(env)
			return nil
		},
	})
}

// bindScriptEnv prepares a BIND session's environment: no AWS
// configuration from the developer's machine leaks in, $TODAY names the
// date BIND serials start at (YYYYMMDDnn, UTC), $ORIGIN and $TTL expand to
// themselves in cmpenv, and the zone files left at the end must load.
func bindScriptEnv(env *testscript.Env) {
	env.Setenv("AWS_CONFIG_FILE", env.WorkDir+"/.aws-config")
	env.Setenv("AWS_SHARED_CREDENTIALS_FILE", env.WorkDir+"/.aws-credentials")
	env.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	env.Setenv("TODAY", time.Now().UTC().Format("20060102"))
	env.Setenv("ORIGIN", "$ORIGIN")
	env.Setenv("TTL", "$TTL")
	loadZoneFilesAtEnd(env)
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
